/*
  星光: photos far down a long gallery load only when they come near the screen.

  Chrome starts fetching loading="lazy" images up to 2,500 px below the screen on a
  slow or unknown connection, so on a 40-photo activity page a parent on a weak
  mobile network would download every thumbnail before scrolling at all. The
  figure macro therefore writes the sources of the photos after the first rows as
  data-srcset / data-src (img[data-xg-defer]); this script gives them their real
  srcset when they come within a quarter of a screen of view: a 23 KB thumbnail
  arrives in well under a second on slow 4G, and until then the frame shows the
  photo's tiny preview. Without JavaScript the thumbnail is still a link to the
  large JPEG.

  A classic deferred script, not a module: it must run even where the lightbox
  module cannot.
*/
(function () {
  "use strict";

  function load(img) {
    var picture = img.parentNode;
    var sources = picture ? picture.querySelectorAll("source[data-srcset]") : [];
    for (var i = 0; i < sources.length; i++) {
      sources[i].setAttribute("srcset", sources[i].getAttribute("data-srcset"));
      sources[i].removeAttribute("data-srcset");
    }
    if (img.hasAttribute("data-srcset")) {
      img.setAttribute("srcset", img.getAttribute("data-srcset"));
      img.removeAttribute("data-srcset");
    }
    img.setAttribute("src", img.getAttribute("data-src"));
    img.removeAttribute("data-src");
    img.removeAttribute("data-xg-defer");
  }

  function start() {
    var images = document.querySelectorAll("img[data-xg-defer]");
    var i;
    if (!("IntersectionObserver" in window)) {
      for (i = 0; i < images.length; i++) load(images[i]);
      return;
    }
    var observer = new IntersectionObserver(function (entries) {
      for (var j = 0; j < entries.length; j++) {
        if (entries[j].isIntersecting) {
          observer.unobserve(entries[j].target);
          load(entries[j].target);
        }
      }
    }, { rootMargin: "25% 0px" });
    for (i = 0; i < images.length; i++) observer.observe(images[i]);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

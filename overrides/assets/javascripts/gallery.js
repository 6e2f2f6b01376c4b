/*
  星光 lightbox: every linked photo on a page (gallery thumbnails, a teacher's
  portrait, honour certificates) opens in PhotoSwipe 5, vendored under
  assets/vendor/photoswipe/ (MIT; see its LICENSE and VERSION there).

  Without JavaScript each thumbnail is a plain link to the large JPEG; this
  module only adds to that:
  - one lightbox per page, photos in page order, swipe / pinch-zoom / keys;
  - the caption is the photo's 说明 (figcaption), else its alt text;
  - each photo has its own address, #photo-1, #photo-2 …: a shared link opens
    that photo, and opening pushes a history entry, so the phone's back gesture
    (WeChat's too) closes the lightbox instead of leaving the page.
  Loaded as a module (mkdocs.yml extra_javascript, type: module): deferred, and
  skipped by browsers too old to run PhotoSwipe, which keep the plain links.
*/
import PhotoSwipeLightbox from "../vendor/photoswipe/photoswipe-lightbox.esm.min.js";

const LINKS = ".md-content a.xg-photo__link[data-pswp-width]";
const HASH = /^#photo-(\d+)$/;
const STYLESHEET = new URL("../vendor/photoswipe/photoswipe.css", import.meta.url).href;

function photoNumber(hash) {
  const match = HASH.exec(hash || "");
  return match ? Number(match[1]) : 0;
}

function captionOf(link) {
  const figure = link.closest("figure");
  const caption = figure && figure.querySelector("figcaption");
  if (caption && caption.textContent.trim()) return caption.textContent.trim();
  const img = link.querySelector("img");
  return img ? img.alt : "";
}

function addStylesheet() {
  if (document.querySelector(`link[href="${STYLESHEET}"]`)) return;
  const sheet = document.createElement("link");
  sheet.rel = "stylesheet";
  sheet.href = STYLESHEET;
  document.head.appendChild(sheet);
}

function start() {
  const links = Array.from(document.querySelectorAll(LINKS));
  if (!links.length) return;
  addStylesheet();

  const lightbox = new PhotoSwipeLightbox({
    dataSource: links.map((link) => {
      const img = link.querySelector("img");
      return {
        src: link.href,
        srcset: link.dataset.pswpSrcset || undefined,
        width: Number(link.dataset.pswpWidth),
        height: Number(link.dataset.pswpHeight),
        alt: img ? img.alt : "",
        msrc: img ? img.currentSrc || img.src : undefined,
        element: link,
        thumbCropped: true, // cards and portraits crop their thumbnails (object-fit: cover)
        caption: captionOf(link),
      };
    }),
    pswpModule: () => import("../vendor/photoswipe/photoswipe.esm.min.js"),
    // Chinese labels for the buttons (PhotoSwipe's defaults are English).
    closeTitle: "关闭",
    zoomTitle: "放大",
    arrowPrevTitle: "上一张",
    arrowNextTitle: "下一张",
    errorMsg: "这张照片没有加载出来",
    indexIndicatorSep: " / ",
    bgOpacity: 0.92,
    // A phone's pinch opens room for detail; a double tap zooms in.
    secondaryZoomLevel: 2,
    maxZoomLevel: 3,
    preload: [1, 2],
  });

  lightbox.on("uiRegister", () => {
    lightbox.pswp.ui.registerElement({
      name: "xg-caption",
      className: "pswp__xg-caption",
      appendTo: "root",
      ariaLabel: "照片说明",
      onInit: (element, pswp) => {
        element.setAttribute("aria-live", "polite");
        const show = () => { element.textContent = pswp.currSlide?.data.caption || ""; };
        pswp.on("change", show);
        show();
      },
    });
  });

  // History: the open lightbox is one history entry (#photo-N). Paging inside it
  // replaces that entry, closing by a button goes back to the page's own entry,
  // and going back (the phone's gesture) closes it.
  let pushed = false;
  let closingByHistory = false;
  const urlFor = (index) => `${location.pathname}${location.search}#photo-${index + 1}`;
  const pageUrl = () => `${location.pathname}${location.search}`;

  lightbox.on("afterInit", () => {
    const index = lightbox.pswp.currIndex;
    if (photoNumber(location.hash) === index + 1 && history.state && history.state.xgPhoto) {
      pushed = true; // reopened by going forward again: the entry is already there
    } else {
      history.pushState({ xgPhoto: index + 1 }, "", urlFor(index));
      pushed = true;
    }
  });
  lightbox.on("change", () => {
    if (pushed) history.replaceState({ xgPhoto: lightbox.pswp.currIndex + 1 }, "", urlFor(lightbox.pswp.currIndex));
  });
  lightbox.on("close", () => {
    if (pushed && !closingByHistory) {
      pushed = false;
      history.back();
    }
    pushed = false;
    closingByHistory = false;
  });
  window.addEventListener("popstate", () => {
    if (lightbox.pswp && pushed) {
      closingByHistory = true;
      const pswp = lightbox.pswp;
      // PhotoSwipe ignores close() while its opening animation runs: a quick
      // back gesture right after the tap would be lost, so close when it ends.
      pswp.on("openingAnimationEnd", () => pswp.close());
      pswp.close();
    } else if (!lightbox.pswp) {
      openFromHash();
    }
  });

  function openFromHash() {
    const number = photoNumber(location.hash);
    if (number < 1 || number > links.length) return;
    // A shared #photo-N link: make the page itself the entry below the photo,
    // so that back closes the photo and shows the page.
    history.replaceState(null, "", pageUrl());
    lightbox.loadAndOpen(number - 1);
  }

  links.forEach((link, index) => {
    link.addEventListener("click", (event) => {
      // Ctrl/⌘/Shift/middle click keep the browser's own meaning (new tab, download).
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      lightbox.loadAndOpen(index);
    });
  });

  lightbox.init();
  openFromHash();
}

start();

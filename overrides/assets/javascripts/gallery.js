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
  A module (deferred), added by overrides/main.html only to pages with photos to
  open; browsers too old to run PhotoSwipe skip it and keep the plain links.

  PhotoSwipe itself (its two modules and its stylesheet, about 25 KB compressed)
  is fetched only when a photo is first opened, or a finger or mouse goes down on
  one: on a slow phone connection a page's first screen should not wait behind a
  lightbox nobody has asked for yet. Both modules are requested at once, so the
  first tap waits one round trip, as it did when only the core was loaded on
  demand. If they cannot be fetched, the tap follows the link to the large JPEG.
*/
const LINKS = ".md-content a.xg-photo__link[data-pswp-width]";
const HASH = /^#photo-(\d+)$/;
const VENDOR = new URL("../vendor/photoswipe/", import.meta.url);
const STYLESHEET = new URL("photoswipe.css", VENDOR).href;

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
  if (document.querySelector(`link[href="${STYLESHEET}"]`)) return Promise.resolve();
  const sheet = document.createElement("link");
  sheet.rel = "stylesheet";
  sheet.href = STYLESHEET;
  // Opened before its styles arrive, the lightbox would flash unstyled.
  const loaded = new Promise((resolve) => {
    sheet.addEventListener("load", resolve);
    sheet.addEventListener("error", resolve);
  });
  document.head.appendChild(sheet);
  return loaded;
}

function start() {
  const links = Array.from(document.querySelectorAll(LINKS));
  if (!links.length) return;

  // History: the open lightbox is one history entry (#photo-N). Paging inside it
  // replaces that entry, closing by a button goes back to the page's own entry,
  // and going back (the phone's gesture) closes it.
  let pushed = false;
  let closingByHistory = false;
  const urlFor = (index) => `${location.pathname}${location.search}#photo-${index + 1}`;
  const pageUrl = () => `${location.pathname}${location.search}`;

  function create(PhotoSwipeLightbox, core) {
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
      pswpModule: () => core,
      // Chinese labels for the buttons (PhotoSwipe's defaults are English).
      closeTitle: "关闭",
      zoomTitle: "放大",
      arrowPrevTitle: "上一张",
      arrowNextTitle: "下一张",
      errorMsg: "这张照片没有加载出来",
      indexIndicatorSep: " / ",
      bgOpacity: 0.92,
      // Zoom levels are PhotoSwipe's defaults on purpose. Levels count the
      // photo's own pixels: a double tap goes to 3x the fitted size but not
      // past the file's own pixels, a pinch up to 4x the fitted size. (Fixed
      // levels 2 and 3 made a double tap blow a photo up 6.7x on a phone.)
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

    lightbox.on("afterInit", () => {
      // PhotoSwipe names its parts for screen readers in English, with no option for it:
      // a reader heard "carousel" and "slide" on every photo. Its three slide holders are made
      // once, on opening, and reused for every photo.
      lightbox.pswp.scrollWrap.setAttribute("aria-roledescription", "照片浏览");
      lightbox.pswp.mainScroll.itemHolders.forEach((holder) => holder.el.setAttribute("aria-roledescription", "照片"));
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
    lightbox.init();
    return lightbox;
  }

  let lightbox = null;
  let loading = null;
  function loadLightbox() {
    if (!loading) {
      const core = import(new URL("photoswipe.esm.min.js", VENDOR).href);
      loading = Promise.all([import(new URL("photoswipe-lightbox.esm.min.js", VENDOR).href), core, addStylesheet()])
        .then(([{ default: PhotoSwipeLightbox }]) => {
          lightbox = create(PhotoSwipeLightbox, core);
          return lightbox;
        });
      loading.catch(() => { loading = null; }); // offline for a moment: try again on the next tap
    }
    return loading;
  }

  function open(index, link) {
    loadLightbox().then(
      (ready) => ready.loadAndOpen(index),
      () => { if (link) location.href = link.href; }, // no lightbox: the large photo itself
    );
  }

  window.addEventListener("popstate", () => {
    if (lightbox && lightbox.pswp && pushed) {
      closingByHistory = true;
      const pswp = lightbox.pswp;
      // PhotoSwipe ignores close() while its opening animation runs: a quick
      // back gesture right after the tap would be lost, so close when it ends.
      pswp.on("openingAnimationEnd", () => pswp.close());
      pswp.close();
    } else if (!(lightbox && lightbox.pswp)) {
      openFromHash();
    }
  });

  function openFromHash() {
    const number = photoNumber(location.hash);
    if (number < 1 || number > links.length) return;
    // A shared #photo-N link: make the page itself the entry below the photo,
    // so that back closes the photo and shows the page.
    history.replaceState(null, "", pageUrl());
    open(number - 1, null);
  }

  links.forEach((link, index) => {
    // A finger or the mouse going down is the earliest sign of a tap: start fetching.
    link.addEventListener("pointerdown", () => { loadLightbox().catch(() => {}); }, { passive: true });
    link.addEventListener("click", (event) => {
      // Ctrl/⌘/Shift/middle click keep the browser's own meaning (new tab, download).
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      open(index, link);
    });
  });

  openFromHash();
}

start();

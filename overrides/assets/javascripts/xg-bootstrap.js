/* 星光's one script of its own before the page's content: synchronous, in <head>,
   and small. On a slow phone connection every request made while a page loads
   waits for one of the browser's six connections to the school's server and
   shares its bandwidth with Material's styles and bundle, so what the page needs
   from us comes in this one file:

   1. Material's inline scripts, moved into a file so that a strict
      Content-Security-Policy (script-src 'self', see deploy/nginx/xingguang.conf)
      needs no 'unsafe-inline' and no per-page hashes (the bootstrap's base URL
      differs on every folder depth, so a hash would not do).
      The same file is included at each place Material had an inline script
      (overrides/partials/javascripts/*.html); data-xg-part says which part runs
      there. The browser fetches it once per page. Each part is Material 9.8.1's
      code from material/templates/partials/javascripts/<part>.html, unminified;
      on a Material upgrade, compare those files with the parts below.
   2. 字号 (标准 / 大 / 特大): the reader's choice applied before the first paint, so
      a grandparent who picked 特大 never sees the page jump from the standard
      size; and, once the page is parsed, the header's switch.
   3. Search index on demand: Material's bundle downloads search/search_index.json
      (about 40 KB compressed, growing with every activity) as soon as a page opens,
      competing with the page's own photos on a slow phone connection, though few
      visitors ever search. The request is held back until the search box is
      opened or focused; Material shows its 正在初始化搜索引擎 line until the index
      arrives. This waits on Material's own request (its bundle is not changed):
      only a request for that one file is held, everything else goes out as is.
      If Material ever fetches the index another way, nothing is held and the
      index simply loads early again (tests/browser/test_search.py notices).
      When a search finds nothing, the hint under Material's "没有找到" line
      (partials/search.html) is shown. A word that reaches the box with no key
      released (pasted, picked from the keyboard's candidates) is searched too.
   4. Far-down photos and cards fetched only when they come near the screen.
   5. Material's bundle started after the page has loaded (overrides/main.html
      writes its address into an inert data block, so that the browser leaves it alone).
   (The lightbox is a module of its own, gallery.js, on pages with photos only.)
   Parts 2 to 5 are enhancements: without JavaScript the page is the standard
   size, has no switch, shows previews for far-down photos, and every thumbnail
   is a plain link to the large JPEG. */
(function () {
  "use strict";
  var script = document.currentScript;
  var part = script.getAttribute("data-xg-part") || "base";

  /* 1. base.html, in <head>: the storage helpers Material's bundle and the parts
     below use; then ours, which must run before the first paint (字号) or before
     Material's bundle (the search index), or wait for the parsed page. */
  function base() {
    window.__md_scope = new URL(script.getAttribute("data-xg-scope") || ".", location);
    window.__md_hash = function (value) {
      return Array.from(value).reduce(function (hash, char) {
        return (hash << 5) - hash + char.charCodeAt(0);
      }, 0);
    };
    window.__md_get = function (key, storage, scope) {
      storage = storage === undefined ? localStorage : storage;
      scope = scope === undefined ? window.__md_scope : scope;
      return JSON.parse(storage.getItem(scope.pathname + "." + key));
    };
    window.__md_set = function (key, value, storage, scope) {
      storage = storage === undefined ? localStorage : storage;
      scope = scope === undefined ? window.__md_scope : scope;
      try {
        storage.setItem(scope.pathname + "." + key, JSON.stringify(value));
      } catch (e) { /* storage full or blocked: Material works without it */ }
    };
    /* What Material's bundle does first, done before the first paint: the bundle
       now starts after it (part 5), and the header would shift when the .no-js
       rules (a hidden search button) stop holding. */
    document.documentElement.classList.remove("no-js");
    document.documentElement.classList.add("js");
    applyFontSize(currentFontSize());
    holdSearchIndex();
    whenParsed(function () {
      closeToggles();
      startFontSizeSwitch();
      startLazyPhotos();
      startEmptySearchHint();
      searchEveryInput();
    });
    startMaterialLater();
  }

  /* Material's drawer and search are checkboxes. Firefox restores a checkbox's
     state on reload, which Material prevented with autocomplete="off", an
     attribute checkboxes may not carry (xingguang/pages/markup.py drops it):
     a page starts with both closed. */
  function closeToggles() {
    ["__drawer", "__search"].forEach(function (id) {
      var toggle = document.getElementById(id);
      if (toggle) toggle.checked = false;
    });
  }

  /* once: part 5 fires DOMContentLoaded a second time, for Material. */
  function whenParsed(run) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run, { once: true });
    else run();
  }

  /* 2. 字号. The choice is kept in localStorage["xg-font-size"]; the CSS reads
     html[data-xg-size]. The switch in the header (partials/header.html) is hidden
     until this shows it: without JavaScript it could not work. */
  var FONT_SIZE_KEY = "xg-font-size";
  var FONT_SIZES = ["standard", "large", "xlarge"];

  function currentFontSize() {
    try {
      var size = window.localStorage.getItem(FONT_SIZE_KEY);
      return FONT_SIZES.indexOf(size) > 0 ? size : "standard";
    } catch (e) {
      return "standard"; /* storage blocked (private mode) */
    }
  }

  function applyFontSize(size) {
    if (size === "standard") document.documentElement.removeAttribute("data-xg-size");
    else document.documentElement.setAttribute("data-xg-size", size);
  }

  function startFontSizeSwitch() {
    var groups = Array.prototype.slice.call(document.querySelectorAll("[data-xg-fontsize]"));

    function show(size) {
      groups.forEach(function (group) {
        group.querySelectorAll("button[data-xg-size]").forEach(function (button) {
          button.setAttribute("aria-pressed", String(button.getAttribute("data-xg-size") === size));
        });
      });
    }

    function choose(size) {
      applyFontSize(size);
      try {
        if (size === "standard") window.localStorage.removeItem(FONT_SIZE_KEY);
        else window.localStorage.setItem(FONT_SIZE_KEY, size);
      } catch (e) { /* storage blocked: the size holds for this page only */ }
      show(size);
    }

    groups.forEach(function (group) {
      group.addEventListener("click", function (event) {
        var button = event.target.closest("button[data-xg-size]");
        if (button) choose(button.getAttribute("data-xg-size"));
      });
      group.hidden = false;
    });
    var root = document.documentElement.getAttribute("data-xg-size");
    show(FONT_SIZES.indexOf(root) > 0 ? root : "standard");
  }

  /* 3. Hold Material's request for the search index until the reader opens the
     search: the toggle #__search gets checked (a tap on the magnifier) or the box
     gets the focus (a click into it where it sits in a wide header, or Material's
     shortcuts f, s and /). A finger or mouse coming down on the magnifier starts
     it already: the tap that follows makes Material open the search dialog, a
     tenth of a second of work on a slow phone that the download now overlaps
     (docs/performance.md, search). Only a press on that one button does it, so
     a page that is only read never downloads the index.
     Listeners on the document: the header is not parsed yet. */
  function holdSearchIndex() {
    var index = /\/search\/search_index\.json$/;
    var wanted = false;
    var held = [];
    var open = XMLHttpRequest.prototype.open;
    var send = XMLHttpRequest.prototype.send;
    XMLHttpRequest.prototype.open = function (method, url) {
      this.__xgHold = index.test(new URL(url, location.href).pathname);
      return open.apply(this, arguments);
    };
    XMLHttpRequest.prototype.send = function () {
      if (this.__xgHold && !wanted) {
        held.push([this, arguments]);
        return undefined;
      }
      return send.apply(this, arguments);
    };
    function release() {
      if (wanted) return;
      wanted = true;
      held.splice(0).forEach(function (call) { send.apply(call[0], call[1]); });
    }
    document.addEventListener("change", function (event) {
      if (event.target.id === "__search" && event.target.checked) release();
    }, true);
    document.addEventListener("focusin", function (event) {
      if (event.target.matches && event.target.matches("[data-md-component=search-query]")) release();
    }, true);
    document.addEventListener("pointerdown", function (event) {
      if (event.target.closest && event.target.closest("label[for='__search']")) release();
    }, true);
  }

  /* The hint for an empty search: shown while Material's counter says its "none"
     sentence (read from Material's own configuration, so a change of wording or
     language still matches) for a query that is not empty. */
  function startEmptySearchHint() {
    var hint = document.querySelector("[data-xg-search-empty]");
    var meta = document.querySelector(".md-search-result__meta");
    var input = document.querySelector("[data-md-component=search-query]");
    var config = document.getElementById("__config");
    if (!hint || !meta || !input || !config || !("MutationObserver" in window)) return;
    var none = (JSON.parse(config.textContent).translations || {})["search.result.none"];
    new MutationObserver(function () {
      hint.hidden = !(none && meta.textContent.trim() === none && input.value.trim() !== "");
    }).observe(meta, { childList: true, characterData: true, subtree: true });
  }

  /* Material reads the search box on keyup only. A word pasted from a WeChat message,
     picked from the candidate bar of a phone's pinyin keyboard or spoken into its voice
     input arrives with no key released: the box showed 杨小玺 and the results stayed at
     "键入以开始搜索". Each such input gets the keyup Material waits for, dispatched on
     the box alone (it does not bubble: Material's keyboard handling on the window never
     sees it). Material ignores a keyup that leaves the text as it was, so a real key's
     own keyup after ours costs nothing. While pinyin letters are still being composed
     the word is not there yet: compositionend brings it. */
  function searchEveryInput() {
    var input = document.querySelector("[data-md-component=search-query]");
    if (!input) return;
    function tell() { input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: false })); }
    input.addEventListener("input", function (event) { if (!event.isComposing) tell(); });
    input.addEventListener("compositionend", tell);
  }

  /* 4. Far-down photos. Chrome starts fetching loading="lazy" images up to 2,500 px
     below the screen on a slow or unknown connection, so on a 40-photo activity
     page a parent on a weak mobile network would download every thumbnail before
     scrolling at all, and on the home page five card covers would race the campus
     photo at the top. The figure macro (src/xingguang/templates/pages/_macros.j2)
     therefore writes the photos of a gallery after its first row, and the cards
     below a page's own content, as an <img data-xg-defer> showing the photo's tiny
     preview, with the real sources in data-xg-avif / data-xg-webp / data-xg-srcset
     / data-xg-src / data-xg-sizes. Here they become <source>s, srcset, sizes and
     src when the photo comes within a quarter of a screen of view: a 10 KB
     thumbnail arrives in well under a second on slow 4G, and until then the
     preview shows. */
  var DEFERRED_FORMATS = ["avif", "webp"];

  function startLazyPhotos() {
    var images = document.querySelectorAll("img[data-xg-defer]");
    var i;
    if (!("IntersectionObserver" in window)) {
      for (i = 0; i < images.length; i++) loadPhoto(images[i]);
      return;
    }
    var observer = new IntersectionObserver(function (entries) {
      for (var j = 0; j < entries.length; j++) {
        if (entries[j].isIntersecting) {
          observer.unobserve(entries[j].target);
          loadPhoto(entries[j].target);
        }
      }
    }, { rootMargin: "25% 0px" });
    for (i = 0; i < images.length; i++) observer.observe(images[i]);
  }

  function loadPhoto(img) {
    var sizes = img.getAttribute("data-xg-sizes");
    DEFERRED_FORMATS.forEach(function (format) {
      var srcset = img.getAttribute("data-xg-" + format);
      if (!srcset) return;
      var source = document.createElement("source");
      source.type = "image/" + format;
      source.srcset = srcset;
      source.sizes = sizes;
      img.parentNode.insertBefore(source, img);
    });
    var srcset = img.getAttribute("data-xg-srcset");
    if (srcset) {
      img.sizes = sizes;
      img.srcset = srcset;
    }
    img.src = img.getAttribute("data-xg-src");
    img.removeAttribute("data-xg-defer");
  }

  /* 5. Material's bundle, after the page. Fetched while the page loads, its 35 KB
     would share a slow connection with the first photos, and the browser would
     often run it before painting anything. The page is whole without it (the
     drawer is a checkbox, links are links); it brings search, the header's title
     swap and the back-to-top button, which can wait for the page's load event
     and its first paint.
     A reader who taps or presses a key before that gets it at once. Material
     starts its components on DOMContentLoaded, which has passed by then, so the
     event is fired again once the bundle has run: Material listens with
     { once: true }, and so does whenParsed above. html[data-xg-material=ready]
     tells tests (and anyone curious) that Material is running. */
  var MATERIAL_TRIGGERS = ["pointerdown", "keydown", "touchstart"];

  function startMaterialLater() {
    var started = false;
    function start() {
      if (started) return;
      started = true;
      MATERIAL_TRIGGERS.forEach(function (type) { removeEventListener(type, start, true); });
      var held = document.querySelector("script[data-xg-later-src]");
      if (!held) return;
      var bundle = document.createElement("script");
      bundle.src = held.getAttribute("data-xg-later-src");
      bundle.onload = function () {
        document.dispatchEvent(new Event("DOMContentLoaded"));
        document.documentElement.setAttribute("data-xg-material", "ready");
      };
      held.parentNode.replaceChild(bundle, held);
    }
    MATERIAL_TRIGGERS.forEach(function (type) {
      addEventListener(type, start, { capture: true, passive: true });
    });
    if (document.readyState === "complete") afterFirstPaint(start);
    else addEventListener("load", function () { afterFirstPaint(start); }, { once: true });
  }

  /* The load event can come before anything is on the screen (a page whose
     photos arrive before its first frame), and Material's bundle must not delay
     that frame: wait for the first contentful paint as well. A browser that
     knows paint entries but never reports that one gets the bundle 3 seconds
     after the load event all the same. */
  var FIRST_PAINT_WAIT_MS = 3000;

  function afterFirstPaint(run) {
    var later = function () { setTimeout(run, 0); };
    if (!("PerformanceObserver" in window) ||
        (PerformanceObserver.supportedEntryTypes || []).indexOf("paint") < 0) {
      requestAnimationFrame(later);
      return;
    }
    if (performance.getEntriesByName("first-contentful-paint").length) return later();
    var fallback = setTimeout(run, FIRST_PAINT_WAIT_MS);
    var observer = new PerformanceObserver(function (list) {
      if (!list.getEntriesByName("first-contentful-paint").length) return;
      observer.disconnect();
      clearTimeout(fallback);
      later();
    });
    observer.observe({ type: "paint", buffered: true });
  }

  /* palette.html, in the header: re-apply the colour scheme the reader chose. */
  function palette() {
    var chosen = window.__md_get("__palette");
    if (!(chosen && chosen.color)) return;
    if (chosen.color.media === "(prefers-color-scheme)") {
      var media = matchMedia("(prefers-color-scheme: light)");
      var input = document.querySelector(media.matches
        ? "[data-md-color-media='(prefers-color-scheme: light)']"
        : "[data-md-color-media='(prefers-color-scheme: dark)']");
      chosen.color.media = input.getAttribute("data-md-color-media");
      chosen.color.scheme = input.getAttribute("data-md-color-scheme");
      chosen.color.primary = input.getAttribute("data-md-color-primary");
      chosen.color.accent = input.getAttribute("data-md-color-accent");
    }
    Object.keys(chosen.color).forEach(function (key) {
      document.body.setAttribute("data-md-color-" + key, chosen.color[key]);
    });
  }

  /* content.html, after the content: restore linked content tabs (only with the
     content.tabs.link feature), then open the tab the #hash points at. */
  function content() {
    if (script.hasAttribute("data-xg-tabs-link")) {
      var tabs = window.__md_get("__tabs");
      if (Array.isArray(tabs)) {
        document.querySelectorAll(".tabbed-set").forEach(function (set) {
          var labels = set.querySelector(".tabbed-labels");
          for (var t = 0; t < tabs.length; t++) {
            var found = Array.prototype.find.call(labels.getElementsByTagName("label"), function (label) {
              return label.innerText.trim() === tabs[t];
            });
            if (found) {
              document.getElementById(found.htmlFor).checked = true;
              return;
            }
          }
        });
      }
    }
    var target = document.getElementById(location.hash.slice(1));
    if (target && target.name) target.checked = target.name.startsWith("__tabbed_");
  }

  ({ base: base, palette: palette, content: content })[part]();
})();

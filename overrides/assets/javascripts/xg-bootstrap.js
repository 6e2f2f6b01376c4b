/* Material's inline scripts, moved into a file so that a strict
   Content-Security-Policy (script-src 'self', see deploy/nginx/xingguang.conf)
   needs no 'unsafe-inline' and no per-page hashes (the bootstrap's base URL
   differs on every folder depth, so a hash would not do).

   The same file is included at each place Material had an inline script
   (overrides/partials/javascripts/*.html); data-xg-part says which part runs
   there. The browser fetches it once per page. Each part is Material 9.8.1's
   code from material/templates/partials/javascripts/<part>.html, unminified;
   on a Material upgrade, compare those files with the parts below.

   The base part also holds back Material's request for the search index until
   the search is opened: Material's bundle downloads search/search_index.json
   (about 40 KB compressed, growing with every activity) as soon as a page opens,
   competing with the page's own photos on a slow phone connection, though few
   visitors ever search. Material shows its 正在初始化搜索引擎 line until the index
   arrives. This waits on Material's own request (its bundle is not changed): only
   a request for that one file is held, everything else goes out as is. If
   Material ever fetches the index another way, nothing is held and the index
   simply loads early again (tests/browser/test_search.py notices). */
(function () {
  "use strict";
  var script = document.currentScript;
  var part = script.getAttribute("data-xg-part") || "base";

  /* base.html, in <head>: the storage helpers Material's bundle and the parts below use. */
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
    holdSearchIndex();
  }

  /* Hold Material's request for the search index until the reader opens the
     search: the toggle #__search gets checked (a tap on the magnifier) or the box
     gets the focus (a click into it where it sits in a wide header, or Material's
     shortcuts f, s and /). Listeners on the document: the header is not parsed yet. */
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

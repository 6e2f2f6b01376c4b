/* 星光 corridor display: the service worker (scope /display/).
 *
 * It keeps the shell (page, CSS, JS, icon) of one version, named by the `shell`
 * query of its own URL, and answers every request of the display from Cache
 * Storage first: the shell from its cache, slides.json and photos from the
 * content cache the page fills (display.js, storeVersion). Update checks
 * (slides.json?t=…) always go to the network.
 *
 * Installing fails unless every shell file arrives and the page is of this very
 * shell, so a half-deployed site never replaces a working screen.
 *
 * Every network request has a deadline, like the page's own: a server that accepts
 * connections and never answers must not hold a connection (the browser keeps only six
 * per server) nor an install for ever.
 */
"use strict";

var SHELL = new URL(self.location.href).searchParams.get("shell") || "dev";
var SHELL_PREFIX = "xg-display-shell-";
var SHELL_CACHE = SHELL_PREFIX + SHELL;
var SCOPE = new URL("./", self.location.href);
var PAGE = SCOPE.href;
var SHELL_FILES = ["display.css", "display.js", "icon.svg"].map(function (name) {
  return new URL(name + "?v=" + SHELL, SCOPE).href;
});
var DEADLINE = 30000;

/* fetch() that is aborted after DEADLINE ms, or when the page gives up on the request. The timer
   is left to run out: the body may still be arriving after fetch() resolves, and it is covered too. */
function fetchWithin(request, init) {
  var controller = new AbortController();
  setTimeout(function () { controller.abort(); }, DEADLINE);
  var signal = controller.signal;
  if (request.signal && AbortSignal.any) signal = AbortSignal.any([request.signal, signal]);
  var options = { signal: signal };
  for (var key in init) options[key] = init[key];
  return fetch(request, options);
}

self.addEventListener("install", function (event) {
  event.waitUntil(
    Promise.all([PAGE].concat(SHELL_FILES).map(function (url) {
      return fetchWithin(new Request(url, { cache: "reload" })).then(function (response) {
        if (!response.ok) throw new Error(url + ": HTTP " + response.status);
        return response;
      });
    })).then(function (responses) {
      return responses[0].clone().text().then(function (html) {
        if (html.indexOf('data-shell="' + SHELL + '"') < 0) throw new Error("the page is not of shell " + SHELL);
        return caches.open(SHELL_CACHE);
      }).then(function (cache) {
        return Promise.all(responses.map(function (response, i) {
          return cache.put(i ? SHELL_FILES[i - 1] : PAGE, response);
        }));
      });
    }).then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) {
        return name.indexOf(SHELL_PREFIX) === 0 && name !== SHELL_CACHE;
      }).map(function (name) { return caches.delete(name); }));
    }).then(function () { return self.clients.claim(); })
  );
});

function isPage(url) {
  return url.href === PAGE || url.pathname === SCOPE.pathname + "index.html" ||
    url.href.split("?")[0] === PAGE;
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    if (!isPage(url)) return;
    // Any ?playlist=… gets the one cached page; the network only when nothing is cached.
    event.respondWith(caches.open(SHELL_CACHE).then(function (cache) {
      return cache.match(PAGE);
    }).then(function (cached) { return cached || fetchWithin(request); }));
    return;
  }
  if (url.searchParams.has("t")) return;  // an update check or a download (display.js): the network or nothing
  event.respondWith(caches.match(request).then(function (cached) { return cached || fetchWithin(request); }));
});

/* 字号 before first paint: loaded in <head> so a reader who chose 大 or 特大 never
   sees the page jump from the standard size. Kept tiny and separate from
   xg-fontsize.js so a strict Content-Security-Policy needs no inline script. */
(function () {
  try {
    var size = window.localStorage.getItem("xg-font-size");
    if (size === "large" || size === "xlarge") {
      document.documentElement.setAttribute("data-xg-size", size);
    }
  } catch (e) { /* storage blocked (private mode): standard size */ }
})();

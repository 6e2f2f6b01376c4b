/* The header's 字号 switch (标准 / 大 / 特大), an enhancement: without JavaScript
   the switch stays hidden and the page is simply the standard size.
   The choice is kept in localStorage["xg-font-size"] and applied on every page
   (before first paint) by xg-fontsize-init.js; the CSS reads html[data-xg-size]. */
(function () {
  var KEY = "xg-font-size";
  var SIZES = ["standard", "large", "xlarge"];
  var root = document.documentElement;

  function current() {
    var size = root.getAttribute("data-xg-size");
    return SIZES.indexOf(size) > 0 ? size : "standard";
  }

  function apply(size, groups) {
    if (size === "standard") {
      root.removeAttribute("data-xg-size");
    } else {
      root.setAttribute("data-xg-size", size);
    }
    try {
      if (size === "standard") {
        window.localStorage.removeItem(KEY);
      } else {
        window.localStorage.setItem(KEY, size);
      }
    } catch (e) { /* storage blocked: the size holds for this page only */ }
    groups.forEach(function (group) {
      group.querySelectorAll("button[data-xg-size]").forEach(function (button) {
        button.setAttribute("aria-pressed", String(button.getAttribute("data-xg-size") === size));
      });
    });
  }

  function init() {
    var groups = Array.prototype.slice.call(document.querySelectorAll("[data-xg-fontsize]"));
    if (!groups.length) {
      return;
    }
    groups.forEach(function (group) {
      group.addEventListener("click", function (event) {
        var button = event.target.closest("button[data-xg-size]");
        if (button) {
          apply(button.getAttribute("data-xg-size"), groups);
        }
      });
      group.hidden = false;
    });
    apply(current(), groups);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

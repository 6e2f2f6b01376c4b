/* 星光 mask tool (live preview only, added by `mkdocs serve`; never in site/).

   A guardian asks: "cover my child's face". The editor presses 遮挡工具, clicks the
   photo, drags a box over the face on the large picture and copies the line
       - {左: 12, 上: 30, 宽: 8, 高: 12}
   to paste under the photo's “遮挡:” in its data file. Percent of the upright photo,
   so the same box covers every size. Nothing is detected automatically: the
   editor decides what is covered (个人信息保护法 第二十八条).

   The box is drawn on the photo's largest published picture shown whole (not on a
   card's cropped thumbnail), so what the editor sees is what the numbers mean.
*/
(function () {
  "use strict";

  var script = document.currentScript;
  var here = new URL(".", script.src);
  var SITE_ROOT = new URL("../../", here);
  var MAP_URL = new URL("mask-tool.json", here).href;
  var PHOTO_NAME = /\/assets\/photos\/([0-9a-f]{16}-\d+\.(?:avif|webp|jpg))(?:[?#].*)?$/;

  var photos = null;
  var active = false;
  var toggle = null;
  var dialog = null;

  function h(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  /* 12.0 -> "12", 12.25 -> "12.3": one decimal is a tenth of a percent, finer than any face. */
  function number(value) {
    return String(Math.round(value * 10) / 10);
  }

  /* A dragged box in percent, rounded outwards so the face stays covered. */
  function percentBox(x0, y0, x1, y1, width, height) {
    function clip(v) { return Math.max(0, Math.min(100, v)); }
    var left = clip(Math.floor(Math.min(x0, x1) / width * 1000) / 10);
    var top = clip(Math.floor(Math.min(y0, y1) / height * 1000) / 10);
    var right = clip(Math.ceil(Math.max(x0, x1) / width * 1000) / 10);
    var bottom = clip(Math.ceil(Math.max(y0, y1) / height * 1000) / 10);
    return { left: left, top: top, width: Math.round((right - left) * 10) / 10, height: Math.round((bottom - top) * 10) / 10 };
  }

  function yamlLine(box) {
    return "- {左: " + number(box.left) + ", 上: " + number(box.top) + ", 宽: " + number(box.width) +
      ", 高: " + number(box.height) + "}";
  }

  function photoOf(target) {
    var img = target.closest && target.closest("img");
    if (!img) {
      var frame = target.closest && target.closest(".xg-photo");
      img = frame && frame.querySelector("img");
    }
    if (!img || !photos) return null;
    var match = PHOTO_NAME.exec(img.currentSrc || img.src || "");
    return match && photos[match[1]] ? photos[match[1]] : null;
  }

  function copy(text, status) {
    function done() { status.textContent = "已复制，去数据文件里粘贴吧。"; }
    function fallback() {
      var area = dialog.querySelector("textarea");
      area.focus();
      area.select();
      try { document.execCommand("copy"); done(); } catch (error) { status.textContent = "请按 Ctrl+C 复制选中的文字。"; }
    }
    if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(text).then(done, fallback);
    else fallback();
  }

  function closeDialog() {
    if (dialog) dialog.remove();
    dialog = null;
  }

  function openDialog(photo) {
    closeDialog();
    dialog = h("div", "xg-mask-dialog");
    dialog.setAttribute("role", "dialog");
    dialog.setAttribute("aria-modal", "true");
    dialog.setAttribute("aria-label", "画遮挡框");
    var panel = h("div", "xg-mask-dialog__panel");
    panel.appendChild(h("h2", "", "画遮挡框：" + photo.file));
    panel.appendChild(h("p", "xg-mask-dialog__hint",
      "按住鼠标，从要遮挡的脸的一角拖到对角。可以画好几个框；画错了点“重画”。"));

    // Until the picture has arrived it has no size: a box dragged then would be measured
    // against nothing (a line of NaN, or of the wrong place). The stage says it is busy and
    // takes no drag until the picture is shown.
    var stage = h("div", "xg-mask-dialog__stage");
    stage.setAttribute("aria-busy", "true");
    var img = h("img", "xg-mask-dialog__img");
    img.alt = "要画遮挡框的照片";
    img.draggable = false;
    stage.appendChild(img);
    panel.appendChild(stage);

    var lines = [];
    var output = h("textarea", "xg-mask-dialog__lines");
    output.readOnly = true;
    output.rows = 2;
    output.setAttribute("aria-label", "要粘贴的遮挡行");
    var where = h("p", "xg-mask-dialog__where");
    where.textContent = "粘贴到 " + photo.records.join("、") + " 里“文件: " + photo.file +
      "”这张照片下面：先加一行“遮挡:”（与“文件”对齐；已经有就不用加），再把复制的行粘贴在它下一行，多缩进两个空格。" +
      (photo.masks.length ? "这张照片已经有 " + photo.masks.length + " 个遮挡框（照片上已是马赛克）。" : "");
    var status = h("p", "xg-mask-dialog__status", "照片加载中…");
    status.setAttribute("aria-live", "polite");
    var buttons = h("div", "xg-mask-dialog__buttons");
    var copyButton = h("button", "xg-mask-dialog__copy", "复制");
    copyButton.type = "button";
    copyButton.disabled = true;
    var redo = h("button", "", "重画");
    redo.type = "button";
    var close = h("button", "", "关闭");
    close.type = "button";
    buttons.appendChild(copyButton);
    buttons.appendChild(redo);
    buttons.appendChild(close);
    panel.appendChild(output);
    panel.appendChild(where);
    panel.appendChild(buttons);
    panel.appendChild(status);
    dialog.appendChild(panel);
    document.body.appendChild(dialog);

    function show() {
      output.value = lines.join("\n");
      copyButton.disabled = lines.length === 0;
      status.textContent = "";
    }
    copyButton.addEventListener("click", function () { copy(output.value, status); });
    redo.addEventListener("click", function () {
      lines = [];
      Array.prototype.forEach.call(stage.querySelectorAll(".xg-mask-box"), function (box) { box.remove(); });
      show();
    });
    close.addEventListener("click", closeDialog);
    img.addEventListener("load", function () {
      stage.setAttribute("aria-busy", "false");
      status.textContent = "";
    });
    img.addEventListener("error", function () {
      status.textContent = "照片没有加载出来：请关掉这个框，刷新页面再试。";
    });
    img.src = new URL(photo.full, SITE_ROOT).href;
    dialog.addEventListener("click", function (event) { if (event.target === dialog) closeDialog(); });

    var start = null;
    var box = null;
    function point(event) {
      var rect = img.getBoundingClientRect();
      return { x: Math.max(0, Math.min(rect.width, event.clientX - rect.left)),
               y: Math.max(0, Math.min(rect.height, event.clientY - rect.top)), width: rect.width, height: rect.height };
    }
    function place(a, b) {
      box.style.left = (img.offsetLeft + Math.min(a.x, b.x)) + "px";
      box.style.top = (img.offsetTop + Math.min(a.y, b.y)) + "px";
      box.style.width = Math.abs(b.x - a.x) + "px";
      box.style.height = Math.abs(b.y - a.y) + "px";
    }
    stage.addEventListener("pointerdown", function (event) {
      if (event.button !== 0 || stage.getAttribute("aria-busy") !== "false") return;
      event.preventDefault();
      stage.setPointerCapture(event.pointerId);
      start = point(event);
      box = h("div", "xg-mask-box");
      stage.appendChild(box);
      place(start, start);
    });
    stage.addEventListener("pointermove", function (event) {
      if (start) place(start, point(event));
    });
    stage.addEventListener("pointerup", function (event) {
      if (!start) return;
      var end = point(event);
      var drawn = percentBox(start.x, start.y, end.x, end.y, end.width, end.height);
      start = null;
      if (drawn.width < 0.5 || drawn.height < 0.5) { box.remove(); return; }  // a click, not a box
      lines.push(yamlLine(drawn));
      show();
    });
    close.focus();
  }

  function setActive(on) {
    active = on;
    toggle.setAttribute("aria-pressed", on ? "true" : "false");
    toggle.textContent = on ? "遮挡工具：点一张照片（再点这里退出）" : "遮挡工具";
    document.documentElement.classList.toggle("xg-mask-mode", on);
  }

  function start() {
    var link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = new URL("mask-tool.css", here).href;
    document.head.appendChild(link);
    toggle = h("button", "xg-mask-toggle");
    toggle.type = "button";
    toggle.title = "预览专用：在照片上画遮挡框，复制要粘贴进数据文件的一行";
    toggle.addEventListener("click", function () { setActive(!active); });
    document.body.appendChild(toggle);
    setActive(false);
    // Capture phase: in mask mode a click on a photo opens the tool, not the lightbox or a link.
    document.addEventListener("click", function (event) {
      if (!active || (dialog && dialog.contains(event.target)) || event.target === toggle) return;
      var photo = photoOf(event.target);
      if (!photo) return;
      event.preventDefault();
      event.stopPropagation();
      openDialog(photo);
    }, true);
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && dialog) closeDialog();
    });
    fetch(MAP_URL, { cache: "no-store" }).then(function (response) { return response.json(); })
      .then(function (map) { photos = map; document.documentElement.setAttribute("data-xg-mask-tool", "ready"); })
      .catch(function () { toggle.textContent = "遮挡工具不可用：请重新运行 scripts/site.sh"; toggle.disabled = true; });
  }

  // Once: xg-bootstrap.js dispatches DOMContentLoaded again for Material's late bundle.
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start, { once: true });
  else start();
})();

/* 星光 corridor display: a slideshow that runs for weeks, offline.
 *
 * - Data: slides.json (built from site_data/), put into the page with textContent only.
 * - One scheduling loop: every timed task (next slide, clock, update check, burn-in
 *   shift, clean-up) has a due time; a single setTimeout is cancelled before it is re-armed.
 * - Offline: the page keeps the last good slides.json and every photo this screen shows in
 *   a Cache Storage cache; sw.js answers from it when the server is gone. A new version is
 *   downloaded into a new cache and switched to only when every file arrived and decodes.
 * - Nothing can hang: every request has a deadline (the loop aborts what is overdue), a
 *   stalled download is abandoned and resumed at the next check, and checks never wait
 *   for a download.
 * - A slide that fails to render is skipped; an uncaught error cannot stop the loop.
 * - Notices: a ticker over every slide, and an emergency notice over everything (night too).
 *   They are taken from every slides.json a check fetches, before its photos arrive, kept
 *   in localStorage for a reload offline, and dropped by this screen's own clock when they
 *   expire: a screen may run for weeks between builds.
 *
 * Query parameters (for one screen, and for tests):
 *   playlist=名称   a playlist from site.yml 显示屏.播放列表 (unknown: everything + a notice)
 *   seconds=12      seconds per slide (default: site.yml 每页秒数)
 *   speed=1         run the slideshow this many times faster
 *   check=300       seconds between update checks (default: site.yml 检查更新分钟)
 *   shift=180       seconds between the few-pixel burn-in shifts
 *   now=2026-01-01T22:00   pretend the clock started at this local time
 */
(function () {
  "use strict";

  var root = document.documentElement;
  var script = document.currentScript;
  var SHELL = root.getAttribute("data-shell") || "";
  var SITE_ROOT = new URL("../", script ? script.src : location.href);
  var DATA_URL = new URL("slides.json", script ? script.src : location.href).href;
  var CONTENT_PREFIX = "xg-display-content-";
  var POINTER_KEY = "xg-display-current";
  var RELOAD_KEY = "xg-display-reloaded-at";
  var CONFIRMED_KEY = "xg-display-confirmed-at";
  var NOTICES_KEY = "xg-display-notices";
  var MAX_WAIT = 60000;
  var RETRY_WITHOUT_DATA = 5000;
  /* A server that accepts a connection and never answers (a wedged upstream, a web filter)
     must not hold the screen: no request may take longer than this, nor longer than most of
     the check interval, so that the next check always finds the way clear. */
  var DEADLINE_MAX = 30000;
  var DOWNLOADS_AT_ONCE = 4;
  /* 1×1 images, decoded to learn which formats this browser shows. */
  var PROBES = {
    avif: ["image/avif", "AAAAIGZ0eXBhdmlmAAAAAGF2aWZtaWYxbWlhZk1BMUIAAADrbWV0YQAAAAAAAAAhaGRscgAAAAAAAAAAcGljdAAAAAAAAAAAAAAAAAAAAAAOcGl0bQAAAAAAAQAAAB5pbG9jAAAAAEQAAAEAAQAAAAEAAAETAAAAKAAAAChpaW5mAAAAAAABAAAAGmluZmUCAAAAAAEAAGF2MDFDb2xvcgAAAABqaXBycAAAAEtpcGNvAAAAFGlzcGUAAAAAAAAAAQAAAAEAAAAQcGl4aQAAAAADCAgIAAAADGF2MUOBAAwAAAAAE2NvbHJuY2x4AAEADQAGgAAAABdpcG1hAAAAAAAAAAEAAQQBAoMEAAAAMG1kYXQSAAoIGAAGiAhoNCAyGhlHh4Yhh5555oAAAJBAyRxhSytNj1FFTqSg"],
    webp: ["image/webp", "UklGRjgAAABXRUJQVlA4ICwAAACQAQCdASoBAAEAAsBMJaACdLoAA5gA/u5DH+5sc4twV/9tD/9aH/60P+lAAA=="]
  };
  /* How much of the screen (width, height) a photo of each role may take, per orientation.
     Mirrors the grid in display.css; a photo is fetched at the narrowest published width
     that covers its box at this screen's devicePixelRatio. */
  var SLOTS = {
    main: { landscape: [0.56, 0.82], portrait: [0.94, 0.44] },
    side: { landscape: [0.44, 0.82], portrait: [0.94, 0.42] },
    portrait: { landscape: [0.34, 0.82], portrait: [0.94, 0.44] },
    thumb: { landscape: [0.13, 0.17], portrait: [0.28, 0.12] }
  };
  var SHIFTS = [[0, 0], [2, 1], [3, -1], [1, -3], [-2, -2], [-3, 1], [-1, 3], [2, 3]];
  var WEEKDAYS = "日一二三四五六";

  function param(name) { return new URLSearchParams(location.search).get(name); }
  function numberParam(name, fallback, min, max) {
    var value = parseFloat(param(name));
    return isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback;
  }
  function clockOffset() {
    var text = param("now");
    if (!text) return 0;
    var fake = new Date(text).getTime();
    return isFinite(fake) ? fake - Date.now() : 0;
  }

  var options = {
    playlist: param("playlist") || "",
    seconds: numberParam("seconds", 0, 0.001, 86400),
    speed: numberParam("speed", 1, 0.001, 1000000),
    check: numberParam("check", 0, 0.5, 86400),
    shift: numberParam("shift", 180, 0.5, 86400),
    offset: clockOffset()
  };

  var el = {
    frame: document.getElementById("xg-frame"),
    stage: document.getElementById("xg-stage"),
    clock: document.getElementById("xg-clock"),
    date: document.getElementById("xg-date"),
    progress: document.getElementById("xg-progress"),
    notice: document.getElementById("xg-notice"),
    status: document.getElementById("xg-status"),
    waiting: document.getElementById("xg-waiting"),
    night: document.getElementById("xg-night"),
    nightClock: document.getElementById("xg-night-clock"),
    nightTime: document.getElementById("xg-night-time"),
    nightDate: document.getElementById("xg-night-date"),
    paused: document.getElementById("xg-paused"),
    ticker: document.getElementById("xg-ticker"),
    tickerLine: document.getElementById("xg-ticker-line"),
    emergency: document.getElementById("xg-emergency"),
    emergencyBody: document.getElementById("xg-emergency-body"),
    emergencyClock: document.getElementById("xg-emergency-clock"),
    emergencyTitle: document.getElementById("xg-emergency-title"),
    emergencyText: document.getElementById("xg-emergency-text"),
    emergencyMeta: document.getElementById("xg-emergency-meta"),
    emergencyMore: document.getElementById("xg-emergency-more")
  };

  var state = {
    data: null,
    order: [],
    index: -1,
    current: el.stage.firstElementChild,
    leaving: null,
    upcoming: null,
    paused: false,
    night: false,
    emergency: false,
    notices: null,
    noticesText: "",
    noticesShown: "",
    tickerRun: null,
    online: true,
    checking: false,
    checks: 0,
    download: null,
    deadlines: [],
    confirmedAt: readNumber(CONFIRMED_KEY),
    formats: ["jpeg"],
    transitions: 0,
    // Frames drawn since the last transition, and transitions skipped because there was none.
    framed: true,
    skipped: 0,
    caught: 0,
    uncaught: [],
    reported: {},
    shiftStep: 0,
    progress: null,
    timer: 0,
    lastShown: performance.now(),
    due: { advance: Infinity, clock: 0, check: Infinity, shift: 0, cleanup: Infinity, deadline: Infinity }
  };
  var canCache = !!(window.caches && window.isSecureContext);

  /* ---------------------------------------------------------------- time */

  function now() { return new Date(Date.now() + options.offset); }
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function minutes(hhmm) { var p = hhmm.split(":"); return parseInt(p[0], 10) * 60 + parseInt(p[1], 10); }
  function slideMs() {
    var seconds = options.seconds || (state.data ? state.data.settings.seconds : 12);
    return Math.max(1, seconds * 1000 / options.speed);
  }
  function checkMs() {
    if (options.check) return options.check * 1000;
    return (state.data ? state.data.settings.checkMinutes : 5) * 60000;
  }
  function isOpen(date) {
    if (!state.data) return true;
    var hours = state.data.settings.hours;
    var day = date.getDay();
    if ((day === 0 || day === 6) && !hours.weekends) return false;
    var m = date.getHours() * 60 + date.getMinutes();
    return m >= minutes(hours.start) && m < minutes(hours.end);
  }
  function deadlineMs() {
    return state.data ? Math.min(DEADLINE_MAX, checkMs() * 0.8) : DEADLINE_MAX;
  }
  function setText(node, text) { if (node.textContent !== text) node.textContent = text; }
  function readNumber(key) {
    try { return parseFloat(localStorage.getItem(key) || "0") || 0; } catch (error) { return 0; }
  }

  function tickClock() {
    var date = now();
    var time = pad(date.getHours()) + ":" + pad(date.getMinutes());
    var day = (date.getMonth() + 1) + "月" + date.getDate() + "日 星期" + WEEKDAYS.charAt(date.getDay());
    setText(el.clock, time);
    setText(el.date, day);
    var open = isOpen(date);
    if (open === state.night) setNight(!open);
    if (state.night) {
      setText(el.nightTime, time);
      setText(el.nightDate, day);
    }
    showNotices(date);
    if (state.emergency) setText(el.emergencyClock, time);
  }

  function setNight(night) {
    state.night = night;
    root.setAttribute("data-mode", night ? "night" : "day");
    root.setAttribute("data-night", state.data ? state.data.settings.hours.night : "clock");
    el.night.hidden = !night;
    covered();
  }

  /* The night screen or an emergency notice covers the slides: they stop, and start again after. */
  function covered() {
    var hidden = state.night || state.emergency;
    if (hidden) {
      state.due.advance = Infinity;
      if (state.progress) state.progress.cancel();
    } else if (state.order.length && !state.paused && state.due.advance === Infinity) {
      state.due.advance = performance.now();
    }
    if (state.tickerRun) {
      if (hidden) state.tickerRun.pause(); else state.tickerRun.play();
    }
    return hidden;
  }

  /* ---------------------------------------------------------------- the loop */

  function arm() {
    if (state.timer) clearTimeout(state.timer);
    var due = state.due;
    var next = Math.min(due.advance, due.clock, due.check, due.shift, due.cleanup, due.deadline);
    var wait = Math.max(0, Math.min(next - performance.now(), MAX_WAIT));
    state.timer = setTimeout(loop, wait);
  }

  function loop() {
    state.timer = 0;
    var t = performance.now();
    var due = state.due;
    try {
      if (t >= due.deadline) { abortOverdue(t); }
      if (t >= due.clock) { due.clock = t + 1000; tickClock(); }
      if (t >= due.cleanup) { due.cleanup = Infinity; dropLeaving(); }
      if (t >= due.advance) { advanceUnlessLate(t); }
      if (t >= due.check) { due.check = t + (state.data ? checkMs() : RETRY_WITHOUT_DATA); checkForUpdate(); }
      if (t >= due.shift) { due.shift = t + options.shift * 1000; shiftFrame(); }
      // Watchdog: a show that has not moved for three slides' time is pushed on.
      if (!state.paused && !state.night && !state.emergency && state.order.length &&
          t - state.lastShown > 3 * slideMs() + 5000) {
        advance(1);
      }
    } catch (error) {
      report(error, "loop");
    } finally {
      arm();
    }
  }

  /* ---------------------------------------------------------------- slides */

  /* A weak box (or a busy one) may not draw a frame per slide when slides are short: then
   * each transition would start before the last one was painted, and slides that were never
   * seen pile up in memory while their photos load and decode. Instead the transition is
   * skipped until a frame has been drawn; after two slides' time (at least a second) the
   * show moves on anyway, so a page that draws no frames (hidden) still advances. */
  function advanceUnlessLate(t) {
    if (!state.framed && t - state.lastShown < Math.max(2 * slideMs(), 1000)) {
      state.skipped++;
      root.setAttribute("data-skipped", String(state.skipped));
      state.due.advance = t + Math.min(slideMs(), 100);
      return;
    }
    advance(1);
  }

  function advance(step) {
    var order = state.order;
    var n = order.length;
    if (!n || state.night || state.emergency) { state.due.advance = Infinity; return; }
    var i = state.index;
    for (var tries = 0; tries < n; tries++) {
      i = ((i + step) % n + n) % n;
      var built;
      if (state.upcoming && state.upcoming.index === i) {
        built = state.upcoming.node;
      } else {
        built = build(i);
      }
      state.upcoming = null;
      if (built) {
        show(built, i);
        if (step > 0) state.upcoming = { index: (i + 1) % n, node: build((i + 1) % n) };
        return;
      }
    }
    // Every slide failed: keep the screen alive with the brand words from the page itself.
    state.due.advance = performance.now() + slideMs();
    state.lastShown = performance.now();
  }

  function build(i) {
    var slide = state.order[i];
    try {
      var render = RENDERERS[slide.kind];
      if (!render) throw new Error("unknown slide kind " + slide.kind);
      return render(slide);
    } catch (error) {
      state.caught++;
      report(error, slide && slide.id);
      return null;
    }
  }

  function show(node, i) {
    dropLeaving();
    if (state.current) {
      state.current.classList.remove("is-entering");
      state.current.classList.add("is-leaving");
      state.leaving = state.current;
    }
    node.classList.add("is-entering");
    el.stage.appendChild(node);
    state.current = node;
    state.index = i;
    state.transitions++;
    state.lastShown = performance.now();
    var ms = slideMs();
    state.due.cleanup = state.lastShown + transitionMs() + 50;
    state.due.advance = state.paused ? Infinity : state.lastShown + ms;
    root.setAttribute("data-transitions", String(state.transitions));
    state.framed = false;
    requestAnimationFrame(function () { state.framed = true; });
    root.setAttribute("data-slide", state.order[i].id);
    runProgress(ms);
    updateStatus();
  }

  function dropLeaving() {
    if (state.leaving) {
      state.leaving.remove();
      state.leaving = null;
    }
  }

  function transitionMs() { return Math.min(800, slideMs() * 0.4); }

  function runProgress(ms) {
    if (state.progress) state.progress.cancel();
    state.progress = null;
    if (state.paused || !el.progress.animate) return;
    state.progress = el.progress.animate(
      [{ transform: "scaleX(0)" }, { transform: "scaleX(1)" }], { duration: ms, easing: "linear", fill: "forwards" });
  }

  /* DOM helpers: text only, never HTML. */
  function h(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null && text !== "") node.textContent = String(text);
    return node;
  }
  function add(parent, child) { if (child) parent.appendChild(child); return child; }
  function chineseDate(iso) {
    var p = String(iso).split("-");
    return parseInt(p[0], 10) + "年" + parseInt(p[1], 10) + "月" + parseInt(p[2], 10) + "日";
  }
  function chips(words, className) {
    if (!words || !words.length) return null;
    var list = h("ul", className || "xg-chips");
    for (var i = 0; i < words.length; i++) add(list, h("li", "", words[i]));
    return list;
  }
  function slideNode(kind, hasPhoto) {
    return h("section", "xg-slide xg-slide--" + kind + (hasPhoto ? "" : " xg-slide--nophoto"));
  }

  /* Which photos a slide shows, in which role: used to render and to know what to cache. */
  function photosOf(slide) {
    switch (slide.kind) {
      case "brand": return slide.photo ? [[slide.photo, "side"]] : [];
      case "activity":
      case "corridor":
        return slide.photos.map(function (photo, i) { return [photo, i === 0 ? "main" : "thumb"]; });
      case "honour": return slide.photo ? [[slide.photo, "main"]] : [];
      case "teacher":
      case "figure": return slide.photo ? [[slide.photo, "portrait"]] : [];
      default: return [];
    }
  }

  function choose(photo, role) {
    var landscape = innerWidth >= innerHeight;
    var slot = SLOTS[role][landscape ? "landscape" : "portrait"];
    var boxW = innerWidth * slot[0];
    var boxH = innerHeight * slot[1];
    var need = Math.ceil(Math.min(boxW, boxH * photo.width / photo.height) * (window.devicePixelRatio || 1));
    var fmt = pickFormat(photo.sources);
    var fallback = photo.sources.jpeg ? "jpeg" : fmt;
    return { url: widthFor(photo.sources[fmt], need), fallback: widthFor(photo.sources[fallback], need) };
  }
  function pickFormat(sources) {
    for (var i = 0; i < state.formats.length; i++) if (sources[state.formats[i]]) return state.formats[i];
    return Object.keys(sources)[0];
  }
  function widthFor(outputs, need) {
    for (var i = 0; i < outputs.length; i++) if (outputs[i][1] >= need) return new URL(outputs[i][0], SITE_ROOT).href;
    return new URL(outputs[outputs.length - 1][0], SITE_ROOT).href;
  }

  function onImageError() {
    var fallback = this.getAttribute("data-fallback");
    if (fallback && this.src !== fallback) {
      this.src = fallback;
    } else {
      this.onerror = null;
      this.classList.add("is-missing");
    }
  }
  function photoBox(photo, role, withCaption) {
    var pick = choose(photo, role);
    var box = h("figure", "xg-photo xg-photo--" + role);
    var images = [h("img", "xg-photo__backdrop"), h("img", "xg-photo__img")];
    for (var i = 0; i < images.length; i++) {
      var img = images[i];
      img.alt = i ? photo.alt : "";
      img.decoding = "async";
      img.setAttribute("data-fallback", pick.fallback);
      img.onerror = onImageError;
      img.src = pick.url;
      box.appendChild(img);
    }
    if (withCaption && photo.caption) add(box, h("figcaption", "", photo.caption));
    return box;
  }
  function thumbs(photos) {
    if (photos.length < 2) return null;
    var row = h("div", "xg-thumbs");
    for (var i = 1; i < photos.length; i++) add(row, photoBox(photos[i], "thumb", false));
    return row;
  }

  var RENDERERS = {
    brand: function (slide) {
      var node = slideNode("brand", !!slide.photo);
      var text = add(node, h("div", "xg-text"));
      add(text, h("span", "xg-star"));
      add(text, h("p", "xg-brand__school xg-clamp-1", slide.name));
      add(text, h("h2", "xg-brand__name xg-clamp-2", slide.brand));
      add(text, h("p", "xg-brand__motto xg-clamp-2", slide.motto));
      var spirit = add(text, h("div", "xg-spirit"));
      add(spirit, h("p", "xg-spirit__name", slide.spirit.name));
      add(spirit, chips(slide.spirit.words, "xg-spirit__words"));
      if (slide.photo) add(node, photoBox(slide.photo, "side", true));
      return node;
    },
    activity: function (slide) {
      var photos = slide.photos;
      var node = slideNode("activity", photos.length > 0);
      if (photos.length) add(node, photoBox(photos[0], "main", true));
      var text = add(node, h("div", "xg-text"));
      var kicker = add(text, h("p", "xg-kicker"));
      add(kicker, h("span", "xg-chip", slide.category));
      add(kicker, h("span", "", chineseDate(slide.date)));
      add(text, h("h2", "xg-title xg-clamp-3", slide.title));
      add(text, h("div", "xg-rule"));
      add(text, h("p", "xg-summary xg-clamp-4", slide.summary));
      var meta = [slide.place, slide.teachers.length ? "参与教师：" + slide.teachers.join("、") : ""].filter(Boolean);
      add(text, h("p", "xg-meta xg-clamp-2", meta.join(" · ")));
      add(text, thumbs(photos));
      return node;
    },
    honour: function (slide) {
      var node = slideNode("honour", !!slide.photo);
      if (slide.photo) add(node, photoBox(slide.photo, "main", false));
      var text = add(node, h("div", "xg-text"));
      add(text, h("div", "xg-medal", slide.level + "级"));
      var kicker = add(text, h("p", "xg-kicker"));
      add(kicker, h("span", "xg-chip", "荣誉"));
      add(kicker, h("span", "", chineseDate(slide.date)));
      add(text, h("h2", "xg-title xg-clamp-3", slide.title));
      add(text, h("p", "xg-meta xg-clamp-2", slide.awardedBy));
      if (slide.winners.length) add(text, h("p", "xg-summary xg-clamp-2", "获奖：" + slide.winners.join("、")));
      add(text, h("p", "xg-summary xg-clamp-3", slide.note));
      return node;
    },
    teacher: function (slide) {
      var node = slideNode("teacher", !!slide.photo);
      if (slide.photo) add(node, photoBox(slide.photo, "portrait", false));
      var text = add(node, h("div", "xg-text"));
      var kicker = add(text, h("p", "xg-kicker"));
      add(kicker, h("span", "xg-chip", "榜样教师"));
      add(kicker, h("span", "", slide.subjects.join("、")));
      add(text, h("h2", "xg-name xg-clamp-1", slide.name));
      add(text, h("p", "xg-role xg-clamp-2", slide.role));
      add(text, chips(slide.titles));
      add(text, h("div", "xg-rule"));
      add(text, h("p", "xg-story xg-clamp-5", slide.story));
      return node;
    },
    corridor: function (slide) {
      var photos = slide.photos;
      var node = slideNode("corridor", photos.length > 0);
      if (photos.length) add(node, photoBox(photos[0], "main", true));
      var text = add(node, h("div", "xg-text"));
      var kicker = add(text, h("p", "xg-kicker"));
      add(kicker, h("span", "xg-chip", slide.section));
      add(kicker, h("span", "", slide.location));
      add(text, h("h2", "xg-title xg-clamp-2", slide.name));
      add(text, h("div", "xg-rule"));
      add(text, h("p", "xg-summary xg-clamp-4", slide.description));
      add(text, chips(slide.items));
      add(text, thumbs(photos));
      return node;
    },
    figure: function (slide) {
      // Always two columns: the portrait, or a seal with the first character.
      var node = slideNode("figure", true);
      if (slide.photo) add(node, photoBox(slide.photo, "portrait", false));
      else add(node, h("div", "xg-seal", Array.from(slide.name)[0]));
      var text = add(node, h("div", "xg-text"));
      var kicker = add(text, h("p", "xg-kicker"));
      add(kicker, h("span", "xg-chip", slide.role));
      add(kicker, h("span", "", slide.corridorName));
      add(text, h("h2", "xg-name xg-clamp-1", slide.name));
      add(text, h("p", "xg-role xg-clamp-1", slide.period));
      add(text, h("div", "xg-rule"));
      add(text, h("p", "xg-story xg-clamp-5", slide.text));
      return node;
    }
  };

  /* ---------------------------------------------------------------- notices: ticker and emergency */

  function isoDay(date) { return date.getFullYear() + "-" + pad(date.getMonth() + 1) + "-" + pad(date.getDate()); }
  function monthDay(iso) {
    var p = String(iso).split("-");
    return parseInt(p[1], 10) + "月" + parseInt(p[2], 10) + "日";
  }

  /* The notices block of a slides.json (settings and items); `remember` keeps it for a reload offline. */
  function takeNotices(block, remember) {
    if (!block || !Array.isArray(block.items)) block = null;
    var text = JSON.stringify(block);
    if (remember) {
      try { localStorage.setItem(NOTICES_KEY, text); } catch (error) { /* private mode: this session only */ }
    }
    if (text === state.noticesText) return;  // unchanged: the ticker runs on where it is
    state.noticesText = text;
    state.notices = block;
    state.noticesShown = "";
    showNotices(now());
  }

  function readStoredNotices() {
    try { return JSON.parse(localStorage.getItem(NOTICES_KEY) || "null"); } catch (error) { return null; }
  }

  /* As xingguang.notices.current_notices, on this screen's `day`: not expired (有效期至 includes its
     own day), still-pinned ones first (置顶至 too), newest first within each (then by id). */
  function currentNotices(items, day) {
    function pinned(item) { return item.pinnedUntil && item.pinnedUntil >= day ? 1 : 0; }
    function newer(a, b) { return a > b ? -1 : a < b ? 1 : 0; }
    return items.filter(function (item) { return !item.expires || item.expires >= day; })
      .sort(function (a, b) { return pinned(b) - pinned(a) || newer(a.date, b.date) || newer(a.id, b.id); });
  }

  /* Called every second by the clock: touches the page only when the day or the notices changed. */
  function showNotices(date) {
    var day = isoDay(date);
    var block = state.notices;
    var items = block ? currentNotices(block.items, day) : [];
    var ticker = block && block.ticker ? items : [];
    var emergencies = block && block.emergencyScreen ? items.filter(function (item) { return item.emergency; }) : [];
    var shown = JSON.stringify([ticker.map(function (item) { return item.id; }), block && block.ticker,
      emergencies.map(function (item) { return item.id; })]);
    if (shown === state.noticesShown) return;
    state.noticesShown = shown;
    try {
      renderTicker(ticker, block && block.ticker);
    } catch (error) {
      reportOnce("ticker", error);
    }
    try {
      renderEmergency(emergencies);
    } catch (error) {
      reportOnce("emergency", error);
    }
  }

  function renderTicker(items, settings) {
    if (state.tickerRun) state.tickerRun.cancel();
    state.tickerRun = null;
    el.tickerLine.textContent = "";
    el.ticker.hidden = !items.length;
    root.setAttribute("data-ticker", items.length ? settings.position : "none");
    if (!items.length) return;
    for (var i = 0; i < items.length; i++) {
      var item = items[i];
      var node = add(el.tickerLine, h("span", "xg-ticker__item" + (item.emergency ? " xg-ticker__item--emergency" : "")));
      add(node, h("span", "xg-ticker__chip", item.emergency ? "紧急" : item.category));
      add(node, h("span", "xg-ticker__title", item.title));
      add(node, h("span", "xg-ticker__meta", monthDay(item.date) + " · " + item.unit));
    }
    runTicker(settings.speed);
  }

  /* From the right edge until the last notice has left on the left, again and again, at `speed`
     characters (of the ticker's own type size) a second, whatever the screen's size. */
  function runTicker(speed) {
    if (state.tickerRun) state.tickerRun.cancel();
    state.tickerRun = null;
    if (el.ticker.hidden || !el.tickerLine.animate) return;
    var track = el.tickerLine.parentNode.clientWidth;
    var line = el.tickerLine.scrollWidth;
    var pxPerSecond = speed * parseFloat(getComputedStyle(el.tickerLine).fontSize);
    state.tickerRun = el.tickerLine.animate(
      [{ transform: "translateX(" + track + "px)" }, { transform: "translateX(" + (-line) + "px)" }],
      { duration: (track + line) / pxPerSecond * 1000, iterations: Infinity });
    root.setAttribute("data-ticker-speed", String(pxPerSecond));
    if (state.night || state.emergency) state.tickerRun.pause();
  }

  function renderEmergency(items) {
    var on = items.length > 0;
    if (on) {
      var first = items[0];
      setText(el.emergencyTitle, first.title);
      setText(el.emergencyText, first.text || "");
      setText(el.emergencyMeta, [first.unit, chineseDate(first.date)].join(" · "));
      el.emergencyMore.textContent = "";
      for (var i = 1; i < items.length; i++) add(el.emergencyMore, h("li", "", "另有紧急通知：" + items[i].title));
      root.setAttribute("data-emergency", first.id);
    } else {
      root.removeAttribute("data-emergency");
    }
    el.emergency.hidden = !on;
    if (on !== state.emergency) {
      state.emergency = on;
      setText(el.emergencyClock, pad(now().getHours()) + ":" + pad(now().getMinutes()));
      covered();
      arm();
    }
  }

  /* ---------------------------------------------------------------- data */

  function isValid(doc) {
    return !!(doc && typeof doc.version === "string" && Array.isArray(doc.slides) && doc.site && doc.settings &&
      doc.settings.hours && doc.playlists && Array.isArray(doc.playlists[""]));
  }

  function playlistOf(doc) {
    var ids = Object.prototype.hasOwnProperty.call(doc.playlists, options.playlist) ? doc.playlists[options.playlist] : null;
    var byId = {};
    for (var i = 0; i < doc.slides.length; i++) byId[doc.slides[i].id] = doc.slides[i];
    var list = ids || doc.playlists[""];
    return { known: !!ids, slides: list.map(function (id) { return byId[id]; }).filter(Boolean) };
  }

  function imageUrls(doc) {
    var urls = [];
    var slides = playlistOf(doc).slides;
    for (var i = 0; i < slides.length; i++) {
      try {
        var photos = photosOf(slides[i]);
        for (var j = 0; j < photos.length; j++) {
          var url = choose(photos[j][0], photos[j][1]).url;
          if (urls.indexOf(url) < 0) urls.push(url);
        }
      } catch (error) {
        // Its render fails too, and is reported and skipped there.
      }
    }
    return urls;
  }

  function fingerprint(texts) {
    // FNV-1a over the URL list: which photos (formats and widths) this screen holds.
    var hash = 0x811c9dc5;
    var text = texts.join("\n");
    for (var i = 0; i < text.length; i++) {
      hash ^= text.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash.toString(16);
  }

  function apply(doc) {
    state.data = doc;
    // The retry without data may be due later than this screen's own interval.
    state.due.check = Math.min(state.due.check, performance.now() + checkMs());
    var playlist = playlistOf(doc);
    state.order = playlist.slides;
    state.index = -1;
    state.upcoming = null;
    state.reported = {};
    root.setAttribute("data-version", doc.version);
    root.setAttribute("data-night", doc.settings.hours.night);
    el.stage.className = "xg-stage xg-stage--" + doc.settings.transition;
    el.stage.style.setProperty("--xg-transition", transitionMs() + "ms");
    el.notice.hidden = playlist.known || !options.playlist;
    if (!el.notice.hidden) el.notice.textContent = "没有名为“" + options.playlist + "”的播放列表，正在播放全部内容";
    tickClock();
    if (!state.night && !state.emergency && !state.paused) advance(1);
    updateStatus();
    arm();
  }

  function readPointer() {
    try { return JSON.parse(localStorage.getItem(POINTER_KEY) || "null"); } catch (error) { return null; }
  }

  function loadCached() {
    var pointer = readPointer();
    if (!canCache || !pointer || !pointer.cache) return Promise.resolve(null);
    return caches.open(pointer.cache)
      .then(function (cache) { return cache.match(DATA_URL); })
      .then(function (response) { return response ? response.json() : null; })
      .then(function (doc) { return isValid(doc) ? doc : null; })
      .catch(function () { return null; });
  }

  function decodes(blob) {
    if (!window.createImageBitmap) return Promise.resolve();
    return createImageBitmap(blob).then(function (bitmap) { if (bitmap.close) bitmap.close(); });
  }

  /* ---------------------------------------------------------------- requests with a deadline */

  /* fetch(url), then read(response), both within deadlineMs(): the loop aborts the request
     when it is overdue, which also stops a body that trickles in. `group` lets a download
     abandon all its requests at once. */
  function fetchWithin(url, init, read, group) {
    var controller = new AbortController();
    var entry = { at: performance.now() + deadlineMs(), controller: controller, group: group || null };
    state.deadlines.push(entry);
    if (entry.at < state.due.deadline) { state.due.deadline = entry.at; arm(); }
    var options = { signal: controller.signal };
    for (var key in init) options[key] = init[key];
    return fetch(url, options).then(read).then(function (value) {
      release(entry);
      return value;
    }, function (error) {
      release(entry);
      throw error;
    });
  }

  function release(entry) {
    var i = state.deadlines.indexOf(entry);
    if (i >= 0) state.deadlines.splice(i, 1);
    // due.deadline may now be early: the loop wakes once for nothing and recomputes it.
  }

  function abortOverdue(t) {
    var due = Infinity;
    var pending = state.deadlines.slice();
    for (var i = 0; i < pending.length; i++) {
      if (pending[i].at <= t) {
        release(pending[i]);
        pending[i].controller.abort();
      } else {
        due = Math.min(due, pending[i].at);
      }
    }
    state.due.deadline = due;
  }

  function abortGroup(group) {
    var pending = state.deadlines.filter(function (entry) { return entry.group === group; });
    for (var i = 0; i < pending.length; i++) {
      release(pending[i]);
      pending[i].controller.abort();
    }
  }

  /* ---------------------------------------------------------------- downloading a version */

  /* Download a version into its own cache, check every photo decodes, then point at it.
     Photos are named by their content, so one already in any cache (the version on screen,
     or an attempt that stalled halfway) is copied, and only the rest is fetched.
     The `t` query sends a download past sw.js straight to the network: Chromium does not pass
     the page's abort on to a fetch the worker makes, which would keep a stalled connection
     open (and the browser allows only six per server). */
  function storeVersion(doc, text, urls, key, group) {
    var name = CONTENT_PREFIX + doc.version + "-" + key;
    return caches.open(name).then(function (cache) {
      return eachAtMost(DOWNLOADS_AT_ONCE, urls, function (url) {
        return caches.match(url).then(function (found) {
          if (found) return found.blob();
          return fetchWithin(url + (url.indexOf("?") < 0 ? "?" : "&") + "t=" + doc.version, {}, function (response) {
            if (!response.ok) throw new Error(url + ": HTTP " + response.status);
            return response.blob();
          }, group);
        }).then(function (blob) {
          // Only a photo that decodes is kept; a broken one is fetched afresh next time.
          return decodes(blob).then(function () {
            return cache.put(url, new Response(blob, { headers: { "Content-Type": blob.type } }));
          });
        });
      }).then(function () {
        return cache.put(DATA_URL, new Response(text, { headers: { "Content-Type": "application/json" } }));
      }).then(function () {
        localStorage.setItem(POINTER_KEY, JSON.stringify({ cache: name, version: doc.version, urls: key }));
        return pruneCaches(name);
      });
    });
  }

  /* run(item) for every item, at most `limit` at a time; stops starting new ones after a failure. */
  function eachAtMost(limit, items, run) {
    var next = 0;
    var failed = false;
    function worker() {
      if (failed || next >= items.length) return Promise.resolve();
      var item = items[next++];
      return run(item).then(worker, function (error) { failed = true; throw error; });
    }
    var workers = [];
    for (var i = 0; i < Math.min(limit, items.length); i++) workers.push(worker());
    return Promise.all(workers);
  }

  function pruneCaches(keep) {
    return caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) {
        return name.indexOf(CONTENT_PREFIX) === 0 && name !== keep;
      }).map(function (name) { return caches.delete(name); }));
    });
  }

  /* Without Cache Storage (plain http on the LAN): load every photo before switching. */
  function preload(urls, group) {
    return eachAtMost(DOWNLOADS_AT_ONCE, urls, function (url) {
      return fetchWithin(url, {}, function (response) {
        if (!response.ok) throw new Error(url + ": HTTP " + response.status);
        return response.blob();
      }, group).then(decodes);
    });
  }

  /* One download at a time, beside the checks: a check never waits for photos. */
  function download(doc, text, urls, key) {
    var running = state.download;
    if (running && running.version === doc.version && running.key === key) return;
    if (running) abortGroup(running);  // a newer version replaces an older one still arriving
    var job = state.download = { version: doc.version, key: key };
    root.setAttribute("data-update", "downloading");
    var ready = canCache ? storeVersion(doc, text, urls, key, job) : preload(urls, job);
    ready.then(function () {
      if (state.download !== job) return;
      if (doc.version !== state.data.version) apply(doc);
      confirmed();
    }, function (error) {
      if (state.download !== job) return;
      abortGroup(job);
      state.online = false;
      root.setAttribute("data-update", "failed");
      reportOnce("download", error);
    }).then(function () {
      if (state.download === job) state.download = null;
      updateStatus();
    });
  }

  /* The server answered and the screen shows what it has: remember when (shown in the status). */
  function confirmed() {
    state.online = true;
    state.confirmedAt = now().getTime();
    try { localStorage.setItem(CONFIRMED_KEY, String(state.confirmedAt)); } catch (error) { /* private mode */ }
    root.setAttribute("data-offline", canCache ? "ready" : "none");
    root.setAttribute("data-update", "ok");
  }

  /* ---------------------------------------------------------------- checking */

  /* Fetch slides.json (within its deadline, so one check never blocks the next); download a
     new version beside it. */
  function checkForUpdate() {
    if (state.checking) return;
    state.checking = true;
    state.checks++;
    root.setAttribute("data-checks", String(state.checks));
    root.setAttribute("data-checking", "1");
    fetchWithin(DATA_URL + "?t=" + Date.now(), { cache: "no-store" }, function (response) {
      if (!response.ok) throw new Error("slides.json: HTTP " + response.status);
      return response.text();
    })
      .then(function (text) {
        var doc = JSON.parse(text);
        if (!isValid(doc)) throw new Error("slides.json: not a slides document");
        state.online = true;
        takeNotices(doc.notices, true);  // an emergency is shown now, not after the photos
        updateWorker();  // now, while the server answers; not after the photos
        if (doc.shell && SHELL && doc.shell !== SHELL) updateShell(doc.shell);
        var urls = imageUrls(doc);
        var key = fingerprint(urls);
        var fresh = !state.data || doc.version !== state.data.version;
        var pointer = readPointer();
        var stored = !canCache || (pointer && pointer.version === doc.version && pointer.urls === key);
        if (!fresh && stored) {
          if (state.download) abortGroup(state.download);  // the server went back to what is shown
          state.download = null;
          confirmed();
          return;
        }
        if (!state.data) apply(doc);  // something on the screen at once; the cache follows
        download(doc, text, urls, key);
      })
      .catch(function (error) {
        state.online = false;
        root.setAttribute("data-update", "failed");
        reportOnce("update", error);
        if (!state.data) el.waiting.textContent = "暂时连不上学校网站，稍后自动重试……";
      })
      .then(function () {
        state.checking = false;
        root.removeAttribute("data-checking");
        updateStatus();
      });
  }

  /* ---------------------------------------------------------------- the shell and its worker */

  var worker = null;
  var workerUpdate = null;
  /* The browser fetches sw.js itself, with no deadline we can set: against a server that accepts
     and never answers, update() waits as long as the connection stays open (over a minute in
     Chromium 156), and every later update() or register() queues behind it. So it is asked
     only just after the server answered a check, and only one at a time. */
  function updateWorker() {
    if (!worker || !worker.update || workerUpdate) return;
    var pending = workerUpdate = worker.update().catch(function () {}).then(function () {
      if (workerUpdate === pending) workerUpdate = null;
    });
  }

  function registerWorker(shell) {
    if (!("serviceWorker" in navigator) || !window.isSecureContext) return;
    navigator.serviceWorker.register("sw.js?shell=" + encodeURIComponent(shell), { scope: "./" })
      .then(function (reg) { worker = reg; }, function (error) { reportOnce("worker", error); });
  }

  var hadController = !!(navigator.serviceWorker && navigator.serviceWorker.controller);
  function watchController() {
    if (!navigator.serviceWorker) return;
    navigator.serviceWorker.addEventListener("controllerchange", function () {
      // A new shell took over (its files are all cached): load it. The first claim is not a change.
      if (hadController) reloadOnce();
      hadController = true;
      root.setAttribute("data-worker", "active");
    });
    if (navigator.serviceWorker.controller) root.setAttribute("data-worker", "active");
  }

  var shellRequested = "";
  function updateShell(shell) {
    if (shellRequested === shell) return;
    shellRequested = shell;
    if (canCache && "serviceWorker" in navigator) {
      registerWorker(shell);  // the new worker caches the new shell, then takes over: controllerchange
      return;
    }
    fetchWithin(new URL("./", DATA_URL).href + "?t=" + Date.now(), { cache: "no-store" },
      function (response) { return response.ok ? response.text() : ""; })
      .then(function (html) { if (html.indexOf('data-shell="' + shell + '"') >= 0) reloadOnce(); })
      .catch(function () { shellRequested = ""; });
  }

  function reloadOnce() {
    // Never a reload loop: at most one reload every ten minutes.
    var last = 0;
    try { last = parseInt(sessionStorage.getItem(RELOAD_KEY) || "0", 10); } catch (error) { last = 0; }
    if (Date.now() - last < 600000) return;
    try { sessionStorage.setItem(RELOAD_KEY, String(Date.now())); } catch (error) { /* private mode */ }
    location.reload();
  }

  /* ---------------------------------------------------------------- screen care, keys, status */

  function shiftFrame() {
    state.shiftStep = (state.shiftStep + 1) % SHIFTS.length;
    var x = SHIFTS[state.shiftStep][0];
    var y = SHIFTS[state.shiftStep][1];
    el.frame.style.transform = x || y ? "translate(" + x + "px, " + y + "px)" : "";
    el.emergencyBody.style.transform = el.frame.style.transform;
    root.setAttribute("data-shift", x + "," + y);
    // The night clock wanders further: it is the only thing lit for hours.
    var nx = ((state.shiftStep * 37) % 41) - 20;
    var ny = ((state.shiftStep * 23) % 31) - 15;
    el.nightClock.style.transform = "translate(calc(-50% + " + nx + "vw), calc(-50% + " + ny + "vh))";
  }

  function togglePause() {
    state.paused = !state.paused;
    el.paused.hidden = !state.paused;
    root.setAttribute("data-paused", state.paused ? "1" : "0");
    if (state.paused) {
      state.due.advance = Infinity;
      if (state.progress) state.progress.pause();
    } else {
      state.due.advance = performance.now() + slideMs();
      runProgress(slideMs());
    }
    arm();
  }

  function onKey(event) {
    if (event.key === "ArrowRight" || event.key === "ArrowLeft") {
      if (!state.night && !state.emergency) advance(event.key === "ArrowRight" ? 1 : -1);
    } else if (event.key === " " || event.code === "Space") {
      togglePause();
    } else {
      return;
    }
    event.preventDefault();
    arm();
  }

  function updateStatus() {
    var parts = [];
    if (state.order.length) parts.push((state.index + 1) + " / " + state.order.length);
    if (!state.online) parts.push(canCache && readPointer() ? "离线播放" : "未连接");
    if (state.confirmedAt) parts.push("最后更新 " + shortTime(new Date(state.confirmedAt)));
    if (state.data) parts.push("版本 " + state.data.version.slice(0, 6));
    setText(el.status, parts.join(" · "));
  }

  /* 10:42 today, 1月5日 10:42 before. */
  function shortTime(date) {
    var today = now();
    var time = pad(date.getHours()) + ":" + pad(date.getMinutes());
    if (date.toDateString() === today.toDateString()) return time;
    return (date.getMonth() + 1) + "月" + date.getDate() + "日 " + time;
  }

  function reportOnce(key, error) {
    if (state.reported[key]) return;
    state.reported[key] = true;
    if (window.console) console.warn("[星光显示屏]", key, error && error.message ? error.message : error);
  }
  function report(error, where) { reportOnce("slide " + where, error); }

  function onUncaught(event) {
    // The loop re-arms itself in `finally`; this also catches errors in callbacks outside it.
    state.uncaught.push(Date.now());
    if (state.uncaught.length > 20) state.uncaught.shift();
    root.setAttribute("data-errors", String(state.caught + state.uncaught.length));
    if (!state.timer) arm();
    // Twenty uncaught errors within a minute: start afresh from the cache.
    if (state.uncaught.length === 20 && Date.now() - state.uncaught[0] < 60000) reloadOnce();
    if (event && event.preventDefault && event.type === "unhandledrejection") event.preventDefault();
  }

  function detectFormats() {
    if (!window.createImageBitmap || !window.Blob) return Promise.resolve(["jpeg"]);
    var names = Object.keys(PROBES);
    return Promise.all(names.map(function (name) {
      var bytes = Uint8Array.from(atob(PROBES[name][1]), function (c) { return c.charCodeAt(0); });
      return decodes(new Blob([bytes], { type: PROBES[name][0] })).then(function () { return name; }, function () { return null; });
    })).then(function (found) {
      return found.filter(Boolean).concat(["jpeg"]);
    });
  }

  /* ---------------------------------------------------------------- start */

  function start() {
    window.addEventListener("error", onUncaught);
    window.addEventListener("unhandledrejection", onUncaught);
    document.addEventListener("keydown", onKey);
    window.addEventListener("resize", function () {
      if (state.notices && state.notices.ticker) runTicker(state.notices.ticker.speed);
    });
    watchController();
    registerWorker(SHELL);
    tickClock();
    arm();
    var formats = detectFormats().catch(function () { return ["jpeg"]; });
    formats.then(function (found) {
      state.formats = found;
      root.setAttribute("data-formats", found.join(","));
      return loadCached();
    }).then(function (doc) {
      if (doc) {
        state.online = false;  // until the first check answers
        takeNotices(readStoredNotices() || doc.notices, false);
        apply(doc);
        root.setAttribute("data-offline", "ready");
      }
      state.due.check = performance.now() + (doc ? 1000 : 0);
      arm();
    });
  }

  start();
})();

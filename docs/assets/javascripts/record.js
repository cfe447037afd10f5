/* The learner record on every page: module pages (visit, reflection, written
 * task, mark as read), menu ticks and the warnings when storage fails. Storage
 * and schema are in record-store.js; quiz answers in record-quiz.js (loaded with
 * the quiz); My learning and My reflections in record-learning.js, with the
 * import review in record-import.js (loaded only on those two pages). Nothing
 * is ever sent.
 *
 * Page hooks (written by the build):
 *   [data-pw-module]      on module pages: id, title, minutes
 *   .pw-reflection        the reflective activity's text box goes here
 *   .pw-task-box          the written task's text box (data-pw-task, data-pw-words)
 *   .pw-mark-read         the "mark as read" control goes here
 */
(function () {
  "use strict";

  var R = window.PWRecord;
  if (!R) return;
  var el = R.el;

  // ------------------------------------------------------------ helpers

  function status(container) {
    var live = el("p", { class: "pw-status", role: "status", "aria-live": "polite" });
    container.appendChild(live);
    return function (message) {
      live.textContent = message;
    };
  }

  function notice(container) {
    if (R.state.canStore) return;
    container.appendChild(
      el(
        "p",
        { class: "pw-notice", role: "note" },
        "Your browser is not letting this site save anything (perhaps private browsing, blocked or full storage). " +
          "Everything still works, but your progress and reflections will not be kept unless you download them."
      )
    );
  }

  /** One notice at the top of the page the first time the browser refuses to save. */
  function pageWarning() {
    var shown = false;
    R.onSaveFailed(function () {
      if (shown) return;
      shown = true;
      var where = document.querySelector(".md-content__inner") || document.body;
      var box = el("div", { class: "pw-notice pw-save-failed", role: "alert" });
      box.appendChild(
        el(
          "p",
          {},
          "This browser did not save your latest progress: its storage is full or blocked. " +
            "Anything you type in a box on this page can still be downloaded from that box."
        )
      );
      where.insertBefore(box, where.firstChild);
    });
  }

  // ------------------------------------------------------------ a text box that never loses what was typed

  /**
   * A labelled textarea kept in the record by ``store(entry, text)``. Saves as
   * the learner types; if the browser refuses, says so in the box at once and
   * offers the text as a download.
   */
  function writingBox(box, opts) {
    var fieldId = opts.id;
    box.appendChild(el("label", { for: fieldId, class: "pw-label" }, opts.label));
    var area = el("textarea", { id: fieldId, rows: String(opts.rows || 8), class: "pw-textarea" });
    area.value = opts.initial || "";
    box.appendChild(area);
    if (opts.after) opts.after(area);
    var button = el("button", { type: "button", class: "md-button " + opts.buttonClass }, opts.button);
    box.appendChild(button);
    var say = status(box);
    var alarm = el("div", {
      class: "pw-save-alarm",
      role: "alert",
      hidden: "",
      style: "padding: 0.6em 0.8em; border-left: 0.25em solid #b35900; background: var(--md-code-bg-color)",
    });
    var rescue = el("button", { type: "button", class: "md-button pw-download-writing" }, "Download what you wrote");
    alarm.appendChild(
      el("p", {}, "Not saved: this browser refused to store your writing (its storage may be full, or private browsing may block it). Download it now so it is not lost.")
    );
    alarm.appendChild(rescue);
    box.appendChild(alarm);
    rescue.addEventListener("click", function () {
      R.download(opts.file + "-" + R.today() + ".txt", area.value + "\n", "text/plain");
    });
    var saveNow = function () {
      var ok = R.update(opts.module, function (entry) {
        opts.store(entry, area.value);
      });
      if (ok) alarm.hidden = true;
      else alarm.hidden = false;
      return ok;
    };
    var timer = null;
    area.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(saveNow, 600);
    });
    button.addEventListener("click", function () {
      clearTimeout(timer);
      say(saveNow() ? opts.saved + " " + R.shown(R.stamp()) + "." : "Could not save: see the message below.");
    });
    return area;
  }

  // ------------------------------------------------------------ module pages

  function markRead(box, id) {
    var button = el("button", { type: "button", class: "md-button md-button--primary pw-read-button" });
    var say = status(box);
    var draw = function () {
      var entry = R.load().modules[id] || {};
      button.textContent = entry.read ? "Marked as read ✓ (select to undo)" : "Mark this module as read";
      button.setAttribute("aria-pressed", entry.read ? "true" : "false");
    };
    button.addEventListener("click", function () {
      var marked = false;
      var ok = R.update(id, function (entry) {
        entry.read = entry.read ? null : R.today();
        entry.readAt = R.stamp();
        marked = !!entry.read;
      });
      draw();
      say(ok ? (marked ? "Saved: module marked as read." : "Saved: module marked as not read.") : "Could not save.");
      markNav();
    });
    box.appendChild(button);
    draw();
  }

  function reflection(box, id) {
    var entry = R.load().modules[id] || {};
    writingBox(box, {
      id: "pw-reflection-" + id,
      module: id,
      label: "Your reflection (kept in this browser only)",
      initial: (entry.reflection || {}).text || "",
      button: "Save reflection",
      buttonClass: "pw-save-reflection",
      saved: "Reflection saved",
      file: "reflection-" + id,
      store: function (e, value) {
        var old = e.reflection || {};
        e.reflection = { text: value, updated: R.stamp() };
        if (old.earlier) e.reflection.earlier = old.earlier;
      },
    });
  }

  function task(box, id) {
    var taskId = box.getAttribute("data-pw-task");
    var limit = parseInt(box.getAttribute("data-pw-words"), 10) || 0;
    var saved = (R.load().modules[id] || {}).task;
    var countId = "pw-task-count-" + id;
    var area = writingBox(box, {
      id: "pw-task-" + id,
      module: id,
      label: "Your answer (kept in this browser only; it goes into your CPD record)",
      initial: saved && saved.id === taskId ? saved.text : "",
      rows: 12,
      button: "Save my answer",
      buttonClass: "pw-save-task",
      saved: "Answer saved",
      file: "written-task-" + id,
      after: function (textarea) {
        textarea.setAttribute("aria-describedby", countId);
        box.appendChild(el("p", { id: countId, class: "pw-word-count" }));
      },
      store: function (e, value) {
        var old = e.task && e.task.id === taskId ? e.task : {};
        e.task = { id: taskId, text: value, updated: R.stamp() };
        if (old.earlier) e.task.earlier = old.earlier;
      },
    });
    var count = document.getElementById(countId);
    var draw = function () {
      var n = R.words(area.value);
      count.textContent =
        n > limit && limit
          ? n + " words: " + (n - limit) + " over the limit of " + limit + ". Cut it down."
          : n + " of " + limit + " words";
      count.classList.toggle("pw-over", n > limit && !!limit);
    };
    area.addEventListener("input", draw);
    draw();
  }

  function modulePage() {
    var marker = document.querySelector("[data-pw-module]");
    if (!marker) return;
    var id = marker.getAttribute("data-pw-module");
    R.update(id, function (entry) {
      entry.visited = R.today();
      if (!entry.firstVisited) entry.firstVisited = R.today();
      entry.title = marker.getAttribute("data-pw-title");
      entry.minutes = parseInt(marker.getAttribute("data-pw-minutes"), 10) || 0;
    });
    document.querySelectorAll(".pw-reflection").forEach(function (box) {
      notice(box);
      reflection(box, id);
    });
    document.querySelectorAll(".pw-task-box").forEach(function (box) {
      notice(box);
      task(box, id);
    });
    document.querySelectorAll(".pw-mark-read").forEach(function (box) {
      markRead(box, id);
    });
  }

  // ------------------------------------------------------------ navigation ticks

  function markNav() {
    var record = R.load();
    document.querySelectorAll(".md-nav__link[href]").forEach(function (link) {
      // link.href is absolute, so the current page's own "./" link resolves too
      var match = link.href.split("#")[0].match(/modules\/([a-z0-9-]+)(?:\/|\.html)$/);
      var old = link.querySelector(".pw-tick");
      if (old) old.remove();
      if (!match) return;
      var entry = record.modules[match[1]];
      if (entry && entry.read) {
        var tick = el("span", { class: "pw-tick" });
        tick.appendChild(el("span", { "aria-hidden": "true" }, " ✓"));
        tick.appendChild(el("span", { class: "pw-visually-hidden" }, " (completed)"));
        link.appendChild(tick);
      }
    });
  }

  function init() {
    pageWarning();
    modulePage();
    markNav();
    if (R.state.aside && !document.getElementById("pw-my-learning")) {
      var where = document.querySelector(".md-content__inner") || document.body;
      where.insertBefore(
        el(
          "p",
          { class: "pw-notice pw-aside", role: "alert" },
          "Your saved learning record could not be read, so it was kept aside on this device instead of being deleted. " +
            "My learning lets you download or delete the damaged copy."
        ),
        where.firstChild
      );
    }
  }

  // for record-learning.js, which only My learning and My reflections load
  R.page = { status: status, notice: notice, markNav: markNav };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();

/* The learner record's pages: module pages (visit, reflection, written task,
 * mark as read), menu ticks, My learning (progress, CPD record, import) and
 * My reflections. Storage and schema are in record-store.js, quiz answers in
 * record-quiz.js, the import review in record-import.js. Nothing is ever sent.
 *
 * Page hooks (written by the build):
 *   [data-pw-module]      on module pages: id, title, minutes
 *   .pw-reflection        the reflective activity's text box goes here
 *   .pw-task-box          the written task's text box (data-pw-task, data-pw-words)
 *   .pw-mark-read         the "mark as read" control goes here
 *   #pw-my-learning       the My learning page
 *   #pw-my-reflections    the My reflections page
 *   #pw-modules           links to every module (data-pw-id, data-pw-minutes), shown without JavaScript
 *   #pw-module-data       data-modules: JSON [{id, title, minutes, outcomes, questions, task}],
 *                         data-site-url: the public address if the build set one
 */
(function () {
  "use strict";

  var R = window.PWRecord;
  if (!R) return;
  var el = R.el;
  var QUIZ_PREFIX = "quiz_progress_";

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

  function siteRoot() {
    var data = document.getElementById("pw-module-data");
    var given = data && data.getAttribute("data-site-url");
    if (given) return given.replace(/\/?$/, "/");
    var base = ".";
    try {
      base = JSON.parse(document.getElementById("__config").textContent).base || ".";
    } catch (e) {
      /* default: this page's folder */
    }
    var url = new URL(base.replace(/\/?$/, "/"), window.location.href);
    return (url.protocol === "file:" ? "file://" : url.origin) + url.pathname;
  }

  function moduleAddress(root, m) {
    var data = document.getElementById("pw-module-data");
    if (data && data.getAttribute("data-site-url")) return root + "modules/" + m.id + "/";
    var url = new URL(m.url, window.location.href);
    return (url.protocol === "file:" ? "file://" : url.origin) + url.pathname;
  }

  /** The site's modules, from the data the build writes (or the plain list of links). */
  function modules() {
    var data = document.getElementById("pw-module-data");
    var links = {};
    document.querySelectorAll("#pw-modules a[data-pw-id]").forEach(function (a) {
      links[a.getAttribute("data-pw-id")] = a.getAttribute("href");
    });
    if (data) {
      try {
        return JSON.parse(data.getAttribute("data-modules")).map(function (m) {
          m.url = links[m.id] || "modules/" + m.id + "/";
          return m;
        });
      } catch (e) {
        /* fall back to the links */
      }
    }
    return Array.prototype.map.call(document.querySelectorAll("#pw-modules a[data-pw-id]"), function (a) {
      return {
        id: a.getAttribute("data-pw-id"),
        title: a.textContent.trim(),
        minutes: parseInt(a.getAttribute("data-pw-minutes"), 10) || 0,
        outcomes: [],
        questions: 0,
        task: null,
        url: a.getAttribute("href"),
      };
    });
  }

  function engaged(e) {
    return !!e && !!(e.visited || e.read || e.reflection || e.task || (e.answers && Object.keys(e.answers).length) || e.v1quiz);
  }

  function quizText(e, total) {
    var c = R.quizCounts(e, total);
    c.total = total || c.tried;
    return {
      first: c.tried ? c.first + " of " + c.total + " correct (" + c.tried + " tried)" : "Not tried",
      now: c.answered ? c.now + " of " + c.total + " correct (" + c.answered + " answered)" : "None answered",
      tried: c.tried,
    };
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

  // ------------------------------------------------------------ the CPD record

  /** The CPD record as Markdown or plain text; the printed page is the text without the import line. */
  function asText(record, markdown) {
    var h = function (level, t) {
      return markdown ? "#".repeat(level) + " " + t : level === 1 ? t.toUpperCase() : t + "\n" + "-".repeat(t.length);
    };
    var quote = function (t) {
      return t.split("\n").map(function (line) {
        return markdown ? "> " + line : "    " + line;
      });
    };
    var root = siteRoot();
    var lines = [h(1, "Continuing professional development record"), ""];
    lines.push("Name: " + (record.name || "(not given)"));
    lines.push("Source: Partnership working in health and social care (open learning site)");
    lines.push("Site address: " + root);
    lines.push("Created: " + R.today());
    lines.push("");
    lines.push(
      "This is a self-declared record of learning. It was kept in the learner's own browser and has not been verified by anyone. " +
        "Quiz scores are the learner's first try at each question. Times are the module's estimated time, not time measured."
    );
    lines.push("");
    modules().forEach(function (m) {
      var e = record.modules[m.id];
      if (!engaged(e)) return; // modules never opened are left out
      var q = quizText(e, m.questions);
      lines.push(h(2, m.title));
      lines.push("");
      lines.push("- Address: " + moduleAddress(root, m));
      lines.push("- Date read: " + (e.read ? e.read : "not marked as read"));
      if (e.visited) lines.push("- Last visited: " + e.visited);
      lines.push("- Time: about " + m.minutes + " minutes (estimated)");
      lines.push("- Quiz, first try: " + q.first);
      if (q.tried) lines.push("- Quiz, now: " + q.now);
      if (e.v1quiz) {
        lines.push("- Quiz (recorded before first tries were kept): " + e.v1quiz.correct + " correct of " + e.v1quiz.total);
      }
      if (m.outcomes && m.outcomes.length) {
        lines.push("- Learning outcomes of the module:");
        m.outcomes.forEach(function (o) {
          lines.push("    - " + o);
        });
      }
      if (e.reflection && e.reflection.text) {
        lines.push("- Reflection (saved " + R.shown(e.reflection.updated) + "):");
        lines.push("");
        lines.push.apply(lines, quote(e.reflection.text));
        lines.push("");
      }
      if (e.task && e.task.text) {
        var title = m.task && m.task.id === e.task.id ? m.task.title : "written task";
        lines.push("- Written task, " + title + " (saved " + R.shown(e.task.updated) + ", " + R.words(e.task.text) + " words):");
        lines.push("");
        lines.push.apply(lines, quote(e.task.text));
      }
      lines.push("");
    });
    return lines.join("\n") + "\n";
  }

  function exportText(record, markdown) {
    var copy = JSON.parse(JSON.stringify(record));
    copy.exported = R.stamp();
    return (
      asText(record, markdown) + "Data for importing this record on another device (do not edit):\n" + "PW-RECORD " + JSON.stringify(copy) + "\n"
    );
  }

  // ------------------------------------------------------------ My learning

  function learningTable(record) {
    var table = el("table", { "data-pw-table": "learning" });
    var head = el("tr");
    ["Module", "Minutes (estimated)", "Read", "Quiz: first try", "Quiz: now", "Last visited"].forEach(function (t) {
      head.appendChild(el("th", { scope: "col" }, t));
    });
    table.appendChild(el("thead")).appendChild(head);
    var body = table.appendChild(el("tbody"));
    modules().forEach(function (m) {
      var e = record.modules[m.id] || {};
      var q = quizText(e, m.questions);
      var row = body.appendChild(el("tr", { "data-module": m.id }));
      var cell = row.appendChild(el("td"));
      cell.appendChild(el("a", { href: m.url }, m.title));
      row.appendChild(el("td", {}, String(m.minutes)));
      row.appendChild(el("td", {}, e.read ? "Yes, " + e.read : "Not yet"));
      row.appendChild(el("td", { "data-pw-col": "first" }, q.tried ? q.first : e.v1quiz ? e.v1quiz.correct + " correct (before first tries were kept)" : "Not started"));
      row.appendChild(el("td", { "data-pw-col": "now" }, q.tried ? q.now : "Not started"));
      row.appendChild(el("td", {}, e.visited || "Never"));
    });
    return table;
  }

  function asideNotice(root) {
    var keys = R.asideKeys();
    if (!keys.length) return;
    var box = root.appendChild(el("div", { class: "pw-notice pw-aside", role: "alert" }));
    box.appendChild(
      el(
        "p",
        {},
        "A saved record on this device could not be read, so it was kept aside instead of being deleted. " +
          "You can download it to keep or to show someone who can help, or delete it."
      )
    );
    keys.forEach(function (key) {
      var p = box.appendChild(el("p", { class: "pw-actions" }));
      var get = p.appendChild(el("button", { type: "button", class: "md-button pw-aside-download" }, "Download the damaged copy"));
      get.addEventListener("click", function () {
        R.download("damaged-record-" + R.today() + ".txt", R.storage().getItem(key) || "", "text/plain");
      });
      var del = p.appendChild(el("button", { type: "button", class: "md-button pw-aside-delete" }, "Delete the damaged copy"));
      del.addEventListener("click", function () {
        if (!window.confirm("Delete the damaged copy of your record from this browser?")) return;
        R.storage().removeItem(key);
        p.remove();
      });
    });
  }

  function myLearning(root) {
    notice(root);
    asideNotice(root);
    var record = R.load();
    var wrap = root.appendChild(el("div", { class: "pw-table-scroll pw-table-wrap" }));
    wrap.appendChild(learningTable(record));

    var cpd = root.appendChild(el("section", { class: "pw-cpd", "aria-labelledby": "pw-cpd-title" }));
    cpd.appendChild(el("h2", { id: "pw-cpd-title" }, "Your CPD record"));
    cpd.appendChild(el("label", { for: "pw-name", class: "pw-label" }, "Your name, as it should appear on the record"));
    var name = cpd.appendChild(el("input", { id: "pw-name", type: "text", autocomplete: "name", class: "pw-input", maxlength: "200" }));
    name.value = record.name || "";
    var say = status(cpd);
    name.addEventListener("change", function () {
      var r = R.load();
      r.name = name.value;
      r.nameAt = R.stamp();
      say(R.save(r) ? "Name saved." : "Could not save.");
    });
    var actions = cpd.appendChild(el("p", { class: "pw-actions" }));
    var button = function (label, handler) {
      var b = actions.appendChild(el("button", { type: "button", class: "md-button" }, label));
      b.addEventListener("click", handler);
      return b;
    };
    button("Print or save as PDF", function () {
      document.getElementById("pw-print").textContent = asText(R.load(), false);
      document.body.classList.add("pw-printing");
      window.print();
    });
    window.addEventListener("afterprint", function () {
      document.body.classList.remove("pw-printing");
    });
    button("Download as Markdown", function () {
      R.download("cpd-record-" + R.today() + ".md", exportText(R.load(), true), "text/markdown");
      say("Downloaded your record as a Markdown file.");
    });
    button("Download as text", function () {
      R.download("cpd-record-" + R.today() + ".txt", exportText(R.load(), false), "text/plain");
      say("Downloaded your record as a text file.");
    });
    var refresh = function () {
      wrap.replaceChildren(learningTable(R.load()));
      name.value = R.load().name || "";
      markNav();
    };
    if (window.PWRecordImport) {
      window.PWRecordImport(cpd, {
        modules: modules,
        refresh: refresh,
        backup: function () {
          R.download("cpd-record-before-replacing-" + R.today() + ".md", exportText(R.load(), true), "text/markdown");
        },
      });
    }
    cpd.appendChild(el("pre", { id: "pw-print", class: "pw-print-only" }));

    var danger = root.appendChild(el("section", { class: "pw-delete", "aria-labelledby": "pw-delete-title" }));
    danger.appendChild(el("h2", { id: "pw-delete-title" }, "Delete my data"));
    danger.appendChild(
      el("p", {}, "This removes your progress, quiz answers, reflections, written tasks and name from this browser. It cannot be undone.")
    );
    var sayDelete = status(danger);
    danger.appendChild(el("button", { type: "button", class: "md-button pw-delete-button" }, "Delete all my data")).addEventListener("click", function () {
      if (!window.confirm("Delete all your progress, quiz answers and reflections from this browser? This cannot be undone.")) return;
      var store = R.storage();
      if (store) {
        Object.keys(store).forEach(function (key) {
          if (key === R.KEY || key.indexOf("pw-record-") === 0 || key.indexOf(QUIZ_PREFIX) === 0) store.removeItem(key);
        });
      }
      refresh();
      sayDelete("All your data has been deleted from this browser.");
    });
  }

  // ------------------------------------------------------------ My reflections

  function earlierVersions(section, id, field) {
    var e = R.load().modules[id];
    var list = (e && e[field] && e[field].earlier) || [];
    if (!list.length) return;
    var details = section.appendChild(el("details", { class: "pw-earlier" }));
    details.appendChild(el("summary", {}, "Earlier versions (" + list.length + "), kept when two copies of your record were merged"));
    list.forEach(function (v, i) {
      var item = details.appendChild(el("div", { class: "pw-earlier-version" }));
      item.appendChild(el("p", { class: "pw-date" }, "Saved " + R.shown(v.updated)));
      item.appendChild(el("blockquote", { class: "pw-text", style: "white-space: pre-wrap" }, v.text));
      var del = item.appendChild(el("button", { type: "button", class: "md-button pw-delete-earlier" }, "Delete this earlier version"));
      del.addEventListener("click", function () {
        if (!window.confirm("Delete this earlier version? The current one is kept.")) return;
        R.update(id, function (entry) {
          entry[field].earlier = entry[field].earlier.filter(function (x) {
            return !(x.updated === v.updated && x.text === v.text);
          });
          if (!entry[field].earlier.length) delete entry[field].earlier;
        });
        item.remove();
      });
      return i;
    });
  }

  function myReflections(root) {
    notice(root);
    var record = R.load();
    var any = false;
    modules().forEach(function (m) {
      var e = record.modules[m.id];
      if (!e) return;
      var hasReflection = e.reflection && (e.reflection.text || e.reflection.earlier);
      var hasTask = e.task && (e.task.text || e.task.earlier);
      if (!hasReflection && !hasTask) return;
      any = true;
      var section = root.appendChild(el("section", { class: "pw-reflection-entry", "data-module": m.id }));
      var title = section.appendChild(el("h2"));
      title.appendChild(el("a", { href: m.url }, m.title));
      if (hasReflection) {
        section.appendChild(el("p", { class: "pw-date" }, "Last saved " + R.shown(e.reflection.updated)));
        section.appendChild(el("blockquote", { class: "pw-text", style: "white-space: pre-wrap" }, e.reflection.text));
        earlierVersions(section, m.id, "reflection");
      }
      if (hasTask) {
        var name = m.task && m.task.id === e.task.id ? m.task.title : "Written task";
        section.appendChild(el("h3", {}, "Apply it: " + name));
        section.appendChild(el("p", { class: "pw-date" }, "Last saved " + R.shown(e.task.updated)));
        section.appendChild(el("blockquote", { class: "pw-text", style: "white-space: pre-wrap" }, e.task.text));
        earlierVersions(section, m.id, "task");
      }
    });
    if (!any) root.appendChild(el("p", {}, "You have not saved a reflection yet. Each module's reflective activity has a box for one."));
  }

  function init() {
    pageWarning();
    var list = document.getElementById("pw-modules");
    if (list && (document.getElementById("pw-my-learning") || document.getElementById("pw-my-reflections"))) {
      list.hidden = true;
    }
    modulePage();
    markNav();
    var learning = document.getElementById("pw-my-learning");
    if (learning) myLearning(learning);
    var reflections = document.getElementById("pw-my-reflections");
    if (reflections) myReflections(reflections);
    if (R.state.aside && !learning) {
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

  window.PWRecord.asText = asText;
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();

/* My learning (progress table, CPD record, import, delete) and My reflections.
 * Only those two pages load this file (with record-import.js, in one bundle the
 * build makes), so module pages do not download the CPD record's code.
 * It runs after record-store.js and record.js (R.page holds record.js's helpers).
 *
 * Page hooks (written by the build):
 *   #pw-my-learning       the My learning page
 *   #pw-my-reflections    the My reflections page
 *   #pw-modules           links to every module (data-pw-id, data-pw-minutes), shown without JavaScript
 *   #pw-module-data       data-modules: JSON [{id, title, minutes, outcomes, questions, ids, was, task}]
 *                         (ids: the page's question ids; was: old id -> id now, so renamed
 *                         questions keep their answers and removed ones stop counting),
 *                         data-site-url: the public address if the build set one
 */
(function () {
  "use strict";

  var R = window.PWRecord;
  if (!R || !R.page) return;
  var el = R.el;
  var status = R.page.status;
  var notice = R.page.notice;
  var markNav = R.page.markNav;
  var QUIZ_PREFIX = "quiz_progress_";

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

  function quizText(e, m) {
    var total = m.questions;
    var c = R.quizCounts(e, total, m.ids, m.was);
    c.total = total || c.tried;
    return {
      first: c.tried ? c.first + " of " + c.total + " correct (" + c.tried + " tried)" : "Not tried",
      now: c.answered ? c.now + " of " + c.total + " correct (" + c.answered + " answered)" : "None answered",
      tried: c.tried,
    };
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
      var q = quizText(e, m);
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
      var q = quizText(e, m);
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
    var learning = document.getElementById("pw-my-learning");
    var reflections = document.getElementById("pw-my-reflections");
    var list = document.getElementById("pw-modules");
    if (list && (learning || reflections)) list.hidden = true;
    if (learning) myLearning(learning);
    if (reflections) myReflections(reflections);
  }

  R.asText = asText;
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();

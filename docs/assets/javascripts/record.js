/* The learner record: progress, reflections and a CPD record kept only in this
 * browser's localStorage, keyed by module id (not by address), so the same
 * record works online, offline and from any folder. Nothing is ever sent.
 *
 * Page hooks (written by the build):
 *   [data-pw-module]      on module pages: id, title, minutes
 *   .pw-reflection        the reflective activity's text box goes here
 *   .pw-mark-read         the "mark as read" control goes here
 *   #pw-my-learning       the My learning page
 *   #pw-my-reflections    the My reflections page
 *   #pw-modules           a list of links to every module (data-pw-id, data-pw-minutes),
 *                         shown as it is when JavaScript is off
 */
(function () {
  "use strict";

  var KEY = "pw-record";
  var QUIZ_PREFIX = "quiz_progress_";
  var VERSION = 1;

  // ------------------------------------------------------------ storage

  function storageWorks() {
    try {
      var probe = "__pw_probe__";
      window.localStorage.setItem(probe, "1");
      window.localStorage.removeItem(probe);
      return true;
    } catch (e) {
      return false;
    }
  }

  var canStore = storageWorks();

  function emptyRecord() {
    return { version: VERSION, name: "", modules: {} };
  }

  function load() {
    if (!canStore) return emptyRecord();
    try {
      var data = JSON.parse(window.localStorage.getItem(KEY) || "null");
      if (data && typeof data === "object" && data.modules) return data;
    } catch (e) {
      /* a damaged record is replaced, not fatal */
    }
    return emptyRecord();
  }

  function save(record) {
    if (!canStore) return false;
    try {
      window.localStorage.setItem(KEY, JSON.stringify(record));
      return true;
    } catch (e) {
      return false;
    }
  }

  function update(id, change) {
    var record = load();
    var entry = record.modules[id] || {};
    change(entry, record);
    record.modules[id] = entry;
    return save(record);
  }

  function pad(n) {
    return (n < 10 ? "0" : "") + n;
  }

  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  function now() {
    var d = new Date();
    return today() + " " + pad(d.getHours()) + ":" + pad(d.getMinutes());
  }

  // ------------------------------------------------------------ helpers

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      node.setAttribute(k, attrs[k]);
    });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function status(container) {
    var live = el("p", { class: "pw-status", role: "status", "aria-live": "polite" });
    container.appendChild(live);
    return function (message) {
      live.textContent = message;
    };
  }

  function notice(container) {
    if (canStore) return;
    container.appendChild(
      el(
        "p",
        { class: "pw-notice", role: "note" },
        "Your browser is not letting this site save anything (perhaps private browsing or blocked storage). " +
          "Everything still works, but your progress and reflections will not be kept."
      )
    );
  }

  function modules() {
    return Array.prototype.map.call(document.querySelectorAll("#pw-modules a[data-pw-id]"), function (a) {
      return {
        id: a.getAttribute("data-pw-id"),
        title: a.textContent.trim(),
        minutes: parseInt(a.getAttribute("data-pw-minutes"), 10) || 0,
        url: a.getAttribute("href"),
      };
    });
  }

  // ------------------------------------------------------------ module pages

  function quizCounts() {
    var get = function (selector) {
      var node = document.querySelector(selector);
      return node ? parseInt(node.textContent, 10) || 0 : 0;
    };
    return {
      answered: get(".quiz-results-answered"),
      correct: get(".quiz-results-correct"),
      total: document.querySelectorAll(".quiz").length,
    };
  }

  function trackQuiz(id) {
    var results = document.getElementById("quiz-results");
    if (!results) return;
    var record = function () {
      var counts = quizCounts();
      update(id, function (entry) {
        var before = entry.quiz || {};
        if (before.answered === counts.answered && before.correct === counts.correct) return;
        counts.updated = today();
        entry.quiz = counts;
      });
    };
    record();
    new MutationObserver(record).observe(results, { subtree: true, childList: true, characterData: true });
  }

  function markRead(box, id) {
    var button = el("button", { type: "button", class: "md-button md-button--primary pw-read-button" });
    var say = status(box);
    var draw = function () {
      var entry = load().modules[id] || {};
      button.textContent = entry.read ? "Marked as read ✓ (select to undo)" : "Mark this module as read";
      button.setAttribute("aria-pressed", entry.read ? "true" : "false");
    };
    button.addEventListener("click", function () {
      var marked = false;
      var ok = update(id, function (entry) {
        entry.read = entry.read ? null : today();
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
    var fieldId = "pw-reflection-" + id;
    box.appendChild(el("label", { for: fieldId, class: "pw-label" }, "Your reflection (kept in this browser only)"));
    var area = el("textarea", { id: fieldId, rows: "8", class: "pw-textarea" });
    area.value = ((load().modules[id] || {}).reflection || {}).text || "";
    box.appendChild(area);
    var button = el("button", { type: "button", class: "md-button pw-save-reflection" }, "Save reflection");
    box.appendChild(button);
    var say = status(box);
    button.addEventListener("click", function () {
      var ok = update(id, function (entry) {
        entry.reflection = { text: area.value, updated: now() };
      });
      say(ok ? "Reflection saved " + now() + "." : "Could not save: your browser is blocking storage.");
    });
  }

  function modulePage() {
    var marker = document.querySelector("[data-pw-module]");
    if (!marker) return;
    var id = marker.getAttribute("data-pw-module");
    update(id, function (entry) {
      entry.visited = today();
      entry.title = marker.getAttribute("data-pw-title");
      entry.minutes = parseInt(marker.getAttribute("data-pw-minutes"), 10) || 0;
    });
    document.querySelectorAll(".pw-reflection").forEach(function (box) {
      notice(box);
      reflection(box, id);
    });
    document.querySelectorAll(".pw-mark-read").forEach(function (box) {
      markRead(box, id);
    });
    trackQuiz(id);
  }

  // ------------------------------------------------------------ navigation ticks

  function markNav() {
    var record = load();
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

  // ------------------------------------------------------------ export and import

  function asText(record, markdown) {
    var h = function (level, text) {
      return markdown ? "#".repeat(level) + " " + text : text.toUpperCase();
    };
    var lines = [h(1, "Continuing professional development record"), ""];
    lines.push("Name: " + (record.name || "(not given)"));
    lines.push("Source: Partnership working in health and social care (open learning site)");
    lines.push("Created: " + today());
    lines.push("");
    lines.push(
      "This is a self-declared record of learning. It was kept in the learner's own browser and has not been verified by anyone."
    );
    lines.push("");
    modules().forEach(function (m) {
      var e = record.modules[m.id];
      if (!e) return;
      lines.push(h(2, m.title));
      lines.push("");
      lines.push("- Status: " + (e.read ? "completed " + e.read : "not yet completed"));
      lines.push("- Time: about " + m.minutes + " minutes");
      if (e.quiz) lines.push("- Quiz: " + e.quiz.correct + " correct of " + e.quiz.total + " (" + e.quiz.answered + " answered)");
      if (e.visited) lines.push("- Last visited: " + e.visited);
      if (e.reflection && e.reflection.text) {
        lines.push("- Reflection (" + e.reflection.updated + "):");
        lines.push("");
        e.reflection.text.split("\n").forEach(function (line) {
          lines.push(markdown ? "> " + line : "    " + line);
        });
      }
      lines.push("");
    });
    lines.push("Data for importing this record on another device (do not edit):");
    lines.push("PW-RECORD " + JSON.stringify(record));
    return lines.join("\n") + "\n";
  }

  function parseImport(text) {
    var match = text.match(/^PW-RECORD (\{.*\})\s*$/m);
    if (!match) throw new Error("no record found in the file");
    var data = JSON.parse(match[1]);
    if (!data || typeof data.modules !== "object") throw new Error("the record is damaged");
    return data;
  }

  function download(name, text, type) {
    var link = el("a", { href: URL.createObjectURL(new Blob([text], { type: type })), download: name });
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  // ------------------------------------------------------------ My learning

  function learningTable(record) {
    var table = el("table", { "data-pw-table": "learning" });
    var head = el("tr");
    ["Module", "Minutes", "Read", "Quiz", "Last visited"].forEach(function (t) {
      head.appendChild(el("th", { scope: "col" }, t));
    });
    table.appendChild(el("thead")).appendChild(head);
    var body = table.appendChild(el("tbody"));
    modules().forEach(function (m) {
      var e = record.modules[m.id] || {};
      var row = body.appendChild(el("tr", { "data-module": m.id }));
      var cell = row.appendChild(el("td"));
      cell.appendChild(el("a", { href: m.url }, m.title));
      row.appendChild(el("td", {}, String(m.minutes)));
      row.appendChild(el("td", {}, e.read ? "Yes, " + e.read : "Not yet"));
      row.appendChild(el("td", {}, e.quiz ? e.quiz.correct + " correct, " + e.quiz.answered + " of " + e.quiz.total + " answered" : "Not started"));
      row.appendChild(el("td", {}, e.visited || "Never"));
    });
    return table;
  }

  function myLearning(root) {
    notice(root);
    var record = load();
    var wrap = root.appendChild(el("div", { class: "md-typeset__table pw-table-wrap" }));
    wrap.appendChild(learningTable(record));

    var cpd = root.appendChild(el("section", { class: "pw-cpd", "aria-labelledby": "pw-cpd-title" }));
    cpd.appendChild(el("h2", { id: "pw-cpd-title" }, "Your CPD record"));
    cpd.appendChild(el("label", { for: "pw-name", class: "pw-label" }, "Your name, as it should appear on the record"));
    var name = cpd.appendChild(el("input", { id: "pw-name", type: "text", autocomplete: "name", class: "pw-input" }));
    name.value = record.name || "";
    var say = status(cpd);
    name.addEventListener("change", function () {
      var r = load();
      r.name = name.value;
      say(save(r) ? "Name saved." : "Could not save.");
    });
    var actions = cpd.appendChild(el("p", { class: "pw-actions" }));
    var button = function (label, handler) {
      var b = actions.appendChild(el("button", { type: "button", class: "md-button" }, label));
      b.addEventListener("click", handler);
      return b;
    };
    button("Print or save as PDF", function () {
      document.getElementById("pw-print").textContent = asText(load(), false).replace(/\nData for importing[\s\S]*$/, "\n");
      document.body.classList.add("pw-printing");
      window.print();
    });
    window.addEventListener("afterprint", function () {
      document.body.classList.remove("pw-printing");
    });
    button("Download as Markdown", function () {
      download("cpd-record-" + today() + ".md", asText(load(), true), "text/markdown");
      say("Downloaded your record as a Markdown file.");
    });
    button("Download as text", function () {
      download("cpd-record-" + today() + ".txt", asText(load(), false), "text/plain");
      say("Downloaded your record as a text file.");
    });
    cpd.appendChild(el("label", { for: "pw-import", class: "pw-label" }, "Import a record you downloaded before"));
    var file = cpd.appendChild(el("input", { id: "pw-import", type: "file", accept: ".md,.txt,text/plain,text/markdown" }));
    file.addEventListener("change", function () {
      if (!file.files.length) return;
      file.files[0].text().then(function (text) {
        try {
          var data = parseImport(text);
          say(save(data) ? "Record imported. Reloading the table." : "Could not save the imported record.");
          wrap.replaceChildren(learningTable(load()));
          name.value = data.name || "";
          markNav();
        } catch (e) {
          say("Could not import that file: " + e.message + ".");
        }
      });
    });
    cpd.appendChild(el("pre", { id: "pw-print", class: "pw-print-only" }));

    var danger = root.appendChild(el("section", { class: "pw-delete", "aria-labelledby": "pw-delete-title" }));
    danger.appendChild(el("h2", { id: "pw-delete-title" }, "Delete my data"));
    danger.appendChild(
      el("p", {}, "This removes your progress, quiz answers, reflections and name from this browser. It cannot be undone.")
    );
    var sayDelete = status(danger);
    danger.appendChild(el("button", { type: "button", class: "md-button pw-delete-button" }, "Delete all my data")).addEventListener("click", function () {
      if (!window.confirm("Delete all your progress, quiz answers and reflections from this browser? This cannot be undone.")) return;
      if (canStore) {
        Object.keys(window.localStorage).forEach(function (key) {
          if (key === KEY || key.indexOf(QUIZ_PREFIX) === 0) window.localStorage.removeItem(key);
        });
      }
      wrap.replaceChildren(learningTable(load()));
      name.value = "";
      markNav();
      sayDelete("All your data has been deleted from this browser.");
    });
  }

  // ------------------------------------------------------------ My reflections

  function myReflections(root) {
    notice(root);
    var record = load();
    var any = false;
    modules().forEach(function (m) {
      var e = record.modules[m.id];
      if (!e || !e.reflection || !e.reflection.text) return;
      any = true;
      var section = root.appendChild(el("section", { class: "pw-reflection-entry", "data-module": m.id }));
      var title = section.appendChild(el("h2"));
      title.appendChild(el("a", { href: m.url }, m.title));
      section.appendChild(el("p", { class: "pw-date" }, "Last saved " + e.reflection.updated));
      section.appendChild(el("blockquote", {}, e.reflection.text));
    });
    if (!any) root.appendChild(el("p", {}, "You have not saved a reflection yet. Each module's reflective activity has a box for one."));
  }

  function init() {
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
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();

/* Importing a downloaded learner record on My learning.
 *
 * The file is checked before anything changes (record-store.js), then the
 * learner sees what the file holds next to what this device holds and merges
 * by default. Replacing this device's record is a separate choice, offered only
 * once the current record has been downloaded. Every piece of text from a file
 * is shown with textContent, so markup in it is shown, never run.
 */
(function () {
  "use strict";

  var R = window.PWRecord;
  if (!R) return;
  var el = R.el;

  var own = R.own;
  var map = R.map;

  // ------------------------------------------------------------ merging

  function later(a, b) {
    return a > b ? a : b;
  }

  function newer(a, b, key) {
    if (!a) return b;
    if (!b) return a;
    return (b[key] || "") > (a[key] || "") ? b : a;
  }

  /** Two versions of a text: the newer is kept, the other joins its earlier versions. */
  function mergeWriting(a, b) {
    if (!a || !b) return a || b;
    var current = newer(a, b, "updated");
    var other = current === a ? b : a;
    var out = { text: current.text, updated: current.updated };
    if (current.id || other.id) out.id = current.id || other.id;
    var all = (a.earlier || []).concat(b.earlier || []);
    if (other.text !== current.text) all.push({ text: other.text, updated: other.updated });
    var seen = {};
    var earlier = [];
    all.forEach(function (v) {
      var key = v.updated + "\u0000" + v.text;
      if (v.text === current.text || seen[key]) return;
      seen[key] = true;
      earlier.push({ text: v.text, updated: v.updated });
    });
    earlier.sort(function (x, y) {
      return x.updated < y.updated ? 1 : -1;
    });
    if (earlier.length) out.earlier = earlier.slice(0, R.LIMIT.earlier);
    return out;
  }

  function mergeAnswers(a, b) {
    if (!a || !b) return a || b;
    var out = map();
    Object.keys(a).concat(Object.keys(b)).forEach(function (qid) {
      var x = a[qid];
      var y = b[qid];
      if (!x || !y) {
        out[qid] = x || y;
        return;
      }
      var first = x.first.at <= y.first.at ? x.first : y.first;
      var merged = { first: first };
      var now = newer(x.now, y.now, "at");
      if (now) merged.now = now;
      out[qid] = merged;
    });
    return out;
  }

  function mergeEntry(a, b) {
    if (!a || !b) return a || b;
    var out = {};
    out.title = a.title || b.title;
    out.minutes = a.minutes || b.minutes;
    ["visited"].forEach(function (k) {
      if (a[k] || b[k]) out[k] = later(a[k] || "", b[k] || "");
    });
    if (a.firstVisited || b.firstVisited) {
      out.firstVisited = !a.firstVisited ? b.firstVisited : !b.firstVisited ? a.firstVisited : a.firstVisited < b.firstVisited ? a.firstVisited : b.firstVisited;
    }
    var read = newer(own(a, "read") ? a : null, own(b, "read") ? b : null, "readAt");
    if (read) {
      out.read = read.read;
      if (read.readAt) out.readAt = read.readAt;
    }
    var reflection = mergeWriting(a.reflection, b.reflection);
    if (reflection) out.reflection = reflection;
    var task = mergeWriting(a.task, b.task);
    if (task) out.task = task;
    var answers = mergeAnswers(a.answers, b.answers);
    if (answers) out.answers = answers;
    var v1 = newer(a.v1quiz, b.v1quiz, "updated");
    if (v1) out.v1quiz = v1;
    Object.keys(out).forEach(function (k) {
      if (out[k] === undefined) delete out[k];
    });
    return out;
  }

  /** Merge two checked records: per module and per field the newer wins; no text is lost. */
  function mergeRecords(device, file) {
    var out = { version: R.VERSION, name: device.name || "", modules: map() };
    var name = newer(device.nameAt ? device : null, file.nameAt ? file : null, "nameAt");
    if (name) {
      out.name = name.name;
      out.nameAt = name.nameAt;
    } else if (!out.name) out.name = file.name || "";
    Object.keys(device.modules).concat(Object.keys(file.modules)).forEach(function (id) {
      if (!out.modules[id]) out.modules[id] = mergeEntry(device.modules[id], file.modules[id]);
    });
    return out;
  }

  function summary(e) {
    if (!e) return "Nothing";
    var parts = [];
    if (e.read) parts.push("read " + e.read);
    if (e.visited) parts.push("last visited " + e.visited);
    if (e.reflection && e.reflection.text) parts.push("reflection saved " + R.shown(e.reflection.updated));
    if (e.reflection && e.reflection.earlier) parts.push(e.reflection.earlier.length + " earlier reflection(s)");
    if (e.task && e.task.text) parts.push("written task saved " + R.shown(e.task.updated));
    var n = e.answers ? Object.keys(e.answers).length : 0;
    if (n) parts.push(n + " quiz answer" + (n === 1 ? "" : "s"));
    if (e.v1quiz) parts.push("quiz: " + e.v1quiz.correct + " correct (older record)");
    return parts.length ? parts.join("; ") : "Nothing";
  }

  function nothing(record) {
    return (
      !record.name &&
      Object.keys(record.modules).every(function (id) {
        var e = record.modules[id];
        return Object.keys(e).every(function (k) {
          return k === "title" || k === "minutes" || (k === "answers" && !Object.keys(e.answers).length);
        });
      })
    );
  }

  function review(file, device, mods) {
    var table = el("table", { "data-pw-table": "import" });
    var head = el("tr");
    ["Module", "In the file", "On this device"].forEach(function (t) {
      head.appendChild(el("th", { scope: "col" }, t));
    });
    table.appendChild(el("thead")).appendChild(head);
    var body = table.appendChild(el("tbody"));
    var nameRow = body.appendChild(el("tr", { "data-row": "name" }));
    nameRow.appendChild(el("th", { scope: "row" }, "Your name"));
    nameRow.appendChild(el("td", {}, file.name || "(not given)"));
    nameRow.appendChild(el("td", {}, device.name || "(not given)"));
    mods.forEach(function (m) {
      var a = file.modules[m.id];
      var b = device.modules[m.id];
      if (!a && !b) return;
      var row = body.appendChild(el("tr", { "data-module": m.id }));
      row.appendChild(el("th", { scope: "row" }, m.title));
      row.appendChild(el("td", {}, summary(a)));
      row.appendChild(el("td", {}, summary(b)));
    });
    return table;
  }

  /** Add the import control and its review panel to ``section``. */
  window.PWRecordImport = function (section, page) {
    section.appendChild(el("label", { for: "pw-import", class: "pw-label" }, "Import a record you downloaded before"));
    var input = section.appendChild(el("input", { id: "pw-import", type: "file", accept: ".md,.txt,.json,text/plain,text/markdown" }));
    var say = (function () {
      var live = section.appendChild(el("p", { class: "pw-status pw-import-status", role: "status", "aria-live": "polite" }));
      return function (message) {
        live.textContent = message;
      };
    })();
    var panel = section.appendChild(el("div", { class: "pw-import-review", hidden: "" }));

    var close = function () {
      panel.hidden = true;
      panel.replaceChildren();
      input.value = "";
    };

    var show = function (checked) {
      var device = R.load();
      var file = checked.record;
      var mods = page.modules();
      panel.replaceChildren();
      panel.hidden = false;
      var title = panel.appendChild(el("h3", { id: "pw-import-title", tabindex: "-1" }, "What the file holds and what this device holds"));
      panel.setAttribute("role", "region");
      panel.setAttribute("aria-labelledby", "pw-import-title");
      var intro = "The file was downloaded " + (file.exported ? "on " + R.shown(file.exported) : "at an unknown time") + ".";
      if (checked.upgraded) intro += " It is from an older version of the site and has been brought up to date.";
      if (checked.dropped.length) {
        intro += " " + checked.dropped.length + " item" + (checked.dropped.length === 1 ? " was" : "s were") + " left out because they are not part of a record from this site.";
      }
      panel.appendChild(el("p", {}, intro));
      panel.appendChild(el("div", { class: "pw-table-scroll pw-table-wrap" })).appendChild(review(file, device, mods));
      panel.appendChild(
        el(
          "p",
          {},
          "Merging keeps both: for each module the newer entry wins, and where the two copies of a reflection or written task differ, " +
            "the older is kept as an earlier version you can read and delete on My reflections."
        )
      );
      var row = panel.appendChild(el("p", { class: "pw-actions" }));
      var merge = row.appendChild(el("button", { type: "button", class: "md-button md-button--primary pw-merge" }, "Merge into this device's record"));
      var cancel = row.appendChild(el("button", { type: "button", class: "md-button pw-cancel-import" }, "Cancel"));
      merge.addEventListener("click", function () {
        var ok = R.save(mergeRecords(R.load(), file));
        close();
        page.refresh();
        say(ok ? "Merged: this device's record now holds both." : "Could not save the merged record: this browser refused to store it.");
      });
      cancel.addEventListener("click", function () {
        close();
        say("Nothing was imported.");
      });

      var replace = panel.appendChild(el("div", { class: "pw-replace" }));
      replace.appendChild(el("h4", {}, "Or replace this device's record"));
      replace.appendChild(
        el(
          "p",
          {},
          "Replacing deletes what this device holds and keeps only what is in the file. " +
            "To make sure nothing is lost, download this device's record first; then you can replace it."
        )
      );
      var row2 = replace.appendChild(el("p", { class: "pw-actions" }));
      var backup = row2.appendChild(el("button", { type: "button", class: "md-button pw-backup" }, "Download this device's record first"));
      var swap = row2.appendChild(el("button", { type: "button", class: "md-button pw-replace-button", disabled: "" }, "Replace this device's record with the file"));
      backup.addEventListener("click", function () {
        page.backup();
        swap.disabled = false;
        say("Downloaded this device's record. You can now replace it, or merge instead.");
      });
      swap.addEventListener("click", function () {
        var copy = JSON.parse(JSON.stringify(file));
        delete copy.exported;
        var ok = R.save(copy);
        close();
        page.refresh();
        say(ok ? "Replaced: this device now holds only the imported record." : "Could not save: this browser refused to store the record.");
      });
      title.focus();
    };

    input.addEventListener("change", function () {
      if (!input.files.length) return;
      var chosen = input.files[0];
      close();
      if (chosen.size > R.MAX_FILE) {
        say("This file is over 1 MB, so it cannot be a learner record from this site.");
        return;
      }
      chosen.text().then(function (content) {
        var ids = page.modules().map(function (m) {
          return m.id;
        });
        try {
          var checked = R.parseFile(content, ids);
          if (nothing(checked.record)) {
            say("This file holds nothing that can be read as a learner record from this site, so nothing was changed.");
            return;
          }
          show(checked);
          say("");
        } catch (e) {
          say(e instanceof Error && /^This /.test(e.message) ? e.message : "This file does not hold a learner record from this site.");
        }
      });
    });
  };
})();

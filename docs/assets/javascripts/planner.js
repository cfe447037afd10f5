/* The trainers' session planner: a plan from the time available and the
 * professions in the group, built from the content's own timings (written
 * into the page as JSON at build time). No network, works from file://.
 * The choices live in the address (#t=120&p=Nursing|Social%20work) so a plan
 * can be linked to and printed. */
(function () {
  "use strict";
  var dataEl = document.getElementById("pw-planner-data");
  var form = document.getElementById("pw-planner");
  if (!dataEl || !form) return;
  var data = JSON.parse(dataEl.textContent);
  var out = document.getElementById("pw-plan");
  var status = document.getElementById("pw-plan-status");
  var ALL = "All professions";
  // Where the site's root is, from this script's own address, and whether
  // pages are folders (online) or .html files (an offline copy).
  var script = document.currentScript || document.querySelector("script[src$='planner.js']");
  var root = script.src.replace(/assets\/javascripts\/planner\.js.*$/, "");
  var files = /\.html$/.test(location.pathname);
  function page(path) { return root + path + (files ? ".html" : "/"); }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // Profession checkboxes from the site's one list of labels.
  var box = document.getElementById("pw-planner-professions");
  data.professions.forEach(function (label) {
    var l = el("label");
    var input = el("input", { type: "checkbox", name: "profession", value: label });
    l.appendChild(input);
    l.appendChild(document.createTextNode(" " + label));
    box.appendChild(l);
  });

  function fixedParts(total) {
    // Welcome and close, and the breaks a longer session needs.
    if (total <= 30) return { before: [], breaks: [], after: [] };
    var before = [{ kind: "title", title: "Welcome, ground rules and content note", minutes: 10 }];
    var after = [{ kind: "title", title: "What will you do differently? Close", minutes: total >= 90 ? 10 : 5 }];
    var breaks = [];
    if (total >= 390) breaks = [{ minutes: 15, title: "Morning break" }, { minutes: 45, title: "Lunch" }, { minutes: 15, title: "Afternoon break" }];
    else if (total >= 180) breaks = [{ minutes: 15, title: "Break" }];
    return { before: before, breaks: breaks, after: after };
  }

  function relevance(audience, chosen) {
    if (!chosen.length) return 1;
    if (audience.indexOf(ALL) >= 0) return chosen.length;
    return chosen.filter(function (p) { return audience.indexOf(p) >= 0; }).length;
  }

  function moduleOptions(m) {
    // Session lengths the notes offer, longest first; the module's own time last.
    var opts = m.versions.map(function (v) { return { minutes: v.minutes, anchor: v.anchor, label: v.label }; });
    if (!opts.some(function (o) { return o.minutes === m.minutes; })) opts.push({ minutes: m.minutes, anchor: "", label: "full module" });
    return opts.sort(function (a, b) { return b.minutes - a.minutes; });
  }

  function plan(total, chosen) {
    var fixed = fixedParts(total);
    var used = 0;
    [fixed.before, fixed.after, fixed.breaks].forEach(function (list) { list.forEach(function (s) { used += s.minutes; }); });
    var left = total - used;
    var ranked = data.modules.map(function (m, i) { return { m: m, i: i, r: relevance(m.audience, chosen) }; })
      .filter(function (x) { return x.r > 0; })
      .sort(function (a, b) { return (b.r - a.r) || ((a.m.level === "introductory" ? 0 : 1) - (b.m.level === "introductory" ? 0 : 1)) || (a.i - b.i); });
    var teaching = [];
    // From 2 hours, keep time for one case study that fits the group.
    var best = null;
    if (total >= 120) {
      best = data.cases.map(function (c) { return { c: c, r: relevance(c.professions, chosen) }; })
        .sort(function (a, b) { return b.r - a.r; })[0];
      if (best && best.r > 0) left -= 45; else best = null;
    }
    ranked.forEach(function (x) {
      if (left < 25) return;
      var opts = moduleOptions(x.m).filter(function (o) { return o.minutes <= left; });
      var opt = opts[0];
      if (!opt && left >= 30 && !teaching.length) {
        // Nothing in the notes fits: run part of the module, the rest as reading.
        opt = { minutes: left, anchor: "", label: "part of the module" };
      }
      if (!opt) return;
      teaching.push({ kind: "module", item: x.m, minutes: opt.minutes, option: opt, order: x.i });
      left -= opt.minutes;
    });
    var caseSlot = null;
    if (best) {
      left += 45;
      var mins = Math.min(best.c.minutes, left);
      caseSlot = { kind: "case", item: best.c, minutes: mins, shortened: mins < best.c.minutes };
      left -= mins;
    }
    teaching.sort(function (a, b) { return a.order - b.order; });
    if (caseSlot) teaching.push(caseSlot);
    // Put the breaks between teaching sessions, as evenly as the plan allows.
    var sessions = fixed.before.slice();
    var every = fixed.breaks.length ? Math.ceil(teaching.length / (fixed.breaks.length + 1)) : Infinity;
    teaching.forEach(function (s, i) {
      sessions.push(s);
      var b = Math.floor((i + 1) / every) - 1;
      if ((i + 1) % every === 0 && i < teaching.length - 1 && fixed.breaks[b]) sessions.push({ kind: "break", title: fixed.breaks[b].title, minutes: fixed.breaks[b].minutes });
    });
    if (left > 0 && teaching.length) sessions.push({ kind: "title", title: "Questions, discussion and the quiz", minutes: left });
    return sessions.concat(fixed.after);
  }

  function clock(m) { return Math.floor(m / 60) + ":" + ("0" + (m % 60)).slice(-2); }

  function label(s) {
    var cell = el("td");
    if (s.kind === "module") {
      cell.appendChild(document.createTextNode("Module: "));
      cell.appendChild(el("a", { href: page("modules/" + s.item.id) }, s.item.title));
      var note = " (" + s.option.label + (s.minutes < s.item.minutes ? "; learners read the module beforehand" : "") + ")";
      cell.appendChild(document.createTextNode(note));
    } else if (s.kind === "case") {
      cell.appendChild(document.createTextNode("Case study: "));
      cell.appendChild(el("a", { href: page("case-studies/" + s.item.id) }, s.item.title));
      if (s.shortened) cell.appendChild(document.createTextNode(" (the early stages in the room; the rest as reading)"));
    } else {
      cell.appendChild(el(s.kind === "break" ? "em" : "span", {}, s.title));
    }
    return cell;
  }

  function notesCell(s) {
    var cell = el("td");
    if (s.kind === "module") {
      cell.appendChild(el("a", { href: page("trainers/notes/" + s.item.id) + (s.option.anchor ? "#" + s.option.anchor : "") }, "Facilitator notes"));
    } else if (s.kind === "case") {
      cell.appendChild(el("a", { href: page("trainers/cases/" + s.item.id) }, "Case guidance"));
    }
    return cell;
  }

  function render(total, chosen) {
    var sessions = plan(total, chosen);
    out.textContent = "";
    var who = chosen.length ? chosen.join(", ") : "any professions";
    out.appendChild(el("h2", { id: "your-plan" }, "Your plan: " + (total >= 60 ? total / 60 + " hours" : total + " minutes").replace(/^1 hours/, "1 hour") + " for " + who));
    var table = el("table");
    var head = el("thead"); var hr = el("tr");
    ["Time", "Session", "Minutes", "For the trainer"].forEach(function (h) { hr.appendChild(el("th", { scope: "col" }, h)); });
    head.appendChild(hr); table.appendChild(head);
    var body = el("tbody"); var now = 0;
    sessions.forEach(function (s) {
      var tr = el("tr");
      tr.appendChild(el("td", {}, clock(now)));
      tr.appendChild(label(s));
      tr.appendChild(el("td", {}, String(s.minutes)));
      tr.appendChild(notesCell(s));
      body.appendChild(tr);
      now += s.minutes;
    });
    var end = el("tr"); end.appendChild(el("td", {}, clock(now))); end.appendChild(el("td", {}, "End")); end.appendChild(el("td")); end.appendChild(el("td"));
    body.appendChild(end);
    table.appendChild(body);
    // Stack as labelled cards on a phone, like the site's own wide tables (site.css).
    table.setAttribute("data-pw-stack", "");
    var heads = ["Time", "Session", "Minutes", "For the trainer"];
    Array.prototype.forEach.call(body.querySelectorAll("tr"), function (row) {
      Array.prototype.forEach.call(row.children, function (cell, i) { cell.setAttribute("data-label", heads[i]); });
    });
    var wrap = el("div", { class: "pw-table-scroll pw-table-wrap" });
    wrap.appendChild(table);
    out.appendChild(wrap);
  }

  function read() {
    var t = form.querySelector("input[name=minutes]:checked");
    var chosen = Array.prototype.map.call(form.querySelectorAll("input[name=profession]:checked"), function (i) { return i.value; });
    return { total: t ? Number(t.value) : 120, chosen: chosen };
  }

  function fromHash() {
    var params = {};
    location.hash.replace(/^#/, "").split("&").forEach(function (kv) {
      var i = kv.indexOf("=");
      if (i > 0) params[kv.slice(0, i)] = decodeURIComponent(kv.slice(i + 1));
    });
    if (params.t) {
      var radio = form.querySelector("input[name=minutes][value='" + Number(params.t) + "']");
      if (radio) radio.checked = true;
    }
    if (params.p) {
      var wanted = params.p.split("|");
      form.querySelectorAll("input[name=profession]").forEach(function (i) { i.checked = wanted.indexOf(i.value) >= 0; });
    }
  }

  function update() {
    var s = read();
    render(s.total, s.chosen);
    var hash = "#t=" + s.total + (s.chosen.length ? "&p=" + encodeURIComponent(s.chosen.join("|")) : "");
    if (history.replaceState) history.replaceState(null, "", hash); else location.hash = hash;
  }

  fromHash();
  form.addEventListener("change", update);
  document.getElementById("pw-plan-print").addEventListener("click", function () { window.print(); });
  document.getElementById("pw-plan-link").addEventListener("click", function () {
    var url = location.href;
    function done(ok) { status.textContent = ok ? "Link copied." : "Copy this address: " + url; }
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(url).then(function () { done(true); }, function () { done(false); });
    else done(false);
  });
  update();
})();

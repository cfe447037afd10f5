/* The course-end test: draw questions from the pools, take every answer, then mark.
 *
 * The page (scripts/endtest.py) holds every item of the course as hidden blocks:
 *   #pw-end-test[data-draw][data-pass]  > .pw-pool[data-label]  > .pw-test-item
 *   .pw-test-item[data-id][data-type="single"|"multiple"|"fill-in"][data-accept]
 *     .pw-stem, then .pw-option[data-correct] (.pw-option-text, .pw-option-feedback)
 *     or, for a fill-in, .pw-hint and .pw-feedback (the stem holds a .pw-blank).
 * This file draws data-draw items at random from each pool, shows them as one form,
 * and marks nothing until the learner submits: then it shows the score and, for each
 * question, whether it was right, the right answer and the feedback. An item scores
 * 1 when its answer is exactly right (every right option and no wrong one), as the
 * module pages' self-check does.
 *
 * After marking, the page gets a DOM event that the SCORM adapter reports to the LMS:
 *   document.addEventListener("pw:test", function (e) { e.detail ... })
 *   detail = { score, max, percent, passed }
 * Nothing is stored or sent by this file.
 */
(function () {
  "use strict";

  var root = document.getElementById("pw-end-test");
  if (!root) return;
  var draw = parseInt(root.getAttribute("data-draw"), 10) || 1;
  var passMark = parseInt(root.getAttribute("data-pass"), 10) || 80;
  var pools = Array.prototype.slice.call(root.querySelectorAll(".pw-pool"));

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      node.setAttribute(k, attrs[k]);
    });
    if (text) node.textContent = text;
    return node;
  }

  // one rule for every fill-in on the site, the module quizzes and the course-end test alike (site.js)
  var normalise = window.PWAnswers.normalise;

  /** ``n`` items of ``list`` in random order (a Fisher-Yates shuffle, cut short). */
  function pick(list, n) {
    var copy = list.slice();
    for (var i = copy.length - 1; i > 0; i--) {
      var j = Math.floor(Math.random() * (i + 1));
      var t = copy[i];
      copy[i] = copy[j];
      copy[j] = t;
    }
    return copy.slice(0, n);
  }

  function content(node) {
    var box = el("div");
    if (node) box.innerHTML = node.innerHTML;
    return box;
  }

  // ------------------------------------------------------------ building one question

  function choiceQuestion(item, n, type) {
    var field = el("fieldset", { class: "pw-test-question", "data-id": item.getAttribute("data-id") });
    var legend = el("legend", {}, "Question " + n);
    field.appendChild(legend);
    var stem = content(item.querySelector(".pw-stem"));
    stem.className = "pw-test-stem";
    field.appendChild(stem);
    if (type === "multiple") field.appendChild(el("p", { class: "pw-test-how" }, "Choose every answer that fits."));
    var options = item.querySelectorAll(".pw-option");
    var choices = [];
    Array.prototype.forEach.call(options, function (option, j) {
      var id = "pw-t" + n + "-" + j;
      var row = el("div", { class: "pw-test-option" });
      var input = el("input", { type: type === "multiple" ? "checkbox" : "radio", name: "pw-t" + n, id: id, value: String(j) });
      var label = el("label", { for: id });
      label.appendChild(document.createTextNode(String.fromCharCode(65 + j) + ". "));
      var text = option.querySelector(".pw-option-text");
      label.appendChild(document.createTextNode(text ? text.textContent.trim() : ""));
      row.appendChild(input);
      row.appendChild(label);
      field.appendChild(row);
      choices.push({ input: input, row: row, right: option.getAttribute("data-correct") === "true", feedback: option.querySelector(".pw-option-feedback"), letter: String.fromCharCode(65 + j) });
    });
    return {
      node: field,
      legend: legend,
      answered: function () {
        return choices.some(function (c) { return c.input.checked; });
      },
      mark: function () {
        var right = choices.every(function (c) { return c.input.checked === c.right; });
        var out = el("div", { class: "pw-test-result" });
        out.appendChild(el("p", { class: right ? "pw-test-right" : "pw-test-wrong" }, right ? "✓ Right." : "✗ Not right."));
        var keys = choices.filter(function (c) { return c.right; }).map(function (c) { return c.letter; });
        out.appendChild(el("p", {}, "The right answer: " + keys.join(" and ") + "."));
        choices.forEach(function (c) {
          c.input.disabled = true;
          if (!c.input.checked && !c.right) return;
          var note = content(c.feedback);
          note.className = "pw-test-feedback";
          note.insertBefore(el("p", { class: "pw-test-which" }, c.letter + (c.input.checked ? " (your answer)" : " (not chosen)") + ":"), note.firstChild);
          out.appendChild(note);
        });
        field.appendChild(out);
        return right;
      },
    };
  }

  function fillQuestion(item, n) {
    var field = el("fieldset", { class: "pw-test-question", "data-id": item.getAttribute("data-id") });
    var legend = el("legend", {}, "Question " + n);
    field.appendChild(legend);
    var stem = content(item.querySelector(".pw-stem"));
    stem.className = "pw-test-stem";
    var blank = stem.querySelector(".pw-blank");
    var id = "pw-t" + n;
    var input = el("input", { type: "text", id: id, autocomplete: "off", spellcheck: "false", "aria-label": "Your answer to question " + n });
    if (blank) blank.parentNode.replaceChild(input, blank);
    else stem.appendChild(input);
    field.appendChild(stem);
    var accept = [];
    try {
      accept = JSON.parse(item.getAttribute("data-accept") || "[]");
    } catch (e) {
      accept = [];
    }
    return {
      node: field,
      legend: legend,
      answered: function () {
        return normalise(input.value) !== "";
      },
      mark: function () {
        var typed = normalise(input.value);
        var right = typed !== "" && accept.some(function (a) { return normalise(a) === typed; });
        input.disabled = true;
        var out = el("div", { class: "pw-test-result" });
        out.appendChild(el("p", { class: right ? "pw-test-right" : "pw-test-wrong" }, right ? "✓ Right." : "✗ Not right."));
        out.appendChild(el("p", {}, "The answer: " + (accept[0] || "") + "."));
        var note = content(item.querySelector(".pw-feedback"));
        note.className = "pw-test-feedback";
        out.appendChild(note);
        field.appendChild(out);
        return right;
      },
    };
  }

  // ------------------------------------------------------------ the test

  function start() {
    var old = root.querySelector(".pw-test-form");
    if (old) old.remove();
    var form = el("form", { class: "pw-test-form", novalidate: "" });
    var questions = [];
    pools.forEach(function (pool) {
      pick(Array.prototype.slice.call(pool.querySelectorAll(".pw-test-item")), draw).forEach(function (item) {
        var n = questions.length + 1;
        var type = item.getAttribute("data-type");
        var q = type === "fill-in" ? fillQuestion(item, n) : choiceQuestion(item, n, type);
        q.legend.textContent = "Question " + n + " · " + pool.getAttribute("data-label");
        questions.push(q);
        form.appendChild(q.node);
      });
    });
    var summary = el("div", { class: "pw-test-summary", tabindex: "-1" });
    var status = el("p", { class: "pw-test-status", role: "status" });
    var submit = el("button", { type: "submit", class: "md-button md-button--primary" }, "Submit answers");
    var again = el("button", { type: "button", class: "md-button", hidden: "" }, "New test");
    var actions = el("p", { class: "pw-test-actions" });
    actions.appendChild(submit);
    actions.appendChild(document.createTextNode(" "));
    actions.appendChild(again);
    form.appendChild(status);
    form.appendChild(actions);
    form.insertBefore(summary, form.firstChild);
    summary.hidden = true;
    again.addEventListener("click", function () {
      start();
      root.querySelector(".pw-test-form legend").scrollIntoView();
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var missing = questions.filter(function (q) { return !q.answered(); }).length;
      if (missing && !form.hasAttribute("data-confirmed")) {
        status.textContent = missing + " question" + (missing === 1 ? " has" : "s have") + " no answer. Choose Submit answers again to mark the test as it is.";
        form.setAttribute("data-confirmed", "");
        return;
      }
      var score = questions.filter(function (q) { return q.mark(); }).length;
      var percent = questions.length ? Math.round((100 * score) / questions.length) : 0;
      var passed = percent >= passMark;
      status.textContent = "";
      submit.hidden = true;
      again.hidden = false;
      summary.hidden = false;
      summary.appendChild(el("h2", {}, "Your result: " + score + " of " + questions.length + " (" + percent + " %)"));
      summary.appendChild(el("p", {}, (passed ? "You reached the pass mark of " : "The pass mark is ") + passMark + " %. Read the feedback on each question below; each links to the section that teaches it."));
      summary.focus();
      document.dispatchEvent(new CustomEvent("pw:test", { detail: { score: score, max: questions.length, percent: percent, passed: passed } }));
    });
    root.appendChild(form);
  }

  start();
})();

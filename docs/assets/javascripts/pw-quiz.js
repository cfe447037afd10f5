/* Quiz behaviour a learner can trust, on top of mkdocs-quiz (site.js loads both, this one second).
 *
 * - A fill-in accepts every answer the bank lists (data-pw-accept on the question's
 *   marker), ignoring case, spaces, hyphens and a full stop or other punctuation at
 *   the end. mkdocs-quiz compares with the input's data-answer, so just before it
 *   checks, data-answer is set to the learner's text when that text is accepted.
 * - A wrong fill-in shows a hint (the bank's hint:) and a "Show answer" button, not
 *   the answer; the answer appears after a right answer or when asked for.
 * - Every verdict says in words, with a tick or a cross, whether the answer was
 *   right, so colour is never the only signal.
 * - After every answer the page gets a DOM event for the learner record:
 *     document.addEventListener("pw:answer", function (e) { e.detail ... })
 *   detail = { page, quizIndex, questionId, correct, first }
 *   page: the module id (data-pw-module) or else the path; quizIndex: the number in
 *   the quiz's id (quiz-N); questionId: the bank's question id; first: true when the
 *   question had no saved answer when the page loaded and this is the first answer
 *   given to it on this page view (the record keeps its own first-ever value).
 */
(function () {
  "use strict";

  var GENERIC_HINT = "Check the spelling, or look back at the section this question comes from.";

  // one rule for every fill-in on the site, the module quizzes and the course-end test alike (site.js)
  var normalise = window.PWAnswers.normalise;

  function accepted(quiz, input) {
    var marker = quiz.querySelector("[data-pw-accept]");
    var list = [input.getAttribute("data-pw-answer") || input.getAttribute("data-answer") || ""];
    if (marker) {
      try {
        list = list.concat(JSON.parse(marker.getAttribute("data-pw-accept")));
      } catch (e) {
        /* a damaged list falls back to the main answer */
      }
    }
    var typed = normalise(input.value);
    return typed !== "" && list.some(function (answer) { return normalise(answer) === typed; });
  }

  function isFillIn(quiz) {
    return quiz.getAttribute("data-quiz-type") === "fill-blank";
  }

  function wasRight(quiz) {
    if (isFillIn(quiz)) {
      var inputs = quiz.querySelectorAll(".quiz-blank-input");
      return inputs.length > 0 && Array.prototype.every.call(inputs, function (i) { return i.classList.contains("correct"); });
    }
    var chosen = quiz.querySelectorAll('input[name="answer"]:checked');
    var right = quiz.querySelectorAll('input[name="answer"][data-correct]');
    return chosen.length === right.length && Array.prototype.every.call(chosen, function (i) { return i.hasAttribute("data-correct"); });
  }

  function answered(quiz) {
    var feedback = quiz.querySelector(".quiz-feedback");
    return !!feedback && !feedback.classList.contains("hidden");
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) node.textContent = text;
    return node;
  }

  function verdict(right, words) {
    var p = el("p", { class: "pw-verdict" });
    p.appendChild(el("span", { class: "pw-verdict-icon", "aria-hidden": "true" }, right ? "\u2713" : "\u2717"));
    p.appendChild(el("strong", {}, words || (right ? "Right answer." : "Not quite: look at the feedback and try again.")));
    return p;
  }

  /* A wrong fill-in: a hint and a "Show answer" button, with the answer kept hidden. */
  function hintInstead(quiz) {
    var feedback = quiz.querySelector(".quiz-feedback");
    var section = quiz.querySelector("section.content");
    if (section) section.classList.add("hidden");
    var item = el("div", { class: "quiz-feedback-item incorrect" });
    var content = item.appendChild(el("div", { class: "quiz-feedback-item-content" }));
    var hint = section && section.querySelector(".pw-fill-hint");
    var box = content.appendChild(el("p", { class: "pw-hint-text" }));
    box.appendChild(el("strong", {}, "Hint: "));
    if (hint && hint.textContent.trim()) {
      var copy = hint.cloneNode(true);
      copy.className = "pw-hint-body";
      box.appendChild(copy);
    } else {
      box.appendChild(document.createTextNode(GENERIC_HINT));
    }
    var show = content.appendChild(el("button", { type: "button", class: "quiz-button pw-show-answer" }, "Show answer"));
    show.addEventListener("click", function () {
      if (section) {
        section.classList.remove("hidden");
        section.setAttribute("tabindex", "-1");
        section.focus();
      }
      show.remove();
    });
    feedback.innerHTML = "";
    feedback.appendChild(verdict(false, "Not quite. Try again, or show the answer."));
    feedback.appendChild(item);
  }

  /* Bring a quiz mkdocs-quiz has just drawn (or restored) into the site's shape. */
  function settle(quiz) {
    if (!answered(quiz)) return;
    var feedback = quiz.querySelector(".quiz-feedback");
    if (feedback.querySelector(":scope > .pw-verdict")) return;
    if (isFillIn(quiz) && !wasRight(quiz)) return hintInstead(quiz);
    // mkdocs-quiz's own "Correct answer!" box says no more than the verdict does.
    feedback.querySelectorAll(":scope > .quiz-feedback-item").forEach(function (item) {
      if (item.textContent.trim() === "Correct answer!") item.remove();
    });
    feedback.insertBefore(verdict(wasRight(quiz)), feedback.firstChild);
  }

  function quizIndex(quiz) {
    var m = /(\d+)$/.exec(quiz.id || "");
    return m ? parseInt(m[1], 10) : -1;
  }

  function pageId() {
    var marker = document.querySelector("[data-pw-module]");
    return marker ? marker.getAttribute("data-pw-module") : window.location.pathname;
  }

  function tell(quiz, right, first) {
    var marker = quiz.querySelector("[data-pw-question]");
    document.dispatchEvent(
      new CustomEvent("pw:answer", {
        detail: {
          page: pageId(),
          quizIndex: quizIndex(quiz),
          questionId: marker ? marker.getAttribute("data-pw-question") : quiz.id,
          correct: right,
          first: first,
        },
      })
    );
  }

  /* Before mkdocs-quiz checks an answer (this listens in the capture phase, so it
     runs first): accept every listed variant of a fill-in, and note the answer. */
  function beforeCheck(event) {
    var quiz = event.target && event.target.closest && event.target.closest(".quiz");
    if (!quiz || !quiz.hasAttribute("data-pw-ready")) return;
    quiz.pwPending = true;
    if (!isFillIn(quiz)) return;
    quiz.querySelectorAll(".quiz-blank-input").forEach(function (input) {
      var main = input.getAttribute("data-pw-answer");
      input.setAttribute("data-answer", accepted(quiz, input) ? input.value : main);
    });
  }

  function setUp(quiz) {
    var feedback = quiz.querySelector(".quiz-feedback");
    if (!feedback || quiz.hasAttribute("data-pw-ready")) return;
    quiz.setAttribute("data-pw-ready", "");
    quiz.querySelectorAll(".quiz-blank-input").forEach(function (input) {
      input.setAttribute("data-pw-answer", input.getAttribute("data-answer") || "");
    });
    var first = !answered(quiz);
    settle(quiz); // an answer restored from an earlier visit
    // mkdocs-quiz writes its verdict into the feedback box once it has checked an
    // answer; this observer runs just after that, whatever order handlers run in.
    new MutationObserver(function () {
      settle(quiz);
      if (quiz.pwPending && answered(quiz)) {
        quiz.pwPending = false;
        tell(quiz, wasRight(quiz), first);
        first = false;
      }
    }).observe(feedback, { childList: true });
  }

  /* Answers given before the quiz scripts arrived (site.js loads them lazily and
     notes them in window.pwQuizEarly) are checked now, as if just given. */
  function replay() {
    var early = window.pwQuizEarly || [];
    window.pwQuizEarly = [];
    early.forEach(function (note) {
      var quiz = note.quiz;
      var form = quiz.querySelector("form");
      if (!form || answered(quiz)) return;
      var inputs = quiz.querySelectorAll("input[name=answer]");
      var radio = note.type === "change" && quiz.hasAttribute("data-auto-submit") && note.chosen && note.chosen.length &&
        quiz.querySelector("input[type=radio]");
      if (note.type === "submit" || radio) {
        // put back what was chosen then, so the first answer is the one checked
        if (note.chosen && inputs.length) {
          inputs.forEach(function (input) {
            input.checked = note.chosen.indexOf(input.value) >= 0;
          });
        }
        form.dispatchEvent(new Event("submit", { bubbles: true, cancelable: true }));
      }
    });
  }

  function init() {
    document.querySelectorAll(".quiz").forEach(setUp);
    replay();
  }

  document.addEventListener("submit", beforeCheck, true);
  // mkdocs-quiz (deferred, just before this file) has set up its quizzes by now;
  // if it has not, wait for the document so this still runs after it.
  if (document.querySelector(".quiz-reset-button") || document.readyState === "complete") init();
  else document.addEventListener("DOMContentLoaded", function () { window.setTimeout(init, 0); });
})();

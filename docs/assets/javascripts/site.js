/* Small, dependency-free enhancements shared by every page.
 * - Quiz feedback is announced to screen readers (aria-live).
 * - Enter in a fill-in-the-blank answer submits it (mkdocs-quiz puts the
 *   input outside its form, so the browser would not).
 * - Printing opens every collapsed block and labels each profession lens,
 *   then restores the page afterwards.
 * - Tables built by the learner record get column labels, so they stack on a phone.
 * - The quiz style and scripts (record-quiz.js, mkdocs-quiz's and pw-quiz.js, named by #pw-quiz-scripts)
 *   load only when the learner nears a quiz or touches it, or at once when the
 *   page has saved answers to restore. Answers given before they arrive are
 *   noted in window.pwQuizEarly and checked by pw-quiz.js once it runs.
 * - window.PWAnswers.normalise: how a typed fill-in answer is compared (case,
 *   curly quotes, hyphens, spaces and end punctuation ignored), one rule for the
 *   module quizzes (pw-quiz.js) and the course-end test (end-test.js).
 */
(function () {
  "use strict";

  function normalise(text) {
    return String(text || "")
      .toLowerCase()
      .replace(/[\u2018\u2019\u02bc]/g, "'")
      .replace(/[\u2010-\u2015-]/g, " ")
      .replace(/[\s.,;:!?"\u201c\u201d)]+$/, "")
      .replace(/\s+/g, " ")
      .trim();
  }

  window.PWAnswers = { normalise: normalise };

  function announceQuizFeedback() {
    document.querySelectorAll(".quiz-feedback").forEach(function (el) {
      el.setAttribute("aria-live", "polite");
      el.setAttribute("role", "status");
    });
  }

  function submitBlanksOnEnter() {
    document.querySelectorAll(".quiz-blank-input").forEach(function (input) {
      input.addEventListener("keydown", function (event) {
        if (event.key !== "Enter") return;
        var button = input.closest(".quiz").querySelector("button[type=submit]");
        if (button && !button.disabled) {
          event.preventDefault();
          button.click();
        }
      });
    });
  }

  function labelLenses() {
    document.querySelectorAll(".tabbed-set").forEach(function (set) {
      var labels = set.querySelectorAll(".tabbed-labels > label");
      var blocks = set.querySelectorAll(".tabbed-content > .tabbed-block");
      blocks.forEach(function (block, i) {
        if (labels[i]) block.setAttribute("data-lens", labels[i].textContent.trim());
      });
    });
  }

  var QUIZ_AREA = ".quiz, .quiz-intro, #quiz-results";

  /* Answers to put back on this page: the plugin's own, or the learner record's
     for this module (record-store.js runs first; record-quiz.js, loaded with the
     quiz, hands them to the plugin). */
  function savedAnswers() {
    try {
      if (window.localStorage.getItem("quiz_progress_" + window.location.pathname)) return true;
    } catch (e) {
      return false; // no storage: nothing to restore
    }
    var R = window.PWRecord;
    var marker = document.querySelector("[data-pw-module]");
    var entry = R && marker && R.load().modules[marker.getAttribute("data-pw-module")];
    return !!(entry && entry.answers && Object.keys(entry.answers).length);
  }

  function loadQuizScripts() {
    var holder = document.getElementById("pw-quiz-scripts");
    if (!holder) return;
    var started = false;
    var early = (window.pwQuizEarly = []);
    var sources = holder.getAttribute("data-src").split(" ");
    var events = ["pointerdown", "focusin", "keydown", "change", "submit"];
    var observer = null;

    function load() {
      if (started) return;
      started = true;
      if (observer) observer.disconnect();
      // mkdocs-quiz sets itself up twice when Material's document$ exists (it is
      // meant for instant navigation, which this site does not use).
      var css = holder.getAttribute("data-css");
      if (css) {
        var link = document.createElement("link");
        link.rel = "stylesheet";
        link.href = css;
        var ours = document.querySelector('link[href*="stylesheets/pw."], link[href$="stylesheets/site.css"]');
        document.head.insertBefore(link, ours); // so site.css still wins
      }
      var stream = window.document$;
      window.document$ = undefined;
      sources.forEach(function (src, i) {
        var script = document.createElement("script");
        script.src = src;
        script.async = false; // run in order: the plugin first, then pw-quiz.js
        if (i === sources.length - 1) {
          script.onload = script.onerror = function () { window.document$ = stream; };
        }
        document.body.appendChild(script);
      });
    }

    function touched(event) {
      var quiz = event.target && event.target.closest && event.target.closest(QUIZ_AREA);
      if (!quiz) return;
      if ((event.type === "change" || event.type === "submit") && quiz.classList.contains("quiz")) {
        // what was chosen at that moment: a later click, before the scripts run,
        // must not replace the first try (the plugin would have locked it in)
        var chosen = Array.prototype.map.call(quiz.querySelectorAll("input[name=answer]:checked"), function (input) {
          return input.value;
        });
        early.push({ quiz: quiz, type: event.type, chosen: chosen });
      }
      load();
    }
    events.forEach(function (type) { document.addEventListener(type, touched, true); });

    if (savedAnswers()) return load();
    var target = window.location.hash && document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
    if (target && (target.closest(QUIZ_AREA) || target.compareDocumentPosition(document.querySelector(".quiz")) & 2)) return load();
    if (!("IntersectionObserver" in window)) return load();
    observer = new IntersectionObserver(function (entries) {
      if (entries.some(function (e) { return e.isIntersecting; })) load();
    }, { rootMargin: "1500px 0px" });
    document.querySelectorAll(QUIZ_AREA).forEach(function (el) { observer.observe(el); });
  }

  /* Tables the learner record builds in the page (My learning) stack on a phone
     like the build's own tables: each cell is labelled with its column header. */
  function stackBuiltTables(root) {
    root.querySelectorAll("table[data-pw-table]").forEach(function (table) {
      var heads = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
        return th.textContent.trim();
      });
      if (heads.length < 3) return;
      table.setAttribute("data-pw-stack", "");
      table.querySelectorAll("tbody tr").forEach(function (row) {
        Array.prototype.forEach.call(row.children, function (cell, i) {
          if (cell.tagName === "TD" && heads[i] && !cell.hasAttribute("data-label")) {
            cell.setAttribute("data-label", heads[i]);
          }
        });
      });
    });
  }

  function watchBuiltTables() {
    var root = document.getElementById("pw-my-learning");
    if (!root) return;
    new MutationObserver(function () { stackBuiltTables(root); }).observe(root, { childList: true, subtree: true });
    stackBuiltTables(root);
  }

  var opened = [];
  window.addEventListener("beforeprint", function () {
    opened = Array.prototype.filter.call(document.querySelectorAll("details"), function (d) {
      return !d.open;
    });
    opened.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });

  function init() {
    loadQuizScripts();
    watchBuiltTables();
    announceQuizFeedback();
    submitBlanksOnEnter();
    labelLenses();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

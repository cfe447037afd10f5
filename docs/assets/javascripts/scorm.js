/* The page side of SCORM 1.2: tells the learner's LMS what happened on this page.
 *
 * Only pages in the SCORM package load this file (scripts/export/scorm12.py adds
 * it). It does nothing unless it finds the LMS's SCORM 1.2 API (window.API) in a
 * parent or opener window; without one the page works exactly as offline, with
 * the browser-only learner record.
 *
 * What it sends (and nothing else):
 *   cmi.core.lesson_status  "incomplete" from the first launch; "completed" once the
 *                           learner marks the page read (done, for case studies);
 *                           "passed" or "failed" once every quiz question has been
 *                           answered, comparing the score with the mastery score
 *   cmi.core.score.raw      the first-attempt quiz score in per cent (min 0, max 100),
 *                           sent once every question has been answered; on the
 *                           course-end test (data-pw-kind="test"), the score of the
 *                           first submitted attempt (end-test.js's "pw:test" event)
 *   cmi.suspend_data        this page's progress (read, each question's first result
 *                           and latest answer), at most 4,096 characters, restored
 *                           on the next launch
 *   cmi.core.session_time   time since launch, HHHH:MM:SS.SS
 *   cmi.core.exit           "suspend", so the next launch resumes
 *
 * Quiz state is read from mkdocs-quiz's markup (.quiz blocks, their inputs, the
 * feedback shown after submitting) and the "mark as read" control from the
 * learner record's markup (.pw-mark-read [aria-pressed]); this file writes no
 * browser storage of its own.
 */
(function () {
  "use strict";

  var MAX_SUSPEND = 4096;
  var script = document.currentScript;

  // ------------------------------------------------------------ finding the LMS

  function searchUp(win) {
    for (var tries = 0; win && tries < 10; tries++) {
      try {
        if (win.API) return win.API;
      } catch (e) {
        return null; // a parent on another origin: stop looking there
      }
      if (!win.parent || win.parent === win) return null;
      win = win.parent;
    }
    return null;
  }

  // The standard walk: this window and its parents, then the window that
  // opened this one (an LMS that launches content in a pop-up), and its parents.
  function findAPI() {
    var api = searchUp(window);
    try {
      if (!api && window.opener) api = searchUp(window.opener);
      if (!api && window.top && window.top.opener) api = searchUp(window.top.opener);
    } catch (e) {
      api = null;
    }
    return api;
  }

  // ------------------------------------------------------------ the page's quiz

  function quizzes() {
    return Array.prototype.slice.call(document.querySelectorAll(".quiz"));
  }

  function keyOf(quiz, index) {
    var match = /(\d+)$/.exec(quiz.id || "");
    return match ? match[1] : String(index);
  }

  function isFill(quiz) {
    return quiz.getAttribute("data-quiz-type") === "fill-blank";
  }

  function inputs(quiz) {
    return Array.prototype.slice.call(
      quiz.querySelectorAll(isFill(quiz) ? ".quiz-blank-input" : 'input[name="answer"]')
    );
  }

  function answered(quiz) {
    var feedback = quiz.querySelector(".quiz-feedback");
    return !!feedback && !feedback.classList.contains("hidden");
  }

  // The same rule mkdocs-quiz marks by: every right option chosen and no other,
  // or every blank marked correct.
  function isCorrect(quiz) {
    var all = inputs(quiz);
    if (isFill(quiz)) {
      return all.length > 0 && all.every(function (i) { return i.classList.contains("correct"); });
    }
    return all.every(function (i) { return i.checked === i.hasAttribute("data-correct"); });
  }

  function answerOf(quiz) {
    if (isFill(quiz)) return inputs(quiz).map(function (i) { return i.value; });
    return inputs(quiz).filter(function (i) { return i.checked; }).map(function (i) { return Number(i.value); });
  }

  // ------------------------------------------------------------ suspend data

  function emptyState() {
    return { v: 1, r: 0, q: {} };
  }

  function parse(text) {
    try {
      var data = JSON.parse(text || "null");
      if (data && data.v === 1 && typeof data.q === "object") return data;
    } catch (e) {
      /* unreadable data starts afresh */
    }
    return emptyState();
  }

  // SCORM 1.2 allows 4,096 characters: long typed answers are shortened first,
  // then answers dropped; the first results (the score) are always kept.
  function encode(state) {
    var copy = JSON.parse(JSON.stringify(state));
    var text = JSON.stringify(copy);
    while (text.length > MAX_SUSPEND) {
      var longest = null;
      Object.keys(copy.q).forEach(function (key) {
        (copy.q[key][1] || []).forEach(function (value, i) {
          if (typeof value === "string" && (!longest || value.length > longest.len)) {
            longest = { key: key, i: i, len: value.length };
          }
        });
      });
      if (!longest || longest.len === 0) break;
      copy.q[longest.key][1][longest.i] = copy.q[longest.key][1][longest.i].slice(0, Math.floor(longest.len / 2));
      text = JSON.stringify(copy);
    }
    if (text.length > MAX_SUSPEND) {
      Object.keys(copy.q).forEach(function (key) { copy.q[key] = [copy.q[key][0]]; });
      text = JSON.stringify(copy);
    }
    return text;
  }

  // ------------------------------------------------------------ SCORM formats

  function pad(n, width) {
    var s = String(n);
    while (s.length < width) s = "0" + s;
    return s;
  }

  function timespan(ms) {
    var cs = Math.min(Math.max(Math.round(ms / 10), 0), 3599999999);
    return pad(Math.floor(cs / 360000), 4) + ":" + pad(Math.floor(cs / 6000) % 60, 2) + ":" +
      pad(Math.floor(cs / 100) % 60, 2) + "." + pad(cs % 100, 2);
  }

  // ------------------------------------------------------------ the adapter

  function start(api) {
    if (String(api.LMSInitialize("")) !== "true") return;
    var started = Date.now();
    var named = script ? script.getAttribute("data-pw-kind") : "";
    var kind = named === "case" || named === "test" ? named : "module";
    var fromLMS = parseFloat(api.LMSGetValue("cmi.student_data.mastery_score"));
    var fromPage = parseFloat(script ? script.getAttribute("data-pw-mastery") : "");
    var mastery = isNaN(fromLMS) ? (isNaN(fromPage) ? 80 : fromPage) : fromLMS;
    var state = parse(api.LMSGetValue("cmi.suspend_data"));
    var finished = false;
    var say = statusLine(kind);

    function set(element, value) {
      api.LMSSetValue(element, String(value));
    }

    function score() {
      if (kind === "test") return typeof state.t === "number" ? state.t : null;
      var all = quizzes();
      var firsts = all.map(function (quiz, i) { return state.q[keyOf(quiz, i)]; });
      if (!all.length || firsts.some(function (entry) { return !entry; })) return null;
      var right = firsts.filter(function (entry) { return entry[0] === 1; }).length;
      return Math.round((100 * right) / all.length);
    }

    function lessonStatus(raw) {
      if (raw !== null) return raw >= mastery ? "passed" : "failed";
      return state.r ? "completed" : "incomplete";
    }

    function report() {
      if (finished) return;
      var raw = score();
      var status = lessonStatus(raw);
      set("cmi.core.lesson_status", status);
      if (raw !== null) {
        set("cmi.core.score.min", 0);
        set("cmi.core.score.max", 100);
        set("cmi.core.score.raw", raw);
      }
      set("cmi.suspend_data", encode(state));
      api.LMSCommit("");
      say(status, raw, mastery);
    }

    function observe() {
      var changed = false;
      quizzes().forEach(function (quiz, i) {
        if (!answered(quiz)) return;
        var key = keyOf(quiz, i);
        var now = answerOf(quiz);
        var entry = state.q[key];
        if (!entry) {
          state.q[key] = [isCorrect(quiz) ? 1 : 0, now];
          changed = true;
        } else if (JSON.stringify(entry[1]) !== JSON.stringify(now)) {
          entry[1] = now;
          changed = true;
        }
      });
      if (changed) report();
    }

    // Answers kept by the LMS are put back and submitted, so the feedback shows
    // again; their first results stay as they were.
    function restore() {
      var scrollX = window.scrollX;
      var scrollY = window.scrollY;
      var focused = document.activeElement;
      quizzes().forEach(function (quiz, i) {
        var entry = state.q[keyOf(quiz, i)];
        if (!entry || !entry[1] || !entry[1].length || answered(quiz)) return;
        var answer = entry[1];
        inputs(quiz).forEach(function (input, j) {
          if (isFill(quiz)) input.value = typeof answer[j] === "string" ? answer[j] : "";
          else input.checked = answer.indexOf(Number(input.value)) >= 0;
        });
        var form = quiz.querySelector("form");
        if (form) form.dispatchEvent(new Event("submit", { bubbles: true, cancelable: true }));
      });
      if (focused && focused.focus) focused.focus({ preventScroll: true });
      window.scrollTo(scrollX, scrollY);
    }

    function watchRead() {
      var box = document.querySelector(".pw-mark-read");
      var check = function () {
        var button = document.querySelector(".pw-mark-read [aria-pressed]");
        if (button && button.getAttribute("aria-pressed") === "true" && !state.r) {
          state.r = 1; // completion is never taken back once the LMS has it
          report();
        }
      };
      if (box) {
        new MutationObserver(check).observe(box, { subtree: true, childList: true, attributes: true, attributeFilter: ["aria-pressed"] });
        check();
        return;
      }
      doneButton();
    }

    // Case studies have no "mark as read" control: the package adds its own.
    function doneButton() {
      var article = document.querySelector("article") || document.body;
      var box = document.createElement("div");
      box.className = "pw-mark-read pw-scorm-done";
      var button = document.createElement("button");
      button.type = "button";
      button.className = "md-button md-button--primary pw-done-button";
      var draw = function () {
        button.textContent = state.r ? "Marked as done ✓" : "Mark this case study as done";
        button.setAttribute("aria-pressed", state.r ? "true" : "false");
        button.disabled = !!state.r;
      };
      button.addEventListener("click", function () {
        state.r = 1;
        draw();
        report();
      });
      box.appendChild(button);
      article.appendChild(box);
      draw();
    }

    function finish() {
      if (finished) return;
      observe();
      set("cmi.core.session_time", timespan(Date.now() - started));
      set("cmi.core.exit", "suspend");
      api.LMSCommit("");
      api.LMSFinish("");
      finished = true;
    }

    if (kind === "test") {
      // the course-end test (end-test.js): its first submitted result is the score
      document.addEventListener("pw:test", function (event) {
        if (typeof state.t === "number" || !event.detail) return;
        state.t = Math.max(0, Math.min(100, Math.round(Number(event.detail.percent) || 0)));
        report();
      });
    } else watchRead();
    restore();
    observe();
    report();
    window.addEventListener("quizProgressUpdate", function () {
      window.setTimeout(observe, 0); // after mkdocs-quiz has drawn its feedback
    });
    window.addEventListener("pagehide", finish);
    window.addEventListener("beforeunload", finish);
  }

  // One line that says what the LMS now holds, beside the completion control.
  function statusLine(kind) {
    var line = document.createElement("p");
    line.className = "pw-scorm-status";
    line.setAttribute("role", "status");
    var placed = false;
    return function (status, raw, mastery) {
      if (!placed) {
        var box = document.querySelector(".pw-mark-read") || document.querySelector("article") || document.body;
        box.appendChild(line);
        placed = true;
      }
      var what = { case: "this case study", test: "the course-end test", module: "this module" }[kind];
      var scored = kind === "test" ? "a first-attempt score" : "a first-try quiz score";
      var text = {
        incomplete: "Your LMS records " + what + " as started.",
        completed: "Your LMS records " + what + " as completed.",
        passed: "Your LMS records " + what + " as passed, with " + scored + " of " + raw + "%.",
        failed: "Your LMS records " + scored + " of " + raw + "% for " + what +
          "; the pass mark is " + mastery + "%. Your trainer can see this result.",
      }[status];
      if (line.textContent !== text) line.textContent = text;
    };
  }

  function init() {
    var api = findAPI();
    if (api) start(api);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();

/* Quiz answers in the learner record, keyed by module id and question id.
 *
 * mkdocs-quiz keeps answers under "quiz_progress_" + the page's path, which
 * differs between the site, an offline copy in any folder and an LMS. This
 * file reads the quiz as the learner sees it (each question's block carries
 * data-question-id; after an answer its .quiz-feedback is shown and holds a
 * .correct or .incorrect item) and keeps, per question, the first attempt (what
 * is scored) and the answer now. It runs before the plugin starts, so it can
 * hand the plugin the record's answers for this page; the plugin's own keys
 * are read once per page and migrated into the record.
 */
(function () {
  "use strict";

  var R = window.PWRecord;
  var marker = document.querySelector("[data-pw-module]");
  if (!R || !marker) return;
  var moduleId = marker.getAttribute("data-pw-module");
  var PLUGIN_KEY = "quiz_progress_" + window.location.pathname;
  var MIGRATED = "pw-record-migrated";
  var storage = R.storage();

  /** [{ qid, was, quiz }] for every question block on the page that names its id (and its old id, if renamed). */
  function questions() {
    return Array.prototype.map
      .call(document.querySelectorAll("[data-question-id]"), function (box) {
        return { qid: box.getAttribute("data-question-id"), was: box.getAttribute("data-was"), quiz: box.querySelector(".quiz") };
      })
      .filter(function (q) {
        return q.quiz && q.quiz.id && R.validId(q.qid);
      });
  }

  function readJSON(key) {
    try {
      var value = JSON.parse(storage.getItem(key) || "null");
      return value && typeof value === "object" && !Array.isArray(value) ? value : null;
    } catch (e) {
      return null;
    }
  }

  function sameAttempt(a, b) {
    return !!a && !!b && a.correct === b.correct && JSON.stringify(a.answer) === JSON.stringify(b.answer);
  }

  /** Record one attempt: the first ever is kept as "first", the latest is "now". */
  function recordAttempt(qid, attempt) {
    var changed = false;
    var ok = R.update(moduleId, function (entry) {
      entry.answers = entry.answers || {};
      var item = entry.answers[qid];
      if (!item) {
        entry.answers[qid] = { first: attempt, now: attempt };
        changed = true;
      } else if (!sameAttempt(item.now, attempt)) {
        item.now = attempt;
        changed = true;
      }
    });
    if (changed) showFirstTry();
    return ok;
  }

  function clearNow(qid) {
    var entry = R.load().modules[moduleId];
    if (!entry || !entry.answers || !entry.answers[qid] || !entry.answers[qid].now) return;
    R.update(moduleId, function (e) {
      delete e.answers[qid].now;
    });
    showFirstTry();
  }

  // ------------------------------------------------------------ before the plugin starts

  /** Move answers saved under a question's old id to its id now (a bank renamed its questions). */
  function renameOld(list) {
    var entry = R.load().modules[moduleId];
    if (!entry || !entry.answers) return;
    var moves = list.filter(function (q) {
      return q.was && R.validId(q.was) && entry.answers[q.was] && !entry.answers[q.qid];
    });
    if (!moves.length) return;
    R.update(moduleId, function (e) {
      moves.forEach(function (q) {
        e.answers[q.qid] = e.answers[q.was];
        delete e.answers[q.was];
      });
    });
  }

  /** Read the plugin's own answers for this page into the record, once per page and device. */
  function migrate(list) {
    if (!storage) return;
    var done = readJSON(MIGRATED) || {};
    if (done[PLUGIN_KEY]) return;
    var theirs = readJSON(PLUGIN_KEY);
    if (theirs) {
      var at = R.stamp();
      R.update(moduleId, function (entry) {
        entry.answers = entry.answers || {};
        list.forEach(function (q) {
          var old = theirs[q.quiz.id];
          if (!old || old.answered !== true || typeof old.correct !== "boolean" || entry.answers[q.qid]) return;
          var answer = Array.isArray(old.selectedValues) ? old.selectedValues.map(String).slice(0, 20) : [];
          var attempt = { answer: answer, correct: old.correct, at: at };
          entry.answers[q.qid] = { first: attempt, now: attempt };
        });
      });
    }
    done[PLUGIN_KEY] = R.today();
    try {
      storage.setItem(MIGRATED, JSON.stringify(done));
    } catch (e) {
      /* the record itself reports a storage problem */
    }
  }

  /** Give the plugin the record's current answers for this page, so they show wherever the page is opened. */
  function seed(list) {
    if (!storage) return;
    var entry = R.load().modules[moduleId] || {};
    var answers = entry.answers || {};
    var theirs = readJSON(PLUGIN_KEY) || {};
    var changed = false;
    list.forEach(function (q) {
      var item = answers[q.qid];
      var now = item && item.now;
      var old = theirs[q.quiz.id];
      if (!now) {
        // the record is the truth: an answer the plugin kept for this place on the page
        // belongs to a question that is no longer there (the bank changed), or was reset
        if (old) {
          delete theirs[q.quiz.id];
          changed = true;
        }
        return;
      }
      if (old && old.correct === now.correct && JSON.stringify((old.selectedValues || []).map(String)) === JSON.stringify(now.answer)) return;
      theirs[q.quiz.id] = { answered: true, correct: now.correct, selectedValues: now.answer };
      changed = true;
    });
    if (!changed) return;
    try {
      storage.setItem(PLUGIN_KEY, JSON.stringify(theirs));
    } catch (e) {
      /* the plugin shows its own warning; the record still holds the answers */
    }
  }

  /**
   * If the plugin started before this file could hand it the record's answers
   * (a script order this file does not control), put each missing answer back
   * by choosing it again, then restore the learner's place on the page.
   */
  function replay(list) {
    var entry = R.load().modules[moduleId];
    if (!entry || !entry.answers) return;
    var x = window.scrollX;
    var y = window.scrollY;
    var active = document.activeElement;
    var replayed = false;
    list.forEach(function (q) {
      var item = entry.answers[q.qid];
      var form = q.quiz.querySelector("form");
      if (!item || !item.now || !form || seen(q.quiz)) return;
      var blanks = q.quiz.querySelectorAll(".quiz-blank-input");
      var inputs = q.quiz.querySelectorAll("input[name=answer]");
      if (blanks.length) {
        blanks.forEach(function (input, i) {
          input.value = item.now.answer[i] || "";
        });
      } else if (inputs.length) {
        inputs.forEach(function (input) {
          input.checked = item.now.answer.indexOf(input.value) >= 0;
        });
      } else return;
      form.dispatchEvent(new Event("submit", { bubbles: true, cancelable: true }));
      replayed = true;
    });
    if (!replayed) return;
    window.scrollTo(x, y);
    if (active && active.focus) active.focus({ preventScroll: true });
  }

  // ------------------------------------------------------------ watching answers

  /** The attempt the learner can see on a question, or null while it is unanswered. */
  function seen(quiz) {
    var feedback = quiz.querySelector(".quiz-feedback");
    if (!feedback || feedback.classList.contains("hidden") || !feedback.textContent.trim()) return null;
    var blanks = quiz.querySelectorAll(".quiz-blank-input");
    var answer;
    if (blanks.length) {
      answer = Array.prototype.map.call(blanks, function (input) {
        return input.value.slice(0, 300);
      });
    } else {
      answer = Array.prototype.map.call(quiz.querySelectorAll("input[name=answer]:checked"), function (input) {
        return input.value;
      });
      if (!answer.length) return null;
    }
    var correct;
    if (feedback.querySelector(".incorrect")) correct = false;
    else if (feedback.querySelector(".correct")) correct = true;
    else if (quiz.querySelector(".wrong")) correct = false;
    else correct = !!quiz.querySelector(".correct");
    return { answer: answer, correct: correct, at: R.stamp() };
  }

  function watch(q) {
    var feedback = q.quiz.querySelector(".quiz-feedback");
    if (!feedback) return;
    var wasShown = false;
    var look = function () {
      var attempt = seen(q.quiz);
      if (attempt) {
        wasShown = true;
        recordAttempt(q.qid, attempt);
      } else if (wasShown && feedback.classList.contains("hidden")) {
        wasShown = false;
        clearNow(q.qid); // "Try again" or "Reset quiz": the first try stays, "now" is cleared
      }
    };
    new MutationObserver(look).observe(feedback, { attributes: true, attributeFilter: ["class"], childList: true, subtree: true, characterData: true });
    return look;
  }

  // ------------------------------------------------------------ the first-try line

  var line = null;
  var total = 0;
  var ids = [];

  function showFirstTry() {
    if (!line) return;
    var c = R.quizCounts(R.load().modules[moduleId], total, ids);
    line.textContent = c.tried
      ? "Your score on first try: " + c.first + " of " + c.total + " correct (" + c.tried + " tried). Now: " + c.now + " of " + c.total + " correct."
      : "Your first try at each question is what counts in your record.";
  }

  function start() {
    var list = questions();
    total = list.length;
    ids = list.map(function (q) {
      return q.qid;
    });
    var results = document.getElementById("quiz-results");
    if (results && list.length) {
      line = R.el("p", { class: "pw-first-try", "data-pw-first-try": "" });
      results.parentNode.insertBefore(line, results.nextSibling);
      showFirstTry();
    }
    list.forEach(function (q) {
      var look = watch(q);
      if (look) look(); // answers the plugin has already put back on the page
    });
    replay(list);
  }

  var early = questions();
  if (early.length) {
    renameOld(early);
    migrate(early);
    seed(early);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

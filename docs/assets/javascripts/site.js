/* Small, dependency-free enhancements shared by every page.
 * - Quiz feedback is announced to screen readers (aria-live).
 * - Enter in a fill-in-the-blank answer submits it (mkdocs-quiz puts the
 *   input outside its form, so the browser would not).
 * - Printing opens every collapsed block and labels each profession lens,
 *   then restores the page afterwards.
 */
(function () {
  "use strict";

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

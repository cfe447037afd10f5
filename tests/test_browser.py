"""Browser tests: Playwright drives the system Chromium against the built site.

They prove what a learner does: answer a quiz and read feedback, keep progress
after a reload, reset it, keep a profession lens across pages, search, use only
the keyboard, and meet no accessibility violations in light or dark mode, all
without a single request to another host.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe

from scripts.content import pools
from tests.conftest import ROOT, html_pages

MODULE = "modules/why-partnership/"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
PHONE = {"width": 390, "height": 844}


def bank() -> dict:
    """The why-partnership bank with ``questions`` cut to what its module page shows, in order."""
    data = yaml.safe_load((ROOT / "quizzes" / "why-partnership.yml").read_text())
    return {**data, "questions": pools.page_questions(data["questions"])}


def first_choice_question() -> tuple[int, int, int]:
    """(quiz index, a wrong option's index, the right option's index) of the first single-choice question."""
    for n, q in enumerate(bank()["questions"]):
        if q["type"] == "single":
            right = next(i for i, o in enumerate(q["options"]) if o["correct"])
            wrong = next(i for i, o in enumerate(q["options"]) if not o["correct"])
            return n, wrong, right
    raise AssertionError("the bank has no single-choice question")


def violations(page) -> list[str]:
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]})
    return [
        f"{v['id']}: {v['help']} -> {[n['target'] for n in v['nodes']][:3]}" for v in results.response["violations"]
    ]


def test_answering_shows_that_options_feedback(page, server, outside_requests) -> None:
    n, wrong, right = first_choice_question()
    page.goto(server + MODULE)
    page.click(f"label[for='quiz-{n}-{wrong}']")
    feedback = page.locator(f"#quiz-{n} .quiz-feedback")
    feedback.wait_for(state="visible")
    hidden = page.eval_on_selector(
        f"#quiz-{n}-{wrong}", "el => el.parentElement.querySelector('.answer-feedback').textContent"
    )
    assert hidden.strip() and hidden.strip()[:40] in feedback.inner_text()
    assert "incorrect" in feedback.inner_html()
    # choose again: the right option's own feedback replaces it
    page.click(f"label[for='quiz-{n}-{right}']")
    right_text = page.eval_on_selector(
        f"#quiz-{n}-{right}", "el => el.parentElement.querySelector('.answer-feedback').textContent"
    )
    page.wait_for_function(
        f"document.querySelector('#quiz-{n} .quiz-feedback').textContent.includes({right_text.strip()[:40]!r})"
    )


def test_progress_survives_a_reload_and_reset_clears_it(page, server, outside_requests) -> None:
    n, _, right = first_choice_question()
    page.goto(server + MODULE)
    page.click(f"label[for='quiz-{n}-{right}']")
    page.locator(f"#quiz-{n} .quiz-feedback").wait_for(state="visible")
    page.reload()
    assert page.is_checked(f"#quiz-{n}-{right}")
    assert page.locator(f"#quiz-{n} .quiz-feedback").is_visible()
    assert page.locator(".quiz-results-answered").first.inner_text() == "1"
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator(".quiz-intro-reset").first.click()
    page.wait_for_function(f"!document.querySelector('#quiz-{n}-{right}').checked")
    page.reload()
    assert not page.is_checked(f"#quiz-{n}-{right}")


def test_profession_lens_is_kept_across_pages_and_reloads(page, server, outside_requests) -> None:
    page.goto(server + "how-to-use/")
    page.locator(".tabbed-labels label", has_text="Police").first.click()
    page.goto(server + MODULE)
    lens = page.locator("h2#profession-lenses ~ .tabbed-set").first
    checked = lens.locator("input:checked").get_attribute("id")
    label = lens.locator(f"label[for='{checked}']").inner_text()
    assert label == "Police"
    page.reload()
    checked = lens.locator("input:checked").get_attribute("id")
    assert lens.locator(f"label[for='{checked}']").inner_text() == "Police"


def test_search_finds_the_module(page, server, outside_requests) -> None:
    page.goto(server)
    page.keyboard.press("/")  # Material's shortcut opens and focuses search
    page.keyboard.type("why partnership working matters")
    result = page.locator(".md-search-result__item > a[href*='modules/why-partnership/']").first
    result.wait_for(timeout=10000)
    assert "Why partnership working matters" in result.inner_text()


def test_phone_sized_screen_shows_content_and_menu(browser, server) -> None:
    context = browser.new_context(viewport=PHONE, color_scheme="dark")
    page = context.new_page()
    page.goto(server + MODULE)
    assert page.get_attribute("body", "data-md-color-scheme") == "slate"
    assert page.locator("label.md-header__button[for='__drawer']").is_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"page scrolls sideways on a phone ({width}px)"
    page.click("label.md-header__button[for='__search']")
    page.locator("input.md-search__input").press_sequentially("why partnership working matters")  # keyup, as typed
    result = page.locator(".md-search-result__item > a[href*='modules/why-partnership/']").first
    result.wait_for(timeout=10000)
    assert result.is_visible()
    context.close()


def test_keyboard_alone_completes_the_quiz(page, server, outside_requests) -> None:
    page.goto(server + MODULE)
    total = page.locator(".quiz").count()
    page.focus(".quiz-intro-reset")  # start just above the first question
    for _ in range(60 * total):
        state = page.evaluate(
            """() => {
              const el = document.activeElement;
              const quiz = el && el.closest('.quiz');
              if (!quiz) return {where: 'out'};
              const answered = !quiz.querySelector('.quiz-feedback').classList.contains('hidden');
              return {where: 'quiz', answered, type: el.type || el.tagName,
                      correct: el.hasAttribute('data-correct'), answer: el.getAttribute('data-answer'),
                      checkedAny: !!quiz.querySelector('input:checked')};
            }"""
        )
        if state["where"] == "quiz" and not state["answered"]:
            if state["type"] == "radio" or (state["type"] == "checkbox" and state["correct"]):
                page.keyboard.press("Space")
            elif state["type"] == "text":
                page.keyboard.type(state["answer"])
                page.keyboard.press("Enter")
            elif state["type"] == "submit" and state["checkedAny"]:
                page.keyboard.press("Enter")
        if page.locator(".quiz .quiz-feedback.hidden").count() == 0:
            break
        page.keyboard.press("Tab")
    assert page.locator(".quiz .quiz-feedback.hidden").count() == 0, "some questions could not be answered by keyboard"
    assert page.locator(".quiz-results-answered").first.inner_text() == str(total)


def test_no_page_violates_wcag_in_light_or_dark_mode(browser, server, built_site: Path) -> None:
    found: list[str] = []
    for scheme in ("light", "dark"):
        context = browser.new_context(color_scheme=scheme)
        page = context.new_page()
        outside: list[str] = []
        page.on("request", lambda r, outside=outside: outside.append(r.url) if not r.url.startswith(server) else None)
        for path in html_pages(built_site):
            page.goto(server + path)
            expected = "slate" if scheme == "dark" else "default"
            assert page.get_attribute("body", "data-md-color-scheme") == expected
            found += [f"{scheme} {path or '/'}: {v}" for v in violations(page)]
        assert [u for u in outside if not u.startswith("data:")] == []
        context.close()
    assert found == [], "\n".join(found)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_quiz_after_a_wrong_answer_has_no_violations(browser, server, scheme: str) -> None:
    n, wrong, _ = first_choice_question()
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(server + MODULE)
    page.click(f"label[for='quiz-{n}-{wrong}']")
    page.locator(f"#quiz-{n} .quiz-feedback").wait_for(state="visible")
    assert violations(page) == []
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_focused_and_hovered_buttons_keep_readable_text(browser, server, scheme: str) -> None:
    """Each button of a module page, focused by keyboard and then hovered, passes axe's contrast check."""
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(server + MODULE)
    page.locator(".pw-read-button").wait_for()
    found = []
    for selector in (".pw-read-button", ".pw-save-reflection", ".quiz-intro-reset"):
        button = page.locator(selector).first
        button.scroll_into_view_if_needed()
        button.focus()
        page.keyboard.press("Shift")  # a keyboard event, so focus styles apply as for a keyboard user
        for state in ("focus", "hover"):
            if state == "hover":
                button.hover()
            page.wait_for_timeout(
                600
            )  # Material fades colours (buttons 125 ms, back-to-top 250 ms): judge the end state
            results = Axe().run(page, options={"runOnly": {"type": "rule", "values": ["color-contrast"]}})
            found += [
                f"{scheme} {selector} {state}: {n['target']}"
                for v in results.response["violations"]
                for n in v["nodes"]
            ]
    assert found == [], found
    context.close()


def test_print_view_hides_navigation_and_opens_collapsed_blocks(page, server) -> None:
    page.goto(server + MODULE)
    closed = page.locator("details:not([open])").first
    assert closed.count() == 1, "the module needs a collapsed block for this test"
    inner = closed.locator(":scope > :not(summary)").first
    assert not inner.is_visible()
    page.emulate_media(media="print")
    assert inner.is_visible()
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer"):
        assert not page.locator(selector).first.is_visible(), selector
    assert page.locator("article h1").is_visible()

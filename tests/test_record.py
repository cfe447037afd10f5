"""Browser tests of the learner record: progress, reflections, CPD export and
import, deletion, blocked storage, all without a request leaving the machine."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from tests.conftest import LOCAL_HOSTS
from tests.test_browser import MODULE, bank, first_choice_question, violations

REFLECTION = "I will phone the district nurse before closing a case.\nSecond line of my reflection."


# The site's own scripts as the browser names them: the build's bundles
# (pw.<hash>.min.js, pw-learning.<hash>.min.js) and the files the quiz loads.
OUR_SCRIPTS = ("/javascripts/pw.", "/javascripts/pw-learning.", "record-quiz.js", "pw-quiz.js")


def guard(page, seen: list[str], requests: bool = True) -> None:
    """Record any request to another host (unless the caller routes requests itself),
    and any error thrown by this site's own scripts."""
    if requests:
        page.on("request", lambda r: seen.append(r.url) if urlsplit(r.url).hostname not in LOCAL_HOSTS else None)
    page.on(
        "pageerror",
        lambda err: (
            seen.append(f"script error: {err.stack}") if any(s in (err.stack or "") for s in OUR_SCRIPTS) else None
        ),
    )


def test_progress_reflection_export_import_and_delete(browser, server, tmp_path: Path) -> None:
    outside: list[str] = []
    first = browser.new_context(accept_downloads=True)
    page = first.new_page()
    guard(page, outside)
    n, _, right = first_choice_question()

    page.goto(server + MODULE)
    page.click(f"label[for='quiz-{n}-{right}']")
    page.fill(".pw-reflection textarea", REFLECTION)
    page.click(".pw-save-reflection")
    assert "Reflection saved" in page.inner_text(".pw-reflection [role=status]")
    page.click(".pw-read-button")
    assert page.inner_text(".pw-mark-read [role=status]") == "Saved: module marked as read."

    page.reload()
    assert page.input_value(".pw-reflection textarea") == REFLECTION
    assert page.get_attribute(".pw-read-button", "aria-pressed") == "true"
    ticked = "[...document.querySelectorAll('.md-nav__link .pw-tick')].map(t => t.parentElement.href.split('#')[0])"
    assert server + MODULE in page.evaluate(ticked)  # the current page's own menu entry

    page.goto(server + "my-learning/")
    assert page.evaluate(ticked) == [server + MODULE]
    row = page.locator("#pw-my-learning tr[data-module='why-partnership']")
    assert "Yes, " in row.inner_text()
    total = len(bank()["questions"])
    assert row.locator("[data-pw-col=first]").inner_text() == f"1 of {total} correct (1 tried)"
    assert violations(page) == []
    page.fill("#pw-name", "Alex Example")
    page.press("#pw-name", "Tab")
    with page.expect_download() as info:
        page.click("text=Download as Markdown")
    exported = tmp_path / "record.md"
    info.value.save_as(exported)
    text = exported.read_text()
    for expected in (
        "Alex Example",
        "Why partnership working matters",
        "self-declared",
        "I will phone the district nurse",
        f"Quiz, first try: 1 of {total} correct",
    ):
        assert expected in text, expected

    page.goto(server + "my-reflections/")
    entry = page.locator(".pw-reflection-entry[data-module='why-partnership']")
    assert "I will phone the district nurse" in entry.inner_text()
    assert "Last saved" in entry.inner_text()

    second = browser.new_context()
    fresh = second.new_page()
    guard(fresh, outside)
    fresh.goto(server + "my-learning/")
    assert "Not yet" in fresh.inner_text("#pw-my-learning tr[data-module='why-partnership']")
    fresh.set_input_files("#pw-import", str(exported))
    fresh.click(".pw-merge")
    fresh.wait_for_function(
        "document.querySelector('#pw-my-learning tr[data-module=\"why-partnership\"]').textContent.includes('Yes, ')"
    )
    assert fresh.input_value("#pw-name") == "Alex Example"
    fresh.goto(server + "my-reflections/")
    assert "I will phone the district nurse" in fresh.inner_text("#pw-my-reflections")

    fresh.goto(server + "my-learning/")
    fresh.once("dialog", lambda dialog: dialog.accept())
    fresh.click(".pw-delete-button")
    assert "deleted" in fresh.inner_text(".pw-delete [role=status]")
    assert "Not yet" in fresh.inner_text("#pw-my-learning tr[data-module='why-partnership']")
    keys = fresh.evaluate("Object.keys(localStorage)")
    assert not [k for k in keys if k == "pw-record" or k.startswith("quiz_progress_")], keys
    fresh.goto(server + "my-reflections/")
    assert "not saved a reflection yet" in fresh.inner_text("#pw-my-reflections")

    first.close()
    second.close()
    assert outside == []


def test_declining_the_delete_confirmation_keeps_the_record(page, server, outside_requests) -> None:
    page.goto(server + MODULE)
    page.click(".pw-read-button")
    page.goto(server + "my-learning/")
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.click(".pw-delete-button")
    assert "Yes, " in page.inner_text("#pw-my-learning tr[data-module='why-partnership']")


def test_blocked_storage_gives_a_notice_and_the_site_still_works(browser, server) -> None:
    context = browser.new_context()
    context.add_init_script(
        "Object.defineProperty(window, 'localStorage', {get() { throw new DOMException('blocked', 'SecurityError'); }});"
    )
    page = context.new_page()
    problems: list[str] = []
    guard(page, problems)
    page.goto(server + "my-learning/")
    assert "not letting this site save" in page.inner_text(".pw-notice")
    assert page.locator("#pw-my-learning table").is_visible()
    n, wrong, _ = first_choice_question()
    page.goto(server + MODULE)
    assert page.locator(".pw-reflection .pw-notice").is_visible()
    page.click(f"label[for='quiz-{n}-{wrong}']")
    page.locator(f"#quiz-{n} .quiz-feedback").wait_for(state="visible")
    page.click(".pw-read-button")
    assert page.inner_text(".pw-mark-read [role=status]") == "Could not save."
    assert problems == []
    context.close()


def test_cpd_record_prints_and_downloads_as_text(browser, server, tmp_path: Path) -> None:
    context = browser.new_context(accept_downloads=True)
    context.add_init_script("window.print = () => { window.__printed = (window.__printed || 0) + 1; };")
    page = context.new_page()
    page.goto(server + MODULE)
    page.fill(".pw-reflection textarea", "Plain text reflection.")
    page.click(".pw-save-reflection")
    page.goto(server + "my-learning/")
    page.fill("#pw-name", "Sam Sample")
    page.press("#pw-name", "Tab")
    page.click("text=Print or save as PDF")
    assert page.evaluate("window.__printed") == 1
    sheet = page.inner_text("#pw-print")
    assert "Sam Sample" in sheet and "self-declared" in sheet and "Plain text reflection." in sheet
    assert "PW-RECORD" not in sheet  # the import data is left off paper
    page.emulate_media(media="print")
    assert page.locator("#pw-print").is_visible()
    assert not page.locator("#pw-my-learning table").is_visible()
    page.emulate_media(media="screen")
    with page.expect_download() as info:
        page.click("text=Download as text")
    path = tmp_path / "record.txt"
    info.value.save_as(path)
    text = path.read_text()
    assert text.startswith("CONTINUING PROFESSIONAL DEVELOPMENT RECORD")
    assert "Sam Sample" in text and "PW-RECORD {" in text
    context.close()

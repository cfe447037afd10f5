"""Browser tests of scoring and the CPD record: the first attempt at each question
is what is scored, "first try" and "now" are shown apart, the quiz plugin's own
saved answers are migrated once, and the CPD record (printed, .md and .txt) holds
what a learner hands in, for the modules they engaged with only."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from scripts.web.learner import module_data
from tests.conftest import ROOT
from tests.test_browser import MODULE, bank, first_choice_question
from tests.test_record import guard


def module_meta(mid: str) -> dict:
    text = (ROOT / "docs" / "modules" / f"{mid}.md").read_text()
    return yaml.safe_load(text.split("---")[1])


def test_first_try_is_scored_and_shown_apart_from_now(page, server, outside_requests) -> None:
    n, wrong, right = first_choice_question()
    qid = bank()["questions"][n]["id"]
    total = len(bank()["questions"])
    page.goto(server + MODULE)
    page.click(f"label[for='quiz-{n}-{wrong}']")
    page.click(f"label[for='quiz-{n}-{right}']")
    line = page.locator(".pw-first-try")
    page.wait_for_function("document.querySelector('.pw-first-try').textContent.includes('Now: 1')")
    assert line.inner_text() == f"Your score on first try: 0 of {total} correct (1 tried). Now: 1 of {total} correct."
    entry = page.evaluate("JSON.parse(localStorage.getItem('pw-record')).modules['why-partnership']")
    assert (
        entry["answers"][qid]["first"]["answer"] == [str(wrong)] and entry["answers"][qid]["first"]["correct"] is False
    )
    assert entry["answers"][qid]["now"]["answer"] == [str(right)] and entry["answers"][qid]["now"]["correct"] is True
    # "Try again" clears the answer now; the first try stays what is scored
    page.locator(f"#quiz-{n} .quiz-reset-button").click()
    page.wait_for_function("document.querySelector('.pw-first-try').textContent.includes('Now: 0')")
    page.click(f"label[for='quiz-{n}-{right}']")
    page.reload()
    assert page.is_checked(f"#quiz-{n}-{right}")
    assert "first try: 0 of" in page.inner_text(".pw-first-try")
    page.goto(server + "my-learning/")
    row = page.locator("#pw-my-learning tr[data-module='why-partnership']")
    assert row.locator("[data-pw-col=first]").inner_text() == f"0 of {total} correct (1 tried)"
    assert row.locator("[data-pw-col=now]").inner_text() == f"1 of {total} correct (1 answered)"
    assert (
        page.locator("#pw-my-learning .pw-table-scroll table[data-pw-table=learning]").count() == 1
    )  # in a scroller (Material may wrap it again)


def test_the_plugins_own_answers_are_migrated_once(page, server) -> None:
    n, _, right = first_choice_question()
    qid = bank()["questions"][n]["id"]
    key = "quiz_progress_/" + MODULE
    old = {f"quiz-{n}": {"answered": True, "correct": True, "selectedValues": [str(right)]}}
    page.goto(server + "about/")
    page.evaluate("([k, v]) => localStorage.setItem(k, JSON.stringify(v))", [key, old])
    page.goto(server + MODULE)
    entry = page.evaluate("JSON.parse(localStorage.getItem('pw-record')).modules['why-partnership']")
    assert entry["answers"][qid]["first"]["correct"] is True
    assert entry["answers"][qid]["first"]["answer"] == [str(right)]
    assert page.is_checked(f"#quiz-{n}-{right}")
    # once only: a later visit keeps the migrated first try as it was
    page.goto(server + MODULE)
    again = page.evaluate("JSON.parse(localStorage.getItem('pw-record')).modules['why-partnership']")
    assert again["answers"][qid]["first"] == entry["answers"][qid]["first"]
    assert page.evaluate("Object.keys(JSON.parse(localStorage.getItem('pw-record-migrated')))") == [key]


def test_cpd_record_lists_engaged_modules_with_outcomes_first_try_and_address(browser, server, tmp_path: Path) -> None:
    problems: list[str] = []
    context = browser.new_context(accept_downloads=True)
    context.add_init_script("window.print = () => {};")
    page = context.new_page()
    guard(page, problems)
    n, wrong, right = first_choice_question()
    total = len(bank()["questions"])
    page.goto(server + MODULE)
    page.click(f"label[for='quiz-{n}-{wrong}']")
    page.click(f"label[for='quiz-{n}-{right}']")
    page.fill(".pw-reflection textarea", "I will ask who else knows the person.")
    page.click(".pw-save-reflection")
    page.click(".pw-read-button")
    page.goto(server + "my-learning/")
    page.click("text=Print or save as PDF")
    printed = page.inner_text("#pw-print")
    sheets = {"printed": printed}
    for label, suffix in (("Download as Markdown", "md"), ("Download as text", "txt")):
        with page.expect_download() as info:
            page.click(f"text={label}")
        path = tmp_path / f"record.{suffix}"
        info.value.save_as(path)
        sheets[suffix] = path.read_text()

    meta = module_meta("why-partnership")
    for kind, sheet in sheets.items():
        assert f"Site address: {server}" in sheet, kind
        assert f"Address: {server}{MODULE}" in sheet, kind
        assert "Why partnership working matters" in sheet, kind
        for outcome in meta["outcomes"]:
            assert outcome["text"].strip() in sheet, (kind, outcome["id"])
        assert "Date read: 20" in sheet, kind
        assert f"Quiz, first try: 0 of {total} correct (1 tried)" in sheet, kind
        assert f"Time: about {meta['minutes']} minutes (estimated)" in sheet, kind
        assert "I will ask who else knows the person." in sheet, kind
        # a module never opened is left out
        assert module_meta("leading-change")["title"] not in sheet, kind
    assert "PW-RECORD" not in printed
    # a build with SITE_URL set names the public address instead of wherever the page was opened
    page.evaluate(
        "document.getElementById('pw-module-data').setAttribute('data-site-url', 'https://learn.example.org/pw')"
    )
    page.click("text=Print or save as PDF")
    public = page.inner_text("#pw-print")
    assert "Site address: https://learn.example.org/pw/" in public
    assert "Address: https://learn.example.org/pw/modules/why-partnership/" in public
    assert "PW-RECORD {" in sheets["md"] and "PW-RECORD {" in sheets["txt"]

    # same content on paper and in both files, apart from headings and the import line
    def words(text: str) -> list[str]:
        body = text.split("Data for importing")[0]
        return [w.lower() for w in body.replace("#", " ").replace(">", " ").split() if set(w) != {"-"}]

    assert words(sheets["md"]) == words(printed)
    assert words(sheets["txt"]) == words(printed)
    context.close()
    assert problems == []


def test_module_data_carries_outcomes_questions_and_the_site_url() -> None:
    from scripts.web.checks import load_project

    project = load_project(ROOT)
    html = module_data(project, [], "https://learn.example.org/pw/")
    assert 'data-site-url="https://learn.example.org/pw/"' in html
    payload = html.split('data-modules="', 1)[1].split('"', 1)[0]
    import html as html_lib

    items = {m["id"]: m for m in json.loads(html_lib.unescape(payload))}
    assert set(items) == set(project.modules)
    why = items["why-partnership"]
    assert why["outcomes"] == [o["text"].strip() for o in module_meta("why-partnership")["outcomes"]]
    assert why["questions"] == len(bank()["questions"])


def test_answers_come_back_even_if_the_quiz_plugin_starts_first(browser, server) -> None:
    """If the plugin reads its storage before the record can fill it, the record puts the answers back."""
    n, wrong, right = first_choice_question()
    context = browser.new_context()
    page = context.new_page()
    page.goto(server + MODULE)
    page.click(f"label[for='quiz-{n}-{wrong}']")
    page.click(f"label[for='quiz-{n}-{right}']")
    # the plugin now never sees its own saved answers, as if it had started first
    context.add_init_script(
        "const get = Storage.prototype.getItem;"
        "Storage.prototype.getItem = function (k) { return String(k).startsWith('quiz_progress_') ? null : get.call(this, k); };"
    )
    page.evaluate("window.scrollTo(0, 0)")
    page.reload()
    assert page.is_checked(f"#quiz-{n}-{right}")
    assert page.locator(f"#quiz-{n} .quiz-feedback").is_visible()
    assert page.evaluate("window.scrollY") == 0  # the learner's place is kept
    assert "first try: 0 of" in page.inner_text(".pw-first-try")
    context.close()

"""Browser tests of moving a learner record between devices and copies: import
merges by default, replace only on an explicit choice after a download, old
version 1 files upgrade, and quiz answers follow the learner to an offline copy."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.test_browser import MODULE, bank, first_choice_question, violations
from tests.test_record import guard

SECOND = "modules/complex-problems/"


def stored(page) -> dict:
    return page.evaluate("JSON.parse(localStorage.getItem('pw-record') || 'null')")


def export(page, path: Path) -> Path:
    """Download this device's record as Markdown from My learning."""
    with page.expect_download() as info:
        page.click("text=Download as Markdown")
    info.value.save_as(path)
    return path


def write_reflection(page, url: str, text: str) -> None:
    page.goto(url)
    page.fill(".pw-reflection textarea", text)
    page.click(".pw-save-reflection")
    assert "Reflection saved" in page.inner_text(".pw-reflection [role=status]")


def test_import_merges_two_devices_and_keeps_both_reflections(browser, server, tmp_path: Path) -> None:
    problems: list[str] = []
    n, wrong, right = first_choice_question()
    qid = bank()["questions"][n]["id"]
    device_a = browser.new_context(accept_downloads=True)
    a = device_a.new_page()
    guard(a, problems)
    write_reflection(a, server + MODULE, "Written on the work laptop.")
    a.click(".pw-read-button")
    a.click(f"label[for='quiz-{n}-{wrong}']")
    a.goto(server + "my-learning/")
    file_a = export(a, tmp_path / "a.md")

    device_b = browser.new_context(accept_downloads=True)
    b = device_b.new_page()
    guard(b, problems)
    write_reflection(b, server + MODULE, "Written later on the phone.")
    b.click(f"label[for='quiz-{n}-{right}']")
    b.goto(server + SECOND)
    b.goto(server + "my-learning/")
    before = stored(b)
    b.set_input_files("#pw-import", str(file_a))
    review = b.locator(".pw-import-review")
    review.wait_for(state="visible")
    row = review.locator("tr[data-module='why-partnership']")
    file_cell, device_cell = row.locator("td").all_inner_texts()
    assert "read " in file_cell and "reflection saved" in file_cell and "1 quiz answer" in file_cell
    assert "read " not in device_cell and "reflection saved" in device_cell
    assert review.locator("tr[data-module='complex-problems']").count() == 1  # only on this device
    assert stored(b) == before  # nothing changes until the learner chooses
    assert violations(b) == []

    b.click(".pw-merge")
    assert "Merged" in b.inner_text(".pw-import-status")
    entry = stored(b)["modules"]["why-partnership"]
    assert entry["reflection"]["text"] == "Written later on the phone."  # the newer one is current
    assert [v["text"] for v in entry["reflection"]["earlier"]] == ["Written on the work laptop."]
    assert entry["read"]  # marked as read on device A
    assert entry["answers"][qid]["first"]["correct"] is False  # device A answered first, and wrongly
    assert entry["answers"][qid]["now"]["correct"] is True  # device B's answer is the newer
    assert "complex-problems" in stored(b)["modules"]
    assert "Yes, " in b.inner_text("#pw-my-learning tr[data-module='why-partnership']")

    b.goto(server + "my-reflections/")
    section = b.locator(".pw-reflection-entry[data-module='why-partnership']")
    assert "Written later on the phone." in section.locator("blockquote").first.inner_text()
    section.locator("summary").click()
    assert "Written on the work laptop." in section.locator(".pw-earlier").inner_text()
    b.once("dialog", lambda dialog: dialog.accept())
    section.locator(".pw-delete-earlier").click()
    b.reload()
    assert "Written on the work laptop." not in b.inner_text("#pw-my-reflections")
    assert "Written later on the phone." in b.inner_text("#pw-my-reflections")
    device_a.close()
    device_b.close()
    assert problems == []


def test_replace_is_offered_only_after_downloading_this_devices_record(browser, server, tmp_path: Path) -> None:
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    write_reflection(page, server + MODULE, "From the other device.")
    page.goto(server + "my-learning/")
    other = export(page, tmp_path / "other.md")
    page.evaluate("localStorage.clear()")
    write_reflection(page, server + MODULE, "Only on this device.")
    page.goto(server + "my-learning/")
    before = stored(page)

    page.set_input_files("#pw-import", str(other))
    page.locator(".pw-replace-button").wait_for()  # the file is read asynchronously
    assert page.locator(".pw-replace-button").is_disabled()
    page.click(".pw-cancel-import")
    assert stored(page) == before
    assert "Nothing was imported." in page.inner_text(".pw-import-status")

    page.set_input_files("#pw-import", str(other))
    page.locator(".pw-replace-button").wait_for()  # the file is read asynchronously
    assert page.locator(".pw-replace-button").is_disabled()
    with page.expect_download() as info:
        page.click(".pw-backup")
    backup = tmp_path / "backup.md"
    info.value.save_as(backup)
    assert "Only on this device." in backup.read_text()
    assert stored(page) == before  # downloading changes nothing
    page.click(".pw-replace-button")
    assert "Replaced" in page.inner_text(".pw-import-status")
    assert stored(page)["modules"]["why-partnership"]["reflection"]["text"] == "From the other device."
    assert "earlier" not in stored(page)["modules"]["why-partnership"]["reflection"]
    context.close()


V1 = {
    "version": 1,
    "name": "Pat Older",
    "modules": {
        "why-partnership": {
            "visited": "2026-01-06",
            "title": "Why partnership working matters",
            "minutes": 60,
            "read": "2026-01-05",
            "quiz": {"answered": 3, "correct": 2, "total": 8, "updated": "2026-01-06"},
            "reflection": {"text": "A reflection from last winter.", "updated": "2026-01-06 10:20"},
        }
    },
}


def test_a_version_1_file_imports_and_upgrades(page, server, tmp_path: Path, outside_requests) -> None:
    path = tmp_path / "old.md"
    path.write_text("# Continuing professional development record\n\nPW-RECORD " + json.dumps(V1) + "\n")
    page.goto(server + "my-learning/")
    page.set_input_files("#pw-import", str(path))
    page.wait_for_function(  # the file is read asynchronously
        "(document.querySelector('.pw-import-review') || {innerText: ''}).innerText.includes('older version of the site')"
    )
    page.click(".pw-merge")
    record = stored(page)
    assert record["version"] == 2 and record["name"] == "Pat Older"
    entry = record["modules"]["why-partnership"]
    assert entry["read"] == "2026-01-05" and entry["readAt"].startswith("2026-01-0")
    assert entry["reflection"]["text"] == "A reflection from last winter."
    assert entry["reflection"]["updated"].endswith("Z")
    assert entry["v1quiz"] == {"answered": 3, "correct": 2, "total": 8, "updated": "2026-01-06"}
    row = page.inner_text("#pw-my-learning tr[data-module='why-partnership']")
    assert "Yes, 2026-01-05" in row and "2 correct (before first tries were kept)" in row
    page.goto(server + "my-reflections/")
    assert "A reflection from last winter." in page.inner_text("#pw-my-reflections")


def test_a_version_1_record_in_storage_is_upgraded_not_set_aside(page, server) -> None:
    page.goto(server + "about/")
    page.evaluate("record => localStorage.setItem('pw-record', JSON.stringify(record))", V1)
    page.goto(server + "my-learning/")
    assert page.locator(".pw-aside").count() == 0
    assert "Yes, 2026-01-05" in page.inner_text("#pw-my-learning tr[data-module='why-partnership']")
    page.goto(server + MODULE)
    assert stored(page)["version"] == 2
    assert page.input_value(".pw-reflection textarea") == "A reflection from last winter."


@pytest.fixture(scope="module")
def offline_course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The intro course built for offline use (no PDFs) and unzipped into a folder of its own."""
    out = tmp_path_factory.mktemp("course")
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_course.py"), "courses/intro-half-day.yml", "--no-pdf"]
        + ["--dist", str(out / "dist")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "SITE_URL": ""},
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    with zipfile.ZipFile(out / "dist" / "intro-half-day.zip") as zf:
        zf.extractall(out / "unzipped")
    return out / "unzipped" / "intro-half-day"


def test_quiz_answers_move_from_the_site_to_an_unzipped_offline_copy(
    browser, server, offline_course: Path, tmp_path: Path
) -> None:
    problems: list[str] = []
    n, wrong, right = first_choice_question()
    online = browser.new_context(accept_downloads=True)
    page = online.new_page()
    guard(page, problems)
    page.goto(server + MODULE)
    page.click(f"label[for='quiz-{n}-{wrong}']")
    page.click(f"label[for='quiz-{n}-{right}']")
    page.goto(server + "my-learning/")
    moved = export(page, tmp_path / "record.md")
    online.close()

    offline = browser.new_context()
    offline.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith(("file:", "data:", "blob:"))
            else (problems.append(route.request.url), route.abort())
        ),
    )
    copy = offline.new_page()
    guard(copy, problems, requests=False)
    copy.goto((offline_course / "my-learning.html").as_uri())
    copy.set_input_files("#pw-import", str(moved))
    copy.click(".pw-merge")
    total = len(bank()["questions"])
    row = copy.locator("#pw-my-learning tr[data-module='why-partnership']")
    assert row.locator("[data-pw-col=first]").inner_text() == f"0 of {total} correct (1 tried)"
    assert row.locator("[data-pw-col=now]").inner_text() == f"1 of {total} correct (1 answered)"

    copy.goto((offline_course / "modules" / "why-partnership.html").as_uri())
    assert copy.is_checked(f"#quiz-{n}-{right}")  # the plugin shows the answer given on the site
    feedback = copy.locator(f"#quiz-{n} .quiz-feedback")
    assert feedback.is_visible() and feedback.inner_text().strip()
    assert copy.inner_text(".pw-first-try").startswith(f"Your score on first try: 0 of {total} correct")
    offline.close()
    assert problems == []

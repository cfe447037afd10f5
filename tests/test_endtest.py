"""The course-end test: drawn from the pools, marked only after submission, in every place it runs.

- In the offline course, opened from ``file://`` in Chromium: one question per
  learning outcome, drawn at random; nothing is marked before "Submit answers";
  then the score, each question's verdict, the right answer and feedback that
  links back to the module page; "New test" draws again; no outside request.
- In the LMS files: QTI 1.2 sections that Canvas reads as question groups
  (``selection_number``), QTI 2.1 ``selection`` in hidden sections, and Moodle
  XML categories, one per learning outcome, holding every item of the pool.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

from scripts.content import pools
from scripts.content.courses import load_courses
from scripts.web.checks import load_project
from tests.conftest import ROOT
from tests.test_lms import Q12, Q21

COURSE = "intro-half-day"


def _outcomes(course_id: str) -> list[tuple[str, str, list[dict]]]:
    """(module, outcome, its items) for every outcome of the course, as the pools are."""
    project = load_project(ROOT)
    courses, _ = load_courses(ROOT, project)
    out = []
    for m in courses[course_id].modules:
        module = project.modules[m]
        bank = project.banks[module.quiz]
        for outcome in module.meta["outcomes"]:
            items = [q for q in bank.questions if q["outcome"] == outcome["id"]]
            if items:
                out.append((m, outcome["id"], items))
    return out


def test_the_course_end_test_draws_one_per_outcome_and_marks_only_after_submitting(
    dist: Path, page, outside_requests
) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    pools_ = _outcomes(COURSE)
    test_page = dist / COURSE / "course-test.html"
    page.goto(test_page.as_uri())
    questions = page.locator(".pw-test-question")
    questions.first.wait_for()
    assert questions.count() == len(pools_)
    drawn = [questions.nth(i).get_attribute("data-id") for i in range(questions.count())]
    for (m, _oid, items), qid in zip(pools_, drawn, strict=True):
        assert qid in {f"{m}/{q['id']}" for q in items}
    assert page.locator(".pw-test-result").count() == 0
    # answer the first question rightly, every other but the last wrongly, and leave the last blank
    by_id = {f"{m}/{q['id']}": q for m, _o, items in pools_ for q in items}
    right = 0
    for i, qid in enumerate(drawn[:-1]):
        q = by_id[qid]
        box = questions.nth(i)
        if q["type"] == "fill-in":
            box.locator("input[type=text]").fill(q["answer"] if i == 0 else "not this")
            right += i == 0
            continue
        keys = [j for j, o in enumerate(q["options"]) if o["correct"]]
        chosen = keys if i == 0 else [next(j for j, o in enumerate(q["options"]) if not o["correct"])]
        for j in chosen:
            box.locator(f"#pw-t{i + 1}-{j}").check()
        right += i == 0
    # one question left blank: the first submit asks again and marks nothing
    page.get_by_role("button", name="Submit answers").click()
    page.locator(".pw-test-status").get_by_text("has no answer").wait_for()
    assert page.locator(".pw-test-result").count() == 0
    page.evaluate("document.addEventListener('pw:test', e => { window.__result = e.detail; })")
    page.get_by_role("button", name="Submit answers").click()
    page.locator(".pw-test-summary h2").wait_for()
    assert page.locator(".pw-test-result").count() == len(drawn)
    summary = page.locator(".pw-test-summary h2").inner_text()
    assert summary.startswith(f"Your result: {right} of {len(drawn)}"), summary
    assert page.evaluate("window.__result")["score"] == right
    first = questions.nth(0)
    assert first.locator(".pw-test-right").inner_text().startswith("✓")
    assert questions.nth(1).locator(".pw-test-wrong").count() == 1
    # feedback links lead back to the module page's section, inside the offline copy
    href = first.locator(".pw-test-feedback a").first.get_attribute("href")
    assert re.match(r"^modules/[a-z-]+\.html#[a-z0-9-]+$", href), href
    assert (dist / COURSE / href.split("#")[0]).exists()
    assert page.locator(".pw-test-question input:not([disabled])").count() == 0
    # a new test draws again and starts unmarked
    page.get_by_role("button", name="New test").click()
    page.locator(".pw-test-question").first.wait_for()
    assert page.locator(".pw-test-result").count() == 0
    assert page.locator(".pw-test-question").count() == len(pools_)
    assert errors == []


def test_the_course_end_test_is_in_the_course_menu_and_out_of_search(dist: Path) -> None:
    home = (dist / COURSE / "index.html").read_text(encoding="utf-8")
    assert 'href="course-test.html"' in home
    index = (dist / COURSE / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "course-test" not in index


def _zip_xml(archive: Path, name: str) -> ET.Element:
    with zipfile.ZipFile(archive) as zf:
        return ET.fromstring(zf.read(name))


def test_qti12_end_test_has_a_question_group_per_outcome_with_every_pool_item(dist: Path) -> None:
    pack = dist / f"{COURSE}-trainer-pack" / f"{COURSE}-qti-1.2.zip"
    root = _zip_xml(pack, f"{COURSE}-end-test/{COURSE}-end-test.xml")
    groups = root.findall(f"{Q12}assessment/{Q12}section/{Q12}section")
    expected = _outcomes(COURSE)
    assert len(groups) == len(expected)
    for group, (m, oid, items) in zip(groups, expected, strict=True):
        assert group.get("ident") == f"{m}-{oid}"
        assert group.findtext(f"{Q12}selection_ordering/{Q12}selection/{Q12}selection_number") == str(pools.DRAW)
        assert [i.get("ident") for i in group.findall(f"{Q12}item")] == [f"{m}-{q['id']}" for q in items]
    # the module quizzes stay the self-check: the page's items only
    project = load_project(ROOT)
    quiz = _zip_xml(pack, "why-partnership/why-partnership.xml")
    shown = [f"why-partnership-{q['id']}" for q in project.banks["why-partnership"].page]
    assert [i.get("ident") for i in quiz.iter(f"{Q12}item")] == shown


def test_qti21_end_test_selects_one_item_per_outcome_and_submits_together(dist: Path) -> None:
    pack = dist / f"{COURSE}-trainer-pack" / f"{COURSE}-qti-2.1.zip"
    root = _zip_xml(pack, f"tests/{COURSE}-end-test.xml")
    part = root.find(f"{Q21}testPart")
    assert part.get("submissionMode") == "simultaneous"
    sections = [s for s in part.iter(f"{Q21}assessmentSection") if s.find(f"{Q21}selection") is not None]
    expected = _outcomes(COURSE)
    assert len(sections) == len(expected)
    with zipfile.ZipFile(pack) as zf:
        names = set(zf.namelist())
    for section, (m, _oid, items) in zip(sections, expected, strict=True):
        assert section.find(f"{Q21}selection").get("select") == str(pools.DRAW)
        refs = [r.get("href") for r in section.findall(f"{Q21}assessmentItemRef")]
        assert refs == [f"../items/{m}-{q['id']}.xml" for q in items]
        assert all(ref.removeprefix("../") in names for ref in refs)


def test_moodle_xml_puts_every_item_in_its_outcome_category(dist: Path) -> None:
    root = ET.parse(dist / f"{COURSE}-trainer-pack" / f"{COURSE}-moodle.xml").getroot()
    where = None
    placed: dict[str, list[str]] = {}
    for question in root.findall("question"):
        if question.get("type") == "category":
            where = question.findtext("idnumber")
            continue
        placed.setdefault(where, []).append(question.findtext("idnumber"))
    for m, oid, items in _outcomes(COURSE):
        assert placed[f"{m}-{oid}"] == [f"{m}-{q['id']}" for q in items]

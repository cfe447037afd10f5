"""Trainer packs, handouts and PDFs as a trainer prints them, plus the planner and downloads.

PDFs are read with poppler's tools (``pdfinfo``, ``pdftotext``, ``pdftoppm``,
installed by .ci/run from Debian's packages), as a reader's software would.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from scripts.content.courses import load_courses, minutes_of
from scripts.outputs.linkcheck import check_site
from scripts.web.checks import load_project
from tests.conftest import CHROMIUM, ROOT, copy_project, mkdocs_build

COURSES = sorted((ROOT / "courses").glob("*.yml"))
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
RAW = re.compile(r"\?\?\?\+?\s|!!!\s|===\s|^\s*[-*+] \S", re.M)
# Page count bounds: a handout is a module (18-26 pages was "too long" at 11pt on screen styles).
BOUNDS = {"handout": (4, 30), "trainer-pack": (8, 90), "answer-key": (3, 40)}


def text_of(fragment: str) -> str:
    """What a reader sees: tags dropped, entities decoded, one line per block."""
    fragment = re.sub(r"<(script|style)\b.*?</\1>", "", fragment, flags=re.S)
    fragment = re.sub(r"</(p|li|h\d|div|td|th|dt|dd|summary|pre)>", "\n", fragment)
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def manifest(path: Path) -> dict:
    return yaml.safe_load(path.read_text())


def pack_pages(dist: Path) -> list[Path]:
    pages = []
    for path in COURSES:
        pack = dist / f"{path.stem}-trainer-pack"
        pages += [pack / "trainer-pack.html", pack / "answer-key.html"]
    return pages


def test_pack_and_handout_html_has_no_raw_markup(dist: Path) -> None:
    """Admonitions, collapsible tips, tabs and lists are rendered, never printed as source."""
    pages = pack_pages(dist)
    for path in COURSES:
        pages += sorted((dist / path.stem / "modules").glob("*.html"))
    for page in pages:
        raw = page.read_text(encoding="utf-8")
        article = raw.split('class="md-content__inner md-typeset', 1)[-1]
        found = RAW.findall(text_of(article))
        assert not found, f"{page.relative_to(dist)}: raw Markdown {found[:3]}"
    pack = (dist / "intro-half-day-trainer-pack" / "trainer-pack.html").read_text(encoding="utf-8")
    assert 'class="admonition' in pack and "<table>" in pack and "<ul>" in pack
    notes = [ROOT / "docs" / "trainers" / "notes" / f"{m}.md" for m in manifest(COURSES[0])["modules"]]
    if any("??? " in n.read_text(encoding="utf-8") for n in notes):
        assert "<details" in pack  # collapsible tips are rendered, and printed open


@pytest.mark.parametrize("path", COURSES, ids=lambda p: p.stem)
def test_trainer_pack_has_cover_contents_timetable_and_parts(dist: Path, path: Path) -> None:
    course = manifest(path)
    pack = dist / f"{course['id']}-trainer-pack"
    page = (pack / "trainer-pack.html").read_text(encoding="utf-8")
    cover = page.split('<section class="pw-cover"', 1)[1].split("</section>", 1)[0]
    assert html.escape(course["title"]) in cover and "minutes" in cover
    assert all(html.escape(a) in cover for a in course["audience"])
    ids = set(re.findall(r'\bid="([^"]+)"', page))
    targets = re.findall(r'href="#([^"]*)"', page)
    assert targets and all(t in ids for t in targets), [t for t in targets if t not in ids][:5]
    contents = page.split('<nav class="pw-contents"', 1)[1].split("</nav>", 1)[0]
    expected = len(course["modules"]) + len(course.get("cases", [])) + 1 + (1 if course.get("timetable") else 0)
    assert contents.count("<li>") == expected
    assert page.count('<section class="pw-part"') == expected - (1 if course.get("timetable") else 0)
    for href in re.findall(r'\b(?:href|src)="([^"#][^"]*)"', page):
        assert href.startswith(("http", "assets/")), f"a link a printed page cannot follow: {href}"
        if href.startswith("assets/"):
            assert (pack / href).exists()
    assert (dist / f"{course['id']}-trainer-pack.zip").exists()


def test_answer_key_gives_each_question_once_without_repeats(dist: Path) -> None:
    project = load_project(ROOT)
    for path in COURSES:
        course = manifest(path)
        key = (dist / f"{course['id']}-trainer-pack" / "answer-key.md").read_text(encoding="utf-8")
        questions = [q for m in course["modules"] for q in project.banks[project.modules[m].quiz].questions]
        assert key.count("\n### Question ") == len(questions)
        grid = key.split("## Answers at a glance", 1)[1].split("\n## ", 1)[0]
        rows = [line for line in grid.splitlines() if line.startswith("| ")][2:]  # after header and rule
        assert len(rows) == len(course["modules"])
        assert sum(row.count(" · ") + 1 for row in rows) == len(questions)  # every question's answer
        assert "](#" not in key and "](" not in key  # links are plain text
        assert not re.search(r"\*\*Right\.\*\* (Correct|Right|Yes)[.,!]", key)
        assert not re.search(r"Wrong\. (No|Incorrect|Not quite)[.,!]", key)
        for q in questions:
            assert key.count(q["question"].split()[0]) >= 1


def test_offline_copy_holds_no_trainer_pages_and_a_single_title(dist: Path) -> None:
    for path in COURSES:
        course = manifest(path)
        site = dist / course["id"]
        assert not (site / "trainers").exists()
        index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
        assert not [d["location"] for d in index["docs"] if d["location"].startswith("trainers/")]
        home = (site / "index.html").read_text(encoding="utf-8")
        assert re.search(r"<title>(.*?)</title>", home).group(1) == html.escape(course["title"], quote=False)
        module = (site / "modules" / f"{course['modules'][0]}.html").read_text(encoding="utf-8")
        assert "Facilitator notes for" not in module  # no dead text where a trainer link was


def test_a_short_timetable_slot_is_reported_with_file_and_line(tmp_path: Path) -> None:
    project_dir = copy_project(tmp_path)
    path = project_dir / "courses" / "intro-half-day.yml"
    text = path.read_text()
    # Give the 60-minute module 50 minutes and the welcome 10 more, so the day still adds up.
    text = text.replace(
        "    - module: why-partnership\n      minutes: 60", "    - module: why-partnership\n      minutes: 50"
    )
    text = text.replace(
        "      minutes: 15\n    - module: why-partnership", "      minutes: 25\n    - module: why-partnership"
    )
    path.write_text(text)
    line = text.splitlines().index("      minutes: 50") + 1
    _courses, problems = load_courses(project_dir, load_project(project_dir))
    messages = [str(p) for p in problems]
    assert any(m.startswith(f"courses/intro-half-day.yml:{line}:") and "shortened:" in m for m in messages), messages
    path.write_text(text.replace("      minutes: 50", "      minutes: 50\n      shortened: The inquiries table only."))
    assert not load_courses(project_dir, load_project(project_dir))[1]


def test_a_two_hour_course_is_shipped() -> None:
    spans = [
        minutes_of(m["timetable"]["end"]) - minutes_of(m["timetable"]["start"])
        for m in map(manifest, COURSES)
        if m.get("timetable")
    ]
    assert 120 in spans


# --------------------------------------------------------------------------- PDFs, read by poppler


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        message = f"{name} is missing: sudo apt-get install poppler-utils"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return found


def _pdfs(dist: Path) -> list[tuple[str, Path]]:
    if not CHROMIUM.exists():
        if IN_CI:
            pytest.fail(f"CI is set but there is no browser at {CHROMIUM}")
        pytest.skip("no Chromium, so no PDFs were printed")
    pack = dist / "intro-half-day-trainer-pack"
    found = [("trainer-pack", pack / "trainer-pack.pdf"), ("answer-key", pack / "answer-key.pdf")]
    found += [("handout", p) for p in sorted((pack / "handouts").glob("*.pdf"))]
    assert all(p.exists() for _kind, p in found) and len(found) >= 3
    return found


def test_every_pdf_is_tagged_titled_numbered_and_bookmarked(dist: Path) -> None:
    pdfinfo, pdftotext = _tool("pdfinfo"), _tool("pdftotext")
    for kind, pdf in _pdfs(dist):
        info = dict(
            line.split(":", 1)
            for line in subprocess.run([pdfinfo, str(pdf)], capture_output=True, text=True).stdout.splitlines()
            if ":" in line
        )
        info = {k.strip(): v.strip() for k, v in info.items()}
        pages = int(info["Pages"])
        low, high = BOUNDS[kind]
        assert low <= pages <= high, f"{pdf.name}: {pages} pages"
        assert info["Tagged"] == "yes", pdf.name
        assert info.get("Title") and "about:blank" not in info["Title"], pdf.name
        data = pdf.read_bytes()
        assert b"/Outlines" in data, f"{pdf.name} has no bookmark outline"
        assert re.search(rb"/Lang \(en(-GB)?\)", data), f"{pdf.name} has no language"
        for n in (1, pages):
            text = subprocess.run(
                [pdftotext, "-f", str(n), "-l", str(n), str(pdf), "-"], capture_output=True, text=True
            ).stdout
            assert f"Page {n} of {pages}" in text, f"{pdf.name} page {n}: no page number"
        whole = subprocess.run([pdftotext, str(pdf), "-"], capture_output=True, text=True).stdout
        assert not RAW.findall(whole), f"{pdf.name}: raw markup {RAW.findall(whole)[:3]}"
        assert "Submit" not in whole and "Try again" not in whole, f"{pdf.name}: screen-only quiz buttons printed"


def test_pdf_first_pages_render_with_content(dist: Path, tmp_path: Path) -> None:
    """The first pages of each PDF become images with ink on them, and the pack opens with its cover."""
    pdftoppm, pdftotext = _tool("pdftoppm"), _tool("pdftotext")
    for kind, pdf in _pdfs(dist):
        prefix = tmp_path / pdf.stem
        subprocess.run([pdftoppm, "-r", "40", "-gray", "-f", "1", "-l", "2", str(pdf), str(prefix)], check=True)
        images = sorted(tmp_path.glob(f"{pdf.stem}-*.pgm"))
        assert len(images) == 2
        for image in images:
            pixels = image.read_bytes().split(b"\n", 3)[3]
            assert sum(1 for b in pixels if b < 128) > 300, f"{image.name} is blank"
        if kind == "trainer-pack":
            first = subprocess.run([pdftotext, "-l", "1", str(pdf), "-"], capture_output=True, text=True).stdout
            second = subprocess.run(
                [pdftotext, "-f", "2", "-l", "2", str(pdf), "-"], capture_output=True, text=True
            ).stdout
            assert "Trainer pack" in first and "Audience" in first and "minutes" in first
            assert "Contents" in second and "Timetable" in second


# --------------------------------------------------------------------------- planner and downloads


def test_session_planner_builds_a_plan_that_adds_up(server: str, page) -> None:
    page.goto(server + "trainers/planner/#t=120&p=Nursing|Social%20work")
    page.wait_for_selector("#pw-plan table")
    assert page.is_checked("input[name=profession][value=Nursing]")
    rows = page.locator("#pw-plan tbody tr")
    minutes = [int(t) for t in rows.locator("td:nth-child(3)").all_inner_texts() if t.strip()]
    assert sum(minutes) == 120
    sessions = " ".join(rows.locator("td:nth-child(2)").all_inner_texts())
    assert "Module:" in sessions and "Case study:" in sessions
    page.check("input[name=minutes][value='30']")
    page.wait_for_function("location.hash.startsWith('#t=30')")
    minutes = [int(t) for t in rows.locator("td:nth-child(3)").all_inner_texts() if t.strip()]
    assert sum(minutes) == 30 and "Module:" in " ".join(rows.locator("td:nth-child(2)").all_inner_texts())
    href = page.locator("#pw-plan a").first.get_attribute("href")
    assert page.request.get(page.evaluate(f"new URL({href!r}, location.href).href")).ok
    page.reload()
    assert page.is_checked("input[name=minutes][value='30']")


def test_downloads_are_listed_with_sizes_and_their_links_resolve(
    dist: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    monkeypatch.setenv("PW_DOWNLOADS", str(dist))
    result = mkdocs_build(ROOT, site)
    assert result.returncode == 0, result.stderr
    trainers = (site / "trainers" / "index.html").read_text(encoding="utf-8")
    for path in COURSES:
        assert f'href="../downloads/{path.stem}-trainer-pack.zip"' in trainers
        assert (site / "downloads" / f"{path.stem}.zip").exists()
    assert re.search(r"\((\d+ KB|\d+\.\d MB)\)", trainers)
    assert check_site(site) == []

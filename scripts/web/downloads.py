"""Ready-made courses on the trainers' page, with their downloads when published.

A trainer without Python finds a course by length and audience in one table,
and downloads its offline copy, its trainer pack (one zip) and its PDFs. The
publishing workflow builds every course first and names the folder in
``PW_DOWNLOADS``; the site build then lists those files with their sizes and
copies them into ``downloads/`` beside the pages, where the link check sees them.
"""

from __future__ import annotations

import html
import os
import shutil
from pathlib import Path

from scripts.content.courses import Course, minutes_of
from scripts.content.project import Project

MARKER = "<!-- COURSE-LIST -->"
FOLDER = "downloads"


def downloads_dir() -> Path | None:
    """The folder of built courses to publish, if the build was asked to publish them."""
    value = os.environ.get("PW_DOWNLOADS", "")
    return Path(value) if value else None


def course_files(dist: Path, course_id: str) -> list[tuple[str, Path, str]]:
    """(label, built file, name under downloads/) for each download a built course offers."""
    pack = dist / f"{course_id}-trainer-pack"
    wanted = [
        ("Offline copy (zip)", dist / f"{course_id}.zip", f"{course_id}.zip"),
        ("Trainer pack (zip)", dist / f"{course_id}-trainer-pack.zip", f"{course_id}-trainer-pack.zip"),
        ("SCORM 1.2 package for an LMS", dist / f"{course_id}-scorm12.zip", f"{course_id}-scorm12.zip"),
        ("Common Cartridge for an LMS", dist / f"{course_id}.imscc", f"{course_id}.imscc"),
        ("Trainer pack (PDF)", pack / "trainer-pack.pdf", f"{course_id}-trainer-pack.pdf"),
        ("Answer key (PDF)", pack / "answer-key.pdf", f"{course_id}-answer-key.pdf"),
    ]
    wanted += [
        (f"Handout: {p.stem} (PDF)", p, f"{course_id}-handout-{p.name}")
        for p in sorted((pack / "handouts").glob("*.pdf"))
    ]
    return [item for item in wanted if item[1].exists()]


def size(path: Path) -> str:
    kb = path.stat().st_size / 1000
    return f"{kb / 1000:.1f} MB" if kb >= 1000 else f"{kb:.0f} KB"


def length(course: Course, project: Project) -> str:
    timetable = course.meta.get("timetable")
    if timetable:
        span = minutes_of(timetable["end"]) - minutes_of(timetable["start"])
        hours, minutes = divmod(span, 60)
        text = f"{hours} h {minutes:02d} min" if minutes else f"{hours} hours" if hours != 1 else "1 hour"
        return f"{text} in the room"
    total = sum(project.modules[m].meta["minutes"] for m in course.modules)
    total += sum(project.cases[c].meta["minutes"] for c in course.cases)
    return f"about {total} minutes of material, no fixed timetable"


def course_table(courses: list[Course], project: Project, dist: Path | None, prefix: str) -> str:
    """The trainers' page table: each course, who it is for, how long, and its downloads."""
    rows = [
        '<div class="pw-table-scroll"><table><thead><tr><th scope="col">Course</th><th scope="col">For</th>'
        '<th scope="col">Length</th><th scope="col">Modules and cases</th><th scope="col">Downloads</th></tr></thead><tbody>'
    ]
    for course in sorted(courses, key=lambda c: _span(c, project)):
        items = [project.modules[m].meta["title"] for m in course.modules]
        items += [f"case: {project.cases[c].meta['title']}" for c in course.cases]
        files = course_files(dist, course.id) if dist else []
        if files:
            links = "<br>".join(
                f'<a href="{prefix}{FOLDER}/{name}">{html.escape(label)}</a> ({size(path)})'
                for label, path, name in files
            )
        else:
            links = f"Build it with <code>python scripts/build_course.py {html.escape(course.path)}</code>"
        rows.append(
            f"<tr><td>{html.escape(course.meta['title'])}</td><td>{html.escape(', '.join(course.meta['audience']))}</td>"
            f"<td>{html.escape(length(course, project))}</td><td>{html.escape('; '.join(items))}</td><td>{links}</td></tr>"
        )
    rows.append("</tbody></table></div>")
    return "\n".join(rows)


def _span(course: Course, project: Project) -> int:
    timetable = course.meta.get("timetable")
    if timetable:
        return minutes_of(timetable["end"]) - minutes_of(timetable["start"])
    return 10_000


def publish(dist: Path, courses: list[Course], site: Path) -> list[Path]:
    """Copy every course's downloads into ``site/downloads/``; return what was copied."""
    out = site / FOLDER
    out.mkdir(exist_ok=True)
    copied = []
    for course in courses:
        for _label, path, name in course_files(dist, course.id):
            target = out / name
            shutil.copy2(path, target)
            copied.append(target)
    return copied

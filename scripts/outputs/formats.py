"""LMS exports of a course: one module per format, two tables to walk.

The course build (``outputs/course.py``) writes every entry of ``LMS_FILES`` into the trainer pack;
each writer is a pure function of the loaded quiz banks. It writes every entry
of ``COURSE_PACKAGES`` beside the course's zip; each is a pure function of the
ONE built course site and the loaded content (build once, package many).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from scripts.content.courses import Course
from scripts.content.project import Project
from scripts.outputs.export import cartridge, moodle_xml, qti12, qti21, scorm12
from scripts.outputs.export.items import Module, Outcomes, course_modules

Writer = Callable[[Path, str, str, list[Module]], Path]
PackageWriter = Callable[[Path, Path, Course, Project, str], Path]

# file name suffix -> writer; the trainer pack gets <course id>-<suffix> for each
LMS_FILES: dict[str, Writer] = {
    "qti-1.2.zip": qti12.write,
    "qti-2.1.zip": qti21.write,
    "moodle.xml": moodle_xml.write,
}


def write_lms_files(
    folder: Path,
    course_id: str,
    title: str,
    banks: list[tuple[str, str, list[dict[str, Any]]]],
    outcomes: Outcomes | None = None,
) -> list[Path]:
    """Every LMS import for one course, from (module id, module title, every question) triples."""
    modules = course_modules(banks, outcomes)
    return [writer(folder / f"{course_id}-{suffix}", course_id, title, modules) for suffix, writer in LMS_FILES.items()]


# file name suffix -> writer; dist/ gets <course id><suffix> for each
COURSE_PACKAGES: dict[str, PackageWriter] = {
    "-scorm12.zip": scorm12.write,
    ".imscc": cartridge.write,
}


def write_course_packages(folder: Path, site: Path, course: Course, project: Project, site_url: str) -> list[Path]:
    """Every whole-course LMS package, made from the built course ``site``, into ``folder``."""
    return [
        writer(folder / f"{course.id}{suffix}", site, course, project, site_url)
        for suffix, writer in COURSE_PACKAGES.items()
    ]

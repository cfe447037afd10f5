"""LMS exports of a course's quizzes: one module per format, one table to walk.

``build_course.py`` writes every entry of ``LMS_FILES`` into the trainer pack;
each writer is a pure function of the loaded quiz banks.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from scripts.export import moodle_xml, qti12, qti21
from scripts.export.items import Module, course_modules

Writer = Callable[[Path, str, str, list[Module]], Path]

# file name suffix -> writer; the trainer pack gets <course id>-<suffix> for each
LMS_FILES: dict[str, Writer] = {
    "qti-1.2.zip": qti12.write,
    "qti-2.1.zip": qti21.write,
    "moodle.xml": moodle_xml.write,
}


def write_lms_files(
    folder: Path, course_id: str, title: str, banks: list[tuple[str, str, list[dict[str, Any]]]]
) -> list[Path]:
    """Every LMS import for one course, from (module id, module title, questions) triples."""
    modules = course_modules(banks)
    return [writer(folder / f"{course_id}-{suffix}", course_id, title, modules) for suffix, writer in LMS_FILES.items()]

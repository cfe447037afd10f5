"""A course's quizzes in Moodle XML, Moodle's own question-bank import format.

Moodle has no QTI import of its own, so trainers on Moodle (and Totara, which
shares its question bank) import this file instead: Question bank → Import →
Moodle XML format. It holds:

- one category per module, under a category named after the course, and in
  it one category per learning outcome (a pool for Moodle's random questions);
- ``multichoice`` questions (``single`` true or false) with per-answer feedback;
  multiple-answer questions use the project's one marking rule
  (``items.multiple_shares``) as answer fractions, which Moodle adds up and
  keeps between 0 and 100 %;
- ``shortanswer`` questions for fill-ins: every accepted answer at 100 %,
  case-insensitive, and a catch-all ``*`` answer whose feedback is the hint;
- general feedback, HTML text and a stable ``idnumber`` and name per question,
  so a second import can be matched to the first.
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET
from pathlib import Path

from scripts.outputs.export.items import BLANK, Item, Module, multiple_shares

BOX = "_____"
# The grades Moodle accepts for an answer, as percentages (question/format/xml
# rejects others). Shares of 1/2 to 1/10 all fall on this list.
MOODLE_GRADES = (100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20, 16.66667, 14.28571,
                 12.5, 11.11111, 10, 5, 0)  # fmt: skip


def _text(parent: ET.Element, tag: str, html: str, fmt: str | None = "html") -> ET.Element:
    element = ET.SubElement(parent, tag, {"format": fmt} if fmt else {})
    ET.SubElement(element, "text").text = html
    return element


def _plain(parent: ET.Element, tag: str, value: str) -> None:
    ET.SubElement(parent, tag).text = value


def moodle_fraction(percent: float) -> str:
    """A percentage as the nearest grade Moodle accepts, keeping its sign."""
    nearest = min(MOODLE_GRADES, key=lambda g: abs(g - abs(percent)))
    if abs(nearest - abs(percent)) > 0.01:
        raise ValueError(f"{percent}% is not a grade Moodle accepts")
    value = f"{nearest:g}" if nearest == int(nearest) else f"{nearest:.5f}".rstrip("0")
    return value if percent >= 0 else f"-{value}"


def _answer(parent: ET.Element, fraction: str, html: str, feedback: str, fmt: str = "html") -> None:
    answer = ET.SubElement(parent, "answer", {"fraction": fraction, "format": fmt})
    ET.SubElement(answer, "text").text = html
    _text(answer, "feedback", feedback)


def question_xml(item: Item) -> ET.Element:
    """One item as a Moodle ``question``."""
    qtype = "shortanswer" if item.kind == "fill-in" else "multichoice"
    question = ET.Element("question", type=qtype)
    name = ET.SubElement(question, "name")
    ET.SubElement(name, "text").text = item.title
    _text(question, "questiontext", item.stem.replace(BLANK, BOX))
    _text(question, "generalfeedback", item.general)
    _plain(question, "defaultgrade", "1")
    _plain(question, "penalty", "0.3333333")
    _plain(question, "hidden", "0")
    _plain(question, "idnumber", item.ident)
    if item.kind == "fill-in":
        _plain(question, "usecase", "0")
        for answer in item.answers:
            _answer(question, "100", answer, item.feedback, fmt="moodle_auto_format")
        _answer(question, "0", "*", item.wrong_hint, fmt="moodle_auto_format")
        return question
    _plain(question, "single", "true" if item.kind == "single" else "false")
    _plain(question, "shuffleanswers", "true")
    _plain(question, "answernumbering", "abc")
    _plain(question, "showstandardinstruction", "0")
    for tag in ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback"):
        _text(question, tag, "")
    shares = multiple_shares(item.options) if item.kind == "multiple" else {}
    for option in item.options:
        if item.kind == "single":
            fraction = "100" if option.correct else "0"
        else:
            fraction = moodle_fraction(float(shares[option.ident] * 100))
        _answer(question, fraction, option.html, option.feedback)
    return question


def _category(root: ET.Element, path: str, info: str, idnumber: str) -> None:
    category = ET.SubElement(root, "question", type="category")
    _text(category, "category", path, fmt=None)
    _text(category, "info", info)
    _plain(category, "idnumber", idnumber)


def quiz_xml(course_title: str, modules: list[Module]) -> ET.Element:
    """The whole file: a category per module, and in it a category per learning outcome with its questions.

    A trainer builds a quiz from these with "Add a random question" per outcome
    category (the course-end test), or adds every question of a module for the
    self-check as on the site.
    """
    root = ET.Element("quiz")
    course = f"$course$/top/{course_title.replace('/', '-')}"
    for module in modules:
        path = f"{course}/{module.title.replace('/', '-')}"
        _category(root, path, f"<p>Questions for the module {module.title}, by learning outcome.</p>", module.ident)
        for n, (oid, text, items) in enumerate(module.pools(), start=1):
            _category(
                root,
                f"{path}/Outcome {n}",
                f"<p>Learning outcome {n} of {module.title}: {html.escape(text)}</p>",
                f"{module.ident}-{oid}",
            )
            for item in items:
                root.append(question_xml(item))
    return root


def write(path: Path, course_id: str, title: str, modules: list[Module]) -> Path:
    root = quiz_xml(title, modules)
    ET.indent(root)
    path.write_bytes(ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n")
    return path

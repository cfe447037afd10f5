"""The trainer's answer key: a one-page grid of answers, then every question in full.

Written as Markdown for the course build (so MkDocs renders it with the site's
own extensions) and saved as ``answer-key.md`` in the trainer pack. Section
links from the banks become plain text: the key is read away from the site.
"""

from __future__ import annotations

import re
from typing import Any

from scripts.content.banks import accepted_answers
from scripts.content.pools import page_indexes
from scripts.outputs.export.items import LETTERS
from scripts.web.render import safe

TYPES = {"single": "single choice", "multiple": "multiple choice", "fill-in": "fill in the blank"}
# Verdict words that open a feedback text; the key marks right and wrong itself.
VERDICT = re.compile(r"^(correct|right|yes|no|not quite|not the best answer|unlikely|incorrect)[.!,:;]\s+", re.I)
MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")


def plain(text: str) -> str:
    """Bank Markdown for the key: HTML shown as text, links as their words, one paragraph."""
    return " ".join(MD_LINK.sub(r"\1", safe(text)).split())


def without_verdict(feedback: str) -> str:
    """Feedback without its opening 'Correct.' or 'No.', which the key already says."""
    text = plain(feedback)
    stripped = VERDICT.sub("", text, count=1)
    return stripped[:1].upper() + stripped[1:] if stripped else text


def right_answer(question: dict[str, Any], every: bool = True) -> str:
    """The right option letters, or the fill-in's answer (with every accepted variant, or a count of them)."""
    if question["type"] == "fill-in":
        accepted = accepted_answers(question)
        if every or len(accepted) == 1:
            return " / ".join(accepted)
        return f"{accepted[0]} (+{len(accepted) - 1} variants)"
    return ", ".join(LETTERS[i].upper() for i, o in enumerate(question["options"]) if o["correct"])


def grid(banks: list[tuple[str, list[dict[str, Any]]]]) -> list[str]:
    """Every answer on one page, a row per module, for marking at a glance."""
    lines = ["## Answers at a glance", "", "| Module | Answers by question number |", "| --- | --- |"]
    for module_title, questions in banks:
        answers = " · ".join(f"**{n}** {right_answer(q, every=False)}" for n, q in enumerate(questions, start=1))
        lines.append(f"| {safe(module_title)} | {answers} |")
    return [*lines, ""]


def course_banks(course: Any, project: Any) -> list[tuple[str, list[dict[str, Any]]]]:
    """(module title, questions) for each module of a course that has a quiz bank."""
    return [
        (project.modules[m].meta["title"], project.banks[project.modules[m].quiz].questions)
        for m in course.modules
        if m in project.modules and project.modules[m].quiz in project.banks
    ]


def answer_key(title: str, banks: list[tuple[str, list[dict[str, Any]]]]) -> str:
    """The whole key: the grid, then each question once with its options, marks and feedback."""
    lines = [
        f"# Quiz answer key: {safe(title)}",
        "",
        "For trainers. The grid gives every answer; the pages after it give each question in full, "
        "with the feedback learners see for each option, and say whether the question is on the module "
        "page (the self-check) or in the pool that the course-end test and the LMS question groups draw "
        "from. Questions in one contrast set share their options; the situation decides the answer.",
        "",
        *grid(banks),
    ]
    for module_title, questions in banks:
        lines += [f"## {safe(module_title)}", ""]
        shown = set(page_indexes(questions))
        for n, q in enumerate(questions, start=1):
            lines += [f"### Question {n}: {TYPES[q['type']]}", "", plain(q["question"]), ""]
            if q["type"] == "fill-in":
                lines += [f"**Answer:** {right_answer(q)}", "", f"**Feedback:** {plain(q['feedback'])}", ""]
                if q.get("hint"):
                    lines += [f"**Hint after a wrong answer:** {plain(q['hint'])}", ""]
            else:
                for i, o in enumerate(q["options"]):
                    mark = "**Right.**" if o["correct"] else "Wrong."
                    lines += [
                        f"{LETTERS[i].upper()}. {plain(o['text'])}",
                        f": {mark} {without_verdict(o['feedback'])}",
                        "",
                    ]
            if q.get("explanation"):
                lines += [f"**Explanation:** {plain(q['explanation'])}", ""]
            where = "on the module page" if n - 1 in shown else "in the pool (course-end test, LMS question groups)"
            contrast = f"; contrast set {safe(str(q['contrast']))}" if q.get("contrast") else ""
            lines += [f"*Outcome assessed: {q['outcome']}; {where}{contrast}*", ""]
    return "\n".join(lines)

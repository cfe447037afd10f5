"""The trainer's answer key: every question, its right options and all feedback."""

from __future__ import annotations

from typing import Any

from scripts.export.items import LETTERS
from scripts.render import safe


def answer_key(title: str, banks: list[tuple[str, list[dict[str, Any]]]]) -> str:
    """A Markdown answer key: every question, its correct options and all feedback."""
    lines = [
        f"# Quiz answer key: {title}",
        "",
        "For trainers. Every question in the course, with the correct answers marked and the feedback learners see.",
        "",
    ]
    for module_title, questions in banks:
        lines += [f"## {module_title}", ""]
        for n, q in enumerate(questions, start=1):
            lines += [f"### Question {n} ({q['type']}, outcome: {q['outcome']})", "", safe(q["question"]), ""]
            if q["type"] == "fill-in":
                lines += [f"**Answer:** {safe(q['answer'])}", "", f"Feedback: {safe(q['feedback'])}", ""]
            else:
                for i, o in enumerate(q["options"]):
                    mark = "**Correct**" if o["correct"] else "Incorrect"
                    lines += [f"- {LETTERS[i].upper()}. {safe(o['text'])} — {mark}. {safe(o['feedback'])}"]
                lines += [""]
            if q.get("explanation"):
                lines += [f"Explanation: {safe(q['explanation'])}", ""]
    return "\n".join(lines)

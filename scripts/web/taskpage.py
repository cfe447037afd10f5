"""A module's written task on its page and in the facilitator notes (the rules are in ``content/tasks.py``).

The module page shows the brief, the word limit, the rubric and an answer box
the learner record keeps; the facilitator notes and the trainer pack get the
rubric and the model answer.
"""

from __future__ import annotations

import html
import re
from typing import Any

from scripts.content.banks import Bank
from scripts.content.project import Project
from scripts.content.tasks import HEADING, LEVEL_NAMES, NOTES_HEADING, task_of


def _safe(text: str) -> str:
    return html.escape(str(text).strip(), quote=False)


def _cell(text: str) -> str:
    return _safe(text).replace("|", "\\|").replace("\n", " ")


def rubric_table(task: dict[str, Any]) -> str:
    """The rubric as a Markdown table: one row per criterion, one column per level."""
    rows = [
        "| Criterion | " + " | ".join(LEVEL_NAMES) + " |",
        "| --- | " + " | ".join("---" for _ in LEVEL_NAMES) + " |",
    ]
    for item in task["rubric"]:
        rows.append(f"| {_cell(item['criterion'])} | " + " | ".join(_cell(level) for level in item["levels"]) + " |")
    return "\n".join(rows)


def task_section(task: dict[str, Any]) -> str:
    """The module page's 'Apply it' section: brief, word limit, rubric and a place for the answer box."""
    tid = html.escape(str(task["id"]))
    return "\n".join(
        [
            f"## {HEADING}: {_safe(task['title'])}",
            "",
            _safe(task["brief"]),
            "",
            f"**Word limit:** {int(task['words'])} words.",
            "",
            "**How your answer will be judged.** Use this to check your own work, or ask a colleague or trainer "
            "to use it. Each criterion has three levels:",
            "",
            rubric_table(task),
            "",
            f'<div class="pw-task-box" data-pw-task="{tid}" data-pw-words="{int(task["words"])}"></div>',
            "",
            "<noscript><p>Write your answer in a document of your own: the answer box needs JavaScript.</p></noscript>",
            "",
        ]
    )


def add_task(markdown: str, bank: Bank | None) -> str:
    """Put the task's section right after the quiz section (before '## Further reading', or at the end)."""
    task = task_of(bank)
    if task is None:
        return markdown
    section = task_section(task)
    match = re.search(r"^## Further reading\b", markdown, flags=re.M)
    if match is None:
        return markdown.rstrip() + "\n\n" + section
    return markdown[: match.start()] + section + "\n" + markdown[match.start() :]


def notes_section(task: dict[str, Any], heading: bool = True) -> str:
    """Rubric and model answer for the facilitator notes (never on the learner's page).

    ``heading`` is False when the notes already end with their own
    "Written task" heading, so the section is not titled twice.
    """
    return "\n".join(
        [
            "",
            *([f"## {NOTES_HEADING}", ""] if heading else []),
            f"**Task:** {_safe(task['title'])} (about {int(task['words'])} words). "
            "Learners see the brief and this rubric on the module page; they do not see the model answer.",
            "",
            "### Brief",
            "",
            _safe(task["brief"]),
            "",
            "### Rubric",
            "",
            rubric_table(task),
            "",
            "### Model answer",
            "",
            _safe(task["model_answer"]),
            "",
        ]
    )


def for_notes(project: Project, src_uri: str, markdown: str = "") -> str:
    """What the build appends to ``trainers/notes/<module id>.md`` (whose text is ``markdown``): the task's section, or nothing."""
    match = re.fullmatch(r"trainers/notes/([a-z0-9-]+)\.md", src_uri)
    if not match or match.group(1) not in project.modules:
        return ""
    module = project.modules[match.group(1)]
    task = task_of(project.banks.get(module.quiz or ""))
    if task is None:
        return ""
    return notes_section(task, heading=f"## {NOTES_HEADING}" not in markdown)

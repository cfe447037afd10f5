"""A module's written task: checked in its quiz bank, shown on the module page,
and given to trainers with its rubric and model answer.

A bank may have a top-level ``task:`` mapping::

    task:
      id: first-contact-script          # a slug, stable: learners' saved answers key on it
      outcome: plan-first-contact       # an outcome id of the module
      title: A first-contact script
      brief: |                          # Markdown: what to write, for whom, why
        ...
      words: 250                        # word limit, 100 to 400
      rubric:                           # 3 to 5 criteria, each with 3 levels
        - criterion: Names the person's own goal
          levels: [Not yet ..., Partly ..., Fully ...]
      model_answer: |                   # Markdown, for trainers only
        ...

Learners see the brief, the word limit and the rubric, and write in a box the
learner record keeps; the model answer appears only in the facilitator notes.
This file holds the task's rules; ``scripts/web/taskpage.py`` renders it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from scripts.core.spec import Spec, _typed, check_mapping, check_slug, typed
from scripts.core.yamlsrc import Located, Problem

if TYPE_CHECKING:  # type hints only: banks and modules call the checks below
    from scripts.content.banks import Bank
    from scripts.content.modules import Module

WORDS = (100, 400)
CRITERIA = (3, 5)
LEVELS = 3
LEVEL_NAMES = ("Not yet", "Getting there", "Strong")
TITLE_MAX = 80
HEADING = "Apply it"
NOTES_HEADING = "Written task: rubric and model answer"

TASK_SPEC: Spec = {
    "id": ((str,), True, "a short id in lower-case-with-hyphens, e.g. 'first-contact-script'"),
    "outcome": ((str,), True, "the id of the module outcome this task assesses"),
    "title": ((str,), True, "a short title, shown as 'Apply it: <title>'"),
    "brief": ((str,), True, "Markdown telling the learner what to write, for whom and why"),
    "words": ((int,), True, f"the word limit, a whole number from {WORDS[0]} to {WORDS[1]}"),
    "rubric": ((list,), True, f"a list of {CRITERIA[0]} to {CRITERIA[1]} criteria, each with 'criterion' and 'levels'"),
    "model_answer": ((str,), True, "Markdown: a good answer, for trainers only"),
}
CRITERION_SPEC: Spec = {
    "criterion": ((str,), True, "what is judged, in plain words"),
    "levels": ((list,), True, f"{LEVELS} short descriptions: {', '.join(LEVEL_NAMES).lower()}"),
}


def words(text: str) -> int:
    """Words as a learner's word count counts them: runs of non-space characters."""
    return len(re.findall(r"\S+", text))


def task_of(bank: Bank | None) -> dict[str, Any] | None:
    """The bank's task mapping, or None when it has none (or it is not a mapping)."""
    if bank is None:
        return None
    task = bank.doc.data.get("task") if isinstance(bank.doc.data, dict) else None
    if not isinstance(task, dict):
        return None
    typed_task = typed(task, TASK_SPEC)  # a bad task is reported by check_task; pages never crash on it
    typed_task["rubric"] = [
        {**(c := typed(item, CRITERION_SPEC)), "levels": [x for x in c["levels"] if isinstance(x, str)]}
        for item in typed_task["rubric"]
        if isinstance(item, dict)
    ]
    return typed_task


def check_task(doc: Located) -> list[Problem]:
    """Every mistake in a bank's ``task:``, one ``path:line: message`` each (the outcome is checked later)."""
    if not isinstance(doc.data, dict) or "task" not in doc.data or not isinstance(doc.data["task"], dict):
        return []  # absent, or the wrong type, which the bank's own key check reports
    where: tuple[Any, ...] = ("task",)
    problems = check_mapping(doc, where, TASK_SPEC, "the task")
    problems += check_slug(doc, where + ("id",), _typed(doc, where, "id", (str,)), "task id")
    title = _typed(doc, where, "title", (str,))
    if title is not None and ("\n" in title.strip() or len(title.strip()) > TITLE_MAX):
        problems.append(
            doc.problem(where + ("title",), f"the task title must be one line of at most {TITLE_MAX} characters")
        )
    limit = _typed(doc, where, "words", (int,))
    if limit is not None and not WORDS[0] <= limit <= WORDS[1]:
        problems.append(
            doc.problem(where + ("words",), f"'words' is {limit}; give a word limit from {WORDS[0]} to {WORDS[1]}")
        )
    model = _typed(doc, where, "model_answer", (str,))
    if model is not None and limit is not None and WORDS[0] <= limit and words(model) > limit:
        problems.append(
            doc.problem(
                where + ("model_answer",),
                f"the model answer has {words(model)} words, over the task's limit of {limit}; shorten it or raise 'words'",
            )
        )
    rubric = _typed(doc, where, "rubric", (list,))
    if rubric is None:
        return problems
    if not CRITERIA[0] <= len(rubric) <= CRITERIA[1]:
        problems.append(
            doc.problem(
                where + ("rubric",), f"the rubric has {len(rubric)} criteria; give {CRITERIA[0]} to {CRITERIA[1]}"
            )
        )
    seen: dict[str, int] = {}
    for i, _ in enumerate(rubric):
        cwhere = where + ("rubric", i)
        problems += check_mapping(doc, cwhere, CRITERION_SPEC, f"rubric criterion {i + 1}")
        criterion = _typed(doc, cwhere, "criterion", (str,))
        if criterion is not None and criterion.strip():
            key = criterion.strip().lower()
            if key in seen:
                problems.append(
                    doc.problem(
                        cwhere + ("criterion",), f"criterion repeats criterion {seen[key] + 1}; make each differ"
                    )
                )
            seen[key] = i
        levels = _typed(doc, cwhere, "levels", (list,))
        if levels is None:
            continue
        if len(levels) != LEVELS:
            problems.append(
                doc.problem(
                    cwhere + ("levels",),
                    f"criterion {i + 1} has {len(levels)} levels; give exactly {LEVELS}: {', '.join(LEVEL_NAMES).lower()}",
                )
            )
        for j, level in enumerate(levels):
            if not isinstance(level, str) or not level.strip():
                problems.append(doc.problem(cwhere + ("levels", j), "each level is a short line of text, not empty"))
    return problems


def check_task_outcome(bank: Bank, module: Module) -> list[Problem]:
    """The task assesses one of its module's outcomes."""
    task = task_of(bank)
    if task is None or not isinstance(task.get("outcome"), str):
        return []
    outcomes = [o.get("id") for o in module.meta.get("outcomes") or [] if isinstance(o, dict)]
    if task["outcome"] in outcomes:
        return []
    known = ", ".join(str(o) for o in outcomes) or "none"
    return [
        bank.doc.problem(
            ("task", "outcome"),
            f"task outcome '{task['outcome']}' is not defined in {module.path} (its outcomes: {known})",
        )
    ]


def check_headings(module: Module) -> list[Problem]:
    """The build writes the 'Apply it' section; an author's own would appear twice."""
    problems = []
    for i, line in enumerate(module.body.split("\n")):
        if line.startswith(f"## {HEADING}"):
            problems.append(
                Problem(
                    module.path,
                    module.body_line + i,
                    f"remove '## {HEADING}': the build writes it from the task in the module's quiz bank",
                )
            )
    return problems


# --------------------------------------------------------------------------- rendering

"""A quiz bank: the only place a module's questions are written, and the rules each question meets.

Rules that look across a bank (cues, contrast sets, pools) live in ``cues.py``
and ``pools.py``; this file checks each question's own shape.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scripts.content.cues import bank_cues
from scripts.content.pools import PAGE, TOTAL_MAX, check_bank, page_questions
from scripts.content.tasks import check_task
from scripts.core.spec import Spec, _get, _typed, check_mapping, check_slug, read
from scripts.core.yamlsrc import Located, Problem, load

QUESTION_TYPES = ("single", "multiple", "fill-in")


BLANK = "___"


FILL_ANSWER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 '’.-]*$")


QUESTIONS = (PAGE[0], TOTAL_MAX)


BANK_SPEC: Spec = {
    "module": ((str,), True, "the id of the module this bank belongs to"),
    "questions": ((list,), True, f"a list of {QUESTIONS[0]} to {QUESTIONS[1]} questions"),
    "contrasts": ((dict,), False, "a mapping: contrast set id -> the detail that changes between its items"),
    "task": ((dict,), False, "the module's written task: id, outcome, title, brief, words, rubric, model_answer"),
}


QUESTION_SPEC: Spec = {
    "id": ((str,), True, "a short id in lower-case-with-hyphens, unique in the bank"),
    "was": ((str,), False, "the question's old id, so saved answers follow it (only if nothing else changed)"),
    "outcome": ((str,), True, "the id of a learning outcome in the module's front matter"),
    "contrast": ((str,), False, "the id of the contrast set this item belongs to, declared under 'contrasts:'"),
    "type": ((str,), True, "one of " + ", ".join(QUESTION_TYPES)),
    "question": ((str,), True, "Markdown text"),
    "options": ((list,), False, "a list of options"),
    "answer": ((str,), False, "the word or phrase that fills the blank"),
    "accept": ((list,), False, "a list of other answers to accept: plurals, spellings, hyphenation, synonyms"),
    "hint": ((str,), False, "Markdown shown after a wrong fill-in attempt; a nudge that never gives the answer"),
    "feedback": ((str,), False, "Markdown text shown after answering"),
    "explanation": ((str,), False, "Markdown text shown after answering"),
}


OPTION_SPEC: Spec = {
    "text": ((str,), True, "one line of Markdown"),
    "correct": ((bool,), True, "true or false"),
    "feedback": ((str,), True, "why this option is right or wrong, and where to read more"),
}


@dataclass
class Bank:
    """A quiz bank: the single source of a module's questions."""

    path: str
    doc: Located

    @property
    def module(self) -> str:
        return str(self.doc.data.get("module", ""))

    @property
    def questions(self) -> list[dict[str, Any]]:
        """Every item: the module page's and the pool's (the course-end test and LMS pools draw on all)."""
        return list(self.doc.data.get("questions") or [])

    @property
    def page(self) -> list[dict[str, Any]]:
        """The items the module page shows: each contrast set's first item and every item not in a set."""
        return page_questions(self.questions)


def load_bank(root: Path, path: Path) -> tuple[Bank | None, list[Problem]]:
    """Read one quiz bank and check everything that does not need its module."""
    rel = path.relative_to(root).as_posix()
    text, problems = read(path, rel)
    if text is None:
        return None, problems
    doc, problems = load(text, rel)
    if doc is None:
        return None, problems
    problems += check_mapping(doc, (), BANK_SPEC, "quiz bank")
    if not isinstance(doc.data, dict):
        return None, problems

    problems += check_task(doc)
    bank = Bank(rel, doc)
    questions = _typed(doc, (), "questions", (list,))
    if questions is None:
        return bank, problems
    if not QUESTIONS[0] <= len(questions) <= QUESTIONS[1]:
        problems.append(
            doc.problem(
                ("questions",), f"a bank needs {QUESTIONS[0]} to {QUESTIONS[1]} questions, not {len(questions)}"
            )
        )
    seen: set[str] = set()
    for i, _ in enumerate(questions):
        where = ("questions", i)
        problems += check_mapping(doc, where, QUESTION_SPEC, f"question {i + 1}")
        qid = _typed(doc, where, "id", (str,))
        problems += check_slug(doc, where + ("id",), qid, "question id")
        if qid is not None:
            if qid in seen:
                problems.append(
                    doc.problem(where + ("id",), f"question id '{qid}' is used twice; ids must be unique in a bank")
                )
            seen.add(qid)
        problems += _check_question(doc, where)
    problems += bank_cues(doc) + check_bank(doc)
    return bank, problems


def _check_question(doc: Located, where: tuple[Any, ...]) -> list[Problem]:
    qtype = _typed(doc, where, "type", (str,))
    data = _get(doc.data, where)
    if not isinstance(data, dict) or qtype is None:
        return []
    if qtype not in QUESTION_TYPES:
        return [doc.problem(where + ("type",), f"type '{qtype}' is not one of {', '.join(QUESTION_TYPES)}")]
    if qtype == "fill-in":
        return _check_fill_in(doc, where, data)
    problems = []
    for key in ("answer",):
        if key in data:
            problems.append(
                doc.problem(where + (key,), f"'{key}' is only for fill-in questions; delete it or use type: fill-in")
            )
    if "feedback" in data:
        problems.append(
            doc.problem(
                where + ("feedback",),
                "question-level 'feedback' is only for fill-in questions; put feedback on each option, or use 'explanation'",
            )
        )
    options = _typed(doc, where, "options", (list,))
    if "options" not in data:
        return problems + [doc.problem(where, f"a {qtype} question needs 'options:', a list of at least 2 options")]
    if options is None:
        return problems
    if len(options) < 2:
        message = "has no options" if not options else "has only one option"
        return problems + [
            doc.problem(
                where + ("options",), f"question {message}; give at least 2, each with text, correct and feedback"
            )
        ]
    texts: dict[str, int] = {}
    correct = 0
    for j, _ in enumerate(options):
        owhere = where + ("options", j)
        problems += check_mapping(doc, owhere, OPTION_SPEC, f"option {j + 1}")
        text = _typed(doc, owhere, "text", (str,))
        if text is not None:
            if "\n" in text.strip():
                problems.append(
                    doc.problem(owhere + ("text",), "option text must be one line; move detail into its feedback")
                )
            key = text.strip().lower()
            if key in texts:
                problems.append(
                    doc.problem(
                        owhere + ("text",), f"option text repeats option {texts[key] + 1}; every option must differ"
                    )
                )
            texts[key] = j
        if _typed(doc, owhere, "correct", (bool,)):
            correct += 1
    if correct == 0:
        problems.append(doc.problem(where + ("options",), "no option is marked 'correct: true'; mark the right answer"))
    elif qtype == "single" and correct > 1:
        problems.append(
            doc.problem(
                where + ("options",),
                f"a single-choice question has {correct} correct options; mark exactly one, or use type: multiple",
            )
        )
    elif qtype == "multiple" and correct == 1:
        problems.append(
            doc.problem(
                where + ("type",),
                "a multiple-choice question has only 1 correct option; mark two or more, or use type: single",
            )
        )
    return problems


def _check_fill_in(doc: Located, where: tuple[Any, ...], data: dict[str, Any]) -> list[Problem]:
    problems = []
    if "options" in data:
        problems.append(
            doc.problem(where + ("options",), "a fill-in question has no options; delete 'options' and give 'answer'")
        )
    for key in ("answer", "feedback"):
        if key not in data:
            problems.append(doc.problem(where, f"a fill-in question needs '{key}:'"))
    question = _typed(doc, where, "question", (str,))
    if question is not None and question.count(BLANK) != 1:
        problems.append(
            doc.problem(
                where + ("question",),
                f"a fill-in question must contain exactly one blank written {BLANK}, not {question.count(BLANK)}",
            )
        )
    answer = _typed(doc, where, "answer", (str,))
    if answer is not None and not FILL_ANSWER.match(answer.strip()):
        problems.append(
            doc.problem(
                where + ("answer",),
                "a fill-in answer is one short word or phrase of letters, digits, spaces, hyphens or apostrophes",
            )
        )
    accept = _typed(doc, where, "accept", (list,))
    for j, variant in enumerate(accept or []):
        if not isinstance(variant, str) or not FILL_ANSWER.match(variant.strip()):
            problems.append(
                doc.problem(
                    where + ("accept", j),
                    "each accepted answer is one short word or phrase of letters, digits, spaces, hyphens or apostrophes",
                )
            )
    hint = _typed(doc, where, "hint", (str,))
    if hint is not None and isinstance(answer, str):
        for variant in accepted_answers(data):
            if re.search(rf"\b{re.escape(variant)}\b", hint, re.I):
                problems.append(
                    doc.problem(
                        where + ("hint",),
                        f"the hint gives the answer away ('{variant}'); nudge the learner towards it instead",
                    )
                )
                break
    return problems


def accepted_answers(question: dict[str, Any]) -> list[str]:
    """Every answer a fill-in accepts, the main answer first, each once (case-insensitive).

    One list feeds the site's quiz, the QTI files and Moodle XML, so that a
    variant accepted online is accepted in every LMS too.
    """
    seen: dict[str, str] = {}
    for value in [question.get("answer"), *(question.get("accept") or [])]:
        if isinstance(value, str) and value.strip() and value.strip().lower() not in seen:
            seen[value.strip().lower()] = value.strip()
    return list(seen.values())

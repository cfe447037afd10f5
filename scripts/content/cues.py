"""Find cues that let a learner answer a quiz bank without knowing the content.

Two cues are common in hand-written multiple-choice items and easy to measure:

* the right option is the longest one, because writers add the qualifications
  that make it true and leave the wrong ones short;
* wrong options carry absolute words ("always", "never", "must") that test-wise
  learners learn to rule out, while right options are hedged;
* the right option sits in the same place (say, always first), because writers
  put the answer down first and the site does not shuffle options.

Each rule looks at a whole bank, because one long right option is harmless and a
pattern is not. The functions take plain data (a bank's ``questions`` list) so
they can be tested without files; :func:`bank_cues` turns the findings into
``Problem`` lines for the validator.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from scripts.core.yamlsrc import Located, Problem

OPTION_TYPES = ("single", "multiple")
ABSOLUTE_WORDS = ("always", "never", "only", "must", "all", "any", "every", "none")
ABSOLUTE = re.compile(r"\b(" + "|".join(ABSOLUTE_WORDS) + r")\b", re.IGNORECASE)
# The right option may be the longest in at most this share of option questions.
LONGEST_SHARE = 1 / 3
# Wrong options "clearly" carry more absolute words when their rate per option is
# more than this many times the right options' rate, and there are at least
# ABSOLUTE_MIN of them in the bank's wrong options (a stray word is not a pattern).
ABSOLUTE_RATIO = 2.0
ABSOLUTE_MIN = 3
WORST_SHOWN = 3
# The right option may sit in one position in at most this share of a bank's
# single-choice questions, once the bank has POSITION_MIN of them (fewer cannot
# tell an author's habit from chance).
POSITION_SHARE = 1 / 2
POSITION_MIN = 6


@dataclass(frozen=True)
class Option:
    """One option of one question, with where it sits in the bank."""

    question: int
    index: int
    qid: str
    text: str
    correct: bool


def option_questions(questions: list[Any]) -> list[tuple[int, str, list[Option]]]:
    """The single- and multiple-choice questions, as (index, id, options).

    Malformed questions and options are skipped: the structural checks in
    ``content.py`` already report them, and a cue check must not crash on them.
    """
    found = []
    for i, question in enumerate(questions):
        if not isinstance(question, dict) or question.get("type") not in OPTION_TYPES:
            continue
        raw = question.get("options")
        if not isinstance(raw, list):
            continue
        qid = str(question.get("id", f"question {i + 1}"))
        options = [
            Option(i, j, qid, option["text"].strip(), option.get("correct") is True)
            for j, option in enumerate(raw)
            if isinstance(option, dict) and isinstance(option.get("text"), str)
        ]
        if any(o.correct for o in options) and any(not o.correct for o in options):
            found.append((i, qid, options))
    return found


def right_is_longest(options: list[Option]) -> bool:
    """True when a right option is strictly longer, in characters, than every wrong one.

    For a multiple-choice question this asks whether the longest right option
    beats every wrong option: a learner who picks "the long ones" then gets at
    least one right answer for free.
    """
    right = [len(o.text) for o in options if o.correct]
    wrong = [len(o.text) for o in options if not o.correct]
    return bool(right and wrong) and max(right) > max(wrong)


def longest_cue(questions: list[Any]) -> tuple[int, int, list[str]] | None:
    """(count, option questions, ids) when the right option is longest too often, else None."""
    items = option_questions(questions)
    longest = [qid for _, qid, options in items if right_is_longest(options)]
    if items and len(longest) > LONGEST_SHARE * len(items):
        return len(longest), len(items), longest
    return None


def absolute_count(text: str) -> int:
    """How many absolute words (whole words, any case) a text contains."""
    return len(ABSOLUTE.findall(text))


@dataclass(frozen=True)
class AbsoluteTally:
    """Absolute words in a bank's wrong and right options."""

    wrong_words: int
    wrong_options: int
    right_words: int
    right_options: int
    worst: list[tuple[Option, int]]

    @property
    def wrong_rate(self) -> float:
        return self.wrong_words / self.wrong_options if self.wrong_options else 0.0

    @property
    def right_rate(self) -> float:
        return self.right_words / self.right_options if self.right_options else 0.0

    @property
    def cued(self) -> bool:
        """Wrong options clearly carry more absolute words than right ones."""
        return self.wrong_words >= ABSOLUTE_MIN and self.wrong_rate > ABSOLUTE_RATIO * self.right_rate


def absolute_tally(questions: list[Any]) -> AbsoluteTally:
    """Count absolute words per option, split into wrong and right options."""
    wrong: list[tuple[Option, int]] = []
    right: list[tuple[Option, int]] = []
    for _, _, options in option_questions(questions):
        for option in options:
            (right if option.correct else wrong).append((option, absolute_count(option.text)))
    worst = sorted((item for item in wrong if item[1]), key=lambda item: -item[1])[:WORST_SHOWN]
    return AbsoluteTally(
        wrong_words=sum(n for _, n in wrong),
        wrong_options=len(wrong),
        right_words=sum(n for _, n in right),
        right_options=len(right),
        worst=worst,
    )


def position_cue(questions: list[Any]) -> tuple[int, int, int, list[str]] | None:
    """(position, count, single-choice questions, ids) when one position holds the answer too often."""
    items = [(qid, options) for _, qid, options in option_questions(questions) if sum(o.correct for o in options) == 1]
    if len(items) < POSITION_MIN:
        return None
    where = [(next(o.index for o in options if o.correct), qid) for qid, options in items]
    counts: dict[int, list[str]] = {}
    for index, qid in where:
        counts.setdefault(index, []).append(qid)
    index, ids = max(counts.items(), key=lambda kv: (len(kv[1]), -kv[0]))
    if len(ids) > POSITION_SHARE * len(items):
        return index, len(ids), len(items), ids
    return None


def bank_cues(doc: Located) -> list[Problem]:
    """Every cue rule for one loaded bank, as ``path:line: message`` problems."""
    if not isinstance(doc.data, dict) or not isinstance(doc.data.get("questions"), list):
        return []
    questions = doc.data["questions"]
    problems = []
    found = longest_cue(questions)
    if found:
        count, total, ids = found
        allowed = int(LONGEST_SHARE * total)
        problems.append(
            doc.problem(
                ("questions",),
                f"the right option is the longest in {count} of {total} option questions ({', '.join(ids)}); "
                f"at most {allowed} may be: lengthen a wrong option with the same care and hedging, "
                "or tighten the right one",
            )
        )
    placed = position_cue(questions)
    if placed:
        index, count, total, ids = placed
        problems.append(
            doc.problem(
                ("questions",),
                f"the right option is option {'abcdefghij'[index].upper()} in {count} of {total} single-choice "
                f"questions ({', '.join(ids)}); learners can answer by position: move right options so they are "
                "spread across the positions",
            )
        )
    tally = absolute_tally(questions)
    if tally.cued:
        worst = "; ".join(
            f"line {doc.line(('questions', o.question, 'options', o.index, 'text'))} ({o.qid}: {n} word{'s' if n != 1 else ''})"
            for o, n in tally.worst
        )
        problems.append(
            doc.problem(
                ("questions",),
                f"wrong options carry {tally.wrong_words} absolute words ({', '.join(ABSOLUTE_WORDS)}) in "
                f"{tally.wrong_options} options, right options {tally.right_words} in {tally.right_options}; "
                f"learners can rule wrong options out by their wording. Worst: {worst}. "
                "Write wrong options in the same hedged register as the right ones",
            )
        )
    return problems

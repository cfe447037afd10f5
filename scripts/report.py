"""Content report: per module, words, reading minutes, Flesch reading ease,
questions and outcomes, so authors can keep modules balanced.

    python scripts/report.py

Targets (from the curriculum brief): reading ease 50 or more, and 20 to 40
minutes of reading. A module outside a target is marked with '!'.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.content.modules import Module
from scripts.web.checks import load_project

WORDS_PER_MINUTE = 200
EASE_TARGET = 50.0
MINUTES_TARGET = (20, 40)
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d+(?:[.,]\d+)*")


def syllables(word: str) -> int:
    """Estimate syllables in an English word: vowel groups, less a silent final e."""
    word = word.lower().strip("'’-")
    if not word or word.isdigit():
        return 1
    groups = re.findall(r"[aeiouy]+", word)
    count = len(groups)
    if word.endswith("e") and not word.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1
    return max(1, count)


def prose(markdown: str) -> str:
    """The readable text of a Markdown body: one sentence per line where lines are items."""
    text = re.sub(r"```.*?```|~~~.*?~~~|<!--.*?-->", " ", markdown, flags=re.S)
    out = []
    for line in text.split("\n"):
        stripped = line.strip()
        if not stripped or stripped.startswith("|") or set(stripped) <= set("-=*_ "):
            continue
        stripped = re.sub(r'^(?:!!!|\?\?\?\+?)\s*\w+\s*"?([^"]*)"?$', r"\1", stripped)
        stripped = re.sub(r'^===\s*"([^"]*)"$', r"\1", stripped)
        stripped = re.sub(r"\]\([^)]*\)", "]", stripped)
        stripped = re.sub(r"<[^>]+>|[#>*_`\[\]]", "", stripped).strip()
        stripped = re.sub(r"^(?:\d+\.|-)\s+", "", stripped)
        if stripped and stripped[-1] not in ".!?:;":
            stripped += "."
        out.append(stripped)
    return "\n".join(out)


def flesch(text: str) -> float:
    """Flesch reading ease: 206.835 - 1.015 (words per sentence) - 84.6 (syllables per word)."""
    words = WORD.findall(text)
    sentences = max(1, len(re.findall(r"[.!?]+(?=\s|$)", text)))
    if not words:
        return 0.0
    return 206.835 - 1.015 * len(words) / sentences - 84.6 * sum(syllables(w) for w in words) / len(words)


@dataclass
class Row:
    module: str
    words: int
    minutes: float
    ease: float
    questions: int
    outcomes: int

    def flags(self) -> str:
        low, high = MINUTES_TARGET
        marks = []
        if self.ease < EASE_TARGET:
            marks.append("ease")
        if not low <= self.minutes <= high:
            marks.append("length")
        return "! " + ", ".join(marks) if marks else ""


def row(module: Module, questions: int) -> Row:
    text = prose(module.body)
    words = len(WORD.findall(text))
    return Row(
        module.meta["id"], words, words / WORDS_PER_MINUTE, flesch(text), questions, len(module.meta["outcomes"])
    )


def main() -> int:
    project = load_project(Path(__file__).resolve().parent.parent)
    if project.problems:
        print(f"{len(project.problems)} content problem(s): run python scripts/check.py first", file=sys.stderr)
        return 1
    rows = [
        row(m, len(project.banks[m.quiz].questions) if m.quiz in project.banks else 0) for m in project.modules.values()
    ]
    print(f"{'module':28} {'words':>6} {'read min':>8} {'ease':>5} {'qs':>3} {'outc':>4}  flags")
    for r in rows:
        print(
            f"{r.module:28} {r.words:6d} {r.minutes:8.1f} {r.ease:5.1f} {r.questions:3d} {r.outcomes:4d}  {r.flags()}"
        )
    print(
        f"targets: reading ease {EASE_TARGET:.0f}+, {MINUTES_TARGET[0]}-{MINUTES_TARGET[1]} minutes of reading at {WORDS_PER_MINUTE} words a minute"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

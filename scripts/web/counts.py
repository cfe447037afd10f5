"""Counts written into pages from the content, so prose never goes out of date.

A page writes ``<!-- count: modules -->`` or ``<!-- count: cases -->`` where a
number belongs; the build puts the number in words ("nine"), capitalised when
the marker is written ``<!-- Count: ... -->`` (at the start of a sentence).
"""

from __future__ import annotations

import re

from scripts.content.project import Project

COUNT = re.compile(r"<!--\s*([Cc])ount:\s*(modules|cases)\s*-->")
WORDS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
]


def in_words(number: int) -> str:
    """A count as a word up to twenty (house style), else in digits."""
    return WORDS[number] if 0 <= number < len(WORDS) else str(number)


def fill_counts(markdown: str, project: Project) -> str:
    """Replace every count marker with the number of modules or cases in this build."""

    def word(match: re.Match[str]) -> str:
        number = len(project.modules) if match.group(2) == "modules" else len(project.cases)
        text = in_words(number)
        return text.capitalize() if match.group(1) == "C" else text

    return COUNT.sub(word, markdown)

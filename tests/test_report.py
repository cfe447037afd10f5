"""The content report's readability arithmetic and its run over the real modules."""

from __future__ import annotations

import subprocess
import sys

import pytest

from scripts.report import flesch, prose, syllables
from tests.conftest import ROOT


@pytest.mark.parametrize(("word", "count"), [("cat", 1), ("people", 2), ("partnership", 3), ("care", 1), ("agency", 3)])
def test_syllables(word: str, count: int) -> None:
    assert syllables(word) == count


def test_flesch_of_a_plain_sentence() -> None:
    # 6 words, 1 sentence, 6 syllables: 206.835 - 1.015 * 6 - 84.6 * 1
    assert flesch("The cat sat on the mat.") == pytest.approx(116.145)


def test_prose_drops_markup_tables_and_code_and_ends_items_as_sentences() -> None:
    text = prose(
        '## Heading\n\n| a | b |\n| --- | --- |\n\n```\ncode here\n```\n\n- An [item](x.md#y)\n!!! note "Box title"\n'
    )
    assert text.split("\n") == ["Heading.", "An item.", "Box title."]


def test_report_lists_every_module() -> None:
    result = subprocess.run([sys.executable, "scripts/report.py"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    modules = sorted(p.stem for p in (ROOT / "docs" / "modules").glob("*.md"))
    listed = sorted(line.split()[0] for line in result.stdout.splitlines()[1:-1])
    assert listed == modules

"""Unit tests of the cue checks: small in-memory banks that trip and pass each rule."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from scripts.content.banks import load_bank
from scripts.content.cues import (
    Option,
    absolute_count,
    absolute_tally,
    bank_cues,
    longest_cue,
    position_cue,
    right_is_longest,
)
from scripts.core.yamlsrc import load


def option(text: str, correct: bool = False) -> dict[str, Any]:
    return {"text": text, "correct": correct, "feedback": "Why."}


def single(qid: str, right: str, *wrong: str, at: int | None = None) -> dict[str, Any]:
    """A single-choice question; the right option moves with the id's number unless ``at`` says where."""
    options = [option(w) for w in wrong]
    place = at if at is not None else int("".join(c for c in qid if c.isdigit()) or 0) % (len(wrong) + 1)
    options.insert(place, option(right, True))
    return {"id": qid, "outcome": "o", "type": "single", "question": "A situation. What do you do?", "options": options}


def fill_in(qid: str) -> dict[str, Any]:
    return {"id": qid, "outcome": "o", "type": "fill-in", "question": "___", "answer": "a", "feedback": "x"}


def bank_text(questions: list[dict[str, Any]]) -> str:
    return yaml.safe_dump({"module": "m1", "questions": questions}, sort_keys=False)


def problems_for(questions: list[dict[str, Any]]) -> list[str]:
    doc, problems = load(bank_text(questions), "quizzes/m1.yml")
    assert doc is not None and not problems
    return [str(p) for p in bank_cues(doc)]


def _opt(text: str, correct: bool) -> Option:
    return Option(0, 0, "q", text, correct)


# Right options of the same length as the wrong ones: no length cue.
EVEN = [single(f"q{i}", "Ask the nurse first", "Ask the GP first aa", "Wait for the panel") for i in range(6)]


def test_strict_longest_means_longer_than_every_wrong_option() -> None:
    assert right_is_longest([_opt("longer right", True), _opt("short", False)])
    assert not right_is_longest([_opt("same", True), _opt("size", False)])
    assert not right_is_longest([_opt("short", True), _opt("much longer", False)])


def test_multiple_choice_counts_the_longest_right_option() -> None:
    assert right_is_longest([_opt("a", True), _opt("the longest of all", True), _opt("medium one", False)])


def test_right_longest_in_two_of_six_passes() -> None:
    questions = [single(f"long{i}", "A much longer right answer", "Short", "Shorter") for i in range(2)] + EVEN[2:]
    assert longest_cue(questions) is None
    assert problems_for(questions) == []


def test_right_longest_in_three_of_six_is_one_problem_at_questions_line() -> None:
    questions = [single(f"long{i}", "A much longer right answer", "Short", "Shorter") for i in range(3)] + EVEN[3:]
    assert longest_cue(questions) == (3, 6, ["long0", "long1", "long2"])
    found = problems_for(questions)
    assert len(found) == 1
    assert found[0].startswith("quizzes/m1.yml:2: the right option is the longest in 3 of 6 option questions")
    assert "long0, long1, long2" in found[0] and "at most 2" in found[0]


def test_fill_ins_do_not_count_as_option_questions() -> None:
    questions = [single("long0", "A much longer right answer", "Short")] + [fill_in(f"f{i}") for i in range(5)]
    assert longest_cue(questions) == (1, 1, ["long0"])


def test_absolute_words_are_whole_words_in_any_case() -> None:
    assert absolute_count("ALWAYS ask; Never assume; all of it") == 3
    assert absolute_count("Allow anyone; everyone knows; nonetheless; mustard; only") == 1


def test_absolute_words_mostly_in_wrong_options_are_reported_with_worst_lines() -> None:
    questions = [
        single("q0", "Ask the nurse first", "Always ask the GP", "Wait for a panel"),
        single("q1", "Check the plan again", "Never check it again", "Ask only the chair"),
        single("q2", "Phone the carer today", "Must phone every day", "Write to the carer"),
        *EVEN[3:],
    ]
    tally = absolute_tally(questions)
    assert (tally.wrong_words, tally.right_words) == (5, 0)
    assert tally.cued
    found = problems_for(questions)
    assert len(found) == 1
    assert "wrong options carry 5 absolute words" in found[0] and "right options 0 in 6" in found[0]
    # the worst option (two words) comes first, with its own line number
    text = bank_text(questions).splitlines()
    worst_line = next(n for n, line in enumerate(text, 1) if "Must phone every day" in line)
    assert f"line {worst_line} (q2: 2 words)" in found[0]


def test_absolute_words_in_the_same_register_on_both_sides_pass() -> None:
    questions = [
        single("q0", "Always ask the nurse", "Always ask the GP", "Wait for a panel"),
        single("q1", "Never skip the plan", "Never check it again", "Ask the chair"),
        single("q2", "Phone the carer every day", "Must phone each day", "Write to the carer"),
        *EVEN[3:],
    ]
    tally = absolute_tally(questions)
    assert (tally.wrong_words, tally.right_words) == (3, 3)
    assert not tally.cued
    assert problems_for(questions) == []


def test_two_stray_absolute_words_are_not_a_pattern() -> None:
    questions = [single("q0", "Ask the nurse", "Always ask the GP", "Never wait"), *EVEN[1:]]
    assert absolute_tally(questions).wrong_words == 2
    assert problems_for(questions) == []


def test_malformed_questions_are_skipped_not_crashed_on() -> None:
    questions: list[Any] = ["not a mapping", {"type": "single", "options": "oops"}, {"type": "single"}]
    assert longest_cue(questions) is None
    assert not absolute_tally(questions).cued


def test_the_bank_validator_reports_cues(tmp_path: Path) -> None:
    """The rules run wherever banks are checked, not only when called directly."""
    questions = [single(f"long{i}", "A much longer right answer", "Short", "Shorter") for i in range(3)] + EVEN[3:]
    path = tmp_path / "quizzes" / "m1.yml"
    path.parent.mkdir()
    path.write_text(bank_text(questions), encoding="utf-8")
    _, problems = load_bank(tmp_path, path)
    assert any(str(p).startswith("quizzes/m1.yml:2: the right option is the longest in 3 of 6") for p in problems)


def test_right_option_always_first_is_one_problem_naming_the_position() -> None:
    questions = [
        single(f"q{i}", "Ask the nurse first", "Ask the GP first aa", "Wait for the panel", at=0) for i in range(6)
    ]
    assert position_cue(questions) == (0, 6, 6, ["q0", "q1", "q2", "q3", "q4", "q5"])
    found = problems_for(questions)
    assert len(found) == 1 and "the right option is option A in 6 of 6 single-choice questions" in found[0]


def test_right_options_spread_over_positions_pass() -> None:
    questions = [single(f"q{i}", "Ask the nurse first", "Ask the GP first aa", "Wait for the panel") for i in range(6)]
    assert position_cue(questions) is None
    five_first = [single(f"q{i}", "Ask the nurse first", "Ask the GP first aa", "Wait", at=0) for i in range(5)]
    assert position_cue(five_first) is None  # too few questions to tell a habit from chance

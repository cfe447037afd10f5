"""Unit tests of loading and validating modules, quiz banks and the glossary.

Each bad input an author can make gets one line naming file, line and fix.
The tests build a tiny project on disk, break one thing, and read the messages.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from scripts.core.yamlsrc import load, split_front_matter
from scripts.web.checks import load_project

ROOT = Path(__file__).resolve().parent.parent

MODULE = """\
---
id: m1
title: A module
summary: What this module is about.
minutes: 60
audience: [Social work, Nursing]
level: introductory
prerequisites: []
outcomes:
  - id: first
    text: Explain the first thing.
    ipec: Communication
  - id: second
    text: Compare two things.
    ipec: Teams and Teamwork
  - id: third
    text: Apply a third thing.
    ipec: Values and Ethics
---

## Opening question

Think first.

## Teaching

Words.

## Profession lenses

=== "Social work"

    A.

=== "Nursing"

    B.

=== "Police"

    C.

=== "Person and carers"

    D.

## Case study

A case.

## Reflective activity

About 10 minutes.

## Key points

- One.
- Two.
- Three.
- Four.

## Check your understanding

<!-- quiz: m1 -->

## Further reading

- A book.
"""

RIGHT = "      - text: Right\n        correct: true\n        feedback: Yes.\n"
WRONG = "      - text: Wrong\n        correct: false\n        feedback: No.\n"
OPTIONS = "    options:\n" + RIGHT + WRONG


def question(qid: str, outcome: str) -> str:
    """A single-choice question; odd-numbered ones put the right option second (no position cue)."""
    options = OPTIONS if int(qid.split("-")[-1]) % 2 == 0 else "    options:\n" + WRONG + RIGHT
    return f"  - id: {qid}\n    outcome: {outcome}\n    type: single\n    question: Which?\n" + options


def contrast_item(qid: str, outcome: str, sid: str, key: int) -> str:
    """An item of contrast set ``sid``: the same three options every time, option ``key`` right."""
    options = "".join(
        f"      - text: {text}\n        correct: {'true' if j == key else 'false'}\n        feedback: Because.\n"
        for j, text in enumerate(("Alpha", "Bravo", "Carol"))
    )
    return (
        f"  - id: {qid}\n    outcome: {outcome}\n    type: single\n    contrast: {sid}\n"
        f"    question: Which, here?\n    options:\n" + options
    )


# Ten items: four alone (all on the page), and two contrast sets of three, whose
# first items the page shows too (six on the page); the judgement outcomes
# (compare, apply) have pools of four.
BANK = (
    "module: m1\ncontrasts:\n"
    "  s1: The size of the shared caseload changes, and with it the right depth.\n"
    "  s2: Whether the person consents changes, and with it what may be shared.\n"
    "questions:\n"
    + "".join(question(f"mq-0{i}", outcome) for i, outcome in enumerate(["first", "second", "third", "first"]))
    + "".join(contrast_item(f"mq-0{4 + i}", "second", "s1", key) for i, key in enumerate((2, 0, 1)))
    + "".join(contrast_item(f"mq-0{7 + i}", "third", "s2", key) for i, key in enumerate((1, 2, 0)))
)


def make(tmp_path: Path, module: str = MODULE, bank: str | None = BANK) -> Path:
    (tmp_path / "includes").mkdir()
    (tmp_path / "includes" / "professions.yml").write_text("professions: [Social work, Nursing, Police, Medicine]\n")
    (tmp_path / "includes" / "glossary.md").write_text("*[GP]: General practitioner.\n*[CC BY]: A licence.\n")
    (tmp_path / "docs" / "modules").mkdir(parents=True)
    (tmp_path / "docs" / "trainers" / "notes").mkdir(parents=True)
    (tmp_path / "docs" / "trainers" / "notes" / "m1.md").write_text("---\ndescription: Notes.\n---\n# Notes\n")
    (tmp_path / "docs" / "modules" / "m1.md").write_text(module)
    (tmp_path / "quizzes").mkdir()
    if bank is not None:
        (tmp_path / "quizzes" / "m1.yml").write_text(bank)
    return tmp_path


def messages(root: Path) -> list[str]:
    return [str(p) for p in load_project(root).problems]


def line_of(text: str, needle: str, nth: int = 1) -> int:
    """1-based line number of the nth line containing ``needle``."""
    hits = [n for n, line in enumerate(text.split("\n"), start=1) if needle in line]
    return hits[nth - 1]


def test_valid_project_has_no_problems(tmp_path: Path) -> None:
    assert messages(make(tmp_path)) == []


def test_yaml_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    bank = BANK.replace("    question: Which?", "    question: [Which?", 1)
    found = messages(make(tmp_path, bank=bank))
    assert len(found) == 1
    assert found[0].startswith("quizzes/m1.yml:")
    assert "YAML syntax error" in found[0]


def test_front_matter_syntax_error_counts_lines_from_file_start(tmp_path: Path) -> None:
    module = MODULE.replace("level: introductory", "level: [introductory")
    found = messages(make(tmp_path, module=module))
    assert any(m.startswith("docs/modules/m1.md:") and "YAML syntax error" in m for m in found), found


def test_wrong_type(tmp_path: Path) -> None:
    module = MODULE.replace("minutes: 60", "minutes: sixty")
    found = messages(make(tmp_path, module=module))
    assert found == [
        f"docs/modules/m1.md:{line_of(module, 'minutes:')}: 'minutes' must be a whole number of minutes, not text ('sixty')"
    ]


def test_boolean_is_not_a_number_and_text_is_not_a_boolean(tmp_path: Path) -> None:
    bank = BANK.replace("correct: true", "correct: yes please", 1)
    found = messages(make(tmp_path, bank=bank))
    assert any("'correct' must be true or false, not text ('yes please')" in m for m in found), found


def test_unknown_key_suggests_the_right_one(tmp_path: Path) -> None:
    module = MODULE.replace("title: A module", "titel: A module")
    found = messages(make(tmp_path, module=module))
    line = line_of(module, "titel:")
    assert found == [f"docs/modules/m1.md:{line}: unknown key 'titel' in module front matter; did you mean 'title'?"]


def test_question_with_no_correct_option(tmp_path: Path) -> None:
    bank = BANK.replace("correct: true", "correct: false", 1)
    found = messages(make(tmp_path, bank=bank))
    assert found == [
        f"quizzes/m1.yml:{line_of(bank, 'options:')}: no option is marked 'correct: true'; mark the right answer"
    ]


def test_single_choice_with_two_correct(tmp_path: Path) -> None:
    bank = BANK.replace("correct: false", "correct: true", 1)
    found = messages(make(tmp_path, bank=bank))
    assert len(found) == 1
    assert "a single-choice question has 2 correct options; mark exactly one, or use type: multiple" in found[0]


def test_multiple_choice_needs_two_correct(tmp_path: Path) -> None:
    bank = BANK.replace("type: single", "type: multiple", 1)
    found = messages(make(tmp_path, bank=bank))
    assert len(found) == 1 and "only 1 correct option" in found[0]


def test_empty_option_list(tmp_path: Path) -> None:
    first = question("mq-00", "first")
    bank = BANK.replace(
        first, "  - id: mq-00\n    outcome: first\n    type: single\n    question: Which?\n    options: []\n", 1
    )
    found = messages(make(tmp_path, bank=bank))
    assert found == [
        f"quizzes/m1.yml:{line_of(bank, 'options: []')}: question has no options; give at least 2, each with text, correct and feedback"
    ]


def test_duplicate_question_id(tmp_path: Path) -> None:
    bank = BANK.replace("id: mq-01", "id: mq-00")
    found = messages(make(tmp_path, bank=bank))
    assert found == [
        f"quizzes/m1.yml:{line_of(bank, 'id: mq-00', 2)}: question id 'mq-00' is used twice; ids must be unique in a bank"
    ]


def test_outcome_the_module_does_not_define(tmp_path: Path) -> None:
    bank = BANK.replace("outcome: third", "outcome: thrid", 1)
    found = messages(make(tmp_path, bank=bank))
    assert (
        f"quizzes/m1.yml:{line_of(bank, 'outcome: thrid')}: outcome 'thrid' is not defined in docs/modules/m1.md (its outcomes: first, second, third)"
        in found
    )


def test_outcome_no_question_assesses(tmp_path: Path) -> None:
    bank = BANK.replace("outcome: third", "outcome: first")
    found = messages(make(tmp_path, bank=bank))
    line = line_of(MODULE, "id: third")
    assert found == [
        f"docs/modules/m1.md:{line}: outcome 'third' is not assessed by any question in quizzes/m1.yml; add a question with 'outcome: third'"
    ]


def test_module_asks_for_a_bank_that_does_not_exist(tmp_path: Path) -> None:
    found = messages(make(tmp_path, bank=None))
    line = line_of(MODULE, "<!-- quiz: m1 -->")
    assert found == [
        f"docs/modules/m1.md:{line}: asks for quiz bank 'm1' but quizzes/m1.yml does not exist; create it or fix the id"
    ]


def test_duplicate_yaml_key(tmp_path: Path) -> None:
    module = MODULE.replace("minutes: 60", "minutes: 60\nminutes: 45")
    found = messages(make(tmp_path, module=module))
    assert (
        f"docs/modules/m1.md:{line_of(module, 'minutes: 45')}: duplicate key 'minutes': delete one of the two 'minutes:' lines"
        in found
    )


def test_fill_in_needs_one_blank_and_an_answer(tmp_path: Path) -> None:
    first = question("mq-00", "first")
    bank = BANK.replace(
        first, "  - id: mq-00\n    outcome: first\n    type: fill-in\n    question: No blank here.\n", 1
    )
    found = messages(make(tmp_path, bank=bank))
    assert any("needs 'answer:'" in m for m in found)
    assert any("needs 'feedback:'" in m for m in found)
    assert any("exactly one blank written ___, not 0" in m for m in found)


def test_module_structure_is_enforced(tmp_path: Path) -> None:
    module = MODULE.replace("## Key points", "## Points").replace("About 10 minutes.", "Write it down.")
    module = module.replace('=== "Police"', '=== "Plumbing"')
    found = messages(make(tmp_path, module=module))
    assert any("missing section '## Key points'; add it after '## Reflective activity'" in m for m in found), found
    assert any("gives no time" in m for m in found)
    assert any("lens tab 'Plumbing' is not a profession label" in m for m in found)


def test_module_lenses_need_the_person_and_carers_tab(tmp_path: Path) -> None:
    module = MODULE.replace('=== "Person and carers"\n\n    D.\n\n', "")
    found = messages(make(tmp_path, module=module))
    assert found == [
        f"docs/modules/m1.md:{line_of(module, '## Profession lenses')}: '## Profession lenses' needs a"
        " '=== \"Person and carers\"' tab for the view of people and carers"
    ], found
    (tmp_path / "with").mkdir()
    assert messages(make(tmp_path / "with", module=MODULE)) == []


def test_vague_outcome_verb_is_rejected(tmp_path: Path) -> None:
    module = MODULE.replace("Explain the first thing.", "Understand the first thing.")
    found = messages(make(tmp_path, module=module))
    assert len(found) == 1 and "starts with 'Understand'" in found[0]


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    module = MODULE.replace("minutes: 60", "minutes: sixty").replace("level: introductory", "levle: introductory")
    module = module.replace("audience: [Social work, Nursing]", "audience: [Plumbers]")
    bank = BANK.replace("correct: true", "correct: false", 1).replace("id: mq-01", "id: mq-00")
    found = messages(make(tmp_path, module=module, bank=bank))
    assert len(found) >= 5, found
    files = {m.split(":")[0] for m in found}
    assert files == {"docs/modules/m1.md", "quizzes/m1.yml"}


def test_check_cli_reports_and_exits_1_without_traceback(tmp_path: Path) -> None:
    bank = BANK.replace("correct: true", "correct: false", 1).replace("question: Which?", "question: [Which?", 0)
    module = MODULE.replace("minutes: 60", "minutes: sixty")
    root = make(tmp_path, module=module, bank=bank + "\n  - {broken\n")
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "check.py"), "--root", str(root)], capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stdout.strip().split("\n")
    assert any(line.startswith("docs/modules/m1.md:") for line in lines)
    assert any(line.startswith("quizzes/m1.yml:") and "YAML syntax error" in line for line in lines)


def test_check_cli_exits_0_on_a_good_project(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "check.py"), "--root", str(make(tmp_path))],
        capture_output=True,
        text=True,
    )
    assert (result.returncode, result.stdout) == (0, "")


def test_the_real_project_passes_check() -> None:
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "check.py")], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize(
    ("text", "where", "line"),
    [("a: 1\nb:\n  c: 2\n", ("b", "c"), 3), ("items:\n  - x\n  - y\n", ("items", 1), 3)],
)
def test_yaml_lines_are_remembered(text: str, where: tuple, line: int) -> None:
    doc, problems = load(text, "f.yml")
    assert problems == [] and doc is not None and doc.line(where) == line


def test_front_matter_split_reports_the_body_start() -> None:
    front, body, first = split_front_matter("---\na: 1\n---\nBody\n")
    assert (front, body, first) == ("a: 1", "Body\n", 4)


def test_every_abbreviation_must_be_in_the_glossary(tmp_path: Path) -> None:
    module = MODULE.replace(
        "Think first.", "Ask the GP and the ICB. See `NOPE` and [a link](../HTTP.md).\nICBs and CC BY are fine."
    )
    make(tmp_path, module=module)
    (tmp_path / "docs" / "HTTP.md").write_text("---\ndescription: A page the link reaches.\n---\n")
    found = messages(tmp_path)
    line = line_of(module, "Ask the GP")
    assert found == [
        f"docs/modules/m1.md:{line}: abbreviation 'ICB' is not in includes/glossary.md; add '*[ICB]: what it stands for and means' there"
    ]


def test_every_outcome_needs_a_competency_area(tmp_path: Path) -> None:
    module = MODULE.replace("    ipec: Communication\n", "")
    found = messages(make(tmp_path, module=module))
    assert len(found) == 1 and "outcome 1 has no 'ipec'" in found[0]


def test_module_needs_facilitator_notes(tmp_path: Path) -> None:
    root = make(tmp_path)
    (root / "docs" / "trainers" / "notes" / "m1.md").unlink()
    assert messages(root) == ["docs/modules/m1.md:1: module has no facilitator notes; create docs/trainers/notes/m1.md"]


def test_every_page_needs_a_description(tmp_path: Path) -> None:
    root = make(tmp_path)
    (root / "docs" / "about.md").write_text("---\ntitle: About\n---\n# About\n")
    assert messages(root) == [
        "docs/about.md:2: page front matter has no 'description'; add 'description:' with one sentence describing the page for search results"
    ]


def stage(n: int) -> str:
    tabs = "".join(
        f'=== "{label}"\n\n    Q?\n\n'
        for label in ["Social work", "Nursing", "Police", "Medicine", "Person and carers"]
    )
    return f"## Stage {n}: Something\n\nStory.\n\n### Decision point\n\nDecide.\n\n{tabs}"


CASE = (
    "---\nid: c1\ntitle: A case\nsummary: About it.\nminutes: 45\nsettings: [adults]\n"
    "professions: [Social work, Nursing, Police, Medicine]\nsensitive: true\nmodules: [m1]\n---\n\n"
    '!!! warning "Content note"\n    It touches death.\n\n## About this case\n\nA fictional composite.\n\n'
    + stage(1)
    + stage(2)
    + stage(3)
    + "## Debrief\n\nSee [the teaching](../modules/m1.md#teaching).\n\n## Similar lessons from real inquiries\n\nSome.\n\n"
    "## For trainers\n\n[Guidance](../trainers/cases/c1.md)\n"
)


def make_case(root: Path, case: str = CASE, guidance: bool = True) -> Path:
    (root / "docs" / "case-studies").mkdir(parents=True, exist_ok=True)
    (root / "docs" / "case-studies" / "c1.md").write_text(case)
    if guidance:
        (root / "docs" / "trainers" / "cases").mkdir(parents=True, exist_ok=True)
        (root / "docs" / "trainers" / "cases" / "c1.md").write_text("---\ndescription: Guidance.\n---\n# G\n")
    return root


def test_valid_case_has_no_problems_and_links_back_to_its_module(tmp_path: Path) -> None:
    root = make_case(make(tmp_path))
    project = load_project(root)
    assert [str(p) for p in project.problems] == []
    assert [c.meta["id"] for c in project.cases_for("m1")] == ["c1"]


def test_case_structure_is_enforced(tmp_path: Path) -> None:
    case = CASE.replace('!!! warning "Content note"\n    It touches death.\n\n', "")
    case = case.replace(
        "## Stage 3: Something\n\nStory.\n\n### Decision point", "## Stage 3: Something\n\nStory.\n\n### Choice"
    )
    case = case.replace(
        '=== "Police"\n\n    Q?\n\n=== "Medicine"\n\n    Q?\n\n=== "Person and carers"', '=== "Police"', 1
    )
    case = case.replace("modules: [m1]", "modules: [m1, nope]").replace("fictional composite", "story")
    found = messages(make_case(make(tmp_path), case, guidance=False))
    expected = [
        "a sensitive case starts with a content note",
        "'## Stage 3: Something' has no '### Decision point'",
        "needs questions for at least 4 professions",
        "needs a '=== \"Person and carers\"' tab",
        "module 'nope' does not exist",
        "the debrief never links module 'nope'",
        "say in '## About this case' that the case is a fictional composite",
        "case has no trainer guidance; create docs/trainers/cases/c1.md",
    ]
    for text in expected:
        assert any(text in m for m in found), (text, found)
    assert all(m.startswith("docs/case-studies/c1.md:") for m in found)


def test_case_with_too_few_stages(tmp_path: Path) -> None:
    case = CASE.replace(stage(3), "").replace(stage(2), "")
    found = messages(make_case(make(tmp_path), case))
    assert any("a case has 3 or 4 stages ('## Stage 1: ...'), not 1" in m for m in found), found


def test_module_naming_a_real_death_needs_a_content_note(tmp_path: Path) -> None:
    module = MODULE.replace("Words.", "The Laming inquiry after the death of Victoria Climbié.")
    found = messages(make(tmp_path, module=module))
    assert len(found) == 1 and "names Climbié, so it needs a content note" in found[0]
    noted = module.replace("## Opening question", '!!! warning "Content note"\n    Deaths.\n\n## Opening question', 1)
    (tmp_path / "b").mkdir()
    assert messages(make(tmp_path / "b", module=noted)) == []


def test_course_manifest_checks(tmp_path: Path) -> None:
    from scripts.content.courses import load_courses

    root = make(tmp_path)
    (root / "courses").mkdir()
    (root / "courses" / "c.yml").write_text(
        "id: c\ntitle: T\naudience: [Nursing]\ndescription: D.\nmodules: [m1, m1, m9]\n"
        "timetable:\n  start: '09:00'\n  end: 10:00\n  sessions:\n    - module: m1\n      title: Both\n      minutes: 60\n"
    )
    _, problems = load_courses(root, load_project(root))
    text = [str(p) for p in problems]
    for expected in (
        "module 'm1' is listed twice",
        "unknown module 'm9'",
        "put the end time in quotes",
        "session 1 needs exactly one of",
    ):
        assert any(expected in t for t in text), (expected, text)
    assert all(t.startswith("courses/c.yml:") for t in text)


def test_empty_table_header_cell_is_reported(tmp_path: Path) -> None:
    module = MODULE.replace("Words.", "| | A |\n| --- | --- |\n| x | y |")
    found = messages(make(tmp_path, module=module))
    assert found == [
        f"docs/modules/m1.md:{line_of(module, '| | A |')}: a table header cell is empty; give every column a heading"
    ]


def test_one_misspelt_key_gives_one_line(tmp_path: Path) -> None:
    """``corect`` once gave three lines (unknown key, missing key, no right option); it is one mistake."""
    bank = BANK.replace("correct: true", "corect: true", 1)
    found = messages(make(tmp_path, bank=bank))
    assert found == [
        f"quizzes/m1.yml:{line_of(bank, 'corect: true')}: unknown key 'corect' in option 1; did you mean 'correct'?"
    ]

"""No input crashes the check: property-based tests over every loader.

Hypothesis generates values of every wrong type (numbers, text, lists, maps,
null, odd Unicode, huge and empty values), missing and extra keys, and puts
them into a small valid project: module and case front matter, quiz banks
(top level, questions, options), course manifests and the glossary. Whatever
it makes, loading the project and its courses (exactly what ``check.py`` and
the build do) ends in ``file:line`` problems, never an exception. A final
test runs ``check.py`` itself on the worst value found for each loader, so the
command a person types is covered too.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scripts.content.courses import load_courses
from scripts.web.checks import load_project
from tests.conftest import ROOT
from tests.test_content import BANK, CASE, MODULE, make, make_case

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
COURSE = {
    "id": "c",
    "title": "A course",
    "audience": ["Nursing"],
    "description": "What it is.",
    "modules": ["m1"],
    "timetable": {"start": "09:00", "end": "10:00", "sessions": [{"module": "m1", "minutes": 60}]},
}

odd_text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40) | st.sampled_from(
    ["", " ", "twenty", "0", "-1", "9" * 40, "ǅ\u200b\u202e", "a" * 5000, "---", "~", "null"]
)
scalars = st.none() | st.booleans() | st.integers(-(10**12), 10**12) | st.floats(allow_nan=True) | odd_text
values = st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(odd_text, inner, max_size=3), max_leaves=8
)


def front(meta: dict, body: str) -> str:
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n" + body


def split(text: str) -> tuple[dict, str]:
    _, meta, body = text.split("---\n", 2)
    return yaml.safe_load(meta), body


@st.composite
def mutated(draw, base: dict, keys: list[str]) -> dict:
    """``base`` with one to three keys set to any value, deleted, or added."""
    out = dict(base)
    for _ in range(draw(st.integers(1, 3))):
        key = draw(st.sampled_from([*keys, "extra", "corect", "minuts"]))
        if draw(st.booleans()) and key in out:
            del out[key]
        else:
            out[key] = draw(values)
    return out


def load_everything(root: Path) -> list[str]:
    project = load_project(root)
    _, problems = load_courses(root, project)
    return [str(p) for p in [*project.problems, *problems]]


def project(
    tmp_path_factory, module: str = MODULE, bank: str = BANK, case: str = CASE, course: dict | None = None
) -> Path:
    root = make(tmp_path_factory.mktemp("p"), module=module, bank=bank)
    make_case(root, case)
    (root / "courses").mkdir()
    (root / "courses" / "c.yml").write_text(yaml.safe_dump(course or COURSE, allow_unicode=True))
    return root


def test_the_unmutated_project_is_valid(tmp_path_factory) -> None:
    assert load_everything(project(tmp_path_factory)) == []


MODULE_META, MODULE_BODY = split(MODULE)
CASE_META, CASE_BODY = split(CASE)
BANK_DATA = yaml.safe_load(BANK)


@SETTINGS
@given(meta=mutated(MODULE_META, list(MODULE_META)))
def test_any_module_front_matter(tmp_path_factory, meta: dict) -> None:
    found = load_everything(project(tmp_path_factory, module=front(meta, MODULE_BODY)))
    assert all(":" in line for line in found)


@SETTINGS
@given(meta=mutated(CASE_META, list(CASE_META)))
def test_any_case_front_matter(tmp_path_factory, meta: dict) -> None:
    load_everything(project(tmp_path_factory, case=front(meta, CASE_BODY)))


@SETTINGS
@given(
    where=st.sampled_from(["top", "question", "option"]),
    index=st.integers(0, 9),
    data=st.data(),
)
def test_any_quiz_bank(tmp_path_factory, where: str, index: int, data) -> None:
    bank = yaml.safe_load(BANK)
    if where == "top":
        bank = data.draw(mutated(bank, ["module", "questions", "contrasts", "task"]))
    elif where == "question":
        q = bank["questions"][index]
        bank["questions"][index] = data.draw(mutated(q, [*q, "answer", "accept", "hint", "was", "feedback"]))
    else:
        q = bank["questions"][index]
        q["options"][0] = data.draw(mutated(q["options"][0], ["text", "correct", "feedback"]))
    load_everything(project(tmp_path_factory, bank=yaml.safe_dump(bank, allow_unicode=True, sort_keys=False)))


@SETTINGS
@given(data=st.data())
def test_any_course_manifest(tmp_path_factory, data) -> None:
    course = data.draw(mutated(COURSE, list(COURSE)))
    if data.draw(st.booleans()):
        timetable = dict(COURSE["timetable"])
        session = data.draw(mutated(timetable["sessions"][0], ["module", "case", "minutes", "title", "break"]))
        course["timetable"] = {**timetable, "sessions": [session]}
    load_everything(project(tmp_path_factory, course=course))


@SETTINGS
@given(lines=st.lists(odd_text | st.sampled_from(["*[GP]:", "*[]: x", '*[X]: "q"', "*[GP]: again"]), max_size=5))
def test_any_glossary(tmp_path_factory, lines: list[str]) -> None:
    root = project(tmp_path_factory)
    (root / "includes" / "glossary.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    load_everything(root)


def test_check_py_reports_a_word_for_minutes_in_one_line_without_a_traceback(tmp_path_factory) -> None:
    """The case the issue found: ``minutes: twenty`` once crashed both check and build."""
    module = MODULE.replace("minutes: 60", "minutes: twenty")
    root = project(tmp_path_factory, module=module)
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "check.py"), "--root", str(root)], capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout.strip().split("\n") == [
        "docs/modules/m1.md:5: 'minutes' must be a whole number of minutes, not text ('twenty')"
    ]

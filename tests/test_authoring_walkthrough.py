"""AUTHORING.md's walk-through stays true: its commands, run in a copy of the
project, print what the guide shows."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, copy_project

GUIDE = ROOT / "AUTHORING.md"


def walkthrough_steps(text: str) -> list[tuple[str, list[str]]]:
    """(command, expected output lines) for every ``$`` line of the walk-through's console blocks."""
    section = text.split("## Walk-through: add a module", 1)[1].split("\n## ", 1)[0]
    steps: list[tuple[str, list[str]]] = []
    for block in re.findall(r"```console\n(.*?)```", section, re.S):
        for line in block.rstrip("\n").split("\n"):
            if line.startswith("$ "):
                steps.append((line[2:], []))
            else:
                steps[-1][1].append(line)
    return steps


def matches(expected: list[str], actual: list[str]) -> bool:
    """The expected lines appear in order; '...' skips any lines; a line ending in '...' is a prefix."""
    i, skipping = 0, False
    for want in expected:
        if want == "...":
            skipping = True
            continue
        while i < len(actual):
            got = actual[i]
            i += 1
            if got == want or (want.endswith("...") and got.startswith(want[:-3])):
                break
            if not skipping:
                return False
        else:
            return False
        skipping = False
    return skipping or i == len(actual)


def test_the_walkthrough_commands_print_what_the_guide_shows(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    (project / ".venv").symlink_to((ROOT / ".venv").resolve(), target_is_directory=True)
    steps = walkthrough_steps(GUIDE.read_text(encoding="utf-8"))
    assert len(steps) >= 5
    ran = 0
    for command, expected in steps:
        if "keeps running" in command:
            continue
        args = shlex.split(command.split("#")[0])
        assert args[0] == "python3", f"the guide's commands start with python3: {command}"
        result = subprocess.run(
            [sys.executable, *args[1:]],
            cwd=project,
            capture_output=True,
            text=True,
            timeout=300,
            # an author at their own machine, not CI (where check is strict)
            env={**{k: v for k, v in os.environ.items() if k != "CI"}, "NO_MKDOCS_2_WARNING": "1"},
        )
        actual = [line for line in (result.stdout + result.stderr).split("\n") if line.strip()]
        assert matches(expected, actual), (
            f"$ {command}\nexpected:\n" + "\n".join(expected) + "\ngot:\n" + "\n".join(actual)
        )
        if args[1:3] == ["scripts/dev.py", "check"]:
            problems = [line for line in actual if re.match(r"^\S+:\d+: ", line)]
            assert problems and all("still to write" in line for line in problems), problems
        ran += 1
    assert ran >= 5


def test_the_matcher_can_fail() -> None:
    assert matches(["a", "...", "c"], ["a", "b", "c"])
    assert not matches(["a", "c"], ["a", "b", "c"])
    assert not matches(["a", "...", "d"], ["a", "b", "c"])
    assert matches(["3 problems in ..."], ["3 problems in 9 modules"])


def test_every_documented_command_exists() -> None:
    """Each ``python3 scripts/dev.py <task>`` and ``python3 scripts/<x>.py`` in the guides can run."""
    from scripts import dev

    tasks = {"serve", "test", "build", *dev.SCRIPTS}
    for guide in (ROOT / "README.md", GUIDE):
        text = guide.read_text(encoding="utf-8")
        for task in re.findall(r"python3? scripts/dev\.py (\w+)", text):
            assert task in tasks, f"{guide.name}: 'dev.py {task}' is not a task"
        for script in re.findall(r"python3? scripts/(\w+)\.py", text):
            assert (ROOT / "scripts" / f"{script}.py").exists(), f"{guide.name}: no scripts/{script}.py"
        assert "shared folder" not in text


def test_a_new_case_only_asks_for_what_is_still_to_write(tmp_path: Path) -> None:
    from scripts import new
    from scripts.web.checks import load_project

    project = copy_project(tmp_path)
    before = (project / "mkdocs.yml").read_text(encoding="utf-8").split("\n")
    assert new.main(["case", "night-shift", "--root", str(project)]) == 0
    after = (project / "mkdocs.yml").read_text(encoding="utf-8").split("\n")
    added = [line for line in after if line not in before]
    assert [line.strip() for line in added] == ["- case-studies/night-shift.md", "- trainers/cases/night-shift.md"]
    assert [line for line in after if line not in added] == before, "every other line of mkdocs.yml is kept"
    problems = [str(p) for p in load_project(project).problems]
    assert problems and all("still to write" in p for p in problems), problems
    assert any(p.startswith("docs/case-studies/night-shift.md:") for p in problems)
    assert any(p.startswith("docs/trainers/cases/night-shift.md:") for p in problems)
    assert new.main(["case", "night-shift", "--root", str(project)]) == 1


def test_links_in_an_included_file_are_reported_in_that_file(tmp_path: Path) -> None:
    from scripts.web.checks import load_project

    project = copy_project(tmp_path)
    (project / "includes" / "extra.md").write_text("Read [the page](no-such-page.md).\n", encoding="utf-8")
    about = project / "docs" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + '\n--8<-- "includes/extra.md"\n', encoding="utf-8")
    problems = [str(p) for p in load_project(project).problems]
    assert len(problems) == 1 and problems[0].startswith("includes/extra.md:1: link 'no-such-page.md'"), problems
    assert "on about.md" in problems[0]

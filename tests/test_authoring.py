"""One validator, two callers: check.py and the strict build report the same
``path:line`` for each mistake an author can make, and nothing for good content.

Each mutation is applied to a fresh copy of the project. The build fails at the
validator (MkDocs' on_config), before it cleans the site folder or renders a
page, so these builds take well under a second each.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from scripts import check
from scripts.content import links
from scripts.content.glossary import undefined_abbreviations
from scripts.content.project import Project
from scripts.outputs.linkcheck import parse
from scripts.web import counts, generated, navcheck, render, sitecheck, taskpage
from scripts.web.checks import load_project
from tests.conftest import ROOT, copy_project, mkdocs_build

LINE = re.compile(r"^(?:ERROR\s+-\s+)?(\S+?:\d+): ")


def _first_line(path: Path, pattern: str) -> tuple[int, str]:
    """(1-based line, text) of the first line matching ``pattern``; fails if there is none."""
    for n, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        if re.search(pattern, line):
            return n, line
    raise AssertionError(f"no line matching {pattern!r} in {path}")


def _replace_line(path: Path, n: int, new: str | None) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    if new is None:
        del lines[n - 1]
    else:
        lines[n - 1] = new
    path.write_text("\n".join(lines), encoding="utf-8")


def _first(folder: Path, glob: str) -> Path:
    return sorted(folder.glob(glob))[0]


# Each mutation breaks a copy and returns the 'path:line' both callers must name.
def broken_page_link(p: Path) -> str:
    module = _first(p / "docs/modules", "*.md")
    text = module.read_text(encoding="utf-8").rstrip("\n")
    module.write_text(text + "\n\nSee [the missing page](no-such-page.md).\n", encoding="utf-8")
    return f"docs/modules/{module.name}:{text.count(chr(10)) + 3}"


def broken_anchor_in_bank(p: Path) -> str:
    for bank in sorted((p / "quizzes").glob("*.yml")):
        try:
            n, line = _first_line(bank, r"\]\(#[^)]+\)")
        except AssertionError:
            continue
        _replace_line(bank, n, re.sub(r"\]\(#[^)]+\)", "](#no-such-section)", line, count=1))
        return f"quizzes/{bank.name}:{n}"
    raise AssertionError("no bank links a section; feedback should point to the section that teaches it")


def module_not_in_nav(p: Path) -> str:
    n, line = _first_line(p / "mkdocs.yml", r"^\s+- modules/[\w-]+\.md\s*$")
    _replace_line(p / "mkdocs.yml", n, None)
    return f"docs/{line.strip()[2:]}:1"


def typo_in_bank_key(p: Path) -> str:
    bank = _first(p / "quizzes", "*.yml")
    n, line = _first_line(bank, r"^\s+outcome: ")
    _replace_line(bank, n, line.replace("outcome:", "outcme:"))
    return f"quizzes/{bank.name}:{n}"


def missing_outcome(p: Path) -> str:
    """Delete a module's first outcome: the questions that assess it now point nowhere."""
    module = _first(p / "docs/modules", "*.md")
    front = yaml.safe_load(module.read_text(encoding="utf-8").split("---")[1])
    outcome = front["outcomes"][0]["id"]
    n, _ = _first_line(module, rf"^\s+- id: {re.escape(outcome)}\s*$")
    for _ in range(3):  # id, text, ipec
        _replace_line(module, n, None)
    bank = p / "quizzes" / f"{front['id']}.yml"
    line, _ = _first_line(bank, rf"^\s+outcome: {re.escape(outcome)}\s*$")
    return f"quizzes/{bank.name}:{line}"


def bad_course_manifest(p: Path) -> str:
    course = _first(p / "courses", "*.yml")
    n, line = _first_line(course, r"^id: ")
    _replace_line(course, n, line.rstrip() + "-renamed")
    return f"courses/{course.name}:{n}"


def nav_entry_without_file(p: Path) -> str:
    n, line = _first_line(p / "mkdocs.yml", r"^\s+- modules/[\w-]+\.md\s*$")
    lines = (p / "mkdocs.yml").read_text(encoding="utf-8").split("\n")
    lines.insert(n, line.split("- ")[0] + "- modules/no-such-module.md")
    (p / "mkdocs.yml").write_text("\n".join(lines), encoding="utf-8")
    return f"mkdocs.yml:{n + 1}"


def image_without_alt(p: Path) -> str:
    page = p / "docs" / "about.md"
    text = page.read_text(encoding="utf-8").rstrip("\n")
    page.write_text(text + "\n\n![](assets/javascripts/site.js)\n", encoding="utf-8")
    return f"docs/about.md:{text.count(chr(10)) + 3}"


MUTATIONS: list[Callable[[Path], str]] = [
    broken_page_link,
    broken_anchor_in_bank,
    module_not_in_nav,
    typo_in_bank_key,
    missing_outcome,
    bad_course_manifest,
    nav_entry_without_file,
    image_without_alt,
]


def _check_lines(project: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = check.main(["--root", str(project)])
    out = capsys.readouterr().out
    return code, [line for line in out.split("\n") if LINE.match(line)]


@pytest.mark.parametrize("mutate", MUTATIONS, ids=lambda f: f.__name__)
def test_check_and_build_name_the_same_line(
    mutate: Callable[[Path], str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(tmp_path)
    where = mutate(project)
    code, lines = _check_lines(project, capsys)
    assert code == 1
    named = {LINE.match(line).group(1) for line in lines}
    assert where in named, f"check.py did not name {where}:\n" + "\n".join(lines)
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode != 0
    built = [re.sub(r"^ERROR\s+-\s+", "", line) for line in result.stderr.split("\n") if LINE.match(line)]
    assert built == lines, "the build and check.py must print the same lines"
    assert not (site / "index.html").exists(), "the build must stop at the validator, before rendering"


def test_the_real_site_has_no_problems(capsys: pytest.CaptureFixture[str]) -> None:
    code, lines = _check_lines(ROOT, capsys)
    assert (code, lines) == (0, [])


def test_check_is_fast(capsys: pytest.CaptureFixture[str]) -> None:
    """The whole check within the 1 s budget, counted in CPU time so that a busy shared machine
    does not make the test flaky (wall time is about the same on an idle 2-core machine)."""
    start = time.process_time()
    _check_lines(ROOT, capsys)
    assert time.process_time() - start < 1, "check.py should take well under a second; something made it slow"


def test_bank_links_are_reported_at_the_yaml_line_not_the_module(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    bank = _first(project / "quizzes", "*.yml")
    n, line = _first_line(bank, r"^\s+feedback: ")
    indent = line[: len(line) - len(line.lstrip())]
    _replace_line(bank, n, f"{indent}feedback: >-\n{indent}  Wrong. Read [the part](../modules/nowhere.md) again.")
    problems = [str(p) for p in load_project(project).problems]
    assert any(p.startswith(f"quizzes/{bank.name}:{n + 1}: link '../modules/nowhere.md'") for p in problems), problems


def test_a_link_to_a_generated_page_and_its_anchor_is_known(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    page = project / "docs" / "about.md"
    first = load_project(project)
    title = render.ordered(first, [])[0].meta["title"]
    anchor = links.slugify(title, "-")
    text = page.read_text(encoding="utf-8")
    page.write_text(
        text + f"\n[Key points](key-points.md#{anchor}) and [glossary](glossary.md) and "
        "[catalogue](trainers/catalogue.md) and [bad](key-points.md#not-a-module)\n",
        encoding="utf-8",
    )
    problems = [str(p) for p in load_project(project).problems]
    assert len(problems) == 1 and "key-points.md has no anchor '#not-a-module'" in problems[0], problems


def test_computed_anchors_match_the_built_pages(built_site: Path) -> None:
    """Heading ids from the sources equal the ids MkDocs writes, on every page."""
    project = load_project(ROOT)
    config, _ = navcheck.read_config(ROOT)
    made = generated.texts(project, render.nav_order(config.nav))
    sources = {
        p.relative_to(ROOT / "docs").as_posix(): p.read_text(encoding="utf-8") for p in (ROOT / "docs").rglob("*.md")
    }
    sources.update({k: v for k, v in made.items() if v})
    modules = {m.path.removeprefix("docs/"): m for m in project.modules.values()}
    for rel, text in sources.items():
        body = text.split("\n---\n", 1)[1] if text.startswith("---\n") else text
        module = modules.get(rel)
        bank = project.banks.get(module.quiz or "") if module else None
        ids = (
            sitecheck.module_anchors(module, bank, body)
            if module
            else links.anchors(body + taskpage.for_notes(project, rel, body))
        )
        out = built_site / (rel.removesuffix(".md").removesuffix("index") + "/index.html").lstrip("/")
        page = out.read_text(encoding="utf-8")
        headings = set(re.findall(r"<h[1-6][^>]*\bid=\"([^\"]+)\"", page))
        assert ids - parse(page).ids == set(), f"{rel}: computed ids not on the page"
        assert headings - ids == set(), f"{rel}: heading ids the check does not know"
        if module and module.quiz:
            assert links.quiz_anchors(project.banks[module.quiz].page) <= parse(page).ids


def test_generated_page_names_match_what_the_hook_adds() -> None:
    project = load_project(ROOT)
    made = {**generated.trainer_pages(project, []), **generated.learner_pages(project, [])}
    assert generated.names(project) == set(made)


@pytest.mark.parametrize(
    "text",
    [
        "Read AUTHORING.md first.",
        "See `SITE_URL` and ``CODE SPAN``.",
        "Details at https://example.org/ABC/DEF and www.EXAMPLE.org/XYZ.",
        "```\nFENCED CODE\n```",
        "Edit scripts/CHECK.py or mkdocs.yml or README.md.",
        "TODO: write this section",
    ],
)
def test_no_false_alarm_for_code_file_names_and_addresses(text: str) -> None:
    assert undefined_abbreviations(text, set()) == []


def test_real_abbreviations_are_still_caught_beside_file_names() -> None:
    assert undefined_abbreviations("Read AUTHORING.md before the ICB meets.", set()) == [(1, "ICB")]


def test_home_page_counts_come_from_the_content() -> None:
    project = Project(ROOT)
    project.modules = {f"m{i}": None for i in range(10)}  # type: ignore[misc]
    project.cases = {"c": None}  # type: ignore[dict-item]
    text = "<!-- Count: modules --> modules and <!-- count: cases --> case."
    assert counts.fill_counts(text, project) == "Ten modules and one case."
    assert "Count: modules" in (ROOT / "docs" / "index.md").read_text(encoding="utf-8")


def test_home_page_shows_the_real_count(built_site: Path) -> None:
    page = (built_site / "index.html").read_text(encoding="utf-8")
    count = counts.in_words(len(load_project(ROOT).modules)).capitalize()
    assert f"{count} modules take you" in page
    assert "count:" not in page.lower()


def test_a_failing_course_build_reads_cleanly(monkeypatch: pytest.MonkeyPatch, capsys, tmp_path: Path) -> None:
    from scripts import build_course
    from scripts.outputs import course

    def fail(text: str, site_dir: Path) -> None:
        raise course.BuildFailed("the site build stopped: Aborted with 2 warnings in strict mode!")

    monkeypatch.setattr(course, "mkdocs_build", fail)
    assert build_course.main(["--site", "--dist", str(tmp_path / "dist")]) == 1
    err = capsys.readouterr().err
    assert "strict mode. dist/ was not changed" in err and "!." not in err

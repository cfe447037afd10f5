"""Checks across the whole site's sources: the menu, every link and anchor, and
places still to write.

Called from :func:`scripts.content.load_project`, so ``scripts/check.py``, the
MkDocs hook and the course builder all report these with every other problem,
as ``path:line: message``, before MkDocs renders anything.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from scripts.content import links, tasks
from scripts.content.project import Project
from scripts.core.spec import read
from scripts.core.yamlsrc import Problem, split_front_matter
from scripts.web import generated, navcheck, render, taskpage

TODO = re.compile(r"\bTODO\b:?\s*(.*)")
SNIPPET = re.compile(r"""^\s*-{1,}8<-{1,}\s+["']?([^"'\s]+)["']?\s*$""")


def module_anchors(module: Any, bank: Any, body: str) -> set[str]:
    """Every id a module page will have: its headings, the title, the quiz's and the written task's."""
    title = module.meta.get("title")
    extra = [title] if isinstance(title, str) else []
    task = bank.doc.data.get("task") if bank is not None and isinstance(bank.doc.data, dict) else None
    if isinstance(task, dict) and isinstance(task.get("title"), str):
        extra.append(f"{tasks.HEADING}: {task['title']}")  # the build adds this section after the quiz
    ids = links.anchors(body, extra)
    if bank is not None:
        ids |= links.quiz_anchors(bank.page)
    return ids


def todos(text: str) -> list[tuple[int, str]]:
    """(line, what to write) for each line holding a ``TODO``: the words after it, up to a table bar."""
    found = []
    for n, line in enumerate(text.split("\n"), start=1):
        match = TODO.search(line)
        if match:
            what = match.group(1).split(" | ")[0].strip().strip("\"'[]|").strip()
            found.append((n, what or "this line"))
    return found


def todo_problems(path: str, text: str) -> list[Problem]:
    """One problem per ``TODO`` left by ``scripts/new.py`` (or by an author), naming what to write."""
    return [
        Problem(path, n, f"still to write: {what} (then delete the TODO)", reminder=True) for n, what in todos(text)
    ]


def bank_todo_problems(path: str, text: str, starts: list[int]) -> list[Problem]:
    """A bank's TODOs, one problem per question (a fresh bank has dozens), at its first TODO.

    ``starts`` are the first lines of the questions, in order.
    """
    groups: dict[int, list[tuple[int, str]]] = {}
    loose = []
    for n, what in todos(text):
        index = sum(1 for start in starts if start <= n) - 1
        if index < 0:
            loose.append(Problem(path, n, f"still to write: {what} (then delete the TODO)", reminder=True))
        else:
            groups.setdefault(index, []).append((n, what))
    for index, items in groups.items():
        (first, what), rest = items[0], items[1:]
        more = f"; then the TODOs on lines {', '.join(str(n) for n, _ in rest)}" if rest else ""
        loose.append(
            Problem(
                path,
                first,
                f"question {index + 1} is still to write: {what}{more} (then delete each TODO)",
                reminder=True,
            )
        )
    return loose


def _pages(root: Path) -> tuple[dict[str, tuple[str, int, str]], set[str]]:
    """Authored pages (docs-relative path -> (body, body's first line, whole text)) and every other file in docs/."""
    docs = root / "docs"
    pages: dict[str, tuple[str, int, str]] = {}
    files: set[str] = set()
    for path in sorted(docs.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(docs).as_posix()
        if path.suffix != ".md":
            files.add(rel)
            continue
        text, _ = read(path, f"docs/{rel}")
        _, body, body_line = split_front_matter(text or "")
        pages[rel] = (body, body_line, text or "")
    return pages, files


def check_sources(project: Project) -> list[Problem]:
    """Menu, links, anchors, images and TODOs over every authored file."""
    root = project.root
    config, problems = navcheck.read_config(root)
    pages, files = _pages(root)
    order = render.nav_order(config.nav)
    made = generated.texts(project, order)
    site = links.Site(files=files)
    module_pages = {m.path.removeprefix("docs/"): m for m in project.modules.values()}
    for rel, (body, _, _) in pages.items():
        module = module_pages.get(rel)
        if module is None:
            site.pages[rel] = links.anchors(body + taskpage.for_notes(project, rel, body))  # notes get the task
            continue
        site.pages[rel] = module_anchors(module, project.banks.get(module.quiz or ""), body)
    for rel, text in made.items():  # a generated page replaces an authored one of the same name
        site.pages[rel] = None if text is None else links.anchors(split_front_matter(text)[1])
    problems += navcheck.check_nav(config, set(pages), set(made))
    for rel, (body, body_line, text) in pages.items():
        problems += links.check_text(site, rel, body, f"docs/{rel}", body_line)
        problems += todo_problems(f"docs/{rel}", text)
    problems += _check_banks(project, site)
    problems += _check_includes(root, config, pages, site)
    return problems


def _check_banks(project: Project, site: links.Site) -> list[Problem]:
    """Links in each bank, read from the page of the module that shows it."""
    shown_by = {m.quiz: m.path.removeprefix("docs/") for m in project.modules.values() if m.quiz}
    problems = []
    for name, bank in project.banks.items():
        page = shown_by.get(name, f"modules/{bank.module or name}.md")
        raw, _ = read(project.root / bank.path, bank.path)
        lines = (raw or "").split("\n")
        problems += links.check_bank(site, page, bank.path, bank.doc.data, bank.doc.line, lines)
        starts = [bank.doc.line(("questions", i)) for i in range(len(bank.questions))]
        problems += bank_todo_problems(bank.path, raw or "", starts)
    return problems


def _check_includes(
    root: Path, config: navcheck.Config, pages: dict[str, tuple[str, int, str]], site: links.Site
) -> list[Problem]:
    """Links in included files (snippets), resolved from each page that includes them."""
    users: dict[str, set[str]] = {str(p): set(pages) for p in config.auto_append}
    for rel, (body, _, _) in pages.items():
        for line in body.split("\n"):
            match = SNIPPET.match(line)
            if match:
                users.setdefault(match.group(1), set()).add(rel)
    problems: list[Problem] = []
    for include in sorted((root / "includes").glob("*.md")):
        rel = include.relative_to(root).as_posix()
        text, _ = read(include, rel)
        first: dict[tuple[int, str], str] = {}  # one line per mistake, naming the first page it breaks
        for page in sorted(users.get(rel, set())):
            for problem in links.check_text(site, page, text or "", rel):
                first.setdefault((problem.line, problem.message), page)
        problems += [
            Problem(rel, line, f"{message} (on {page}, which includes it)") for (line, message), page in first.items()
        ]
        problems += todo_problems(rel, text or "")
    return problems

"""Every other page: front matter with a description for search results."""

from __future__ import annotations

from pathlib import Path

from scripts.core.spec import Spec, check_mapping, read
from scripts.core.yamlsrc import Problem, load, split_front_matter

PAGE_SPEC: Spec = {
    "title": ((str,), False, "text"),
    "description": ((str,), True, "one sentence describing the page for search results"),
    "hide": ((list,), False, "a list such as [toc]"),
    "search": ((dict,), False, "a mapping such as {exclude: true}"),
}


def load_page(root: Path, path: Path) -> list[Problem]:
    """Check a non-module page: optional front matter, but always a description."""
    rel = path.relative_to(root).as_posix()
    text, problems = read(path, rel)
    if text is None:
        return problems
    front, _, _ = split_front_matter(text)
    if front is None:
        return [Problem(rel, 1, "page has no front matter; add '---', 'description: ...' and '---' at the top")]
    doc, problems = load(front, rel, line_offset=1)
    if doc is None:
        return problems
    return problems + check_mapping(doc, (), PAGE_SPEC, "page front matter")

"""The pages the build writes from the content (never committed, never in docs/).

One list, used by the MkDocs hook to add the pages and by the content check to
know them as link targets (with their anchors), so the two cannot disagree.
"""

from __future__ import annotations

import contextlib

from scripts.content.project import Project
from scripts.web import render


def trainer_pages(project: Project, order: list[str]) -> dict[str, str]:
    """Trainers' pages: built from every module, also in course builds (links reach the public site)."""
    return {
        "trainers/catalogue.md": render.catalogue_page(project, order),
        "trainers/competencies.md": render.competency_page(project, order),
    }


def learner_pages(project: Project, order: list[str]) -> dict[str, str]:
    """Pages built from the modules and cases a build contains."""
    pages = {
        "glossary.md": render.glossary_page(project),
        "key-points.md": render.key_points_page(project, order),
    }
    if project.cases:
        pages["case-studies/index.md"] = render.case_index_page(project)
    return pages


def names(project: Project) -> set[str]:
    """The docs-relative paths of the generated pages, without rendering them."""
    found = {"trainers/catalogue.md", "trainers/competencies.md", "glossary.md", "key-points.md"}
    if project.cases:
        found.add("case-studies/index.md")
    return found


def texts(project: Project, order: list[str]) -> dict[str, str | None]:
    """Each generated page's Markdown, or None for a page that cannot be rendered yet.

    Rendering assumes valid front matter; while other problems are still being
    fixed a page may fail, and then only its anchors are unknown (its links are
    not checked, and links to it still are).
    """
    out: dict[str, str | None] = dict.fromkeys(names(project))
    for make in (trainer_pages, learner_pages):
        with contextlib.suppress(KeyError, TypeError, AttributeError, ValueError, IndexError):
            out.update(make(project, order))
    return out

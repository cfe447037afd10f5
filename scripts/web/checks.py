"""Everything check.py and the build report: each content rule, then links and anchors across pages.

The content layer cannot check a link to a generated page (the module
catalogue, the glossary) without the site layer that generates it, so the two
are joined here, once, and both ``check.py`` and the MkDocs hook call this.
"""

from __future__ import annotations

from pathlib import Path

from scripts.content.project import Project, load_content
from scripts.web.sitecheck import check_sources


def load_project(root: Path) -> Project:
    """The whole project with every problem any check finds, sorted, each once."""
    project = load_content(root)
    project.problems = sorted({*project.problems, *check_sources(project)})
    return project

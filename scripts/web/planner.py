"""Data for the trainers' session planner, from the content's own timings.

The planner page runs in the browser (online, offline and from ``file://``),
so everything it needs is written into the page as JSON at build time: each
module's minutes, audience, level and the session lengths its facilitator
notes offer (their "Session plan (N minutes)" and "N-minute version"
headings), and each case's minutes and professions.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from markdown.extensions.toc import slugify

from scripts.content.project import Project

MARKER = "<!-- SESSION-PLANNER-DATA -->"
VERSION = re.compile(r"^#{2,4}\s+(?:an?\s+)?(\d+)[- ]minute version\s*$", re.I | re.M)
PLAN = re.compile(r"^#{2,4}\s+(Session plan\s*\((\d+)\s*minutes?\))\s*$", re.I | re.M)


def note_versions(notes: str) -> list[dict[str, Any]]:
    """The session lengths a facilitator-notes page offers, each with its section's anchor."""
    found = []
    for match in PLAN.finditer(notes):
        found.append({"minutes": int(match.group(2)), "anchor": slugify(match.group(1), "-"), "label": "full plan"})
    for match in VERSION.finditer(notes):
        heading = match.group(0).lstrip("#").strip()
        found.append({"minutes": int(match.group(1)), "anchor": slugify(heading, "-"), "label": heading.lower()})
    return sorted(found, key=lambda v: v["minutes"])


def planner_data(project: Project, order: list[str], root: Path) -> dict[str, Any]:
    """Everything the planner needs, in teaching order."""
    modules = []
    for module_id in [m for m in order if m in project.modules]:
        meta = project.modules[module_id].meta
        notes = root / "docs" / "trainers" / "notes" / f"{module_id}.md"
        text = notes.read_text(encoding="utf-8") if notes.exists() else ""
        modules.append(
            {
                "id": module_id,
                "title": meta["title"],
                "minutes": meta["minutes"],
                "level": meta["level"],
                "audience": meta["audience"],
                "prerequisites": meta["prerequisites"],
                "versions": note_versions(text),
            }
        )
    cases = [
        {
            "id": case_id,
            "title": case.meta["title"],
            "minutes": case.meta["minutes"],
            "professions": case.meta["professions"],
            "modules": case.meta["modules"],
        }
        for case_id, case in sorted(project.cases.items())
    ]
    return {"modules": modules, "cases": cases, "professions": project.professions}


def planner_script(project: Project, order: list[str], root: Path, dest_uri: str) -> str:
    """The JSON as an inert script element, then the planner's script, for the page at ``dest_uri``.

    Raw HTML is not rewritten by MkDocs, so the script's path is made relative
    to where the page is written (``trainers/planner/index.html`` online,
    ``trainers/planner.html`` in an offline copy).
    """
    data = json.dumps(planner_data(project, order, root), ensure_ascii=False, sort_keys=True).replace("</", "<\\/")
    prefix = "../" * dest_uri.count("/")
    return (
        f'<script type="application/json" id="pw-planner-data">{data}</script>\n'
        f'<link rel="stylesheet" href="{prefix}assets/stylesheets/planner.css">\n'
        f'<script src="{prefix}assets/javascripts/planner.js"></script>'
    )

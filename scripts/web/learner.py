"""What the learner record needs to know about the site, written into the page as data.

My learning builds the CPD record in the browser: it needs each module's
title, time, learning outcomes, number of questions and written task. They go
in one hidden element's data attributes (not a script or visible text, so the
search index never holds them twice).
"""

from __future__ import annotations

import html
import json

from scripts.content import tasks
from scripts.content.project import Project
from scripts.web.render import ordered


def module_data(project: Project, order: list[str], site_url: str = "") -> str:
    """A hidden element with every module's record data as JSON in ``data-modules``.

    ``site_url`` is the public address when the build sets SITE_URL; otherwise
    the page works out its own address (served site or offline copy).
    """
    items = []
    for m in ordered(project, order):
        bank = project.banks.get(m.quiz or "")
        task = tasks.task_of(bank)
        items.append(
            {
                "id": m.meta["id"],
                "title": m.meta["title"],
                "minutes": m.meta["minutes"],
                "outcomes": [o["text"].strip() for o in m.meta["outcomes"]],
                "questions": len(bank.page) if bank is not None else 0,
                "ids": [str(q.get("id")) for q in bank.page] if bank is not None else [],
                "was": {str(q["was"]): str(q.get("id")) for q in bank.questions if q.get("was")} if bank else {},
                "task": {"id": task["id"], "title": str(task["title"]).strip(), "words": task["words"]}
                if task
                else None,
            }
        )
    payload = html.escape(json.dumps(items, ensure_ascii=False), quote=True)
    url = html.escape(site_url, quote=True)
    return f'\n\n<div hidden id="pw-module-data" data-site-url="{url}" data-modules="{payload}"></div>\n'

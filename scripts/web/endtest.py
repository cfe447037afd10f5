"""The course-end test page: every pool item of a course, for ``end-test.js`` to draw from.

A module page shows a chosen set of its bank (see ``pools.py``); the rest of
each contrast set is the pool. A course build adds one page, ``course-test.md``,
that holds *every* item of the course's modules, grouped by learning outcome,
as hidden Markdown blocks (``md_in_html``), so MkDocs renders their text and
checks and rewrites their links like any other page's. ``end-test.js`` draws
``DRAW`` items per outcome at random, takes all the answers, and only then
marks them and shows each item's feedback: an exam, unlike the module pages'
instant self-check. Without JavaScript the page says so and shows nothing.

The page is left out of the search index, because it holds the keys.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

from scripts.content.banks import accepted_answers
from scripts.content.courses import Course
from scripts.content.pools import DRAW
from scripts.content.project import Project
from scripts.web.render import safe

PAGE = "course-test.md"
HOOK = 'id="pw-end-test"'
SECTION_LINK = re.compile(r"\]\(#([^)\s]+)\)")


def _attrs(**values: str) -> str:
    return " ".join(f'{k.replace("_", "-")}="{html.escape(v, quote=True)}"' for k, v in values.items())


def _block(css: str, text: str, **attrs: str) -> str:
    """A ``<div markdown>`` block holding Markdown text (raw HTML in it is shown as text)."""
    extra = (" " + _attrs(**attrs)) if attrs else ""
    return f'<div class="{css}"{extra} markdown>\n\n{text}\n\n</div>'


def linked(text: str, module_id: str) -> str:
    """Markdown with links to sections of the module page pointed at that page from the test page."""
    return SECTION_LINK.sub(lambda m: f"](modules/{module_id}.md#{m.group(1)})", safe(text))


def item_block(module_id: str, question: dict[str, Any]) -> str:
    """One item as hidden Markdown: stem, then options with their feedback (or a fill-in's answers)."""
    qid = f"{module_id}/{question['id']}"
    if question["type"] == "fill-in":
        stem = safe(question["question"]).replace("___", '<span class="pw-blank"></span>', 1)
        parts = [
            _block("pw-stem", stem),
            _block("pw-hint", linked(question.get("hint") or "", module_id)),
            _block("pw-feedback", linked(question["feedback"], module_id)),
        ]
        accept = json.dumps(accepted_answers(question))
        attrs = _attrs(data_id=qid, data_type="fill-in", data_accept=accept)
    else:
        parts = [_block("pw-stem", safe(question["question"]))]
        for option in question["options"]:
            inner = _block("pw-option-text", safe(option["text"])) + "\n\n"
            inner += _block("pw-option-feedback", linked(option["feedback"], module_id))
            parts.append(_block("pw-option", inner, data_correct="true" if option["correct"] else "false"))
        attrs = _attrs(data_id=qid, data_type=question["type"])
    return f'<div class="pw-test-item" {attrs} markdown>\n\n' + "\n\n".join(parts) + "\n\n</div>"


def pools(course: Course, project: Project) -> list[tuple[str, str, list[dict[str, Any]]]]:
    """(module id, outcome label, its items) for every outcome of the course's modules that has items."""
    out = []
    for mid in course.modules:
        module = project.modules[mid]
        bank = project.banks.get(module.quiz or "")
        if bank is None:
            continue
        for n, outcome in enumerate(module.meta["outcomes"], start=1):
            items = [q for q in bank.questions if q.get("outcome") == outcome["id"]]
            if items:
                out.append((mid, f"{module.meta['title']}, outcome {n}", items))
    return out


def page(course: Course, project: Project) -> str:
    """The Markdown of the course-end test page."""
    found = pools(course, project)
    drawn = sum(min(DRAW, len(items)) for _, _, items in found)
    total = sum(len(items) for _, _, items in found)
    blocks = []
    for mid, label, items in found:
        inner = "\n\n".join(item_block(mid, q) for q in items)
        blocks.append(f'<div class="pw-pool" {_attrs(data_label=label)} hidden markdown>\n\n{inner}\n\n</div>')
    body = "\n\n".join(blocks)
    return f"""---
title: Course-end test
description: A test of the whole course, drawn at random from its question pools, marked after you submit.
search:
  exclude: true
---

# Course-end test

This test checks the whole course. It has **{drawn} questions**: one for each
learning outcome of the course's modules, drawn at random from {total} questions
written for them, so each attempt is different. Most describe a situation and ask
what fits it; read the details, because they decide the answer.

- Answer every question, then choose **Submit answers**. Nothing is marked until then.
- You then see your score, which answers were right, and feedback on each, with a
  link to the section that teaches it. The pass mark is {course.mastery} %.
- **New test** draws a fresh set of questions.
- Your answers stay on this page. In a learning management system (LMS) package,
  the LMS records your score; nothing is sent anywhere else.

<noscript><p class="pw-noscript">This test needs JavaScript to draw and mark its
questions. Each module's own quiz works without it.</p></noscript>

<div id="pw-end-test" class="pw-end-test" {_attrs(data_draw=str(DRAW), data_pass=str(course.mastery))} markdown>

{body}

</div>
"""

"""Turn validated content into Markdown that MkDocs and mkdocs-quiz understand.

All functions are pure: data in, Markdown text out. Quiz text is HTML-escaped
before it reaches Markdown, so HTML or a ``<script>`` typed into a bank is shown
as text and never runs in the page.
"""

from __future__ import annotations

import html
from typing import Any

from scripts.content import ALL_PROFESSIONS, BLANK, IPEC_AREAS, QUIZ_MARKER, Module, Project

QUIZ_INTRO = "<!-- mkdocs-quiz intro -->"
QUIZ_RESULTS = "<!-- mkdocs-quiz results -->"


def safe(text: str) -> str:
    """Markdown with any HTML neutralised: ``<b>`` shows as text, not markup."""
    return html.escape(text.strip(), quote=False)


def _quote(text: str) -> str:
    """Feedback lines as a blockquote, which mkdocs-quiz reads as per-option feedback."""
    return "\n".join(f"> {line}" if line.strip() else ">" for line in safe(text).split("\n"))


def render_question(question: dict[str, Any]) -> str:
    """One question in mkdocs-quiz syntax."""
    explanation = safe(question.get("explanation") or "")
    if question["type"] == "fill-in":
        before, after = safe(question["question"]).split(BLANK, 1)
        parts = [f"{before}[[{question['answer'].strip()}]]{after}", "", "---", safe(question["feedback"])]
        if explanation:
            parts += ["", explanation]
        return "<quiz>\n" + "\n".join(parts) + "\n</quiz>"
    lines = [safe(question["question"])]
    for option in question["options"]:
        mark = "x" if option["correct"] else " "
        lines.append(f"- [{mark}] {safe(option['text'])}")
        lines.append(_quote(option["feedback"]))
    if explanation:
        lines += ["", explanation]
    return "<quiz>\n" + "\n".join(lines) + "\n</quiz>"


def render_quiz(questions: list[dict[str, Any]]) -> str:
    """A whole bank: the reset control, every question, then the score summary."""
    blocks = [QUIZ_INTRO] + [render_question(q) for q in questions] + [QUIZ_RESULTS]
    return "\n\n".join(blocks)


def _minutes(module: Module) -> str:
    return f"about {module.meta['minutes']} minutes"


def _audience(module: Module) -> str:
    audience = module.meta["audience"]
    return ALL_PROFESSIONS.lower() if audience == [ALL_PROFESSIONS] else ", ".join(audience)


def render_intro(module: Module, project: Project) -> str:
    """Title, summary and the 'What you will learn' box, from front matter."""
    meta = module.meta
    prereqs = [f"[{project.modules[p].meta['title']}]({p}.md)" for p in meta["prerequisites"] if p in project.modules]
    outcomes = "\n".join(f"    - {o['text'].strip()}" for o in meta["outcomes"])
    return "\n".join(
        [
            f"# {meta['title']}",
            "",
            meta["summary"].strip(),
            "",
            '!!! abstract "What you will learn"',
            "",
            "    By the end of this module you should be able to:",
            "",
            outcomes,
            "",
            f"    **Time:** {_minutes(module)} · **For:** {_audience(module)} · "
            f"**Level:** {meta['level']} · **Before this:** {', '.join(prereqs) or 'nothing'}",
            "",
        ]
    )


def render_module(module: Module, project: Project, markdown: str) -> str:
    """The module page: generated intro, then the author's body with the quiz put in."""
    bank = project.banks.get(module.quiz or "")
    if bank is not None:
        markdown = QUIZ_MARKER.sub(lambda _: render_quiz(bank.questions), markdown, count=1)
    return render_intro(module, project) + "\n" + markdown


def catalogue_page(project: Project) -> str:
    """The trainers' module catalogue, built from front matter."""
    modules = list(project.modules.values())
    total = sum(m.meta["minutes"] for m in modules)
    rows = [
        f"| [{m.meta['title']}](../modules/{m.meta['id']}.md) | {m.meta['minutes']} | {m.meta['level']} | {len(m.meta['outcomes'])} |"
        for m in modules
    ]
    parts = [
        "---",
        "description: Every module with its time, audience, level and learning outcomes, for trainers choosing what to assign.",
        "---",
        "",
        "# Module catalogue",
        "",
        f"{len(modules)} module{'s' if len(modules) != 1 else ''}, about {total} minutes of learning in all. "
        "Each module's link is stable: copy it into your course page or email to assign it.",
        "",
        "| Module | Minutes | Level | Outcomes |",
        "| --- | ---: | --- | ---: |",
        *rows,
        "",
    ]
    for m in modules:
        meta = m.meta
        parts += [
            f"## {meta['title']}",
            "",
            meta["summary"].strip(),
            "",
            f"**Time:** {_minutes(m)} · **For:** {_audience(m)} · **Level:** {meta['level']}",
            "",
            "Learning outcomes:",
            "",
            *[f"- {o['text'].strip()}" + (f" *({o['ipec']})*" if o.get("ipec") else "") for o in meta["outcomes"]],
            "",
            f"[Open the module: {meta['title']}](../modules/{meta['id']}.md) · "
            f"[Facilitator notes for {meta['title']}](notes/{meta['id']}.md)",
            "",
        ]
    return "\n".join(parts)


def glossary_page(project: Project) -> str:
    """The glossary, A to Z, from the same file that gives every page its hover definitions."""
    entries = sorted(project.glossary, key=lambda e: e[0].lower())
    parts = [
        "---",
        "description: Plain-language definitions of the terms and abbreviations used across the site.",
        "---",
        "",
        "# Glossary",
        "",
        "These terms are explained wherever they appear on the site: hover over or tap a dotted "
        "underlined word to see its meaning. The IPEC competency areas used in the module "
        f"outcomes are: {', '.join(IPEC_AREAS)}.",
        "",
    ]
    for term, definition in entries:
        parts += [term, f":   {definition}", ""]
    return "\n".join(parts)

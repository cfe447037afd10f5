"""Turn validated content into Markdown that MkDocs and mkdocs-quiz understand.

All functions are pure: data in, Markdown text out. Quiz text is HTML-escaped
before it reaches Markdown, so HTML or a ``<script>`` typed into a bank is shown
as text and never runs in the page.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

from scripts.content.banks import BLANK, accepted_answers
from scripts.content.cases import SETTINGS
from scripts.content.courses import Course, clock, minutes_of
from scripts.content.modules import ALL_PROFESSIONS, IPEC_AREAS, QUIZ_MARKER, Module, sections
from scripts.content.project import Project
from scripts.core.yamlsrc import Problem
from scripts.web import taskpage

QUIZ_INTRO = "<!-- mkdocs-quiz intro -->"
QUIZ_RESULTS = "<!-- mkdocs-quiz results -->"
MODULE_MAP = "<!-- module-map -->"
LEARNER_MODULES = "<!-- learner-modules -->"


def nav_order(nav: Any) -> list[str]:
    """Module ids in the order the site's navigation lists them."""
    found: list[str] = []

    def walk(item: Any) -> None:
        if isinstance(item, str):
            if item.startswith("modules/") and item.endswith(".md"):
                found.append(item[len("modules/") : -len(".md")])
        elif isinstance(item, dict):
            for value in item.values():
                walk(value)
        elif isinstance(item, list):
            for value in item:
                walk(value)

    walk(nav)
    return found


def ordered(project: Project, order: list[str]) -> list[Module]:
    """Modules in navigation order; any not in the navigation follow, by id."""
    rank = {mid: i for i, mid in enumerate(order)}
    return sorted(project.modules.values(), key=lambda m: (rank.get(m.meta["id"], len(rank)), m.meta["id"]))


def safe(text: str) -> str:
    """Markdown with any HTML neutralised: ``<b>`` shows as text, not markup."""
    return html.escape(text.strip(), quote=False)


def _quote(text: str) -> str:
    """Feedback lines as a blockquote, which mkdocs-quiz reads as per-option feedback."""
    return "\n".join(f"> {line}" if line.strip() else ">" for line in safe(text).split("\n"))


def question_marker(question: dict[str, Any]) -> str:
    """A hidden span in the question stem naming the question (and, for a fill-in,
    every accepted answer), which ``pw-quiz.js`` reads to check answers and report them."""
    attrs = f'data-pw-question="{html.escape(str(question.get("id", "")))}"'
    if question["type"] == "fill-in":
        attrs += f' data-pw-accept="{html.escape(json.dumps(accepted_answers(question)))}"'
    return f"<span hidden {attrs}></span>"


def _fill_in(question: dict[str, Any], explanation: str) -> str:
    """A fill-in: the answer and explanation (shown once it is right, or asked for) and a
    hint (shown after a wrong try) sit in the part mkdocs-quiz reveals after answering."""
    before, after = safe(question["question"]).split(BLANK, 1)
    parts = [f"{before}[[{question['answer'].strip()}]]{after}{question_marker(question)}", "", "---", ""]
    if (question.get("hint") or "").strip():
        parts += ['<div class="pw-fill-hint" markdown>', "", safe(question["hint"]), "", "</div>", ""]
    parts += ['<div class="pw-fill-answer" markdown>', "", safe(question["feedback"]), ""]
    if explanation:
        parts += [explanation, ""]
    parts += ["</div>"]
    return "<quiz>\n" + "\n".join(parts) + "\n</quiz>"


def render_question(question: dict[str, Any]) -> str:
    """One question in mkdocs-quiz syntax."""
    explanation = safe(question.get("explanation") or "")
    if question["type"] == "fill-in":
        return _fill_in(question, explanation)
    lines = [safe(question["question"]) + question_marker(question)]
    for option in question["options"]:
        mark = "x" if option["correct"] else " "
        lines.append(f"- [{mark}] {safe(option['text'])}")
        lines.append(_quote(option["feedback"]))
    if explanation:
        lines += ["", explanation]
    return "<quiz>\n" + "\n".join(lines) + "\n</quiz>"


def with_question_id(question: dict[str, Any], block: str) -> str:
    """A question's block inside an element naming its id, which the learner record keys answers on."""
    was = f' data-was="{html.escape(str(question["was"]))}"' if question.get("was") else ""
    return f'<div class="pw-question" data-question-id="{html.escape(str(question["id"]))}"{was}>\n\n{block}\n\n</div>'


def render_quiz(questions: list[dict[str, Any]]) -> str:
    """A whole bank: the reset control, every question, then the score summary."""
    blocks = [QUIZ_INTRO] + [with_question_id(q, render_question(q)) for q in questions] + [QUIZ_RESULTS]
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


def record_hooks(module: Module, markdown: str) -> str:
    """Places for the learner record's controls: a data marker, a reflection box
    at the end of the reflective activity, and 'mark as read' at the end."""
    meta = module.meta
    marker = (
        f'<div hidden data-pw-module="{html.escape(meta["id"])}" data-pw-title="{html.escape(meta["title"])}" '
        f'data-pw-minutes="{meta["minutes"]}"></div>'
    )
    box = '<div class="pw-reflection"></div>\n\n'
    markdown = re.sub(r"^## Key points", lambda m: box + m.group(0), markdown, count=1, flags=re.M)
    done = (
        '\n\n<div class="pw-mark-read" markdown>\n\n'
        "Finished? Mark the module as read. It gets a tick in the menu and on "
        "[your learning record](../my-learning.md).\n\n</div>\n"
    )
    return marker + "\n\n" + markdown.rstrip() + done


def case_links(module: Module, project: Project) -> str:
    """A box listing the full case studies that draw on a module."""
    cases = project.cases_for(module.meta["id"])
    if not cases:
        return ""
    items = "\n".join(
        f"    - [{c.meta['title']}](../case-studies/{c.meta['id']}.md), about {c.meta['minutes']} minutes"
        for c in cases
    )
    return f'!!! tip "Full case studies for this module"\n\n    Work through a longer case with decision points for each profession:\n\n{items}\n\n'


def render_module(module: Module, project: Project, markdown: str) -> str:
    """The module page: generated intro, then the author's body with the quiz put in."""
    bank = project.banks.get(module.quiz or "")
    if bank is not None:
        markdown = QUIZ_MARKER.sub(lambda _: render_quiz(bank.page), markdown, count=1)
        markdown = taskpage.add_task(markdown, bank)
    links = case_links(module, project)
    if links:
        markdown = re.sub(r"^## Case study\n", lambda m: m.group(0) + "\n" + links, markdown, count=1, flags=re.M)
    return render_intro(module, project) + "\n" + record_hooks(module, markdown)


def learner_modules(project: Project, order: list[str], prefix: str) -> str:
    """Links to every module, which the learner record reads (and shows as a list without JavaScript)."""
    items = [
        f'- [{m.meta["title"]}]({prefix}{m.meta["id"]}.md){{data-pw-id="{m.meta["id"]}" data-pw-minutes="{m.meta["minutes"]}"}}'
        for m in ordered(project, order)
    ]
    return '<div id="pw-modules" markdown>\n\n' + "\n".join(items) + "\n\n</div>"


def catalogue_page(project: Project, order: list[str]) -> str:
    """The trainers' module catalogue, built from front matter."""
    modules = ordered(project, order)
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


def module_map(project: Project, order: list[str], prefix: str = "modules/") -> str:
    """A table of every module, numbered, with its level and minutes, for the home page.

    Two columns, the number and level inside the module's cell, so it fits a
    320 px phone without scrolling or stacking."""
    rows = [
        f"| {n}. [{m.meta['title']}]({prefix}{m.meta['id']}.md)<br>"
        f'<span class="pw-level">{m.meta["level"].capitalize()}</span> | {m.meta["minutes"]} |'
        for n, m in enumerate(ordered(project, order), start=1)
    ]
    total = sum(m.meta["minutes"] for m in project.modules.values())
    return "\n".join(["| Module and level | Minutes |", "| --- | ---: |", *rows, "", f"About {total} minutes in all."])


def key_points(module: Module) -> list[str]:
    """The bullets of a module's Key points section, as written."""
    for title, _, lines in sections(module.body):
        if title == "Key points":
            return [text[2:].strip() for _, text in lines if text.startswith(("- ", "* "))]
    return []


def key_points_page(project: Project, order: list[str]) -> str:
    """Every module's key points on one page, for revision and for trainers' handouts."""
    parts = [
        "---",
        "description: The key points of every module on one page, for revision before a session or an assessment.",
        "---",
        "",
        "# Key points from every module",
        "",
        "Each module ends with its key points. Here they are together, in module order, "
        "with a link back to the full module.",
        "",
    ]
    for m in ordered(project, order):
        parts += [f"## {m.meta['title']}", "", *[f"- {point}" for point in key_points(m)], ""]
        parts += [f"[Read the module: {m.meta['title']}](modules/{m.meta['id']}.md)", ""]
    return "\n".join(parts)


def competency_page(project: Project, order: list[str]) -> str:
    """Learning outcomes grouped by IPEC competency area, with a count matrix first."""
    modules = ordered(project, order)
    header = "| Module | " + " | ".join(IPEC_AREAS) + " |"
    rows = []
    for m in modules:
        counts = [sum(1 for o in m.meta["outcomes"] if o.get("ipec") == area) for area in IPEC_AREAS]
        rows.append(
            f"| [{m.meta['title']}](../modules/{m.meta['id']}.md) | " + " | ".join(str(c) for c in counts) + " |"
        )
    totals = [sum(1 for m in modules for o in m.meta["outcomes"] if o.get("ipec") == area) for area in IPEC_AREAS]
    parts = [
        "---",
        "description: Every learning outcome on the site, mapped to the four IPEC (2023) interprofessional competency areas.",
        "---",
        "",
        "# Outcomes by competency area",
        "",
        "Each learning outcome is mapped to one of the four competency areas of the Interprofessional "
        "Education Collaborative (IPEC, 2023): " + ", ".join(IPEC_AREAS) + ". "
        "Use the matrix to check that a course covers all four, then read the outcomes under each area.",
        "",
        header,
        "| --- | " + " | ".join("---:" for _ in IPEC_AREAS) + " |",
        *rows,
        "| **All modules** | " + " | ".join(f"**{t}**" for t in totals) + " |",
        "",
    ]
    for area in IPEC_AREAS:
        parts += [f"## {area}", ""]
        items = [
            f"- {o['text'].strip()} ([{m.meta['title']}](../modules/{m.meta['id']}.md))"
            for m in modules
            for o in m.meta["outcomes"]
            if o.get("ipec") == area
        ]
        parts += items or [f"No outcome is mapped to {area} yet."]
        parts += [""]
    return "\n".join(parts)


def case_index_page(project: Project) -> str:
    """The case study index: every case, then the cases by setting and by profession."""
    cases = sorted(project.cases.values(), key=lambda c: c.meta["title"])

    def link(c: Any) -> str:
        return f"[{c.meta['title']}]({c.meta['id']}.md)"

    parts = [
        "---",
        "description: Fictional multi-agency case studies with decision points for each profession, by setting and by profession.",
        "---",
        "",
        "# Case studies",
        "",
        "Each case is a fictional composite that unfolds in stages. At each decision point, answer the questions "
        "for your own profession first, then read the others and the view of the person and their carers. "
        "The debrief links each lesson to the module that teaches it. Cases marked *content note* touch on "
        "death, abuse or violence.",
        "",
        "| Case | Minutes | Settings | Modules |",
        "| --- | ---: | --- | --- |",
    ]
    for c in cases:
        note = " *(content note)*" if c.meta["sensitive"] else ""
        mods = ", ".join(
            f"[{project.modules[m].meta['title']}](../modules/{m}.md)"
            for m in c.meta["modules"]
            if m in project.modules
        )
        parts.append(f"| {link(c)}{note} | {c.meta['minutes']} | {', '.join(c.meta['settings'])} | {mods} |")
    parts += ["", "## By setting", ""]
    for setting in SETTINGS:
        chosen = [link(c) for c in cases if setting in c.meta["settings"]]
        if chosen:
            parts.append(f"- **{setting.capitalize()}:** " + ", ".join(chosen))
    parts += ["", "## By profession", ""]
    for profession in project.professions:
        chosen = [link(c) for c in cases if profession in c.meta["professions"]]
        if chosen:
            parts.append(f"- **{profession}:** " + ", ".join(chosen))
    return "\n".join(parts) + "\n"


def course_home_page(course: Course, project: Project, order: list[str]) -> str:
    """The home page of an offline course: who it is for, outcomes, timetable, contents."""
    meta = course.meta
    modules = [project.modules[m] for m in course.modules if m in project.modules]
    cases = [project.cases[c] for c in course.cases if c in project.cases]
    audience = meta["audience"]
    who = ALL_PROFESSIONS.lower() if audience == [ALL_PROFESSIONS] else ", ".join(audience)
    total = sum(m.meta["minutes"] for m in modules) + sum(c.meta["minutes"] for c in cases)
    # No front-matter title: the theme then titles the home page with the
    # site name (the course title) alone, instead of "title - title".
    parts = [
        "---",
        f"description: {meta['description'].strip()!r}",
        "---",
        "",
        f"# {meta['title']}",
        "",
        meta["description"].strip(),
        "",
        f"**For:** {who} · **Modules:** {len(modules)} · **Case studies:** {len(cases)} · "
        f"**Time for all the material:** about {total} minutes",
        "",
        "This is an offline copy of the course. It works without a network: search, quizzes, "
        "profession lenses and your saved progress all stay on this device.",
        "",
    ]
    timetable = meta.get("timetable")
    if timetable:
        now = minutes_of(timetable["start"])
        parts += ["## Timetable", "", "| Time | Session | Minutes |", "| --- | --- | ---: |"]
        for session in timetable["sessions"]:
            if "module" in session:
                m = project.modules[session["module"]]
                label = f"Module: [{m.meta['title']}](modules/{session['module']}.md)"
            elif "case" in session:
                c = project.cases[session["case"]]
                label = f"Case study: [{c.meta['title']}](case-studies/{session['case']}.md)"
            elif "break" in session:
                label = f"*{session['break']}*"
            else:
                label = session["title"]
            parts.append(f"| {clock(now)} | {label} | {session['minutes']} |")
            now += session["minutes"]
        parts += [f"| {clock(now)} | End | |", ""]
    parts += ["## What you will learn", ""]
    for m in modules:
        parts += [f"**[{m.meta['title']}](modules/{m.meta['id']}.md)** (about {m.meta['minutes']} minutes)", ""]
        parts += [f"- {o['text'].strip()}" for o in m.meta["outcomes"]] + [""]
    if cases:
        parts += ["## Case studies", ""]
        parts += [
            f"- [{c.meta['title']}](case-studies/{c.meta['id']}.md), about {c.meta['minutes']} minutes" for c in cases
        ]
        parts += [""]
    parts += [
        "## Keep track of your learning",
        "",
        "Mark modules as read, write your reflections and print a CPD record from "
        "[My learning](my-learning.md). Unfamiliar terms are in the [glossary](glossary.md).",
        "",
    ]
    return "\n".join(parts)


def drafts(reminders: list[Problem], project: Project) -> dict[str, list[Problem]]:
    """Places still to write, by the page (``src_uri``) that shows them; a bank's go to its module page."""
    shown_by = {m.quiz: m.path for m in project.modules.values() if m.quiz}
    out: dict[str, list[Problem]] = {}
    for problem in reminders:
        path = problem.path
        if path.startswith("quizzes/"):
            path = shown_by.get(path.removeprefix("quizzes/").rsplit(".", 1)[0], "")
        if path.startswith("docs/"):
            out.setdefault(path.removeprefix("docs/"), []).append(problem)
    return out


def draft_note(reminders: list[Problem]) -> str:
    """A warning at the top of a draft page listing what is still to write (nothing for a finished page)."""
    if not reminders:
        return ""
    items = "\n".join(f"    - `{safe(p.path)}:{p.line}`: {safe(p.message)}" for p in reminders)
    return (
        f'!!! warning "Draft: {len(reminders)} place{"s" if len(reminders) != 1 else ""} still to write"\n\n'
        "    This page is not finished. A strict build (`check --strict`, publishing) stops until each is written.\n\n"
        f"{items}\n\n"
    )

"""A fictional case study: its front matter, stages, decision points and debrief."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scripts.content.modules import PERSON_LENS, TAB_LABEL, sections
from scripts.core.spec import Spec, _typed, load_front, typed
from scripts.core.yamlsrc import Located, Problem

SETTINGS = ("children", "adults", "mental health", "learning disability", "hospital", "strategic")


STAGES = (3, 4)


CASE_SPEC: Spec = {
    "id": ((str,), True, "the case id, the same as the file name"),
    "title": ((str,), True, "text"),
    "summary": ((str,), True, "one or two sentences of text"),
    "minutes": ((int,), True, "a whole number of minutes"),
    "settings": ((list,), True, "a list from: " + ", ".join(SETTINGS)),
    "professions": ((list,), True, "a list of the profession labels its lens tabs use"),
    "sensitive": ((bool,), True, "true if the case touches death, abuse or violence, else false"),
    "modules": ((list,), True, "a list of the module ids its debrief draws on"),
}


@dataclass
class Case:
    """A fictional case study page: validated front matter plus its body."""

    path: str
    meta: dict[str, Any]
    front: Located
    body: str
    body_line: int


def load_case(root: Path, path: Path, professions: list[str]) -> tuple[Case | None, list[Problem]]:
    """Read one case study and check its front matter and the shape of its stages."""
    doc, body, body_line, problems = load_front(root, path, CASE_SPEC, "case study")
    if doc is None:
        return None, problems
    meta = typed(doc.data, CASE_SPEC)
    for key in ("settings", "professions", "modules"):
        meta[key] = [item for item in meta[key] if isinstance(item, str)]
    case = Case(doc.path, meta, doc, body, body_line)
    for key, allowed in (("settings", SETTINGS), ("professions", tuple(professions))):
        for i, item in enumerate(_typed(doc, (), key, (list,)) or []):
            if item not in allowed:
                problems.append(
                    doc.problem((key, i), f"'{item}' is not allowed in {key}; use one of: {', '.join(allowed)}")
                )
    problems += _check_case_body(case, professions)
    return case, problems


def _check_case_body(case: Case, professions: list[str]) -> list[Problem]:
    problems = []

    def at(index: int, message: str) -> None:
        problems.append(Problem(case.path, case.body_line + index, message))

    found = sections(case.body)
    titles = [title for title, _, _ in found]
    stages = [t for t in titles if re.match(r"^Stage \d+\b", t)]
    expected = ["About this case", *stages, "Debrief", "Similar lessons from real inquiries", "For trainers"]
    if titles != expected:
        missing = [t for t in expected if t not in titles]
        detail = f"missing '## {missing[0]}'" if missing else "sections out of order"
        at(
            found[0][1] if found else 0,
            f"{detail}; a case has ## About this case, ## Stage 1: ... to ## Stage 3 or 4, ## Debrief, "
            "## Similar lessons from real inquiries, ## For trainers, in that order",
        )
    if not STAGES[0] <= len(stages) <= STAGES[1]:
        at(
            found[0][1] if found else 0,
            f"a case has {STAGES[0]} or {STAGES[1]} stages ('## Stage 1: ...'), not {len(stages)}",
        )
    for n, title in enumerate(stages, start=1):
        if not title.startswith(f"Stage {n}"):
            at(found[titles.index(title)][1], f"'## {title}' should be '## Stage {n}: ...'")
    allowed = [*professions, PERSON_LENS]
    for title, line, content in found:
        if title in stages:
            decision = [i for i, text in content if text.strip() == "### Decision point"]
            if not decision:
                at(line, f"'## {title}' has no '### Decision point'; end each stage with one")
                continue
            labels = [m.group(1) for i, text in content if i > decision[0] and (m := TAB_LABEL.match(text))]
            for label in labels:
                if label not in allowed:
                    at(line, f"tab '{label}' in '## {title}' is not a profession label or '{PERSON_LENS}'")
            if len({lab for lab in labels if lab in professions}) < 4:
                at(
                    decision[0],
                    f"the decision point of '## {title}' needs questions for at least 4 professions (=== \"Label\" tabs)",
                )
            if PERSON_LENS not in labels:
                at(decision[0], f"the decision point of '## {title}' needs a '=== \"{PERSON_LENS}\"' tab")
        if title == "About this case" and not any("fictional" in text.lower() for _, text in content):
            at(line, "say in '## About this case' that the case is a fictional composite")
        if title == "Debrief":
            linked = {
                m.group(1) for _, text in content for m in re.finditer(r"\]\(\.\./modules/([a-z0-9-]+)\.md", text)
            }
            for i, mid in enumerate(case.meta.get("modules") or []):
                if isinstance(mid, str) and mid not in linked:
                    problems.append(
                        case.front.problem(
                            ("modules", i),
                            f"the debrief never links module '{mid}'; link the section that teaches each point",
                        )
                    )
    if case.meta.get("sensitive") is True:
        intro = case.body.split("\n## ", 1)[0]
        if '!!! warning "Content note"' not in intro:
            at(0, 'a sensitive case starts with a content note: !!! warning "Content note"')
    return problems

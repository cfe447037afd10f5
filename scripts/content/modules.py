"""A module page: its front matter and the fixed parts of its body."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scripts.content.tasks import check_headings
from scripts.core.spec import SLUG, Spec, _typed, check_mapping, check_slug, describe, load_front, typed
from scripts.core.yamlsrc import Located, Problem

LEVELS = ("introductory", "intermediate", "advanced")


IPEC_AREAS = ("Values and Ethics", "Roles and Responsibilities", "Communication", "Teams and Teamwork")


ALL_PROFESSIONS = "All professions"


# Verbs that name a state of mind rather than something a learner can show.
VAGUE_VERBS = ("understand", "know", "learn", "appreciate", "be", "become", "grasp", "realise", "gain")


QUIZ_MARKER = re.compile(r"<!--\s*quiz:\s*(\S*?)\s*-->")


TAB_LABEL = re.compile(r'^===[+!]*\s+"([^"]*)"')


MINUTES = re.compile(r"\b\d+\s*(?:(?:-|–|to)\s*\d+\s*)?minutes?\b", re.IGNORECASE)


# The fixed parts of a module page, in order. Teaching sections go between the
# first and the second.
SECTIONS = (
    "Opening question",
    "Profession lenses",
    "Case study",
    "Reflective activity",
    "Key points",
    "Check your understanding",
    "Further reading",
)


# Real people whose deaths or abuse public reviews describe (facts.md section 2):
# a module that names them opens with a content note.
SENSITIVE_NAMES = ("Climbié", "Connelly", "Hoskin", "Winterbourne", "Clunis", "Zito", "Gloria Foster")


KEY_POINTS = (4, 7)


OUTCOMES = (3, 6)


MIN_LENSES = 3


MODULE_SPEC: Spec = {
    "id": ((str,), True, "the module id, the same as the file name"),
    "title": ((str,), True, "text"),
    "summary": ((str,), True, "one or two sentences of text"),
    "minutes": ((int,), True, "a whole number of minutes"),
    "audience": ((list,), True, "a list of profession labels"),
    "level": ((str,), True, "one of " + ", ".join(LEVELS)),
    "prerequisites": ((list,), True, "a list of module ids, or []"),
    "outcomes": ((list,), True, "a list of 3 to 6 outcomes"),
}


PERSON_LENS = "Person and carers"


OUTCOME_SPEC: Spec = {
    "id": ((str,), True, "a short id in lower-case-with-hyphens"),
    "text": ((str,), True, "text starting with a measurable verb"),
    "ipec": ((str,), True, "its IPEC competency area, one of " + ", ".join(IPEC_AREAS)),
}


@dataclass
class Module:
    """A module page: its validated front matter plus where things are in its body."""

    path: str
    meta: dict[str, Any]
    front: Located
    body: str
    body_line: int
    quiz: str | None = None
    quiz_line: int = 0


def typed_module(data: Any) -> dict[str, Any]:
    """Module front matter with every value of its type (see ``core.spec.typed``): what the build reads."""
    meta = typed(data, MODULE_SPEC)
    meta["audience"] = [a for a in meta["audience"] if isinstance(a, str)]
    meta["prerequisites"] = [p for p in meta["prerequisites"] if isinstance(p, str)]
    meta["outcomes"] = [typed(o, OUTCOME_SPEC) for o in meta["outcomes"] if isinstance(o, dict)]
    return meta


def load_module(root: Path, path: Path, professions: list[str]) -> tuple[Module | None, list[Problem]]:
    """Read one module file and check its front matter and body structure."""
    doc, body, body_line, problems = load_front(root, path, MODULE_SPEC, "module")
    if doc is None:
        return None, problems
    module = Module(doc.path, typed_module(doc.data), doc, body, body_line)
    minutes = _typed(doc, (), "minutes", (int,))
    if minutes is not None and not 5 <= minutes <= 300:
        problems.append(
            doc.problem(("minutes",), f"'minutes' is {minutes}; give the whole module's time, between 5 and 300")
        )
    level = _typed(doc, (), "level", (str,))
    if level is not None and level not in LEVELS:
        problems.append(doc.problem(("level",), f"level '{level}' is not one of {', '.join(LEVELS)}"))
    audience = _typed(doc, (), "audience", (list,))
    if audience is not None:
        if not audience:
            problems.append(
                doc.problem(("audience",), f"'audience' is empty; list profession labels or '{ALL_PROFESSIONS}'")
            )
        allowed = [*professions, ALL_PROFESSIONS]
        for i, label in enumerate(audience):
            if label not in allowed:
                problems.append(
                    doc.problem(
                        ("audience", i),
                        f"audience '{label}' is not a profession label; use one of: {', '.join(allowed)}",
                    )
                )
    prereqs = _typed(doc, (), "prerequisites", (list,))
    for i, item in enumerate(prereqs or []):
        if not isinstance(item, str):
            problems.append(
                doc.problem(("prerequisites", i), f"a prerequisite must be a module id, not {describe(item)}")
            )
    problems += _check_outcomes(doc)
    problems += _check_body(module, professions)

    problems += check_headings(module)
    return module, problems


def _check_outcomes(doc: Located) -> list[Problem]:
    outcomes = _typed(doc, (), "outcomes", (list,))
    if outcomes is None:
        return []
    problems = []
    if not OUTCOMES[0] <= len(outcomes) <= OUTCOMES[1]:
        problems.append(
            doc.problem(
                ("outcomes",), f"a module needs {OUTCOMES[0]} to {OUTCOMES[1]} learning outcomes, not {len(outcomes)}"
            )
        )
    seen: set[str] = set()
    for i, _ in enumerate(outcomes):
        where = ("outcomes", i)
        found = check_mapping(doc, where, OUTCOME_SPEC, f"outcome {i + 1}")
        problems += found
        oid = _typed(doc, where, "id", (str,))
        problems += check_slug(doc, where + ("id",), oid, "outcome id")
        if oid is not None:
            if oid in seen:
                problems.append(
                    doc.problem(where + ("id",), f"outcome id '{oid}' is used twice; give each outcome its own id")
                )
            seen.add(oid)
        text = _typed(doc, where, "text", (str,))
        if text and text.split()[0].lower().strip(",.") in VAGUE_VERBS:
            problems.append(
                doc.problem(
                    where + ("text",),
                    f"outcome '{text[:40]}' starts with '{text.split()[0]}'; start with a verb a learner can show, such as explain, compare, apply or evaluate",
                )
            )
        ipec = _typed(doc, where, "ipec", (str,))
        if ipec is not None and ipec not in IPEC_AREAS:
            problems.append(doc.problem(where + ("ipec",), f"ipec '{ipec}' is not one of: {', '.join(IPEC_AREAS)}"))
    return problems


def body_lines(body: str) -> list[tuple[int, str, bool]]:
    """(index, line, inside a fenced code block) for each body line."""
    out, fence = [], ""
    for i, line in enumerate(body.split("\n")):
        stripped = line.strip()
        marker = stripped[:3]
        if not fence and marker in ("```", "~~~"):
            fence = marker
            out.append((i, line, True))
            continue
        if fence and stripped.startswith(fence):
            fence = ""
            out.append((i, line, True))
            continue
        out.append((i, line, bool(fence)))
    return out


def sections(body: str) -> list[tuple[str, int, list[tuple[int, str]]]]:
    """The ``##`` sections of a body: (heading, line index, lines under it)."""
    found: list[tuple[str, int, list[tuple[int, str]]]] = []
    for i, line, in_code in body_lines(body):
        if not in_code and line.startswith("## "):
            found.append((line[3:].strip(), i, []))
        elif found and not in_code:
            found[-1][2].append((i, line))
    return found


def _check_body(module: Module, professions: list[str]) -> list[Problem]:
    problems = []

    def at(index: int, message: str) -> None:
        problems.append(Problem(module.path, module.body_line + index, message))

    for i, line, in_code in body_lines(module.body):
        if not in_code and line.startswith("# "):
            at(i, "remove this '# ' heading: the build writes the module title from the front matter")
        for match in QUIZ_MARKER.finditer(line):
            if module.quiz is not None:
                at(i, "a second quiz marker; a module has one quiz, so delete this line")
                continue
            module.quiz, module.quiz_line = match.group(1), module.body_line + i
            if not SLUG.match(module.quiz):
                at(i, f"quiz marker names '{module.quiz}'; write <!-- quiz: module-id -->")
    found = sections(module.body)
    titles = [title for title, _, _ in found]
    last_index = 0
    previous = None
    for wanted in SECTIONS:
        if wanted not in titles:
            where = f"after '## {previous}'" if previous else "after the introduction"
            at(last_index, f"missing section '## {wanted}'; add it {where}")
            continue
        index = titles.index(wanted)
        line_index = found[index][1]
        if previous and previous in titles and index < titles.index(previous):
            at(line_index, f"section '## {wanted}' must come after '## {previous}'")
        last_index, previous = line_index, wanted
    named = [name for name in SENSITIVE_NAMES if name in module.body]
    if named and '!!! warning "Content note"' not in module.body.split("\n## ", 1)[0]:
        at(
            0,
            f"the module names {named[0]}, so it needs a content note before '## {SECTIONS[0]}': !!! warning \"Content note\"",
        )
    if titles and titles[0] != SECTIONS[0]:
        at(found[0][1], f"the first section must be '## {SECTIONS[0]}', not '## {titles[0]}'")
    by_title = {title: (line, content) for title, line, content in found}
    if "Profession lenses" in by_title:
        line, content = by_title["Profession lenses"]
        labels = []
        for i, text in content:
            match = TAB_LABEL.match(text)
            if match:
                labels.append(match.group(1))
                if match.group(1) not in [*professions, PERSON_LENS]:
                    at(
                        i,
                        f"lens tab '{match.group(1)}' is not a profession label; use one of: {', '.join(professions)}",
                    )
        # The person's and carers' view sits beside the professions but is not one of them.
        count = len(set(labels) - {PERSON_LENS})
        if count < MIN_LENSES:
            at(
                line,
                f"'## Profession lenses' has {count} profession tabs; add at least {MIN_LENSES} (=== \"Label\")",
            )
        if PERSON_LENS not in labels:
            at(line, f"'## Profession lenses' needs a '=== \"{PERSON_LENS}\"' tab for the view of people and carers")
    if "Key points" in by_title:
        line, content = by_title["Key points"]
        count = sum(1 for _, text in content if re.match(r"^[-*] \S", text))
        if not KEY_POINTS[0] <= count <= KEY_POINTS[1]:
            at(line, f"'## Key points' has {count} bullets; write {KEY_POINTS[0]} to {KEY_POINTS[1]}")
    if "Reflective activity" in by_title:
        line, content = by_title["Reflective activity"]
        if not any(MINUTES.search(text) for _, text in content):
            at(line, "'## Reflective activity' gives no time; say how long it takes, e.g. 'About 10 minutes'")
    if "Check your understanding" in by_title:
        line, content = by_title["Check your understanding"]
        if not any(QUIZ_MARKER.search(text) for _, text in content):
            at(
                line,
                "'## Check your understanding' has no quiz; add the line <!-- quiz: "
                + str(module.meta.get("id", "module-id"))
                + " -->",
            )
    return problems

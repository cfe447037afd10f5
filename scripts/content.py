"""Load and validate every piece of authored content: modules, quiz banks, glossary.

The build hook and ``scripts/check.py`` both call :func:`load_project`, so an
author sees the same messages whether they build or only check. Every check
returns :class:`Problem` objects rather than raising, so all mistakes are
reported at once.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scripts.cues import bank_cues
from scripts.pools import (
    PAGE,
    TOTAL_MAX,
    check_bank,
    check_fill_in_terms,
    check_pools,
    check_site_patterns,
    page_questions,
)
from scripts.yamlsrc import Located, Problem, load, split_front_matter

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LEVELS = ("introductory", "intermediate", "advanced")
QUESTION_TYPES = ("single", "multiple", "fill-in")
IPEC_AREAS = ("Values and Ethics", "Roles and Responsibilities", "Communication", "Teams and Teamwork")
ALL_PROFESSIONS = "All professions"
# Verbs that name a state of mind rather than something a learner can show.
VAGUE_VERBS = ("understand", "know", "learn", "appreciate", "be", "become", "grasp", "realise", "gain")
BLANK = "___"
FILL_ANSWER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 '’.-]*$")
QUIZ_MARKER = re.compile(r"<!--\s*quiz:\s*(\S*?)\s*-->")
GLOSSARY_LINE = re.compile(r"^\*\[([^\]]+)\]:\s*(.*)$")
TAB_LABEL = re.compile(r'^===[+!]*\s+"([^"]*)"')
ABBREVIATION = re.compile(r"(?<![\w/#.-])([A-Z][A-Z0-9]*[A-Z])(?:s)?(?![\w/-])")
NOT_PROSE = [
    re.compile(r"```.*?```|~~~.*?~~~", re.S),  # fenced code
    re.compile(r"<!--.*?-->", re.S),  # comments and markers
    re.compile(r"(`+)[^\n]*?\1"),  # inline code, also ``with `ticks` inside``
    re.compile(r"\]\([^)]*\)"),  # link targets
    re.compile(r"https?://\S+|\bwww\.\S+"),  # bare addresses
    re.compile(r"\b[\w./-]+\.(?:md|ya?ml|py|txt|json|html?|css|js|pdf|zip|xml|csv)\b"),  # file names
    re.compile(r"<[^>\n]+>"),  # HTML tags
    re.compile(r"^\*\[[^\]]*\]:.*$", re.M),  # abbreviation definitions
]
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
QUESTIONS = (PAGE[0], TOTAL_MAX)
MIN_LENSES = 3

# key -> (accepted Python types, required?, what to write)
Spec = dict[str, tuple[tuple[type, ...], bool, str]]
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
SETTINGS = ("children", "adults", "mental health", "learning disability", "hospital", "strategic")
PERSON_LENS = "Person and carers"
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
OUTCOME_SPEC: Spec = {
    "id": ((str,), True, "a short id in lower-case-with-hyphens"),
    "text": ((str,), True, "text starting with a measurable verb"),
    "ipec": ((str,), True, "its IPEC competency area, one of " + ", ".join(IPEC_AREAS)),
}
PAGE_SPEC: Spec = {
    "title": ((str,), False, "text"),
    "description": ((str,), True, "one sentence describing the page for search results"),
    "hide": ((list,), False, "a list such as [toc]"),
    "search": ((dict,), False, "a mapping such as {exclude: true}"),
}
BANK_SPEC: Spec = {
    "module": ((str,), True, "the id of the module this bank belongs to"),
    "questions": ((list,), True, f"a list of {QUESTIONS[0]} to {QUESTIONS[1]} questions"),
    "contrasts": ((dict,), False, "a mapping: contrast set id -> the detail that changes between its items"),
    "task": ((dict,), False, "the module's written task: id, outcome, title, brief, words, rubric, model_answer"),
}
QUESTION_SPEC: Spec = {
    "id": ((str,), True, "a short id in lower-case-with-hyphens, unique in the bank"),
    "was": ((str,), False, "the question's old id, so saved answers follow it (only if nothing else changed)"),
    "outcome": ((str,), True, "the id of a learning outcome in the module's front matter"),
    "contrast": ((str,), False, "the id of the contrast set this item belongs to, declared under 'contrasts:'"),
    "type": ((str,), True, "one of " + ", ".join(QUESTION_TYPES)),
    "question": ((str,), True, "Markdown text"),
    "options": ((list,), False, "a list of options"),
    "answer": ((str,), False, "the word or phrase that fills the blank"),
    "accept": ((list,), False, "a list of other answers to accept: plurals, spellings, hyphenation, synonyms"),
    "hint": ((str,), False, "Markdown shown after a wrong fill-in attempt; a nudge that never gives the answer"),
    "feedback": ((str,), False, "Markdown text shown after answering"),
    "explanation": ((str,), False, "Markdown text shown after answering"),
}
OPTION_SPEC: Spec = {
    "text": ((str,), True, "one line of Markdown"),
    "correct": ((bool,), True, "true or false"),
    "feedback": ((str,), True, "why this option is right or wrong, and where to read more"),
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


@dataclass
class Case:
    """A fictional case study page: validated front matter plus its body."""

    path: str
    meta: dict[str, Any]
    front: Located
    body: str
    body_line: int


@dataclass
class Bank:
    """A quiz bank: the single source of a module's questions."""

    path: str
    doc: Located

    @property
    def module(self) -> str:
        return str(self.doc.data.get("module", ""))

    @property
    def questions(self) -> list[dict[str, Any]]:
        """Every item: the module page's and the pool's (the course-end test and LMS pools draw on all)."""
        return list(self.doc.data.get("questions") or [])

    @property
    def page(self) -> list[dict[str, Any]]:
        """The items the module page shows: each contrast set's first item and every item not in a set."""
        return page_questions(self.questions)


@dataclass
class Project:
    """Everything authored, loaded from one project folder."""

    root: Path
    modules: dict[str, Module] = field(default_factory=dict)
    banks: dict[str, Bank] = field(default_factory=dict)
    cases: dict[str, Case] = field(default_factory=dict)
    glossary: list[tuple[str, str]] = field(default_factory=list)
    professions: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    unreadable_banks: set[str] = field(default_factory=set)

    def cases_for(self, module_id: str) -> list[Case]:
        """The case studies whose debrief draws on a module, by title."""
        found = [c for c in self.cases.values() if module_id in (c.meta.get("modules") or [])]
        return sorted(found, key=lambda c: c.meta["title"])

    def module_at(self, src_uri: str) -> Module | None:
        """The module whose file is ``docs/<src_uri>``, if any."""
        for module in self.modules.values():
            if module.path == f"docs/{src_uri}":
                return module
        return None


def read(path: Path, rel: str) -> tuple[str | None, list[Problem]]:
    """A file's text, or a problem if it is not UTF-8 text."""
    try:
        return path.read_text(encoding="utf-8"), []
    except UnicodeDecodeError as err:
        return None, [Problem(rel, 1, f"not UTF-8 text (byte {err.start}); save the file as UTF-8")]


def describe(value: Any) -> str:
    """Name a YAML value's type the way an author would say it."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, str):
        short = value if len(value) <= 30 else value[:27] + "..."
        return f"text ('{short}')"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping of keys"
    return type(value).__name__


def _is(value: Any, types: tuple[type, ...]) -> bool:
    if isinstance(value, bool) and bool not in types:
        return False
    return isinstance(value, types)


def check_mapping(doc: Located, where: tuple[Any, ...], spec: Spec, what: str) -> list[Problem]:
    """Check keys and value types of the mapping at ``where`` against ``spec``."""
    value = _get(doc.data, where)
    if not isinstance(value, dict):
        return [doc.problem(where, f"{what} must be a set of 'key: value' lines, not {describe(value)}")]
    problems = []
    for key in value:
        if key not in spec:
            close = difflib.get_close_matches(str(key), list(spec), n=1)
            hint = f"did you mean '{close[0]}'?" if close else "allowed keys: " + ", ".join(spec)
            problems.append(doc.problem(where + (key,), f"unknown key '{key}' in {what}; {hint}"))
    for key, (types, required, human) in spec.items():
        if key not in value:
            if required:
                problems.append(doc.problem(where, f"{what} has no '{key}'; add '{key}:' with {human}"))
        elif not _is(value[key], types):
            problems.append(doc.problem(where + (key,), f"'{key}' must be {human}, not {describe(value[key])}"))
        elif isinstance(value[key], str) and not value[key].strip():
            problems.append(doc.problem(where + (key,), f"'{key}' is empty; write {human}"))
    return problems


def _get(data: Any, where: tuple[Any, ...]) -> Any:
    for key in where:
        data = data[key]
    return data


def _typed(doc: Located, where: tuple[Any, ...], key: str, types: tuple[type, ...]) -> Any:
    """The value at ``where + (key,)`` if it has the right type, else None."""
    value = _get(doc.data, where)
    if isinstance(value, dict) and key in value and _is(value[key], types):
        return value[key]
    return None


def check_slug(doc: Located, where: tuple[Any, ...], value: Any, what: str) -> list[Problem]:
    if isinstance(value, str) and not SLUG.match(value):
        return [
            doc.problem(
                where, f"{what} '{value}' must be lower-case letters, digits and single hyphens, e.g. 'why-partnership'"
            )
        ]
    return []


# --------------------------------------------------------------------------- modules


def load_front(root: Path, path: Path, spec: Spec, what: str) -> tuple[Located | None, str, int, list[Problem]]:
    """Read a page with required front matter: (front matter, body, body's first line, problems).

    Checks the front matter's keys and types against ``spec`` and the id
    against the file name. Returns None for the front matter when it is missing
    or is not a mapping, so the caller stops there.
    """
    rel = path.relative_to(root).as_posix()
    text, problems = read(path, rel)
    if text is None:
        return None, "", 1, problems
    front, body, body_line = split_front_matter(text)
    if front is None:
        return (
            None,
            body,
            body_line,
            [Problem(rel, 1, f"{what} has no front matter; start the file with '---', its keys, then '---'")],
        )
    doc, problems = load(front, rel, line_offset=1)
    if doc is None:
        return None, body, body_line, problems
    doc.data = {} if doc.data is None else doc.data
    problems += check_mapping(doc, (), spec, f"{what} front matter")
    if not isinstance(doc.data, dict):
        return None, body, body_line, problems
    ident = _typed(doc, (), "id", (str,))
    problems += check_slug(doc, ("id",), ident, f"{what} id")
    if ident is not None and ident != path.stem:
        problems.append(
            doc.problem(("id",), f"{what} id '{ident}' must match the file name '{path.stem}'; rename one of them")
        )
    return doc, body, body_line, problems


def load_module(root: Path, path: Path, professions: list[str]) -> tuple[Module | None, list[Problem]]:
    """Read one module file and check its front matter and body structure."""
    doc, body, body_line, problems = load_front(root, path, MODULE_SPEC, "module")
    if doc is None:
        return None, problems
    meta = doc.data
    module = Module(doc.path, meta, doc, body, body_line)
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
    from scripts.tasks import check_headings  # tasks builds on this module

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


def load_case(root: Path, path: Path, professions: list[str]) -> tuple[Case | None, list[Problem]]:
    """Read one case study and check its front matter and the shape of its stages."""
    doc, body, body_line, problems = load_front(root, path, CASE_SPEC, "case study")
    if doc is None:
        return None, problems
    case = Case(doc.path, doc.data, doc, body, body_line)
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


# --------------------------------------------------------------------------- quiz banks


def load_bank(root: Path, path: Path) -> tuple[Bank | None, list[Problem]]:
    """Read one quiz bank and check everything that does not need its module."""
    rel = path.relative_to(root).as_posix()
    text, problems = read(path, rel)
    if text is None:
        return None, problems
    doc, problems = load(text, rel)
    if doc is None:
        return None, problems
    problems += check_mapping(doc, (), BANK_SPEC, "quiz bank")
    if not isinstance(doc.data, dict):
        return None, problems
    from scripts.tasks import check_task  # tasks builds on this module

    problems += check_task(doc)
    bank = Bank(rel, doc)
    questions = _typed(doc, (), "questions", (list,))
    if questions is None:
        return bank, problems
    if not QUESTIONS[0] <= len(questions) <= QUESTIONS[1]:
        problems.append(
            doc.problem(
                ("questions",), f"a bank needs {QUESTIONS[0]} to {QUESTIONS[1]} questions, not {len(questions)}"
            )
        )
    seen: set[str] = set()
    for i, _ in enumerate(questions):
        where = ("questions", i)
        problems += check_mapping(doc, where, QUESTION_SPEC, f"question {i + 1}")
        qid = _typed(doc, where, "id", (str,))
        problems += check_slug(doc, where + ("id",), qid, "question id")
        if qid is not None:
            if qid in seen:
                problems.append(
                    doc.problem(where + ("id",), f"question id '{qid}' is used twice; ids must be unique in a bank")
                )
            seen.add(qid)
        problems += _check_question(doc, where)
    problems += bank_cues(doc) + check_bank(doc)
    return bank, problems


def _check_question(doc: Located, where: tuple[Any, ...]) -> list[Problem]:
    qtype = _typed(doc, where, "type", (str,))
    data = _get(doc.data, where)
    if not isinstance(data, dict) or qtype is None:
        return []
    if qtype not in QUESTION_TYPES:
        return [doc.problem(where + ("type",), f"type '{qtype}' is not one of {', '.join(QUESTION_TYPES)}")]
    if qtype == "fill-in":
        return _check_fill_in(doc, where, data)
    problems = []
    for key in ("answer",):
        if key in data:
            problems.append(
                doc.problem(where + (key,), f"'{key}' is only for fill-in questions; delete it or use type: fill-in")
            )
    if "feedback" in data:
        problems.append(
            doc.problem(
                where + ("feedback",),
                "question-level 'feedback' is only for fill-in questions; put feedback on each option, or use 'explanation'",
            )
        )
    options = _typed(doc, where, "options", (list,))
    if "options" not in data:
        return problems + [doc.problem(where, f"a {qtype} question needs 'options:', a list of at least 2 options")]
    if options is None:
        return problems
    if len(options) < 2:
        message = "has no options" if not options else "has only one option"
        return problems + [
            doc.problem(
                where + ("options",), f"question {message}; give at least 2, each with text, correct and feedback"
            )
        ]
    texts: dict[str, int] = {}
    correct = 0
    for j, _ in enumerate(options):
        owhere = where + ("options", j)
        problems += check_mapping(doc, owhere, OPTION_SPEC, f"option {j + 1}")
        text = _typed(doc, owhere, "text", (str,))
        if text is not None:
            if "\n" in text.strip():
                problems.append(
                    doc.problem(owhere + ("text",), "option text must be one line; move detail into its feedback")
                )
            key = text.strip().lower()
            if key in texts:
                problems.append(
                    doc.problem(
                        owhere + ("text",), f"option text repeats option {texts[key] + 1}; every option must differ"
                    )
                )
            texts[key] = j
        if _typed(doc, owhere, "correct", (bool,)):
            correct += 1
    if correct == 0:
        problems.append(doc.problem(where + ("options",), "no option is marked 'correct: true'; mark the right answer"))
    elif qtype == "single" and correct > 1:
        problems.append(
            doc.problem(
                where + ("options",),
                f"a single-choice question has {correct} correct options; mark exactly one, or use type: multiple",
            )
        )
    elif qtype == "multiple" and correct == 1:
        problems.append(
            doc.problem(
                where + ("type",),
                "a multiple-choice question has only 1 correct option; mark two or more, or use type: single",
            )
        )
    return problems


def _check_fill_in(doc: Located, where: tuple[Any, ...], data: dict[str, Any]) -> list[Problem]:
    problems = []
    if "options" in data:
        problems.append(
            doc.problem(where + ("options",), "a fill-in question has no options; delete 'options' and give 'answer'")
        )
    for key in ("answer", "feedback"):
        if key not in data:
            problems.append(doc.problem(where, f"a fill-in question needs '{key}:'"))
    question = _typed(doc, where, "question", (str,))
    if question is not None and question.count(BLANK) != 1:
        problems.append(
            doc.problem(
                where + ("question",),
                f"a fill-in question must contain exactly one blank written {BLANK}, not {question.count(BLANK)}",
            )
        )
    answer = _typed(doc, where, "answer", (str,))
    if answer is not None and not FILL_ANSWER.match(answer.strip()):
        problems.append(
            doc.problem(
                where + ("answer",),
                "a fill-in answer is one short word or phrase of letters, digits, spaces, hyphens or apostrophes",
            )
        )
    accept = _typed(doc, where, "accept", (list,))
    for j, variant in enumerate(accept or []):
        if not isinstance(variant, str) or not FILL_ANSWER.match(variant.strip()):
            problems.append(
                doc.problem(
                    where + ("accept", j),
                    "each accepted answer is one short word or phrase of letters, digits, spaces, hyphens or apostrophes",
                )
            )
    hint = _typed(doc, where, "hint", (str,))
    if hint is not None and isinstance(answer, str):
        for variant in accepted_answers(data):
            if re.search(rf"\b{re.escape(variant)}\b", hint, re.I):
                problems.append(
                    doc.problem(
                        where + ("hint",),
                        f"the hint gives the answer away ('{variant}'); nudge the learner towards it instead",
                    )
                )
                break
    return problems


def accepted_answers(question: dict[str, Any]) -> list[str]:
    """Every answer a fill-in accepts, the main answer first, each once (case-insensitive).

    One list feeds the site's quiz, the QTI files and Moodle XML, so that a
    variant accepted online is accepted in every LMS too.
    """
    seen: dict[str, str] = {}
    for value in [question.get("answer"), *(question.get("accept") or [])]:
        if isinstance(value, str) and value.strip() and value.strip().lower() not in seen:
            seen[value.strip().lower()] = value.strip()
    return list(seen.values())


# --------------------------------------------------------------------------- glossary and professions


def load_glossary(root: Path) -> tuple[list[tuple[str, str]], list[Problem]]:
    """Read ``includes/glossary.md``: one ``*[TERM]: definition`` line per term."""
    path = root / "includes" / "glossary.md"
    rel = "includes/glossary.md"
    if not path.exists():
        return [], [
            Problem(rel, 1, "the glossary file is missing; create it with one '*[TERM]: definition' line per term")
        ]
    entries: list[tuple[str, str]] = []
    seen: dict[str, int] = {}
    text, problems = read(path, rel)
    for n, line in enumerate((text or "").split("\n"), start=1):
        if not line.strip() or line.startswith("<!--"):
            continue
        match = GLOSSARY_LINE.match(line)
        if not match or not match.group(2).strip():
            problems.append(Problem(rel, n, "write each glossary line as '*[TERM]: definition'"))
            continue
        term, definition = match.group(1).strip(), match.group(2).strip()
        if term in seen:
            problems.append(Problem(rel, n, f"'{term}' is already defined on line {seen[term]}; keep one definition"))
            continue
        if '"' in definition:
            problems.append(Problem(rel, n, f"the definition of '{term}' contains a double quote; use single quotes"))
        seen[term] = n
        entries.append((term, definition))
    return entries, problems


def undefined_abbreviations(text: str, terms: set[str]) -> list[tuple[int, str]]:
    """(line, abbreviation) for each capitalised abbreviation in ``text`` that the glossary lacks.

    Code, link targets, HTML and comments are blanked first (keeping line breaks,
    so line numbers stay right), and multi-word glossary terms such as 'CC BY'
    are removed so their parts are not mistaken for abbreviations.
    """

    def blank(match: re.Match[str]) -> str:
        return re.sub(r"[^\n]", " ", match.group(0))

    for pattern in NOT_PROSE:
        text = pattern.sub(blank, text)
    phrases = sorted((t for t in terms if " " in t), key=len, reverse=True)
    if phrases:
        combined = re.compile(r"\b(?:" + "|".join(re.escape(t) for t in phrases) + r")\b")
        text = combined.sub(lambda m: " " * len(m.group(0)), text)
    found, seen = [], set()
    for n, line in enumerate(text.split("\n"), start=1):
        for match in ABBREVIATION.finditer(line):
            word = match.group(1)
            if word not in terms and word not in seen and word != "TODO":  # TODOs are reported as such
                seen.add(word)
                found.append((n, word))
    return found


def empty_table_headers(text: str) -> list[int]:
    """Lines (1-based) of Markdown table headers with an empty cell, which screen readers cannot name."""
    lines = text.split("\n")
    found = []
    for i in range(len(lines) - 1):
        header, rule = lines[i].strip(), lines[i + 1].strip()
        if header.startswith("|") and re.match(r"^\|(\s*:?-{3,}:?\s*\|)+$", rule):
            cells = header.strip("|").split("|")
            if any(not cell.strip() for cell in cells):
                found.append(i + 1)
    return found


def check_abbreviations(root: Path, terms: set[str]) -> list[Problem]:
    """Every abbreviation used on a page or in a quiz bank is defined in the glossary,
    and every table header cell has text."""
    problems = []
    paths = [*sorted((root / "docs").rglob("*.md")), *sorted((root / "quizzes").glob("*.y*ml"))]
    for path in paths:
        rel = path.relative_to(root).as_posix()
        text, _ = read(path, rel)
        for line in empty_table_headers(text or ""):
            problems.append(Problem(rel, line, "a table header cell is empty; give every column a heading"))
        for line, word in undefined_abbreviations(text or "", terms):
            problems.append(
                Problem(
                    rel,
                    line,
                    f"abbreviation '{word}' is not in includes/glossary.md; add '*[{word}]: what it stands for and means' there",
                )
            )
    return problems


def load_professions(root: Path) -> tuple[list[str], list[Problem]]:
    rel = "includes/professions.yml"
    path = root / rel
    if not path.exists():
        return [], [
            Problem(rel, 1, "the profession list is missing; create it with 'professions:' and a list of labels")
        ]
    text, problems = read(path, rel)
    doc, more = load(text or "", rel)
    problems += more
    if doc is None:
        return [], problems
    labels = doc.data.get("professions") if isinstance(doc.data, dict) else None
    if not isinstance(labels, list) or not all(isinstance(x, str) for x in labels) or not labels:
        return [], problems + [doc.problem(("professions",), "'professions' must be a list of labels")]
    return labels, problems


# --------------------------------------------------------------------------- the whole project


def load_project(root: Path) -> Project:
    """Load every module, bank and glossary entry under ``root`` and cross-check them."""
    project = Project(root)
    project.professions, problems = load_professions(root)
    project.glossary, more = load_glossary(root)
    problems += more
    docs = root / "docs"
    for path in sorted(docs.rglob("*.md")):
        if path.parent == docs / "case-studies":
            case, more = load_case(root, path, project.professions)
            problems += more
            if case is not None and isinstance(case.meta.get("id"), str):
                project.cases[case.meta["id"]] = case
        elif path.parent == docs / "modules":
            module, more = load_module(root, path, project.professions)
            problems += more
            if module is not None and isinstance(module.meta.get("id"), str):
                project.modules[module.meta["id"]] = module
        else:
            problems += load_page(root, path)
    for path in sorted((root / "quizzes").glob("*.y*ml")):
        bank, more = load_bank(root, path)
        problems += more
        if bank is not None:
            project.banks[path.stem] = bank
        else:
            project.unreadable_banks.add(path.stem)
    problems += cross_check(project)
    problems += check_abbreviations(root, {term for term, _ in project.glossary})
    from scripts.sitecheck import check_sources  # here, not at the top: sitecheck imports this module

    problems += check_sources(project)
    project.problems = sorted(set(problems))
    return project


def cross_check(project: Project) -> list[Problem]:
    """Checks that need two files: quiz marker and bank, outcomes and questions, prerequisites."""
    problems = []
    used: set[str] = set()
    for mid, module in project.modules.items():
        for i, item in enumerate(module.meta.get("prerequisites") or []):
            if isinstance(item, str) and (item not in project.modules or item == mid):
                problems.append(
                    module.front.problem(("prerequisites", i), f"prerequisite '{item}' is not another module's id")
                )
        notes = f"docs/trainers/notes/{mid}.md"
        if not (project.root / notes).exists():
            problems.append(Problem(module.path, 1, f"module has no facilitator notes; create {notes}"))
        if module.quiz is None:
            continue
        bank = project.banks.get(module.quiz)
        if module.quiz in project.unreadable_banks:
            continue
        if bank is None:
            problems.append(
                Problem(
                    module.path,
                    module.quiz_line,
                    f"asks for quiz bank '{module.quiz}' but quizzes/{module.quiz}.yml does not exist; create it or fix the id",
                )
            )
            continue
        used.add(module.quiz)
        from scripts.tasks import check_task_outcome  # tasks builds on this module

        problems += check_task_outcome(bank, module)
        if bank.module != mid:
            problems.append(
                bank.doc.problem(
                    ("module",),
                    f"bank says module '{bank.module}' but is used by module '{mid}'; write 'module: {mid}'",
                )
            )
        outcomes = {o.get("id"): n for n, o in enumerate(module.meta.get("outcomes") or []) if isinstance(o, dict)}
        assessed = set()
        for i, question in enumerate(bank.questions):
            if not isinstance(question, dict) or not isinstance(question.get("outcome"), str):
                continue
            oid = question["outcome"]
            assessed.add(oid)
            if oid not in outcomes:
                known = ", ".join(str(o) for o in outcomes) or "none"
                problems.append(
                    bank.doc.problem(
                        ("questions", i, "outcome"),
                        f"outcome '{oid}' is not defined in {module.path} (its outcomes: {known})",
                    )
                )
        problems += check_pools(bank.doc, module.meta.get("outcomes") or [], module.front, module.path)
        problems += check_fill_in_terms(bank.doc, module.body)
        for oid, n in outcomes.items():
            if oid not in assessed:
                problems.append(
                    module.front.problem(
                        ("outcomes", n, "id"),
                        f"outcome '{oid}' is not assessed by any question in {bank.path}; add a question with 'outcome: {oid}'",
                    )
                )
    for cid, case in project.cases.items():
        for i, mid in enumerate(case.meta.get("modules") or []):
            if isinstance(mid, str) and mid not in project.modules:
                problems.append(case.front.problem(("modules", i), f"module '{mid}' does not exist; use a module id"))
        guidance = f"docs/trainers/cases/{cid}.md"
        if not (project.root / guidance).exists():
            problems.append(Problem(case.path, 1, f"case has no trainer guidance; create {guidance}"))
    problems += check_site_patterns([(b.doc, b.questions) for b in project.banks.values()])
    for name, bank in project.banks.items():
        if name not in used:
            problems.append(
                Problem(
                    bank.path, 1, f"no module uses this bank; add <!-- quiz: {name} --> to a module or delete the file"
                )
            )
    return problems

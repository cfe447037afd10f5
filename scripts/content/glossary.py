"""The glossary (hover definitions), abbreviations in every page, and the profession labels."""

from __future__ import annotations

import re
from pathlib import Path

from scripts.core.spec import read
from scripts.core.yamlsrc import Problem, load

GLOSSARY_LINE = re.compile(r"^\*\[([^\]]+)\]:\s*(.*)$")


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

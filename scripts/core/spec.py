"""Checking plain YAML data against a small schema, with one message per mistake.

Every loader (modules, cases, banks, courses, tasks, the source register) reads
YAML into :class:`~scripts.core.yamlsrc.Located` data and checks it here, so
the messages read the same everywhere: file, line, what is wrong, what to write.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path
from typing import Any

from scripts.core.yamlsrc import Located, Problem, load, split_front_matter

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


# key -> (accepted Python types, required?, what to write)
Spec = dict[str, tuple[tuple[type, ...], bool, str]]


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


def typed(data: Any, spec: Spec) -> dict[str, Any]:
    """A copy of ``data`` in which every key of ``spec`` holds a value of its type.

    A wrong or missing value becomes the empty value of the first allowed type
    (0, "", [], {}, False). The checks have already reported it; this copy is
    what the rest of the build reads, so a mistake can never become a traceback
    later (``minutes: twenty`` once crashed the course check).
    """
    out = dict(data) if isinstance(data, dict) else {}
    for key, (types, _required, _human) in spec.items():
        if not _is(out.get(key), types):
            out[key] = types[0]()
    return out


def check_mapping(doc: Located, where: tuple[Any, ...], spec: Spec, what: str) -> list[Problem]:
    """Check keys and value types of the mapping at ``where`` against ``spec``."""
    value = _get(doc.data, where)
    if not isinstance(value, dict):
        return [doc.problem(where, f"{what} must be a set of 'key: value' lines, not {describe(value)}")]
    problems = []
    for key in list(value):
        if key not in spec:
            close = difflib.get_close_matches(str(key), list(spec), n=1)
            hint = f"did you mean '{close[0]}'?" if close else "allowed keys: " + ", ".join(spec)
            problems.append(doc.problem(where + (key,), f"unknown key '{key}' in {what}; {hint}"))
            if close and close[0] not in value:
                # One mistake, one line: read the misspelt key as the one meant, so the
                # checks after this one do not also report the key as missing.
                value[close[0]] = value[key]
                doc.lines.setdefault(where + (close[0],), doc.line(where + (key,)))
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

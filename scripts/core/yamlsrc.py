"""Load YAML and remember the line of every key and value.

Authors need one line per mistake that names the file and line. PyYAML's
``safe_load`` throws line numbers away and silently keeps the last of two
duplicate keys, so this module walks the composed node tree itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

Path_ = tuple[Any, ...]


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in one file, printed as ``path:line: message``.

    A ``reminder`` is not a mistake but a place still to write (a ``TODO`` a
    scaffold left): a draft builds and serves with it, and only a strict check
    or build (``check --strict``, CI, publishing) fails on it.
    """

    path: str
    line: int
    message: str
    reminder: bool = field(default=False, compare=False)

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass
class Located:
    """Plain Python data plus the 1-based line of every key path in it."""

    data: Any
    lines: dict[Path_, int]
    path: str

    def line(self, where: Path_) -> int:
        """The line of ``where``, or of its nearest ancestor that has one."""
        where = tuple(where)
        while where and where not in self.lines:
            where = where[:-1]
        return self.lines.get(where, 1)

    def problem(self, where: Path_, message: str) -> Problem:
        return Problem(self.path, self.line(where), message)


_constructor = yaml.constructor.SafeConstructor()


def _walk(node: yaml.Node, where: Path_, lines: dict[Path_, int], problems: list[str], offset: int) -> Any:
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = _constructor.construct_object(key_node, deep=True)
            key_line = key_node.start_mark.line + 1 + offset
            if isinstance(key, (list, dict)):
                problems.append(f"{key_line}\tkeys must be plain text")
                continue
            if key in out:
                problems.append(f"{key_line}\tduplicate key '{key}': delete one of the two '{key}:' lines")
            lines[where + (key,)] = key_line
            out[key] = _walk(value_node, where + (key,), lines, problems, offset)
        return out
    if isinstance(node, yaml.SequenceNode):
        items = []
        for i, item in enumerate(node.value):
            lines[where + (i,)] = item.start_mark.line + 1 + offset
            items.append(_walk(item, where + (i,), lines, problems, offset))
        return items
    return _constructor.construct_object(node, deep=True)


def load(text: str, path: str, line_offset: int = 0) -> tuple[Located | None, list[Problem]]:
    """Parse ``text`` as one YAML document.

    ``line_offset`` is added to every line, for YAML that starts part-way into a
    file (front matter). Returns ``(None, problems)`` when the YAML cannot be
    parsed at all, so callers report the syntax error and skip validation.
    """
    try:
        node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = (mark.line + 1 if mark else 1) + line_offset
        what = (err.problem or err.context or "invalid YAML").strip()
        return None, [
            Problem(
                path,
                line,
                f"YAML syntax error: {what}; check the indentation, the colon after each key and the quoting",
            )
        ]
    except yaml.YAMLError as err:  # pragma: no cover - every PyYAML parse error is marked
        return None, [Problem(path, 1 + line_offset, f"YAML error: {err}")]
    lines: dict[Path_, int] = {(): 1 + line_offset}
    raw: list[str] = []
    data = None if node is None else _walk(node, (), lines, raw, line_offset)
    problems = [Problem(path, int(item.split("\t")[0]), item.split("\t")[1]) for item in raw]
    return Located(data, lines, path), problems


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Split a Markdown file into (front matter YAML, body, body's first line number).

    The front matter is the block between a first line ``---`` and the next
    ``---`` line, as MkDocs reads it. Returns ``None`` for the YAML when there is
    no front matter.
    """
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return None, text, 1
    for i in range(1, len(lines)):
        if lines[i].strip() in ("---", "..."):
            return "\n".join(lines[1:i]), "\n".join(lines[i + 1 :]), i + 2
    return None, text, 1

"""The site menu (``nav`` in mkdocs.yml): every page is in it, every entry has a file.

MkDocs warns about both, and the strict build then stops, but its message
names neither a line nor the fix. This reads mkdocs.yml with line numbers so the
check can say which line to add (or delete), and ``scripts/new.py`` can add it.
"""

from __future__ import annotations

import difflib
import fnmatch
import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from scripts.core.yamlsrc import Problem

CONFIG = "mkdocs.yml"


@dataclass
class NavEntry:
    """One page entry in ``nav``: its docs-relative path and the mkdocs.yml line it is on."""

    path: str
    line: int
    prefix: str  # the text before the path on that line, e.g. '      - ' or '      - Glossary: '


@dataclass
class Config:
    """The parts of mkdocs.yml the content checks need, with lines."""

    text: str
    nav: list[Any] = field(default_factory=list)  # plain data, as MkDocs reads it
    entries: list[NavEntry] = field(default_factory=list)
    auto_append: list[str] = field(default_factory=list)  # snippets appended to every page
    ignore: list[str] = field(default_factory=list)  # exclude_docs and not_in_nav patterns
    nav_line: int = 0
    has_nav: bool = False  # without nav, MkDocs lists every page itself


def _scalar(node: yaml.Node) -> Any:
    return node.value if isinstance(node, yaml.ScalarNode) else None


def _mapping(node: yaml.Node) -> dict[str, yaml.Node]:
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(_scalar(k)): v for k, v in node.value}


def _walk_nav(node: yaml.Node, lines: list[str], entries: list[NavEntry]) -> Any:
    """Plain nav data from the YAML node, recording every page path and its line."""
    if isinstance(node, yaml.SequenceNode):
        return [_walk_nav(item, lines, entries) for item in node.value]
    if isinstance(node, yaml.MappingNode):
        return {str(_scalar(k)): _walk_nav(v, lines, entries) for k, v in node.value}
    value = str(_scalar(node) or "")
    if value and "://" not in value:
        line = node.start_mark.line
        text = lines[line] if line < len(lines) else ""
        entries.append(NavEntry(value, line + 1, text[: node.start_mark.column]))
    return value


def read_config(root: Path) -> tuple[Config, list[Problem]]:
    """Parse mkdocs.yml without constructing tags such as ``!ENV`` (composing keeps lines)."""
    path = root / CONFIG
    if not path.exists():  # no site configuration (a bare content folder): nothing to compare with
        return Config(""), []
    try:
        text = path.read_text(encoding="utf-8")
        node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, UnicodeDecodeError) as err:
        return Config(""), [Problem(CONFIG, 1, f"cannot read the site configuration ({err})")]
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        return Config(""), [
            Problem(CONFIG, (mark.line + 1) if mark else 1, f"YAML syntax error: {err.problem}; check the indentation")
        ]
    config = Config(text)
    top = _mapping(node)
    lines = text.split("\n")
    if "nav" in top:
        config.has_nav = True
        config.nav_line = top["nav"].start_mark.line
        config.nav = _walk_nav(top["nav"], lines, config.entries)
    for key in ("exclude_docs", "not_in_nav"):
        value = _scalar(top[key]) if key in top else None
        if isinstance(value, str):
            config.ignore += [p.strip() for p in value.split("\n") if p.strip() and not p.strip().startswith("#")]
    for ext in _sequence(top.get("markdown_extensions")):
        options = _mapping(ext).get("pymdownx.snippets")
        if options is not None:
            config.auto_append += [str(_scalar(n)) for n in _sequence(_mapping(options).get("auto_append"))]
    return config, []


def _sequence(node: yaml.Node | None) -> list[yaml.Node]:
    return list(node.value) if isinstance(node, yaml.SequenceNode) else []


def ignored(path: str, patterns: list[str]) -> bool:
    """Whether a docs-relative path matches an exclude_docs / not_in_nav pattern (gitignore style)."""
    for pattern in patterns:
        anchored = pattern.startswith("/")
        pat = pattern.lstrip("/")
        if pat.endswith("/"):
            if path.startswith(pat) or (not anchored and f"/{pat}" in f"/{path}"):
                return True
        elif fnmatch.fnmatch(path, pat) or (not anchored and fnmatch.fnmatch(posixpath.basename(path), pat)):
            return True
    return False


def insertion(config: Config, path: str) -> tuple[int, str]:
    """Where a new page belongs in nav: (the line to add it after, the line to add).

    After the last entry in the same folder, with its indentation; else after
    the last entry of the whole menu.
    """
    folder = posixpath.dirname(path)
    same = [e for e in config.entries if posixpath.dirname(e.path) == folder and "/" in e.path]
    if not same and folder:
        same = [e for e in config.entries if e.path.startswith(folder.split("/")[0] + "/")]
    anchor = max(same or config.entries, key=lambda e: e.line, default=None)
    if anchor is None:
        return config.nav_line + 1, f"  - {path}"
    indent = anchor.prefix[: len(anchor.prefix) - len(anchor.prefix.lstrip())]
    return anchor.line, f"{indent}- {path}"


def check_nav(config: Config, authored: set[str], generated: set[str]) -> list[Problem]:
    """Every authored page is in nav (or excluded) and every nav entry has a page."""
    if not config.has_nav:
        return []
    problems = []
    listed = {e.path for e in config.entries}
    known = authored | generated
    for entry in config.entries:
        if entry.path not in known and not ignored(entry.path, config.ignore):
            close = difflib.get_close_matches(entry.path, sorted(known - listed), n=1)
            hint = f"did you mean '{close[0]}'?" if close else "create the page or delete this line"
            problems.append(
                Problem(CONFIG, entry.line, f"nav entry '{entry.path}' has no file docs/{entry.path}; {hint}")
            )
    lines = config.text.split("\n")
    for page in sorted(authored - listed):
        if ignored(page, config.ignore):
            continue
        after, add = insertion(config, page)
        shown = lines[after - 1].strip() if 0 < after <= len(lines) else ""
        problems.append(
            Problem(
                f"docs/{page}",
                1,
                f"this page is not in the site menu; add the line '{add.strip()}' to {CONFIG} "
                f"after line {after} ('{shown}'), indented the same",
            )
        )
    return problems

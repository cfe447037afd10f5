"""Drop the parts of Material's stylesheets that can never apply to this site.

Material's ``main.css`` (137 KB, 22.7 KB gzip) styles many features this site
does not use (blog posts, navigation tabs, code copy, a repository widget), and
its ``palette.css`` holds every one of its 21 colours. Both are render-blocking
on every page, so a module page's first load carried about 5 KB gzip of rules
that match nothing (issue 11 caps it at 100 KiB).

The rule is deliberately conservative, so that a rule is kept whenever it might
match:

* A style rule is dropped only if every selector in its list names, outside
  any parentheses (``:is()``, ``:not()`` and the like are ignored), a class that
  appears nowhere in the built site's HTML or scripts, as any word at all, and
  does not start with a prefix a script builds class names from at run time
  (Material writes ``tabbed-control--${e}``).
* In the palette, a rule is dropped if every selector names a primary or
  accent colour that ``mkdocs.yml`` does not configure (Material sets only
  those).
* Everything else, and every rule kept, stays byte for byte.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

_WORD = re.compile(r"[A-Za-z_][\w-]*")
_PREFIX = re.compile(r"([A-Za-z_][\w-]*-)(?:\$\{|[\"']\s*\+)")  # `md-tag--${x}` or "md-color-" + x
_CLASS = re.compile(r"\.(-?[A-Za-z_][\w-]*)")
_COLOUR = re.compile(r"\[data-md-color-(?:primary|accent)=[\"']?([\w-]+)[\"']?\]")
_MAP = re.compile(r"/\*# sourceMappingURL=[^*]*\*/\s*$")
_GROUPS = ("@media", "@supports", "@layer", "@container")


def known_names(texts: Iterable[str]) -> set[str]:
    """Every word in the given HTML and scripts: a class that appears anywhere is kept."""
    return {word for text in texts for word in _WORD.findall(text)}


def dynamic_prefixes(scripts: Iterable[str]) -> set[str]:
    """Class-name prefixes that scripts complete at run time."""
    return {m.group(1) for text in scripts for m in _PREFIX.finditer(text)}


def _skip_string(css: str, i: int) -> int:
    """The index just past the quoted string that starts at ``css[i]``."""
    quote = css[i]
    i += 1
    while i < len(css) and css[i] != quote:
        i += 2 if css[i] == "\\" else 1
    return i + 1


def _skip_comment(css: str, i: int) -> int:
    """The index just past the comment that starts at ``css[i]`` (a brace in it is not a block)."""
    end = css.find("*/", i + 2)
    return len(css) if end < 0 else end + 2


def _block_end(css: str, start: int) -> int:
    """The index just past the ``}`` that closes the block opened at ``css[start]``."""
    depth, i = 0, start
    while i < len(css):
        ch = css[i]
        if ch in "\"'":
            i = _skip_string(css, i)
            continue
        if css.startswith("/*", i):
            i = _skip_comment(css, i)
            continue
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    raise ValueError("unbalanced braces in stylesheet")


def _next_brace(css: str, i: int) -> int:
    while i < len(css):
        if css[i] in "\"'":
            i = _skip_string(css, i)
        elif css.startswith("/*", i):
            i = _skip_comment(css, i)
        elif css[i] in "{;":
            return i
        else:
            i += 1
    return -1


def split_selectors(prelude: str) -> list[str]:
    """A selector list split at its top-level commas (not those inside parentheses or brackets)."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(prelude):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append(prelude[start:i])
            start = i + 1
    parts.append(prelude[start:])
    return parts


def _outside_parens(selector: str) -> str:
    out, depth = [], 0
    for ch in selector:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif depth == 0:
            out.append(ch)
    return "".join(out)


def can_match(selector: str, known: set[str], prefixes: set[str], colours: set[str] | None = None) -> bool:
    """False only when ``selector`` needs a class, or a palette colour, that the site never has."""
    plain = _outside_parens(re.sub(r"/\*.*?\*/", "", selector, flags=re.S))
    for name in _CLASS.findall(re.sub(r"\[[^\]]*\]", "", plain)):  # not the dots of [href$=".pdf"]
        if name not in known and not any(name.startswith(p) for p in prefixes):
            return False
    return colours is None or all(c in colours for c in _COLOUR.findall(plain))


def prune(css: str, known: set[str], prefixes: set[str], colours: set[str] | None = None) -> str:
    """``css`` without the style rules none of whose selectors can match (see the module's rules)."""
    out, i = [], 0
    while i < len(css):
        brace = _next_brace(css, i)
        if brace < 0:
            out.append(css[i:])
            break
        if css[brace] == ";":  # a statement at-rule such as @charset or @import
            out.append(css[i : brace + 1])
            i = brace + 1
            continue
        prelude = css[i:brace]
        end = _block_end(css, brace)
        head = prelude.strip()
        if head.startswith(_GROUPS):
            inner = prune(css[brace + 1 : end - 1], known, prefixes, colours)
            if inner.strip():
                out.append(prelude + "{" + inner + "}")
        elif head.startswith("@") or any(can_match(s, known, prefixes, colours) for s in split_selectors(prelude)):
            out.append(css[i:end])
        i = end
    return "".join(out)


def prune_site(site: Path, colours: set[str]) -> tuple[int, int]:
    """Prune Material's main and palette stylesheets of a built site in place; (bytes before, bytes after).

    Their source maps go too: they describe the whole files.

    Known names come from every HTML and script file of the site (our own
    scripts included, even those only packages load, such as ``scorm.js``).
    """
    sheets = sorted((site / "assets" / "stylesheets").glob("main.*.min.css"))
    palettes = sorted((site / "assets" / "stylesheets").glob("palette.*.min.css"))
    if not sheets and not palettes:
        return 0, 0
    scripts = [p.read_text(encoding="utf-8", errors="ignore") for p in site.rglob("*.js")]
    pages = [p.read_text(encoding="utf-8", errors="ignore") for p in site.rglob("*.html")]
    known = known_names([*pages, *scripts])
    prefixes = dynamic_prefixes(scripts)
    before = after = 0
    for sheet in [*sheets, *palettes]:
        css = sheet.read_text(encoding="utf-8")
        pruned = _MAP.sub("", prune(css, known, prefixes, colours if sheet in palettes else None))
        sheet.write_text(pruned, encoding="utf-8")
        sheet.with_name(sheet.name + ".map").unlink(missing_ok=True)  # it describes the whole file
        before, after = before + len(css), after + len(pruned)
    return before, after


def palette_colours(palette: object) -> set[str]:
    """The primary and accent colours a ``theme.palette`` setting (a dict or a list of them) names."""
    entries = palette if isinstance(palette, list) else [palette] if isinstance(palette, dict) else []
    return {
        str(e[k]).lower().replace(" ", "-")
        for e in entries
        for k in ("primary", "accent")
        if isinstance(e, dict) and k in e
    }

"""Resolve every link, #anchor and image in the Markdown sources, as the build will.

The strict build fails on a link to a missing page, and ``scripts/linkcheck.py``
on a missing anchor, but both report against built files (or not at all for
quiz banks, whose links MkDocs never sees as such). This reads the sources
instead, so an author gets ``path:line`` in the file they wrote: the Markdown
page, the include, or the line of the quiz bank question.

Heading anchors are computed with the Markdown toc extension's own ``slugify``
and ``unique``, which is what mkdocs.yml uses (no custom ``slugify`` there).
"""

from __future__ import annotations

import difflib
import html
import posixpath
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urlsplit

from markdown.extensions.toc import slugify, unique

from scripts.core.yamlsrc import Problem

# [text](target "title") and ![alt](src); text may hold one level of [brackets].
INLINE_LINK = re.compile(
    r"(?P<bang>!?)\[(?P<text>(?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]"
    r"\(\s*(?:<(?P<angle>[^>\n]*)>|(?P<url>[^\s()]*(?:\([^\s()]*\)[^\s()]*)*))(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'))?\s*\)"
)
REFERENCE_DEF = re.compile(r"^\s{0,3}\[(?P<label>[^\]^][^\]]*)\]:\s*<?(?P<url>[^\s>]+)>?")
HTML_HREF = re.compile(r"<a\b[^>]*?\bhref\s*=\s*[\"']([^\"']*)[\"']", re.I)
HTML_IMG = re.compile(r"<img\b[^>]*>", re.I)
HTML_ID = re.compile(r"<[a-z][^>]*?\bid\s*=\s*[\"']([^\"']+)[\"']", re.I)
ATTR_ID = re.compile(r"\{:?[^}\n]*?#([A-Za-z][\w:.-]*)[^}\n]*\}")
HEADING = re.compile(r"^\s*(#{1,6})\s+(.*?)\s*#*\s*$")
HEADING_ATTRS = re.compile(r"\s*\{:?[^}]*\}\s*$")
CODE_SPAN = re.compile(r"(`+)(.+?)\1")
SKIP_SCHEMES = ("http", "https", "mailto", "tel", "ftp", "data", "javascript")


@dataclass
class Link:
    """One link or image found in a source file."""

    line: int  # 1-based line in the source file
    url: str
    image: bool = False
    alt: str | None = None  # for images: the alt text ('' when missing)


@dataclass
class Site:
    """What a link can point to: every page (authored or generated) and its anchors."""

    pages: dict[str, set[str] | None] = field(default_factory=dict)  # docs-relative .md -> anchors (None: unknown)
    files: set[str] = field(default_factory=set)  # every other file under docs/ (images, CSS ...)


def fence_mask(lines: list[str]) -> list[bool]:
    """For each line, whether it is inside (or opens or closes) a fenced code block."""
    mask, fence = [], ""
    for line in lines:
        stripped = line.strip()
        if not fence and stripped[:3] in ("```", "~~~"):
            fence = stripped[:3]
            mask.append(True)
        elif fence:
            mask.append(True)
            if stripped.startswith(fence) and not stripped[len(fence) :].strip("`~"):
                fence = ""
        else:
            mask.append(False)
    return mask


def _blank_code(line: str) -> str:
    """The line with inline code spans replaced by spaces (their links are not links)."""
    return CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line) if "`" in line else line


def prose_lines(text: str, first_line: int = 1) -> Iterator[tuple[int, str]]:
    """(line number, text with code blanked) for every line outside fenced code and comments."""
    if "<!--" in text:
        text = re.sub(r"<!--.*?-->", lambda m: re.sub(r"[^\n]", " ", m.group(0)), text, flags=re.S)
    lines = text.split("\n")
    for i, (line, in_code) in enumerate(zip(lines, fence_mask(lines), strict=True)):
        if not in_code:
            yield first_line + i, _blank_code(line)


def find_links(text: str, first_line: int = 1, raw_html: bool = True) -> list[Link]:
    """Every Markdown (and, if ``raw_html``, HTML) link and image in ``text``, with its line."""
    found: list[Link] = []
    for n, line in prose_lines(text, first_line):
        if ("[" not in line and "<" not in line) or line.startswith("*["):  # '*[TERM]: ...' defines an abbreviation
            continue
        for m in INLINE_LINK.finditer(line):
            url = m.group("angle") if m.group("angle") is not None else m.group("url") or ""
            image = bool(m.group("bang"))
            found.append(Link(n, url, image, m.group("text").strip() if image else None))
        ref = REFERENCE_DEF.match(line)
        if ref and not line.lstrip().startswith("*["):
            found.append(Link(n, ref.group("url")))
        if not raw_html:
            continue
        for m in HTML_HREF.finditer(line):
            found.append(Link(n, html.unescape(m.group(1))))
        for m in HTML_IMG.finditer(line):
            tag = m.group(0)
            src = re.search(r"\bsrc\s*=\s*[\"']([^\"']*)[\"']", tag, re.I)
            alt = re.search(r"\balt\s*=\s*[\"']([^\"']*)[\"']", tag, re.I)
            found.append(Link(n, src.group(1) if src else "", True, alt.group(1).strip() if alt else ""))
    return found


# --------------------------------------------------------------------------- anchors


def heading_text(raw: str) -> str:
    """A heading's visible text, as the toc extension sees it after inline Markdown."""
    text = HEADING_ATTRS.sub("", raw)
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)  # images have no text
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # links keep their text
    text = re.sub(r"\[([^\]]*)\]\[[^\]]*\]", r"\1", text)
    text = re.sub(r"(`+)(.+?)\1", r"\2", text)
    text = re.sub(r"<[^>]+>", "", text)
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?!\w)", r"\1", text)
    text = re.sub(r"(?<!\w)_(?!\s)(.+?)(?<!\s)_(?!\w)", r"\1", text)
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!])", r"\1", text)
    return html.unescape(text)


def anchors(text: str, extra_headings: Iterable[str] = ()) -> set[str]:
    """Every id a page's Markdown defines: heading slugs (made unique the toc way),
    ``{#id}`` attributes and ``id="..."`` in raw HTML.

    ``extra_headings`` are headings the build writes before the body (a module's title).
    """
    ids: set[str] = set()
    headings: list[str] = list(extra_headings)
    for _, line in prose_lines(text):
        if "id" in line:
            ids.update(m.group(1) for m in HTML_ID.finditer(line))
        match = HEADING.match(line) if line.lstrip().startswith("#") else None
        if match:
            attr = re.search(r"\{:?[^}]*#([A-Za-z][\w:.-]*)[^}]*\}\s*$", match.group(2))
            if attr:
                ids.add(attr.group(1))
                continue
            headings.append(match.group(2))
        elif "{" in line:
            ids.update(m.group(1) for m in ATTR_ID.finditer(line))
    for heading in headings:
        ids.add(unique(slugify(heading_text(heading), "-"), ids))
    return ids


def quiz_anchors(questions: list[Any]) -> set[str]:
    """The ids mkdocs-quiz gives a rendered bank, counting from 0: quiz-N for each question;
    quiz-N-question and quiz-N-M (option M) for choice questions; quiz-N-blank-0 for a fill-in."""
    ids = set()
    for n, question in enumerate(questions):
        ids.add(f"quiz-{n}")
        if not isinstance(question, dict):
            continue
        if question.get("type") == "fill-in":
            ids.add(f"quiz-{n}-blank-0")
            continue
        ids.add(f"quiz-{n}-question")
        options = question.get("options")
        ids.update(f"quiz-{n}-{m}" for m in range(len(options) if isinstance(options, list) else 0))
    return ids


# --------------------------------------------------------------------------- resolving


def _suggest(target: str, candidates: Iterable[str], base: str) -> str:
    close = difflib.get_close_matches(target, list(candidates), n=1, cutoff=0.6)
    if not close:
        return ""
    return f"; did you mean '{posixpath.relpath(close[0], base or '.')}'?"


def check_link(site: Site, page: str, link: Link) -> str | None:
    """What is wrong with one link on ``page`` (a docs-relative .md path), or None.

    The message names the fix; the caller adds the path and line.
    """
    url = link.url.strip()
    if link.image and not (link.alt or "").strip():
        return f"image '{url}' has no alt text; write what it shows between the brackets: ![what it shows]({url})"
    if not url:
        return "a link with no target; write the page to link, e.g. [text](../modules/why-partnership.md)"
    parts = urlsplit(url)
    if parts.scheme.lower() in SKIP_SCHEMES or parts.netloc or url.startswith("//"):
        return None
    if parts.scheme:
        return f"link '{url}' has an unknown scheme '{parts.scheme}:'; use https:// or a relative path"
    path, fragment = unquote(parts.path), unquote(parts.fragment)
    base = posixpath.dirname(page)
    if path.startswith("/"):
        return (
            f"link '{url}' starts with '/', which breaks when the site is not at the root of its host; "
            f"link the file relative to this page, e.g. '{posixpath.relpath(path.lstrip('/') or 'index.md', base or '.')}'"
        )
    if not path:
        target = page
    else:
        target = posixpath.normpath(posixpath.join(base, path))
        if target.startswith("../") or target == "..":
            return f"link '{url}' points outside docs/; link a page in docs/ or use a full https:// address"
    if target.endswith(".md"):
        if target not in site.pages:
            return (
                f"link '{url}' points to {target}, which is not a page of the site{_suggest(target, site.pages, base)}"
            )
    elif path:
        if path.endswith("/") or target in {posixpath.dirname(p) for p in site.pages}:
            index = posixpath.join(path.rstrip("/"), "index.md")
            return f"link '{url}' points to a folder; link the page file instead, e.g. '{index}'"
        if target not in site.files:
            return f"link '{url}' points to docs/{target}, which does not exist{_suggest(target, site.files, base)}"
        return None
    known = site.pages.get(target)
    if fragment and known is not None and fragment not in known:
        where = "this page" if target == page else target
        close = difflib.get_close_matches(fragment, sorted(known), n=1, cutoff=0.6)
        hint = (
            f"; did you mean '#{close[0]}'?"
            if close
            else "; link a heading that exists (its text in lower case, spaces as hyphens)"
        )
        return f"link '{url}': {where} has no anchor '#{fragment}'{hint}"
    return None


def check_text(site: Site, page: str, text: str, path: str, first_line: int = 1) -> list[Problem]:
    """Problems with every link in ``text``, reported against ``path`` (the source file)."""
    problems = []
    for link in find_links(text, first_line):
        message = check_link(site, page, link)
        if message:
            problems.append(Problem(path, link.line, message))
    return problems


def yaml_strings(data: Any, where: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], str]]:
    """Every string value in parsed YAML, with its key path."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from yaml_strings(value, (*where, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from yaml_strings(value, (*where, i))
    elif isinstance(data, str):
        yield where, data


def check_bank(site: Site, page: str, bank_path: str, data: Any, key_line: Any, raw_lines: list[str]) -> list[Problem]:
    """Links in a quiz bank, resolved from the module page that shows it, at the YAML line.

    ``key_line(where)`` gives the line of a key; the link is then found on that
    line or the first line after it that contains its target, which is the
    exact line for block (``|``, ``>-``) and plain scalars alike.
    """
    problems = []
    for where, text in yaml_strings(data):
        if "](" not in text and "]:" not in text:
            continue
        start = key_line(where)
        for link in find_links(text, raw_html=False):  # a bank's HTML is shown as text, so it links nothing
            message = check_link(site, page, link)
            if not message:
                continue
            line = start
            for n in range(start - 1, len(raw_lines)):
                if link.url and link.url in raw_lines[n]:
                    line = n + 1
                    break
            problems.append(
                Problem(bank_path, line, message + f" (a bank's links are read from its module page, docs/{page})")
            )
    return problems

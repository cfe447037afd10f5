"""Page HTML fixes for small screens and plain titles. Pure functions: HTML in, HTML out.

- Headings and other titles carry no glossary markup: the glossary is appended to
  every page, so Python-Markdown's ``abbr`` would otherwise underline words such as
  "Partnership working" in the page's own title, and screen readers would read a
  definition in the middle of a heading.
- Tables with three or more columns get a ``data-label`` on every cell (its column
  header) and ``data-pw-stack`` on the table, so ``site.css`` can show each row as
  a card on a phone instead of a table wider than the screen. A data attribute,
  not a class, because Material styles only ``table:not([class])``.
"""

from __future__ import annotations

import html as htmllib
import re

STACK_FROM_COLUMNS = 3

_ABBR = re.compile(r"</?abbr\b[^>]*>")
_TITLES = re.compile(
    r"<(?P<tag>h[1-6]|summary|title|dt)\b[^>]*>.*?</(?P=tag)>"
    r'|<p class="admonition-title">.*?</p>'
    r'|<label for="__tabbed_[^"]*">.*?</label>',
    re.S,
)
_TABLE = re.compile(r"<table>(?P<body>.*?)</table>", re.S)
_HEADER_CELL = re.compile(r"<th\b[^>]*>(?P<text>.*?)</th>", re.S)
_ROW = re.compile(r"<tr>(?P<cells>.*?)</tr>", re.S)
_DATA_CELL = re.compile(r"<td(?P<attrs>\b[^>]*)>")


def plain_titles(html: str) -> str:
    """Remove ``<abbr>`` tags (keeping their text) from headings, summaries,
    admonition titles, tab labels, glossary terms (``dt``) and the document title."""
    return _TITLES.sub(lambda m: _ABBR.sub("", m.group(0)), html)


def _text(fragment: str) -> str:
    """The visible text of an HTML fragment, whitespace collapsed."""
    return " ".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def _label_rows(body: str, labels: list[str]) -> str:
    def label_row(row: re.Match[str]) -> str:
        column = iter(range(len(labels)))

        def label_cell(cell: re.Match[str]) -> str:
            index = next(column, None)
            if index is None or "data-label" in cell.group("attrs"):
                return cell.group(0)
            return f'<td data-label="{htmllib.escape(labels[index])}"{cell.group("attrs")}>'

        return "<tr>" + _DATA_CELL.sub(label_cell, row.group("cells")) + "</tr>"

    return _ROW.sub(label_row, body)


def stack_tables(html: str) -> str:
    """Label the cells of every table with three or more columns and mark it stackable."""

    def fix(match: re.Match[str]) -> str:
        body = match.group("body")
        head = body.split("</thead>", 1)[0] if "</thead>" in body else ""
        labels = [_text(m.group("text")) for m in _HEADER_CELL.finditer(head)]
        if len(labels) < STACK_FROM_COLUMNS or not all(labels):
            return match.group(0)
        return "<table data-pw-stack>" + _label_rows(body, labels) + "</table>"

    return _TABLE.sub(fix, html)


_NAV_SECTION = re.compile(
    r'(<nav class="md-nav" data-md-level="\d+" aria-labelledby=")(?P<id>__nav_[\d_]+)_label("[^>]*>\s*'
    r'<label class="md-nav__title" for=")(?P=id)(")'
)


def named_nav_sections(html: str) -> str:
    """Name each menu section by its visible title.

    Material names a section's ``<nav>`` by the label beside the section's link,
    which is empty (an icon only) when the section has an index page, so on a phone
    two menu landmarks have no name (axe: landmark-unique).
    """
    return _NAV_SECTION.sub(
        lambda m: f'{m.group(1)}{m["id"]}_title{m.group(3)}{m["id"]}" id="{m["id"]}_title{m.group(4)}', html
    )


def phone_ready(html: str) -> str:
    """Every fix in this module, in the order the page needs them."""
    return stack_tables(plain_titles(html))


TOC_LABEL = re.compile(r'(<label class="md-nav__title") for="__toc"')


def toc_label_needs_its_toggle(html: str) -> str:
    """Drop ``for="__toc"`` from the menu's "Table of contents" label on a page that hides its contents.

    Material writes the label whether or not it writes the ``#__toc`` toggle; a
    page with ``hide: [toc]`` has none, so the label pointed at nothing (the Nu
    HTML checker reports it, and assistive technology announces a dead control).
    """
    if 'id="__toc"' in html:
        return html
    return TOC_LABEL.sub(r"\1", html)


def quiz_sidebar_named_region(html: str) -> str:
    """mkdocs-quiz names its (hidden) progress sidebar with ``aria-label`` on a plain ``div``; give it a role."""
    return html.replace(
        '<div id="quiz-progress-sidebar" aria-label=', '<div id="quiz-progress-sidebar" role="region" aria-label='
    )

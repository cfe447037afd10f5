"""HTML fragments as real XML elements, for formats that hold XHTML (QTI 2.1).

QTI 2.1 item bodies and feedback are XHTML elements in the QTI namespace. Text
pasted in CDATA is shown by players as literal ``<p>`` tags, so the HTML that
Markdown made is parsed here and rebuilt element by element with ElementTree.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from html.parser import HTMLParser

# The XHTML elements QTI 2.1 allows in item bodies and feedback (a subset that
# Markdown produces); anything else keeps its text and loses its tag.
ALLOWED = {
    "p", "div", "span", "strong", "em", "b", "i", "code", "pre", "blockquote", "br", "hr", "ul", "ol", "li",
    "dl", "dt", "dd", "table", "thead", "tbody", "tr", "th", "td", "caption", "sub", "sup", "abbr", "q",
    "cite", "kbd", "small", "h1", "h2", "h3", "h4", "h5", "h6",
}  # fmt: skip
BLOCK = {"p", "div", "pre", "blockquote", "hr", "ul", "ol", "dl", "table", "h1", "h2", "h3", "h4", "h5", "h6"}
VOID = {"br", "hr"}
KEEP_ATTRS = {"th": {"colspan", "rowspan"}, "td": {"colspan", "rowspan"}, "abbr": {"title"}}


class _Builder(HTMLParser):
    def __init__(self, root: ET.Element, ns: str, marker: str, blank: Callable[[], ET.Element] | None) -> None:
        super().__init__(convert_charrefs=True)
        self.stack = [root]
        self.ns = ns
        self.marker = marker
        self.blank = blank

    def _tag(self, name: str) -> str:
        return f"{{{self.ns}}}{name}" if self.ns else name

    def _append_text(self, text: str) -> None:
        parent = self.stack[-1]
        if len(parent):
            parent[-1].tail = (parent[-1].tail or "") + text
        else:
            parent.text = (parent.text or "") + text

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED:
            return
        keep = {k: v or "" for k, v in attrs if k in KEEP_ATTRS.get(tag, set())}
        element = ET.SubElement(self.stack[-1], self._tag(tag), keep)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ALLOWED:
            ET.SubElement(self.stack[-1], self._tag(tag))

    def handle_endtag(self, tag: str) -> None:
        if tag not in ALLOWED or tag in VOID:
            return
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == self._tag(tag):
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        if self.blank is None or self.marker not in data:
            self._append_text(data)
            return
        before, after = data.split(self.marker, 1)
        self._append_text(before)
        self.stack[-1].append(self.blank())
        self._append_text(after)


def append_html(
    parent: ET.Element, html: str, ns: str = "", marker: str = "", blank: Callable[[], ET.Element] | None = None
) -> ET.Element:
    """Parse ``html`` and append it to ``parent`` as elements in namespace ``ns``.

    Where the text holds ``marker``, the element made by ``blank()`` is put in
    its place (a fill-in's text box inside its sentence).
    """
    builder = _Builder(parent, ns, marker, blank)
    builder.feed(html)
    builder.close()
    return parent


def is_block(html: str) -> bool:
    """True if the fragment holds block elements (paragraphs, lists, tables)."""
    probe = append_html(ET.Element("probe"), html)
    return any(child.tag in BLOCK for child in probe.iter() if child is not probe)

"""Built course pages turned into package pages, for the SCORM and Common Cartridge packages.

Both packages are views of the ONE course site MkDocs built ("build once,
package many"): this module takes a built page and

- drops the site-wide chrome (Material's header with search, the navigation
  sidebar, the footer, prev/next links) that cannot work inside an LMS frame,
  with a streaming HTML filter that keeps every other byte as MkDocs wrote it;
- points every link to another page at the public site, opening in a new tab
  (or makes it plain text when no public site is known), because inside an LMS
  each page is launched on its own and must not wander off to another one;
- lists the local files a page (and its stylesheets) needs, so each manifest
  can name every file and the package can hold nothing else.
"""

from __future__ import annotations

import html as htmllib
import posixpath
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

LOCAL = ("127.0.0.1", "localhost", "")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
NEW_TAB = " (opens in a new tab)"
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
# Attributes that make the browser fetch a file as the page loads.
FETCHED = {("link", "href"), ("script", "src"), ("img", "src"), ("source", "src"), ("video", "src"), ("audio", "src")}

Attrs = list[tuple[str, str | None]]
Predicate = Callable[[str, dict[str, str]], bool]


def classes(attrs: dict[str, str]) -> set[str]:
    return set((attrs.get("class") or "").split())


def site_chrome(tag: str, attrs: dict[str, str]) -> bool:
    """Material's site-wide parts that make no sense inside an LMS frame.

    The header's contents go (title, search, colour switch) but the empty
    ``header`` element stays: Material's script stops if it is missing.
    """
    names = classes(attrs)
    if tag == "nav" and "md-header__inner" in names:
        return True
    if tag == "footer" and "md-footer" in names:
        return True
    if tag == "div" and "md-sidebar--primary" in names:
        return True
    return tag == "link" and attrs.get("rel") in ("prev", "next")


class _Filter(HTMLParser):
    """Re-emits a page as written, minus the subtrees ``drop`` selects; ``edit`` may rewrite start tags."""

    def __init__(self, drop: Predicate, edit: Callable[[str, Attrs, str], str] | None = None) -> None:
        super().__init__(convert_charrefs=False)
        self.drop = drop
        self.edit = edit
        self.out: list[str] = []
        self.depth = 0  # > 0 while inside a dropped subtree

    def _start(self, tag: str, attrs: Attrs, closed: bool) -> None:
        raw = self.get_starttag_text() or ""
        if self.depth:
            if not closed and tag not in VOID:
                self.depth += 1
            return
        if self.drop(tag, {k: v or "" for k, v in attrs}):
            if not closed and tag not in VOID:
                self.depth = 1
            return
        self.out.append(self.edit(tag, attrs, raw) if self.edit else raw)

    def handle_starttag(self, tag: str, attrs: Attrs) -> None:
        self._start(tag, attrs, closed=False)

    def handle_startendtag(self, tag: str, attrs: Attrs) -> None:
        self._start(tag, attrs, closed=True)

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            if tag not in VOID:
                self.depth -= 1
            return
        self.out.append(f"</{tag}>")

    def _keep(self, text: str) -> None:
        if not self.depth:
            self.out.append(text)

    def handle_data(self, data: str) -> None:
        self._keep(data)

    def handle_entityref(self, name: str) -> None:
        self._keep(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self._keep(f"&#{name};")

    def handle_comment(self, data: str) -> None:
        self._keep(f"<!--{data}-->")

    def handle_decl(self, decl: str) -> None:
        self._keep(f"<!{decl}>")

    def handle_pi(self, data: str) -> None:
        self._keep(f"<?{data}>")

    def unknown_decl(self, data: str) -> None:
        self._keep(f"<![{data}]>")


def filter_html(page: str, drop: Predicate, edit: Callable[[str, Attrs, str], str] | None = None) -> str:
    """``page`` without the elements ``drop`` selects (and everything inside them)."""
    parser = _Filter(drop, edit)
    parser.feed(page)
    parser.close()
    return "".join(parser.out)


def public_url(site: Path, page: Path, href: str, site_url: str) -> str | None:
    """Where a link to another page of the built site lives on the public site, or None.

    The built site uses ``page.html`` addresses (offline use); the public site
    uses directory addresses (``page/``), so ``.html`` and ``index.html`` are
    turned into those.
    """
    parts = urlsplit(href)
    target = (page.parent / unquote(parts.path)).resolve()
    try:
        rel = target.relative_to(site.resolve()).as_posix()
    except ValueError:
        return None
    if rel.endswith(".md"):
        rel = rel[:-3] + ".html"
    if rel.endswith("index.html"):
        rel = rel[: -len("index.html")]
    elif rel.endswith(".html"):
        rel = rel[: -len(".html")] + "/"
    host = urlsplit(site_url).hostname or ""
    if not site_url or host in LOCAL:
        return None
    return site_url.rstrip("/") + "/" + rel + (f"#{parts.fragment}" if parts.fragment else "")


LINK = re.compile(r'<a\b([^>]*?)\bhref="([^"]*)"([^>]*)>(.*?)</a>', re.S)


def links_open_outside(page_html: str, site: Path, page: Path, site_url: str) -> str:
    """Every link that leaves this page opens the public site (or the web) in a new tab.

    Same-page links (``#...``) stay. A link to another page of the course
    becomes a link to that page on the public site, or plain text when no
    public site is known (``SITE_URL`` unset or local), so nothing in the
    package navigates the LMS frame away from the launched page.
    """

    def fix(match: re.Match[str]) -> str:
        before, href, after, text = match.groups()
        parts = urlsplit(href)
        if href.startswith("#") or parts.scheme in ("mailto", "tel"):
            return match.group(0)
        if parts.scheme in ("http", "https"):
            url = href
        elif parts.scheme or parts.netloc:
            return match.group(0)
        else:
            url = public_url(site, page, href, site_url)
            if url is None:
                return f'<span class="pw-not-in-course">{text}</span>'
            text += ' <span class="pw-public-note">(on the public site)</span>'
        attrs = re.sub(r'\s(target|rel)="[^"]*"', "", before + after)
        escaped = htmllib.escape(url, quote=True)
        hidden = f'<span class="pw-new-tab">{NEW_TAB}</span>'
        return f'<a{attrs} href="{escaped}" target="_blank" rel="noopener">{text}{hidden}</a>'

    return LINK.sub(fix, page_html)


def insert_before(page_html: str, closing: str, markup: str) -> str:
    """``markup`` (trusted, built by the caller) just before the page's last ``closing`` tag."""
    at = page_html.rfind(closing)
    if at < 0:
        raise ValueError(f"the page has no {closing}")
    return page_html[:at] + markup + page_html[at:]


class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: Attrs) -> None:
        values = {k: v or "" for k, v in attrs}
        for attr in ("href", "src"):
            if (tag, attr) in FETCHED and values.get(attr):
                if tag == "link" and values.get("rel") in ("prev", "next", "canonical", "alternate"):
                    continue
                self.refs.append(values[attr])
        # Files a script loads later (the quiz's scripts and style, named by a
        # holder element that site.js reads when the quiz comes near) are needed too.
        for attr in ("data-css", "data-src"):
            self.refs += values.get(attr, "").split()
        if values.get("style"):
            self.styles.append(values["style"])
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles.append(data)


def _local(ref: str, base: str) -> str | None:
    """``ref`` (relative to the file at ``base``) as a path inside the package, or None if not a local file."""
    parts = urlsplit(ref)
    if parts.scheme or parts.netloc or not parts.path or ref.startswith("#"):
        return None
    return posixpath.normpath(posixpath.join(posixpath.dirname(base), unquote(parts.path)))


def needed_files(site: Path, pages: dict[str, str]) -> list[str]:
    """Every local file the given pages load as they open, following stylesheets' ``url()``s.

    ``pages`` maps each starting page (relative to ``site``) to its HTML as the
    package holds it, which may differ from the built file. Paths come back
    relative to ``site`` with ``/`` separators, sorted, the pages included. A
    reference to a file that does not exist is an error: the package would be
    broken.
    """
    seen: set[str] = set()
    todo = list(pages)
    while todo:
        rel = todo.pop()
        if rel in seen:
            continue
        path = site / rel
        if rel not in pages and not path.is_file():
            raise FileNotFoundError(f"{rel} is needed by the package but is not in the built site")
        seen.add(rel)
        if rel.endswith(".html"):
            parser = _Refs()
            parser.feed(pages[rel] if rel in pages else path.read_text(encoding="utf-8"))
            refs = parser.refs + [m.group(2) for s in parser.styles for m in CSS_URL.finditer(s)]
        elif rel.endswith(".css"):
            refs = [m.group(2) for m in CSS_URL.finditer(path.read_text(encoding="utf-8"))]
        else:
            refs = []
        todo += [local for ref in refs if not ref.startswith("data:") and (local := _local(ref, rel)) is not None]
    return sorted(seen)

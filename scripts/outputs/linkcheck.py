"""Check a built site's HTML: every internal link, asset and #fragment resolves,
every image has alt text, and nothing loads from another host.

MkDocs' own validation misses links inside quiz blocks and cannot see anchors
that plugins add, so this reads the real output instead.

    python scripts/linkcheck.py site
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

# Attributes that make the browser fetch something as soon as the page loads.
LOADING = {
    ("script", "src"),
    ("link", "href"),
    ("img", "src"),
    ("source", "src"),
    ("iframe", "src"),
    ("video", "src"),
    ("audio", "src"),
    ("embed", "src"),
    ("object", "data"),
}
NOT_FETCHED_LINK_RELS = {"canonical", "alternate", "author", "license", "help", "search"}
SKIP_SCHEMES = {"mailto", "tel", "javascript", "data"}


@dataclass
class PageInfo:
    """What one HTML file defines and refers to."""

    ids: set[str] = field(default_factory=set)
    refs: list[tuple[str, str, str]] = field(default_factory=list)  # (tag, attr, url)
    images_without_alt: list[str] = field(default_factory=list)


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.info = PageInfo()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: (v or "") for k, v in attrs}
        for key in ("id", "name"):
            if a.get(key) and (key == "id" or tag == "a"):
                self.info.ids.add(a[key])
        if tag == "img" and not a.get("alt", "").strip():
            self.info.images_without_alt.append(a.get("src", "(no src)"))
        if tag == "link" and set(a.get("rel", "").split()) & NOT_FETCHED_LINK_RELS:
            return
        for attr in ("href", "src", "data"):
            if attr in a:
                self.info.refs.append((tag, attr, a[attr]))


def parse(html: str) -> PageInfo:
    parser = _Parser()
    parser.feed(html)
    return parser.info


def resolve(site: Path, page: Path, url: str) -> tuple[Path | None, str]:
    """The file a site-internal URL points to (or None if external) and its fragment."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None, ""
    path = unquote(parts.path)
    if not path:
        target = page
    elif path.startswith("/"):
        target = site / path.lstrip("/")
    else:
        target = (page.parent / path).resolve()
    if target.is_dir() or path.endswith("/"):
        target = target / "index.html"
    return target, unquote(parts.fragment)


def check_site(site: Path, local_hosts: tuple[str, ...] = ("127.0.0.1", "localhost")) -> list[str]:
    """Every problem in the built site, as 'page: message' lines."""
    site = site.resolve()
    pages = {p.resolve(): parse(p.read_text(encoding="utf-8")) for p in sorted(site.rglob("*.html"))}
    problems: list[str] = []
    for page, info in pages.items():
        name = page.relative_to(site).as_posix()
        for src in info.images_without_alt:
            problems.append(f"{name}: image '{src}' has no alt text")
        for tag, attr, url in info.refs:
            scheme = urlsplit(url).scheme.lower()
            if scheme in SKIP_SCHEMES:
                continue
            if scheme in ("http", "https") or url.startswith("//"):
                host = urlsplit(url).hostname or ""
                if (tag, attr) in LOADING and host not in local_hosts:
                    problems.append(f"{name}: <{tag} {attr}> loads from another host: {url}")
                continue
            target, fragment = resolve(site, page, url)
            if target is None:
                continue
            if not target.exists():
                problems.append(
                    f"{name}: broken link '{url}' (no file {target.relative_to(site) if target.is_relative_to(site) else target})"
                )
                continue
            if fragment and target.suffix == ".html":
                ids = pages[target.resolve()].ids if target.resolve() in pages else set()
                if fragment not in ids:
                    problems.append(f"{name}: link '{url}' points to a missing anchor '#{fragment}'")
    return problems


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    site = Path(argv[0] if argv else "site")
    problems = check_site(site)
    for line in problems:
        print(line)
    print(f"{len(problems)} problem(s) in {site}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

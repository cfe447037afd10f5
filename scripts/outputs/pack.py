"""The trainer pack, assembled from the course site MkDocs built.

The facilitator notes, case guidance and answer key are rendered by the same
MkDocs build as the course (so admonitions, collapsible tips, tabs, tables,
definition lists and glossary terms come out exactly as on the site), then
lifted out of that build into one printable page:

    cover (course, audience, total time) · contents · timetable ·
    facilitator notes · case guidance · answer key

each part starting on a new page. The trainer pages are then removed from the
offline copy, so learners' copies hold no answers.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from scripts.content.courses import Course
from scripts.content.project import Project

ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]+)"')
LINK = re.compile(r"<a\b([^>]*)>(.*?)</a>", re.S)
HREF = re.compile(r'\bhref="([^"]*)"')
H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)
ANSWER_KEY = "trainers/pack/answer-key.md"
PACK_CSS = "assets/stylesheets/print.css"


@dataclass(frozen=True)
class Part:
    """One section of the pack: where it came from, its anchor, its title and its HTML."""

    source: str
    anchor: str
    title: str
    html: str


def article(page_html: str) -> str:
    """The content of a built Material page (its one ``<article>``)."""
    match = ARTICLE.search(page_html)
    if match is None:
        raise ValueError("no <article> in the built page")
    return match.group(1)


def prefix_ids(fragment: str, prefix: str) -> str:
    """Make a page's ids unique inside the pack: ids, label targets, radio groups and #links."""
    fragment = re.sub(r'\b(id|for)="([^"]+)"', rf'\1="{prefix}-\2"', fragment)
    fragment = re.sub(r'\bname="(__tabbed_[^"]+)"', rf'name="{prefix}-\1"', fragment)
    return re.sub(r'\bhref="#([^"]*)"', rf'href="#{prefix}-\1"', fragment)


def plain_links(fragment: str, source: str, anchors: dict[str, str], site_url: str) -> str:
    """Links as a printed page can use them.

    Permalink marks go; links to another part of the pack become in-page links;
    links to other pages become full public addresses when the public site is
    known, and plain text otherwise. Links to other hosts keep their address.
    """

    def fix(match: re.Match[str]) -> str:
        attrs, text = match.groups()
        if 'class="headerlink"' in attrs:
            return ""
        href_match = HREF.search(attrs)
        href = href_match.group(1) if href_match else ""
        parts = urlsplit(href)
        if href.startswith("#") or parts.scheme in ("http", "https", "mailto"):
            return match.group(0)
        target = _resolve(source, parts.path)
        if target in anchors:
            fragment_id = f"{anchors[target]}-{parts.fragment}" if parts.fragment else anchors[target]
            return f'<a href="#{fragment_id}">{text}</a>'
        if site_url and target:
            url = site_url.rstrip("/") + "/" + _pretty(target) + (f"#{parts.fragment}" if parts.fragment else "")
            return f'<a href="{html.escape(url)}">{text}</a> <span class="pw-url">({html.escape(url)})</span>'
        return f'<span class="pw-link-text">{text}</span>'

    return LINK.sub(fix, fragment)


def _resolve(source: str, path: str) -> str:
    """A link's target as a path of the built site (``modules/x.html``), from the page ``source``."""
    if not path:
        return source
    parts = source.split("/")[:-1]
    for piece in path.split("/"):
        if piece == "..":
            parts = parts[:-1]
        elif piece not in ("", "."):
            parts.append(piece)
    target = "/".join(parts)
    return target[:-3] + ".html" if target.endswith(".md") else target


def _pretty(target: str) -> str:
    """A built path as its address on the public site (directory URLs)."""
    if target.endswith("index.html"):
        return target[: -len("index.html")]
    return target[: -len(".html")] + "/" if target.endswith(".html") else target


def collect(site: Path, course: Course, project: Project, site_url: str) -> list[Part]:
    """The built trainer pages of the course, in pack order, ready to join."""
    sources = [(f"trainers/notes/{m}.html", f"notes-{m}") for m in course.modules]
    sources += [(f"trainers/cases/{c}.html", f"case-{c}") for c in course.cases]
    sources.append((ANSWER_KEY[:-3] + ".html", "answer-key"))
    anchors = {source: anchor for source, anchor in sources}
    parts = []
    for source, anchor in sources:
        body = article((site / source).read_text(encoding="utf-8"))
        body = plain_links(prefix_ids(body, anchor), source, anchors, site_url)
        title_match = H1.search(body)
        title = html.unescape(re.sub(r"<[^>]+>", "", title_match.group(1))).strip() if title_match else anchor
        body = H1.sub(lambda m, a=anchor: f'<h1 id="{a}">{m.group(1)}</h1>', body, count=1)
        parts.append(Part(source, anchor, title, body))
    return parts


def timetable(site: Path, site_url: str) -> str:
    """The course home page's timetable section, as built."""
    body = article((site / "index.html").read_text(encoding="utf-8"))
    match = re.search(r'(<h2 id="timetable".*?)(?=<h2 |\Z)', body, re.S)
    if match is None:
        return ""
    return plain_links(prefix_ids(match.group(1), "home"), "index.html", {}, site_url)


def cover(course: Course, project: Project) -> str:
    """The first page: what the course is, who it is for, how long it takes."""
    meta = course.meta
    minutes = sum(project.modules[m].meta["minutes"] for m in course.modules)
    minutes += sum(project.cases[c].meta["minutes"] for c in course.cases)
    audience = ", ".join(meta["audience"])
    timetable = meta.get("timetable")
    session = f"{timetable['start']} to {timetable['end']}" if timetable else "no fixed timetable"
    rows = [
        ("Audience", audience),
        ("Modules", ", ".join(project.modules[m].meta["title"] for m in course.modules)),
        ("Case studies", ", ".join(project.cases[c].meta["title"] for c in course.cases) or "none"),
        ("Time for all the material", f"about {minutes} minutes"),
        ("Session", session),
    ]
    table = "".join(f"<tr><th scope='row'>{html.escape(k)}</th><td>{html.escape(v)}</td></tr>" for k, v in rows)
    return (
        '<section class="pw-cover" aria-labelledby="cover-title">'
        '<p class="pw-kicker">Trainer pack</p>'
        f'<h1 id="cover-title">{html.escape(meta["title"])}</h1>'
        f"<p>{html.escape(meta['description'].strip())}</p>"
        f'<table class="pw-facts"><tbody>{table}</tbody></table>'
        "<p>For trainers only: this pack holds the answers to the learners' quizzes.</p>"
        "</section>"
    )


def contents(parts: list[Part], has_timetable: bool) -> str:
    items = ['<li><a href="#pack-timetable">Timetable</a></li>'] if has_timetable else []
    items += [f'<li><a href="#{p.anchor}">{html.escape(p.title)}</a></li>' for p in parts]
    return f'<nav class="pw-contents" aria-labelledby="pack-contents"><h2 id="pack-contents">Contents</h2><ol>{"".join(items)}</ol></nav>'


def page(title: str, stylesheets: list[str], sections: list[str], scripts: list[str]) -> str:
    """A standalone page with the site's styles, ready to read or print."""
    links = "".join(f'<link rel="stylesheet" href="{href}">' for href in stylesheets)
    tags = "".join(f'<script src="{src}"></script>' for src in scripts)
    body = "\n".join(sections)
    return (
        '<!doctype html>\n<html lang="en-GB"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{html.escape(title)}</title>{links}</head>"
        '<body><main class="md-main"><div class="md-content">'
        f'<article class="md-content__inner md-typeset pw-pack">\n{body}\n</article></div></main>{tags}</body></html>\n'
    )


def assets(site: Path, out: Path, sample: str) -> tuple[list[str], list[str]]:
    """Copy the stylesheets a built page uses, plus the print sheet and site.js, into the pack."""
    page_html = (site / sample).read_text(encoding="utf-8")
    hrefs = [_resolve(sample, h) for h in STYLESHEET.findall(page_html)] + [PACK_CSS]
    scripts = ["assets/javascripts/site.js"]
    for rel in [*hrefs, *scripts]:
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(site / rel, out / rel)
    return hrefs, scripts


def write(out: Path, site: Path, course: Course, project: Project, parts: list[Part], site_url: str) -> Path:
    """trainer-pack.html (and its assets) and answer-key.html in ``out``; returns the pack page."""
    stylesheets, scripts = assets(site, out, "index.html")
    when = timetable(site, site_url)
    sections = [cover(course, project), contents(parts, bool(when))]
    if when:
        sections.append(f'<section class="pw-timetable" id="pack-timetable">{when}</section>')
    sections += [f'<section class="pw-part">{p.html}</section>' for p in parts]
    pack_page = out / "trainer-pack.html"
    pack_page.write_text(page(f"Trainer pack: {course.meta['title']}", stylesheets, sections, scripts), "utf-8")
    key = parts[-1]
    (out / "answer-key.html").write_text(
        page(
            f"Answer key: {course.meta['title']}",
            stylesheets,
            [f'<section class="pw-part">{key.html}</section>'],
            scripts,
        ),
        "utf-8",
    )
    return pack_page


def remove_trainer_pages(site: Path) -> None:
    """Take the trainer pages (and their search entries) out of a learners' offline copy."""
    shutil.rmtree(site / "trainers", ignore_errors=True)
    for name in ("search_index.json", "search_index.js"):
        path = site / "search" / name
        if not path.exists():
            continue
        text = path.read_text(encoding="utf-8")
        start, end = text.index("{"), text.rindex("}") + 1
        index = json.loads(text[start:end])
        index["docs"] = [d for d in index["docs"] if not d["location"].startswith("trainers/")]
        path.write_text(text[:start] + json.dumps(index, ensure_ascii=False) + text[end:], encoding="utf-8")

"""Build one course (or the whole site) for offline use, and package it: the work behind ``build_course.py``.

Build once, package many: MkDocs builds the course site once, in a temporary
folder, from an in-memory config that inherits ``mkdocs.yml`` with the menu
and ``exclude_docs`` cut to the course; every output (the zip, the trainer
pack, the LMS packages, the PDFs) is made from that one build, and only a
whole success is moved into ``dist/``.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from scripts.content.courses import Course
from scripts.content.project import Project
from scripts.outputs import pack
from scripts.outputs import pdf as printing
from scripts.outputs.export.answer_key import answer_key, course_banks
from scripts.outputs.export.items import project_banks
from scripts.outputs.export.sitehtml import public_url
from scripts.outputs.formats import COURSE_PACKAGES, write_course_packages, write_lms_files
from scripts.outputs.linkcheck import check_site
from scripts.web import endtest

ROOT = Path(__file__).resolve().parents[2]
SHIM = "assets/javascripts/iframe-worker-shim.js"
LINK = re.compile(r'<a\b([^>]*?)\bhref="([^"]*)"([^>]*)>(.*?)</a>', re.S)
# A paragraph or list item that was only a link to a page outside the copy (such
# as "Facilitator notes for this module") says nothing once the link is gone.
ALONE = re.compile(r'<(p|li)>\s*<span class="pw-not-in-course">[^<]*</span>\s*</\1>')


class BuildFailed(Exception):
    """A build step failed; the message says which and why."""


# --------------------------------------------------------------------------- configuration


def course_nav(course: Course, project: Project) -> list:
    """The navigation of an offline course: its own pages only, in teaching order."""
    nav: list = [{"Course home": "index.md"}]
    nav.append({"Modules": [f"modules/{m}.md" for m in course.modules]})
    if course.cases:
        nav.append({"Case studies": ["case-studies/index.md", *[f"case-studies/{c}.md" for c in course.cases]]})
    nav.append({"Course-end test": endtest.PAGE})
    nav += [
        {"Key points": "key-points.md"},
        {"Glossary": "glossary.md"},
        {"My learning": ["my-learning.md", "my-reflections.md"]},
        {"How to use this site": "how-to-use.md"},
        {"About and sources": "about.md"},
        {"Evidence sources": "sources.md"},
    ]
    return nav


def excluded(course: Course, project: Project) -> str:
    """exclude_docs lines for everything outside the course."""
    # Trainer pages are built only for this course's modules and cases, to be
    # lifted into the trainer pack and then removed from the learners' copy.
    lines = ["/trainers/*.md"]
    lines += [f"/trainers/notes/{m}.md" for m in project.modules if m not in course.modules]
    lines += [f"/trainers/cases/{c}.md" for c in project.cases if c not in course.cases]
    lines += [f"/modules/{m}.md" for m in project.modules if m not in course.modules]
    lines += [f"/case-studies/{c}.md" for c in project.cases if c not in course.cases]
    return "\n".join(lines) + "\n"


def config_text(course: Course | None, project: Project, site_url: str) -> str:
    """A config that INHERITs mkdocs.yml and switches on offline use."""
    overrides: dict = {
        "INHERIT": "mkdocs.yml",
        "site_url": site_url,
        "plugins": {"offline": {}},
        "extra": {"polyfills": [SHIM]},
    }
    if course is not None:
        overrides.update(
            site_name=course.meta["title"],
            nav=course_nav(course, project),
            exclude_docs=excluded(course, project),
            not_in_nav="/trainers/\n",  # built for the trainer pack, then removed from the copy
        )
        overrides["extra"]["course"] = course.id
    return yaml.safe_dump(overrides, sort_keys=False, allow_unicode=True)


def mkdocs_build(text: str, site_dir: Path) -> None:
    """A strict in-process MkDocs build of ``text`` (read as if it sat beside mkdocs.yml)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    stream = io.StringIO(text)
    stream.name = str(ROOT / "mkdocs-offline.yml")
    try:
        config = load_config(config_file=stream, site_dir=str(site_dir), strict=True)
        build(config)
    except (Abort, ConfigurationError) as err:
        raise BuildFailed(f"the site build stopped: {err}") from None


# --------------------------------------------------------------------------- after the build


def rewrite_outside_links(html: str, site: Path, page: Path, site_url: str) -> str:
    """Links to pages not in this copy point to the public site and say so, or become text."""

    def fix(match: re.Match[str]) -> str:
        before, href, after, text = match.groups()
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path or href.startswith("#"):
            return match.group(0)
        target = (page.parent / parts.path).resolve()
        if target.is_dir():
            target = target / "index.html"
        if target.exists():
            return match.group(0)
        url = public_url(site, page, href, site_url)
        if url is None:
            return f'<span class="pw-not-in-course">{text}</span>'
        return (
            f'<a{before}href="{url}"{after} class="pw-public-link" target="_blank" rel="noopener">{text} '
            '<span class="pw-public-note">(on the public site, opens in a new tab)</span></a>'
        )

    return ALONE.sub("", LINK.sub(fix, html))


def finish_site(site: Path, site_url: str) -> None:
    """Rewrite outside links, drop files a file:// reader never uses, then link-check."""
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        fixed = rewrite_outside_links(html, site, page, site_url)
        if fixed != html:
            page.write_text(fixed, encoding="utf-8")
    for name in ("sitemap.xml", "sitemap.xml.gz", "404.html"):  # never used from file://
        (site / name).unlink(missing_ok=True)
    problems = check_site(site)
    if problems:
        raise BuildFailed("the offline copy has broken links:\n  " + "\n  ".join(problems[:20]))


# --------------------------------------------------------------------------- trainer pack


def trainer_pack(course: Course, project: Project, site: Path, parts: list[pack.Part], out: Path, pdf: bool) -> str:
    """Facilitator notes, case guidance, answer key, LMS imports and PDFs; returns what was printed."""
    out.mkdir(parents=True)
    url = site_url()
    pages = [pack.write(out, site, course, project, parts, url), out / "answer-key.html"]
    (out / "answer-key.md").write_text(answer_key(course.meta["title"], course_banks(course, project)), "utf-8")
    write_lms_files(out, course.id, f"{course.meta['title']}: quizzes", *project_banks(course.modules, project))
    if not pdf:
        return "Skipped the PDFs (--no-pdf)."
    missing = printing.available()
    if missing:
        return missing
    made = printing.print_course(site, course.modules, out / "handouts", pages)
    return f"Printed {len(made)} PDF(s): {len(course.modules)} handout(s), the trainer pack and the answer key."


# --------------------------------------------------------------------------- the whole job


def site_url() -> str:
    return os.environ.get("SITE_URL", "")


def build_one(course: Course | None, project: Project, dist: Path, pdf: bool) -> None:
    """Build one course (or the whole site when ``course`` is None) and move it into dist/."""
    name = course.id if course else "site"
    with tempfile.TemporaryDirectory(prefix=f"pw-{name}-") as tmp:
        stage = Path(tmp)
        site = stage / name
        url = site_url()
        mkdocs_build(config_text(course, project, url), site)
        parts = pack.collect(site, course, project, url) if course is not None else []
        if course is not None:
            pack.remove_trainer_pages(site)
        finish_site(site, url)
        shutil.make_archive(str(stage / name), "zip", root_dir=stage, base_dir=name)
        made = [stage / name, stage / f"{name}.zip"]
        if course is not None:
            try:
                made += write_course_packages(stage, site, course, project, url)
            except (OSError, ValueError) as err:
                raise BuildFailed(f"the LMS packages could not be made: {err}") from None
            out = stage / f"{name}-trainer-pack"
            print(trainer_pack(course, project, site, parts, out, pdf))
            shutil.make_archive(str(out), "zip", root_dir=stage, base_dir=out.name)
            made += [out, stage / f"{out.name}.zip"]
        dist.mkdir(exist_ok=True)
        for item in made:
            target = dist / item.name
            if target.is_dir():
                shutil.rmtree(target)
            elif target.exists():
                target.unlink()
            shutil.move(str(item), str(target))
    size = (dist / f"{name}.zip").stat().st_size / 1_000_000
    print(f"Built dist/{name}/ and dist/{name}.zip ({size:.1f} MB). Open dist/{name}/index.html in a browser.")
    if course is not None:
        for suffix in COURSE_PACKAGES:
            package = dist / f"{name}{suffix}"
            print(f"Built dist/{package.name} ({package.stat().st_size / 1_000_000:.1f} MB) for your LMS.")

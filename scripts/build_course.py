"""Build an offline copy of a course, with its trainer pack, into dist/.

    python scripts/build_course.py courses/intro-half-day.yml
    python scripts/build_course.py --all          # every course in courses/
    python scripts/build_course.py --site         # the whole site, for offline use
    python scripts/build_course.py --all --no-pdf # skip the printable PDFs

For each course this writes:
    dist/<id>/              the course as a self-contained site: open index.html
    dist/<id>.zip           the same, zipped, to copy onto a classroom machine
    dist/<id>-scorm12.zip   SCORM 1.2 package: one tracked SCO per module and case
    dist/<id>.imscc         IMS Common Cartridge 1.1: pages and quizzes for an LMS
    dist/<id>-trainer-pack/ facilitator notes, quiz answer key, LMS imports (QTI 1.2
                            for Canvas and Blackboard, QTI 2.1, Moodle XML) and
                            printable PDFs

Everything is built in a temporary folder and moved into dist/ only when the
whole build succeeded, so a mistake never leaves dist/ half-written. Bad
manifests give one line per problem and exit status 2.
"""

from __future__ import annotations

import argparse
import io
import logging
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

import yaml

from scripts.content import Project, load_project
from scripts.courses import Course, load_courses
from scripts.export import COURSE_PACKAGES, write_course_packages, write_lms_files
from scripts.export.answer_key import answer_key
from scripts.export.sitehtml import public_url
from scripts.linkcheck import check_site
from scripts.yamlsrc import Problem

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
SHIM = "assets/javascripts/iframe-worker-shim.js"
LINK = re.compile(r'<a\b([^>]*?)\bhref="([^"]*)"([^>]*)>(.*?)</a>', re.S)


class BuildFailed(Exception):
    """A build step failed; the message says which and why."""


# --------------------------------------------------------------------------- configuration


def course_nav(course: Course, project: Project) -> list:
    """The navigation of an offline course: its own pages only, in teaching order."""
    nav: list = [{"Course home": "index.md"}]
    nav.append({"Modules": [f"modules/{m}.md" for m in course.modules]})
    if course.cases:
        nav.append({"Case studies": ["case-studies/index.md", *[f"case-studies/{c}.md" for c in course.cases]]})
    nav += [
        {"Key points": "key-points.md"},
        {"Glossary": "glossary.md"},
        {"My learning": ["my-learning.md", "my-reflections.md"]},
        {"How to use this site": "how-to-use.md"},
        {"About and sources": "about.md"},
    ]
    return nav


def excluded(course: Course, project: Project) -> str:
    """exclude_docs lines for everything outside the course."""
    lines = ["/trainers/"]  # the course home replaces index.md in the hook
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
        return f'<a{before}href="{url}"{after}>{text} <span class="pw-public-note">(on the public site)</span></a>'

    return LINK.sub(fix, html)


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


def strip_links(markdown: str) -> str:
    """Markdown links as plain text: pack pages stand alone, away from the site."""
    return re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", markdown)


def pack_html(title: str, sections: list[str]) -> str:
    """One self-contained, printable HTML page from Markdown sections."""
    import markdown

    body = "\n".join(
        markdown.markdown(
            strip_links(s), extensions=["tables", "admonition", "attr_list", "md_in_html", "pymdownx.tabbed"]
        )
        for s in sections
    )
    style = (
        "body{font-family:system-ui,sans-serif;line-height:1.5;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#111}"
        "table{border-collapse:collapse}td,th{border:1px solid #999;padding:.3rem .5rem;text-align:left}"
        "h1{page-break-before:always}h1:first-of-type{page-break-before:avoid}.admonition{border-left:4px solid #555;padding:0 1rem}"
    )
    return f'<!doctype html>\n<html lang="en-GB"><head><meta charset="utf-8"><title>{title}</title><style>{style}</style></head><body>\n{body}\n</body></html>\n'


def body_of(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    return text.split("---", 2)[2] if text.startswith("---") else text


def trainer_pack(course: Course, project: Project, out: Path) -> list[Path]:
    """Facilitator notes, case guidance, answer key and QTI imports; returns pages to print."""
    out.mkdir(parents=True)
    banks = [
        (project.modules[m].meta["title"], project.banks[project.modules[m].quiz].questions)
        for m in course.modules
        if project.modules[m].quiz in project.banks
    ]
    key = answer_key(course.meta["title"], banks)
    (out / "answer-key.md").write_text(key, encoding="utf-8")
    notes = [body_of(ROOT / "docs" / "trainers" / "notes" / f"{m}.md") for m in course.modules]
    guidance = [body_of(ROOT / "docs" / "trainers" / "cases" / f"{c}.md") for c in course.cases]
    intro = f"# Trainer pack: {course.meta['title']}\n\n{course.meta['description']}\n"
    (out / "trainer-pack.html").write_text(
        pack_html(f"Trainer pack: {course.meta['title']}", [intro, *notes, *guidance, key]), encoding="utf-8"
    )
    (out / "answer-key.html").write_text(pack_html(f"Answer key: {course.meta['title']}", [key]), encoding="utf-8")
    write_lms_files(
        out,
        course.id,
        f"{course.meta['title']}: quizzes",
        [
            (m, project.modules[m].meta["title"], project.banks[project.modules[m].quiz].questions)
            for m in course.modules
            if project.modules[m].quiz in project.banks
        ],
    )
    return [out / "trainer-pack.html"]


def print_pdfs(site: Path, course: Course, pack: Path, pages: list[Path]) -> str:
    """Learner handouts (questions without answers) and the trainer pack as PDFs."""
    if not CHROMIUM.exists():
        return f"Skipped the PDFs: no Chromium at {CHROMIUM} (install it with: sudo apt-get install chromium)."
    from playwright.sync_api import sync_playwright

    handouts = pack / "handouts"
    handouts.mkdir()
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
        )
        page = browser.new_page()
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
        for m in course.modules:
            page.goto((site / "modules" / f"{m}.html").as_uri())
            page.add_style_tag(content=".pw-reflection,.pw-mark-read,.quiz-intro,.quiz-results{display:none!important}")
            page.pdf(path=str(handouts / f"{m}.pdf"), format="A4", print_background=False)
        for html in pages:
            page.goto(html.as_uri())
            page.pdf(path=str(html.with_suffix(".pdf")), format="A4")
        browser.close()
    return f"Printed {len(course.modules)} handout(s) and the trainer pack."


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
        finish_site(site, url)
        shutil.make_archive(str(stage / name), "zip", root_dir=stage, base_dir=name)
        made = [stage / name, stage / f"{name}.zip"]
        if course is not None:
            try:
                made += write_course_packages(stage, site, course, project, url)
            except (OSError, ValueError) as err:
                raise BuildFailed(f"the LMS packages could not be made: {err}") from None
            pack = stage / f"{name}-trainer-pack"
            pages = trainer_pack(course, project, pack)
            print(print_pdfs(site, course, pack, pages) if pdf else "Skipped the PDFs (--no-pdf).")
            made.append(pack)
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("manifests", nargs="*", type=Path, help="course manifests, e.g. courses/intro-half-day.yml")
    parser.add_argument("--all", action="store_true", help="build every course in courses/")
    parser.add_argument("--site", action="store_true", help="build the whole site for offline use")
    parser.add_argument("--no-pdf", action="store_true", help="skip the printable PDFs")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder (default: dist/)")
    args = parser.parse_args(argv)
    if not (args.manifests or args.all or args.site):
        parser.error("name a course manifest, or use --all or --site")
    os.chdir(ROOT)
    logging.basicConfig(format="%(levelname)-7s -  %(message)s", level=logging.WARNING)
    project = load_project(ROOT)
    courses, problems = load_courses(ROOT, project)
    wanted: list[str] = []
    for path in args.manifests:
        path = (Path.cwd() / path).resolve() if not path.is_absolute() else path
        if not path.exists():
            problems.append(Problem(str(path), 1, "no such course manifest; check the path (courses are in courses/)"))
        elif path.parent != ROOT / "courses":
            problems.append(Problem(str(path), 1, "course manifests live in courses/; move the file there"))
        else:
            wanted.append(path.stem)
    problems = [*project.problems, *problems]
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        print(f"{len(problems)} problem(s); nothing was built and dist/ is unchanged.", file=sys.stderr)
        return 2
    if args.all:
        wanted = list(courses)
    try:
        for cid in wanted:
            build_one(courses[cid], project, args.dist, pdf=not args.no_pdf)
        if args.site:
            build_one(None, project, args.dist, pdf=False)
    except BuildFailed as err:
        print(f"Build failed: {err}. dist/ was not changed for this build.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

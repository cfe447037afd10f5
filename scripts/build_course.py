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
    dist/<id>-trainer-pack.zip  the trainer pack as one download

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

from scripts import endtest, pack
from scripts import pdf as printing
from scripts.content import Project, load_project
from scripts.courses import Course, load_courses
from scripts.export import COURSE_PACKAGES, write_course_packages, write_lms_files
from scripts.export.answer_key import answer_key, course_banks
from scripts.export.items import project_banks
from scripts.export.sitehtml import public_url
from scripts.linkcheck import check_site
from scripts.yamlsrc import Problem

ROOT = Path(__file__).resolve().parent.parent
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
        print(f"Build failed: {str(err).rstrip('.!')}. dist/ was not changed for this build.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

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
import logging
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from scripts.content.courses import load_courses
from scripts.core.yamlsrc import Problem
from scripts.outputs.course import BuildFailed, build_one
from scripts.web.checks import load_project

ROOT = Path(__file__).resolve().parent.parent


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

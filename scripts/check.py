"""Check all module and case front matter, quiz banks, the glossary and course manifests without building.

    python scripts/check.py            # this project
    python scripts/check.py --root DIR # another copy of it

Prints ``path:line: message`` for every problem and exits 1 if there is any,
0 if there is none. It never prints a traceback for bad input.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.dev import use_venv

if __name__ == "__main__":
    use_venv(__file__, sys.argv[1:])  # outside .venv (a fresh clone): re-run with .venv's Python

from scripts.content import load_project  # after use_venv: needs the project's packages
from scripts.courses import load_courses


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent, help="project folder")
    args = parser.parse_args(argv)
    project = load_project(args.root.resolve())
    courses, course_problems = load_courses(args.root.resolve(), project)
    problems = sorted(set(project.problems + course_problems))
    for problem in problems:
        print(problem)
    count = len(problems)
    summary = f"{count} problem{'s' if count != 1 else ''}" if count else "no problems"
    print(
        f"{summary} in {len(project.modules)} module(s), {len(project.banks)} quiz bank(s), {len(project.cases)} case(s) and {len(courses)} course(s)",
        file=sys.stderr,
    )
    return 1 if count else 0


if __name__ == "__main__":
    sys.exit(main())

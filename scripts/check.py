"""Check all module and case front matter, quiz banks, the glossary and course manifests without building.

    python scripts/check.py            # this project
    python scripts/check.py --strict   # also fail on what is still to write (CI and publishing)
    python scripts/check.py --root DIR # another copy of it

Prints ``path:line: message`` for every problem, then for every place still to
write (a scaffold's ``TODO``), and exits 1 if there is any problem, 0 if there
is none. Places still to write are reminders: a draft builds and serves with
them; ``--strict`` (and CI, where ``CI`` is set) fails on them too. It never
prints a traceback for bad input.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.dev import use_venv

if __name__ == "__main__":
    use_venv(__file__, sys.argv[1:])  # outside .venv (a fresh clone): re-run with .venv's Python

from scripts.content.courses import load_courses
from scripts.web.checks import load_project  # after use_venv: needs the project's packages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent, help="project folder")
    parser.add_argument("--strict", action="store_true", help="fail on places still to write too (CI does)")
    args = parser.parse_args(argv)
    strict = args.strict or os.environ.get("CI", "").lower() in ("1", "true", "yes")
    project = load_project(args.root.resolve())
    courses, course_problems = load_courses(args.root.resolve(), project)
    found = sorted(set(project.problems + course_problems))
    problems = [p for p in found if not p.reminder]
    reminders = [p for p in found if p.reminder]
    for problem in problems + reminders:
        print(problem)
    print(summary(len(problems), len(reminders), strict), end="", file=sys.stderr)
    print(
        f" in {len(project.modules)} module(s), {len(project.banks)} quiz bank(s), {len(project.cases)} case(s) and {len(courses)} course(s)",
        file=sys.stderr,
    )
    return 1 if problems or (strict and reminders) else 0


def summary(problems: int, reminders: int, strict: bool) -> str:
    """'2 problems and 30 places still to write', or 'no problems'."""
    text = f"{problems} problem{'s' if problems != 1 else ''}" if problems else "no problems"
    if reminders:
        text += f" and {reminders} place{'s' if reminders != 1 else ''} still to write"
        text += " (strict: these fail too)" if strict else " (a draft: it builds and serves; check --strict fails)"
    return text


if __name__ == "__main__":
    sys.exit(main())

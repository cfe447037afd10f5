"""Check all module front matter, quiz banks and the glossary without building.

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

from scripts.content import load_project


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent, help="project folder")
    args = parser.parse_args(argv)
    project = load_project(args.root.resolve())
    for problem in project.problems:
        print(problem)
    count = len(project.problems)
    summary = f"{count} problem{'s' if count != 1 else ''}" if count else "no problems"
    print(f"{summary} in {len(project.modules)} module(s) and {len(project.banks)} quiz bank(s)", file=sys.stderr)
    return 1 if count else 0


if __name__ == "__main__":
    sys.exit(main())

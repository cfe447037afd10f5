"""Build everything a public site offers: the site, and every course's downloads beside it.

    python scripts/publish.py            # builds dist/ (courses, PDFs), then site/ with downloads/

The publishing workflow runs this, so trainers get each course's offline copy,
trainer pack (one zip) and PDFs from the trainers' page without Python. It
stops with the build's own messages if anything fails, and link-checks the
finished site, downloads included.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    dist = ROOT / "dist"
    steps = [
        [sys.executable, "scripts/build_course.py", "--all", "--dist", str(dist)],
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean"],
    ]
    for i, step in enumerate(steps):
        code = subprocess.call(step, cwd=ROOT, env={**env, "PW_DOWNLOADS": str(dist)} if i else env)
        if code:
            return code
    from scripts.outputs.linkcheck import check_site

    problems = check_site(ROOT / "site")
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} broken link(s) in site/; nothing was published.")
        return 1
    count = len(list((ROOT / "site" / "downloads").glob("*")))
    print(f"Built site/ with {count} download(s) in site/downloads/.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

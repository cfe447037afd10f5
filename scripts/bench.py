"""Benchmark: median time of a full strict site build and of each course build,
and the size of each course zip. A measurement to read, not a timed test.

    python scripts/bench.py            # 3 runs each
    python scripts/bench.py --runs 5

Targets on a 2-core machine: a course build under 5 s, a full offline site
build under 10 s, a course zip under 5 MB; each LMS package (SCORM 1.2,
Common Cartridge) under 5 MB and a course's packages made in under 10 s. Course builds are timed without the
PDFs (--no-pdf), which depend on the browser; the PDF time is reported apart.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.dev import use_venv  # standard library only: runs before .venv exists

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=ROOT, env=ENV, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode:
        sys.exit(f"failed: {' '.join(cmd)}\n{result.stderr}")
    return elapsed


def median(cmd: list[str], runs: int) -> float:
    return statistics.median(timed(cmd) for _ in range(runs))


def package_rows(runs: int) -> list[tuple[str, float, str]]:
    """Each course's LMS packages: median time to make each from the built course site, and its size.

    The course site is built once per course (as build_course.py does); only
    the packaging step is timed, since that is what the packages add.
    """
    sys.path.insert(0, str(ROOT))
    from scripts.build_course import config_text, finish_site, mkdocs_build, site_url
    from scripts.content import load_project
    from scripts.courses import load_courses
    from scripts.export import COURSE_PACKAGES

    os.chdir(ROOT)
    project = load_project(ROOT)
    courses, _problems = load_courses(ROOT, project)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for course in courses.values():
            site = Path(tmp) / course.id
            mkdocs_build(config_text(course, project, site_url()), site)
            finish_site(site, site_url())
            total = 0.0
            for suffix, writer in COURSE_PACKAGES.items():
                out = Path(tmp) / f"{course.id}{suffix}"
                times = []
                for _ in range(runs):
                    start = time.perf_counter()
                    writer(out, site, course, project, site_url())
                    times.append(time.perf_counter() - start)
                seconds = statistics.median(times)
                total += seconds
                rows.append((f"package {course.id}{suffix}", seconds, f"{out.stat().st_size / 1_000_000:.2f} MB"))
            rows.append((f"packages of {course.id}, together", total, ""))
    return rows


def main() -> int:
    use_venv(__file__, sys.argv[1:])  # the builds need MkDocs: outside .venv, re-run with .venv's Python
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    py = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        rows = [
            (
                "full strict site build",
                median([py, "-m", "mkdocs", "build", "--strict", "-q", "-d", f"{tmp}/site"], args.runs),
                "",
            )
        ]
        rows.append(
            (
                "full offline site build",
                median([py, "scripts/build_course.py", "--site", "--dist", f"{tmp}/dist"], args.runs),
                "",
            )
        )
        for manifest in sorted((ROOT / "courses").glob("*.yml")):
            seconds = median(
                [py, "scripts/build_course.py", str(manifest), "--no-pdf", "--dist", f"{tmp}/dist"], args.runs
            )
            size = (Path(tmp) / "dist" / f"{manifest.stem}.zip").stat().st_size / 1_000_000
            rows.append((f"course {manifest.stem}", seconds, f"zip {size:.2f} MB"))
        first = sorted((ROOT / "courses").glob("*.yml"))[0]
        with_pdf = median([py, "scripts/build_course.py", str(first), "--dist", f"{tmp}/dist"], args.runs)
        rows.append((f"course {first.stem} with PDFs", with_pdf, ""))
    rows += package_rows(args.runs)
    print(f"median of {args.runs} runs, {os.cpu_count()} cores")
    for name, seconds, extra in rows:
        print(f"{name:40} {seconds:6.2f} s  {extra}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

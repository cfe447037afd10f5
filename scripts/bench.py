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
    from scripts.content.courses import load_courses
    from scripts.outputs.course import config_text, finish_site, mkdocs_build, site_url
    from scripts.outputs.formats import COURSE_PACKAGES
    from scripts.web.checks import load_project

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
    page_speed(args.runs)
    return 0


def page_speed(runs: int = 3, built: Path | None = None) -> None:
    """Lighthouse (mobile) scores and gzip first-load weight of the home page, the
    heaviest module and the heaviest case study, served gzipped from a local server.

    Targets: performance >= 95 (aim 98); accessibility, best practice and SEO 100;
    the heaviest module <= 100 KB gzip on first load. Needs Node and
    ``npm ci --prefix tests/lighthouse`` and Chromium (CHROME_PATH, default
    /usr/bin/chromium); without them only the weights are printed. ``built``
    measures an existing build instead of building the site.
    """
    import functools
    import json
    import shutil
    import threading
    from http.server import ThreadingHTTPServer

    sys.path.insert(0, str(ROOT))
    from tests.test_build import first_load_bytes

    with tempfile.TemporaryDirectory() as tmp:
        site = built or Path(tmp) / "site"
        if built is None:
            timed([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)])

        def heaviest(folder: str) -> Path:
            return max((site / folder).glob("*/index.html"), key=lambda p: first_load_bytes(site, p))

        pages = {
            "home": site / "index.html",
            "largest module": heaviest("modules"),
            "largest case": heaviest("case-studies"),
        }
        httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_gzipped_handler(), directory=str(site)))
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{httpd.server_address[1]}/"
        binary = ROOT / "tests" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
        chrome = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
        can_run = binary.exists() and shutil.which("node") and Path(chrome).exists()
        if not can_run:
            print("Lighthouse skipped: run `npm ci --prefix tests/lighthouse` and install Chromium")
        cats = ["performance", "accessibility", "best-practices", "seo"]
        print(f"\npage speed (Lighthouse mobile, median of {runs}; first load gzip)")
        for name, page in pages.items():
            rel = page.relative_to(site).as_posix()[: -len("index.html")]
            weight = first_load_bytes(site, page) / 1024
            line = f"{name + ' (' + (rel or '/') + ')':48} {weight:6.1f} KB"
            if can_run:
                scores: dict[str, list[float]] = {c: [] for c in cats}
                lcp: list[float] = []
                for _ in range(runs):
                    out = subprocess.run(
                        [
                            str(binary),
                            base + rel,
                            "--quiet",
                            "--output=json",
                            "--output-path=stdout",
                            "--only-categories=" + ",".join(cats),
                            "--chrome-flags=--headless=new --no-sandbox",
                        ],
                        capture_output=True,
                        text=True,
                        env={**os.environ, "CHROME_PATH": chrome},
                        timeout=300,
                    )
                    if out.returncode:
                        sys.exit(f"lighthouse failed on {rel}:\n{out.stderr[-2000:]}")
                    report = json.loads(out.stdout)
                    for c in cats:
                        scores[c].append(round(100 * report["categories"][c]["score"]))
                    lcp.append(report["audits"]["largest-contentful-paint"]["numericValue"] / 1000)
                line += "  " + "  ".join(f"{c[:4]} {statistics.median(v):.0f}" for c, v in scores.items())
                line += f"  LCP {statistics.median(lcp):.1f} s"
            print(line)
        httpd.shutdown()


def _gzipped_handler() -> type:
    """A static file handler that compresses text, as any real host does."""
    import gzip
    import io
    from http.server import SimpleHTTPRequestHandler

    class Gzipped(SimpleHTTPRequestHandler):
        """A static server that compresses text, as any real host does."""

        def log_message(self, *args: object) -> None:
            pass

        def send_head(self):  # type: ignore[no-untyped-def]
            path = Path(self.translate_path(self.path))
            if path.is_dir():
                path = path / "index.html"
            if (
                "gzip" not in self.headers.get("Accept-Encoding", "")
                or path.suffix not in {".html", ".css", ".js", ".json", ".svg", ".xml"}
                or not path.is_file()
            ):
                return super().send_head()
            body = gzip.compress(path.read_bytes(), 6)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "max-age=600")
            self.end_headers()

            return io.BytesIO(body)

    return Gzipped


if __name__ == "__main__":
    sys.exit(main())

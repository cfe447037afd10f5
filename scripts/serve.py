"""Serve the site while you write: ``mkdocs serve`` that shows content errors in the browser.

    python3 scripts/dev.py serve                  # what authors run (makes .venv first)
    .venv/bin/python scripts/serve.py -a 127.0.0.1:8001

Plain ``mkdocs serve`` stops on a content error (before the first build) or
leaves the browser waiting forever (after a later one). Here a failed build
keeps the last good build and puts a banner at the top of every page listing
each problem as ``path:line: message``; the page reloads by itself once the
next build succeeds. A draft with places still to write builds and serves (each
page lists what it lacks); only strict builds fail on those. Any other option is
passed to ``mkdocs serve``.
"""

from __future__ import annotations

import html
import logging
import os
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from mkdocs.commands import serve as mkdocs_serve
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig

from scripts.dev import dev_addr, port_problem

log = logging.getLogger("mkdocs.serve.content")
BANNER = re.compile(r"<!-- pw-build-errors -->.*?<!-- /pw-build-errors -->", re.S)
BODY = re.compile(r"<body\b[^>]*>", re.I)
PROBLEM = re.compile(r"^(\S+:\d+): (.*)$")
REMINDER = re.compile(r"\bstill to write\b")


class _Collect(logging.Handler):
    """Keeps the warnings and errors of one build, to show them in the browser."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def _items(lines: list[str]) -> str:
    items = []
    for line in lines:
        match = PROBLEM.match(line)
        if match:
            items.append(f"<li><code>{html.escape(match.group(1))}</code>: {html.escape(match.group(2))}</li>")
        else:
            items.append(f"<li>{html.escape(line)}</li>")
    return '<ul style="margin:0 0 .5rem 1.25rem">' + "".join(items) + "</ul>"


def banner(lines: list[str], last_good: bool = True) -> str:
    """The error banner: high-contrast, announced to screen readers, one item per problem.

    Real problems come first; places still to write (a draft's reminders) follow
    under their own heading. The banner folds away (a ``details`` element) so an
    author can look at the page beneath it.
    """
    reminders = [line for line in lines if REMINDER.search(line)]
    errors = [line for line in lines if line not in reminders]
    count = len(errors)
    later = (
        f'<h3 style="margin:.5rem 0;color:#fff">Also still to write: {len(reminders)}</h3>' + _items(reminders)
        if reminders
        else ""
    )
    return (
        "<!-- pw-build-errors -->"
        '<div id="pw-build-errors" role="alert" style="background:#7a0000;color:#fff;padding:1rem 1.5rem;'
        'font:16px/1.5 system-ui,sans-serif;position:relative;z-index:10"><details open>'
        '<summary style="cursor:pointer"><h2 style="display:inline;margin:0;color:#fff;font-size:1.25rem">'
        f"The site did not rebuild: {count} problem{'s' if count != 1 else ''}</h2></summary>"
        + _items(errors)
        + later
        + '<p style="margin:0">'
        + ("You are looking at the last good build." if last_good else "There is no good build yet.")
        + " Fix each problem above and save; this page reloads by itself. Choose the heading to fold this away.</p>"
        "</details></div><!-- /pw-build-errors -->"
    )


def show_errors(site_dir: Path, lines: list[str]) -> None:
    """Put the banner on every page of the last good build (or on an error page if there is none)."""
    last_good = (site_dir / "index.html").exists() and "<title>Build failed</title>" not in (
        site_dir / "index.html"
    ).read_text(encoding="utf-8")
    text = banner(lines, last_good)
    pages = sorted(site_dir.rglob("*.html"))
    if not (site_dir / "index.html").exists():
        page = (
            '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Build failed</title></head>'
            "<body></body></html>"
        )
        for name in ("index.html", "404.html"):
            (site_dir / name).write_text(page, encoding="utf-8")
        pages = sorted(site_dir.rglob("*.html"))
    for path in pages:
        old = path.read_text(encoding="utf-8")
        new = BANNER.sub("", old)
        new = BODY.sub(lambda m: m.group(0) + text, new, count=1)
        if new != old:
            path.write_text(new, encoding="utf-8")


def forgiving_build(config: MkDocsConfig, *, serve_url: str | None = None, dirty: bool = False) -> None:
    """MkDocs' build, except that a failure is shown in the browser instead of stalling it."""
    collect = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collect)
    try:
        mkdocs_build(config, serve_url=serve_url, dirty=dirty)
    except Exception as err:  # any failure: the author fixes the content, the server stays up
        lines = [line for line in collect.lines if not line.endswith("fix each line above")] or [str(err)]
        show_errors(Path(config.site_dir), lines)
        log.error(
            "The build failed: the browser shows each problem in a banner (over the last good build, if any); fix and save."
        )
    finally:
        logger.removeHandler(collect)


def main(argv: list[str]) -> int:
    addr, rest = dev_addr(argv)
    problem = port_problem(addr)
    if problem:
        print(problem, file=sys.stderr)
        return 1
    mkdocs_serve.build = forgiving_build  # type: ignore[assignment]
    from mkdocs.__main__ import cli

    # A draft (places still to write) serves; mkdocs.yml's strict mode stays for builds.
    strict = [] if any(a in ("-s", "--strict", "--no-strict") for a in rest) else ["--no-strict"]
    return cli.main(["serve", "--dev-addr", addr, *strict, *rest], prog_name="serve", standalone_mode=True) or 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

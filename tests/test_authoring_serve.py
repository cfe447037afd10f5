"""Serving while writing: a content error shows in the browser over the last good
build, a busy port is one line naming the fix, and README commands run outside
the virtual environment."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from tests.conftest import ROOT, copy_project


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read().decode("utf-8")


def _wait_for(url: str, condition: Callable[[str], bool], timeout: float = 120) -> str:
    """The page at ``url`` once ``condition(page)`` holds; fails after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    page = ""
    while time.monotonic() < deadline:
        try:
            page = _get(url)
            if condition(page):
                return page
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {url}; last page:\n{page[:2000]}")


def _serve(project: Path, port: int) -> subprocess.Popen:
    """``serve.py`` on ``port`` for a copy of the project (the caller terminates it)."""
    return subprocess.Popen(
        [sys.executable, str(project / "scripts" / "serve.py"), "-a", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def test_a_content_error_shows_in_the_browser_over_the_last_good_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    port = _free_port()
    server = _serve(project, port)
    url = f"http://127.0.0.1:{port}/about/"
    try:
        good = _wait_for(url, lambda page: "<h1" in page)
        assert "pw-build-errors" not in good
        about = project / "docs" / "about.md"
        text = about.read_text(encoding="utf-8")
        about.write_text(text.rstrip("\n") + "\n\nSee [nothing](no-such-page.md).\n", encoding="utf-8")
        line = text.rstrip("\n").count("\n") + 3
        broken = _wait_for(url, lambda page: "pw-build-errors" in page)
        assert f"<code>docs/about.md:{line}</code>" in broken
        assert "no-such-page.md" in broken
        assert "<h1" in broken, "the last good build stays behind the banner"
        assert 'role="alert"' in broken
        about.write_text(text, encoding="utf-8")
        _wait_for(url, lambda page: "pw-build-errors" not in page and "<h1" in page)
        assert server.poll() is None, "the server keeps running through the error"
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_a_busy_port_is_one_line_naming_the_fix_before_any_build() -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        start = time.monotonic()
        result = subprocess.run(
            [sys.executable, str(ROOT / "scripts" / "dev.py"), "serve", "-a", f"127.0.0.1:{port}"],
            capture_output=True,
            text=True,
            timeout=60,
        )
        elapsed = time.monotonic() - start
    assert result.returncode != 0
    lines = [line for line in (result.stdout + result.stderr).split("\n") if line.strip()]
    assert len(lines) == 1, lines
    assert f"-a 127.0.0.1:{port + 1}" in lines[0] and "in use" in lines[0]
    assert "Building" not in result.stderr and elapsed < 10


def test_scripts_run_outside_the_virtual_environment() -> None:
    """``python3 scripts/bench.py`` and ``scripts/check.py`` re-run themselves with .venv's Python.

    ``-S`` hides site-packages, so this Python has no MkDocs, like a system Python.
    """
    for script, args in (("bench.py", ["--help"]), ("check.py", [])):
        result = subprocess.run(
            [sys.executable, "-S", str(ROOT / "scripts" / script), *args],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        assert "No module named" not in result.stderr
    assert "no problems" in result.stderr


def test_with_no_good_build_yet_the_error_page_lists_the_problems(tmp_path: Path) -> None:
    from scripts.serve import show_errors

    show_errors(tmp_path, ["docs/about.md:3: link 'x.md' points to x.md, which is not a page of the site", "<b>"])
    for name in ("index.html", "404.html"):
        page = (tmp_path / name).read_text(encoding="utf-8")
        assert "<code>docs/about.md:3</code>" in page and "&lt;b&gt;" in page and "2 problems" in page
        assert "no good build yet" in page
    show_errors(tmp_path, ["docs/a.md:1: one"])  # a second failure replaces the banner, never stacks it
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert page.count("<!-- pw-build-errors -->") == 1 and "1 problem<" in page


def test_a_fresh_scaffold_serves_as_a_draft_and_only_strict_fails(tmp_path: Path) -> None:
    """A new module's TODOs are places still to write: it serves with a draft note; check --strict fails."""
    project = copy_project(tmp_path)
    new = subprocess.run(
        [sys.executable, str(project / "scripts" / "new.py"), "module", "sharing-information"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert new.returncode == 0, new.stderr
    check = [sys.executable, str(project / "scripts" / "check.py")]
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    loose = subprocess.run(check, cwd=project, capture_output=True, text=True, timeout=120, env=env)
    assert loose.returncode == 0 and "places still to write (a draft" in loose.stderr, loose.stderr
    strict = subprocess.run([*check, "--strict"], cwd=project, capture_output=True, text=True, timeout=120, env=env)
    assert strict.returncode == 1 and strict.stdout == loose.stdout
    port = _free_port()
    server = _serve(project, port)
    try:
        page = _wait_for(f"http://127.0.0.1:{port}/modules/sharing-information/", lambda p: "<h1" in p)
        assert "places still to write" in page and "pw-build-errors" not in page
        assert "docs/modules/sharing-information.md:3" in page
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_the_banner_lists_real_problems_before_places_still_to_write(tmp_path: Path) -> None:
    from scripts.serve import banner

    text = banner(
        ["docs/a.md:2: still to write: the title (then delete the TODO)", "docs/b.md:5: link 'x.md' is broken"]
    )
    assert text.index("docs/b.md:5") < text.index("docs/a.md:2")
    assert "1 problem<" in text and "Also still to write: 1" in text and "<details open>" in text

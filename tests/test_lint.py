"""The Python code stays ruff-clean, and the tools an author runs exist."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT


def test_ruff_is_clean() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "scripts", "tests"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_requirements_are_exact_pins_below_mkdocs_2() -> None:
    lines = [line for line in (ROOT / "requirements.txt").read_text().splitlines() if line and not line.startswith("#")]
    assert all("==" in line for line in lines), lines
    mkdocs = next(line for line in lines if line.startswith("mkdocs=="))
    assert mkdocs.split("==")[1].startswith("1.")


def test_nothing_generated_is_tracked() -> None:
    ignored = (ROOT / ".gitignore").read_text().split()
    for folder in ("site/", "dist/", ".venv/"):
        assert folder in ignored


OVERLAP = ROOT.parent / "shared" / "tools" / "overlap.py"


def test_no_text_is_copied_from_the_source_article() -> None:
    """Runs the shared overlap tool when the shared folder sits beside the project (as in CI)."""
    if not OVERLAP.exists():
        pytest.skip(f"{OVERLAP} not found: the shared folder is not beside this checkout")
    folders = [name for name in ("docs", "quizzes", "courses", "includes") if (ROOT / name).exists()]
    result = subprocess.run([sys.executable, str(OVERLAP), *folders], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip().endswith("0 shared run(s) of 8+ words")


def _browser_test_without_chromium(ci: str | None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env["CHROMIUM_PATH"] = "/nonexistent/chromium"
    if ci is not None:
        env["CI"] = ci
    test = "tests/test_browser.py::test_search_finds_the_module"
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", test],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )


def test_browser_tests_skip_without_chromium_outside_ci() -> None:
    result = _browser_test_without_chromium(None)
    assert result.returncode == 0, result.stdout
    assert "1 skipped" in result.stdout and "no Chromium at /nonexistent/chromium" in result.stdout


def test_browser_tests_fail_without_chromium_in_ci() -> None:
    result = _browser_test_without_chromium("true")
    assert result.returncode != 0, result.stdout
    assert "CI is set but there is no browser" in result.stdout

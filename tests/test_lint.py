"""The Python code stays ruff-clean, and the tools an author runs exist."""

from __future__ import annotations

import subprocess
import sys

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

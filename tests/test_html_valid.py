"""Every built page is valid HTML, as the Nu HTML checker (the W3C's validator) reads it.

The checker is ``vnu.jar`` from the npm package vnu-jar (installed in tests/js
by the test command) and runs on the system Java. Errors in markup that only
the theme writes, and that the site cannot change without copying the theme's
templates, are listed in ``THEIRS`` with the reason; every other error fails.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT

VNU = ROOT / "tests" / "js" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
JAVA = shutil.which("java")
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
# (start of the checker's message, what it must be about, why it is not ours)
THEIRS = [
    (
        "Attribute “autocomplete” is only allowed when the input type is",
        'type="checkbox"',
        "Material's drawer and search toggles (checkboxes with autocomplete=off) in its base template",
    ),
]


def _theirs(message: dict) -> bool:
    return any(
        message["message"].startswith(start) and about in message.get("extract", "") for start, about, _ in THEIRS
    )


def errors(site: Path) -> list[str]:
    result = subprocess.run(
        [JAVA, "-jar", str(VNU), "--format", "json", "--skip-non-html", str(site)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    found = json.loads(result.stderr or '{"messages": []}')["messages"]
    return [
        f"{m['url'].split(str(site))[-1]}:{m.get('lastLine', '?')}: {m['message']}"
        for m in found
        if m["type"] == "error" and not _theirs(m)
    ]


def _need_checker() -> None:
    missing = [
        what
        for what, ok in (("java (apt-get install default-jre-headless)", JAVA), ("vnu.jar", VNU.exists()))
        if not ok
    ]
    if missing:
        message = f"the Nu HTML checker needs {', '.join(missing)}; run python3 scripts/dev.py test"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)


def test_every_page_of_the_site_is_valid_html(built_site: Path) -> None:
    _need_checker()
    assert errors(built_site) == []


def test_every_page_of_an_offline_course_is_valid_html(dist: Path) -> None:
    _need_checker()
    assert errors(dist / "intro-half-day") == []


def test_the_checker_finds_an_error(tmp_path: Path) -> None:
    _need_checker()
    (tmp_path / "bad.html").write_text(
        '<!doctype html><html lang="en"><head><title>x</title></head><body><label for="nowhere">x</label></body></html>'
    )
    assert any("for" in e for e in errors(tmp_path))

"""Claims on the home page that must stay true as modules change."""

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def module_minutes() -> list[int]:
    """The `minutes:` front matter of every module page."""
    found = []
    for path in sorted((ROOT / "docs" / "modules").glob("*.md")):
        front = path.read_text(encoding="utf-8").split("---", 2)[1]
        found.append(int(yaml.safe_load(front)["minutes"]))
    return found


def test_home_page_time_matches_the_modules() -> None:
    """The home page once said "about 60 minutes" while modules took 60 to 80."""
    text = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    claims = re.findall(r"module takes (\d+) to (\d+) minutes", text)
    assert claims, "docs/index.md should say 'A module takes N to M minutes'"
    minutes = module_minutes()
    for low, high in claims:
        assert (int(low), int(high)) == (min(minutes), max(minutes)), (low, high, minutes)

"""Repeatable zips for every package the course build writes."""

from __future__ import annotations

import zipfile
from pathlib import Path

DATE = (2020, 1, 1, 0, 0, 0)  # a fixed date, so the same content gives the same bytes


def write_zip(path: Path, contents: dict[str, bytes]) -> Path:
    """A zip of ``contents`` (name -> bytes) in the given order with fixed dates, so builds are repeatable."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in contents.items():
            zf.writestr(zipfile.ZipInfo(name, date_time=DATE), data, zipfile.ZIP_DEFLATED)
    return path

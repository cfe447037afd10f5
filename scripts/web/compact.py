"""Strip the indentation from a built page's HTML, to shave its download.

mkdocs-quiz and Material's templates indent their markup generously; in a
module page with ten questions that indentation costs about 0.8 KB after gzip.
A line's leading spaces never change how HTML renders, except inside
``<pre>`` and ``<textarea>`` (kept exactly) and in text styled with
``white-space: pre`` (the site styles only text its scripts build that way).
"""

from __future__ import annotations

import re

_KEEP = re.compile(r"(<pre\b.*?</pre>|<textarea\b.*?</textarea>)", re.S | re.I)
_INDENT = re.compile(r"\n[ \t]+")


def dedent(html: str) -> str:
    """``html`` with each line's leading white space removed outside ``<pre>`` and ``<textarea>``."""
    parts = _KEEP.split(html)
    return "".join(part if i % 2 else _INDENT.sub("\n", part) for i, part in enumerate(parts))

"""Serve mkdocs-quiz's script and style as cached files instead of inlining them.

mkdocs-quiz appends about 47 KB of script and 10 KB of style to every page with a
quiz, so a learner downloads them again with each module. After each page is
rendered, ``move_to_files`` swaps those inline blocks for a hidden element
naming the plugin's style and script, the learner record's quiz script
(``assets/javascripts/record-quiz.js``, which must run before the plugin) and
the site's own quiz glue (``assets/javascripts/pw-quiz.js``). ``site.js`` loads them only when the learner
nears a quiz, or at once when there are saved answers to restore, so the first
screen of a module does not wait for them (``site.css`` hides the quiz's hidden
parts until then). ``write_assets`` writes the two files once per build under
content-hashed names, so a browser may keep them.

``site.js`` puts the stylesheet before ``site.css``, so the site's own quiz styles
win (when the style was inline at the end of the body it overrode them).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from mkdocs.utils import get_relative_url

GLUE = "assets/javascripts/pw-quiz.js"
RECORD = "assets/javascripts/record-quiz.js"  # keeps answers in the learner record; runs before the plugin
HOLDER = "pw-quiz-scripts"  # site.js loads the scripts this names when the quiz is near


@dataclass(frozen=True)
class Asset:
    """One file written into the site, and the inline block it replaces."""

    inline: str
    body: str
    suffix: str

    @property
    def path(self) -> str:
        digest = hashlib.sha256(self.body.encode()).hexdigest()[:10]
        return f"assets/quiz/quiz.{digest}.{self.suffix}"


def plugin_assets() -> tuple[Asset, Asset]:
    """mkdocs-quiz's style and script, exactly as the plugin inlines them."""
    from mkdocs_quiz import plugin

    style_body = plugin.style.removeprefix('<style type="text/css">').removesuffix("</style>")
    script_body = plugin.js_script.removeprefix('<script type="text/javascript" defer>').removesuffix("</script>")
    return Asset(plugin.style, style_body, "css"), Asset(plugin.js_script, script_body, "js")


def move_to_files(html: str, page_url: str, style: Asset, script: Asset) -> str:
    """The page with the quiz plugin's inline style and script replaced by links to files.

    A page without the plugin's blocks is returned unchanged.
    """
    if not style.inline or style.inline not in html or script.inline not in html:
        return html

    def rel(path: str) -> str:
        return get_relative_url(path, page_url)

    html = html.replace(style.inline, "", 1)
    holder = (
        f'<span hidden id="{HOLDER}" data-css="{rel(style.path)}" '
        f'data-src="{rel(RECORD)} {rel(script.path)} {rel(GLUE)}"></span>'
    )
    return html.replace(script.inline, holder, 1)


class Written(Protocol):
    """A file the build makes: an ``Asset`` here, or a ``bundles.Bundle``."""

    @property
    def path(self) -> str: ...

    body: str


def write_assets(site_dir: Path, *assets: Written) -> None:
    """Write each file once into the built site, at its content-hashed path."""
    for asset in assets:
        target = site_dir / asset.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(asset.body, encoding="utf-8")

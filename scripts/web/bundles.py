"""Join and minify the site's own scripts and styles, so a page downloads less.

Issue 11 caps a module page's first load at 100 KiB gzip. The site's scripts are
written as small commented files (easy to read and review), but shipped that way
every page paid for five requests and every comment. So the build:

* joins the local ``extra_javascript`` files of ``mkdocs.yml`` (in their order)
  into one minified file, and the local ``extra_css`` files into another, each
  named by a hash of its content so a browser can keep it;
* makes one more script bundle per entry of ``PAGE_BUNDLES``, which only the
  pages holding that entry's hooks load: ``pw-learning`` for My learning and
  My reflections (the CPD record and the import review are large, and no other
  page needs them), ``pw-test`` for a course's course-end test;
* leaves the quiz's record script (``quizassets.RECORD``) to be loaded with the
  quiz itself, because it is only needed once the learner nears the quiz.

The readable files stay in ``docs/`` and are still copied into the site, so an
author edits them as before; ``mkdocs serve`` rebuilds the bundles on each
change. Minifying uses rjsmin and rcssmin (small, long-standing, pure-Python
minifiers): string pasting cannot strip comments safely from JavaScript.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import rcssmin
import rjsmin
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.utils import get_relative_url

LEARNING = ("assets/javascripts/record-import.js", "assets/javascripts/record-learning.js")
LEARNING_PAGES = ('id="pw-my-learning"', 'id="pw-my-reflections"')  # the hooks the build writes on those pages
# bundle name -> (its sources, the hooks of the pages that load it)
PAGE_BUNDLES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "pw-learning": (LEARNING, LEARNING_PAGES),
    "pw-test": (("assets/javascripts/end-test.js",), ('id="pw-end-test"',)),
}


@dataclass(frozen=True)
class Bundle:
    """One joined, minified file (written by ``quizassets.write_assets`` like the quiz's files)."""

    name: str
    body: str
    suffix: str  # "js" or "css"

    @property
    def path(self) -> str:
        digest = hashlib.sha256(self.body.encode()).hexdigest()[:10]
        folder = "javascripts" if self.suffix == "js" else "stylesheets"
        return f"assets/{folder}/{self.name}.{digest}.min.{self.suffix}"


def minify(text: str, suffix: str) -> str:
    """A script or stylesheet without comments and spare white space."""
    return rjsmin.jsmin(text) if suffix == "js" else rcssmin.cssmin(text)


def make(docs_dir: Path, name: str, sources: tuple[str, ...], suffix: str) -> Bundle:
    """Join ``sources`` (paths under ``docs_dir``) in order, each minified.

    Scripts are joined with ``;`` so one file's last statement can never run on
    into the next file's opening parenthesis.
    """
    parts = [minify((docs_dir / src).read_text(encoding="utf-8"), suffix) for src in sources]
    return Bundle(name, (";\n" if suffix == "js" else "\n").join(parts) + "\n", suffix)


def _local(path: str) -> bool:
    return "://" not in path and not path.startswith("//")


def install(config: MkDocsConfig) -> tuple[Bundle, ...]:
    """Point the config at the bundles instead of the local files; return every bundle to write.

    Remote entries (none today) would keep their place; local ones are replaced
    by one deferred script and one stylesheet where the first of them stood.
    """
    docs = Path(config.docs_dir)
    scripts = [str(s) for s in config.extra_javascript if _local(str(s))]
    styles = [s for s in config.extra_css if _local(s)]
    made = []
    if scripts:
        js = make(docs, "pw", tuple(scripts), "js")
        entry = ExtraScriptValue(js.path)
        entry.defer = True
        config.extra_javascript = _replace(list(config.extra_javascript), set(scripts), entry)
        made.append(js)
    if styles:
        css = make(docs, "pw", tuple(styles), "css")
        config.extra_css = _replace(list(config.extra_css), set(styles), css.path)
        made.append(css)
    for name, (sources, _) in PAGE_BUNDLES.items():
        if all((docs / src).exists() for src in sources):
            made.append(make(docs, name, sources, "js"))
    return tuple(made)


def _replace(entries: list, local: set[str], bundle: object) -> list:
    """``entries`` with the local ones replaced by ``bundle``, once, where the first stood."""
    out: list = []
    placed = False
    for entry in entries:
        if str(entry) not in local:
            out.append(entry)
        elif not placed:
            out.append(bundle)
            placed = True
    return out


def add_page_scripts(html: str, page_url: str, bundles: tuple[Bundle, ...]) -> str:
    """A page holding a ``PAGE_BUNDLES`` entry's hook also loads that bundle, after the others."""
    if "</body>" not in html:
        return html
    tags = ""
    for bundle in bundles:
        hooks = PAGE_BUNDLES.get(bundle.name, ((), ()))[1]
        if any(hook in html for hook in hooks):
            tags += f'<script src="{get_relative_url(bundle.path, page_url)}" defer></script>\n'
    if not tags:
        return html
    head, _, tail = html.rpartition("</body>")
    return head + tags + "</body>" + tail

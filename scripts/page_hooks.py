"""MkDocs glue for how pages reach a learner: search index, quiz assets, script and style bundles, pruned theme styles, phone layout.

A second hooks file (next to ``hooks.py``, which validates and renders content)
so each stays small. The logic lives in ``search``, ``layout``, ``bundles``, ``cssprune``, ``compact``
and ``quizassets``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.web import bundles, compact, cssprune, layout, quizassets, search

_made: dict[str, tuple[bundles.Bundle, ...]] = {}


@event_priority(-100)  # after Material's search plugin has made its index
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    search.install(config)
    _made["bundles"] = bundles.install(config)
    return config


@event_priority(-50)  # after mkdocs-quiz has put its HTML in
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    html = layout.phone_ready(html)
    if page.file.src_uri == "glossary.md":
        html = search.glossary_anchors(html)
    return html


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    output = layout.named_nav_sections(output)
    output = layout.toc_label_needs_its_toggle(layout.quiz_sidebar_named_region(output))
    output = bundles.add_page_scripts(output, page.url, _made.get("bundles", ()))
    output = quizassets.move_to_files(output, page.url, *quizassets.plugin_assets())
    return compact.dedent(output)


def on_post_build(config: MkDocsConfig) -> None:
    quizassets.write_assets(Path(config.site_dir), *quizassets.plugin_assets(), *_made.get("bundles", ()))
    cssprune.prune_site(Path(config.site_dir), cssprune.palette_colours(config.theme.get("palette")))

"""What the site search indexes, so that search helps a learner instead of giving answers away.

- Quiz options, per-option feedback, fill-in answers, hints and the score panel
  are left out of the index; each question's stem stays, so a learner can still
  find the question that tests an idea.
- The glossary is indexed one entry per term (the page itself stays one list).
- Trainers' pages rank below learner pages (``search.boost`` in the page's
  metadata) and their results say they are for trainers.

The page a learner sees is never changed by this: only the copy the search index
reads. ``install`` swaps Material's search index for ``LearnerSearchIndex``; it
relies on Material 9.x internals (``SearchIndex.add_entry_from_context`` and
``create_entry_for_section``), which ``requirements.txt`` pins.
"""

from __future__ import annotations

import re
from typing import Any

TRAINER_PREFIX = "trainers/"
TRAINER_BOOST = 0.5
TRAINER_LABEL = "For trainers: "
TRAINER_TITLES = ("Facilitator notes", "Trainer guidance", "For trainers")

# Blocks a learner must not meet in search results: (tag, a pattern its opening tag matches).
_LEFT_OUT = [
    ("form", r"<form\b"),  # a quiz's options and their feedback
    ("section", r'<section class="content\b'),  # the answer and explanation shown after answering
    ("div", r'<div id="quiz-results"'),  # the score panel ("Quiz Complete!")
    ("div", r'<div class="quiz-intro"'),
    ("div", r'<div id="quiz-progress-sidebar"'),
    ("nav", r'<nav id="quiz-progress-mobile"'),
    ("div", r'<div class="pw-fill-hint"'),
    ("div", r'<div class="pw-mark-read"'),  # the same "mark as read" line on every module
    ("a", r'<a href="#quiz-\d+" class="quiz-header-link"'),
]
_DT = re.compile(r'<dt id="(?P<id>[^"]+)">(?P<term>.*?)</dt>\s*<dd>(?P<text>.*?)</dd>', re.S)


def remove_block(html: str, tag: str, start: str) -> str:
    """Remove every element whose opening tag matches ``start``, with all it contains.

    Nesting of the same tag is counted, so a ``<div>`` holding other divs goes whole.
    """
    opening = re.compile(start)
    tags = re.compile(rf"<(/?){tag}\b[^>]*>")
    out, pos = [], 0
    while (found := opening.search(html, pos)) is not None:
        out.append(html[pos : found.start()])
        depth, end = 0, len(html)
        for m in tags.finditer(html, found.start()):
            depth += -1 if m.group(1) else 1
            if depth == 0:
                end = m.end()
                break
        pos = end
    out.append(html[pos:])
    return "".join(out)


def glossary_anchors(html: str) -> str:
    """Give each glossary term (``<dt>``) an id, so a search result can point at it."""
    used: set[str] = set()

    def anchor(match: re.Match[str]) -> str:
        text = re.sub(r"<[^>]+>", "", match.group(1))
        slug = "term-" + (re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x")
        base, n = slug, 2
        while slug in used:
            slug, n = f"{base}-{n}", n + 1
        used.add(slug)
        return f'<dt id="{slug}">{match.group(1)}</dt>'

    return re.sub(r"<dt>(.*?)</dt>", anchor, html, flags=re.S)


def search_view(html: str) -> str:
    """The copy of a page's HTML that the search index reads."""
    for tag, start in _LEFT_OUT:
        html = remove_block(html, tag, start)
    # One section per glossary term: a heading with the term's id starts a new entry.
    return _DT.sub(lambda m: f'<h2 id="{m["id"]}">{m["term"]}</h2><p>{m["text"]}</p>', html)


def is_trainer_page(src_uri: str) -> bool:
    return src_uri.startswith(TRAINER_PREFIX)


def page_meta(meta: dict[str, Any], src_uri: str) -> dict[str, Any]:
    """Trainers' pages rank below learner pages unless the page sets its own boost."""
    if is_trainer_page(src_uri):
        search = dict(meta.get("search") or {})
        search.setdefault("boost", TRAINER_BOOST)
        meta = {**meta, "search": search}
    return meta


def label_title(title: str, src_uri: str, location: str) -> str:
    """A trainers' page's own result says it is for trainers (sections sit under it)."""
    if is_trainer_page(src_uri) and "#" not in location and not title.startswith(TRAINER_TITLES):
        return TRAINER_LABEL + title
    return title


def install(config: Any) -> None:
    """Put ``LearnerSearchIndex`` in place of Material's index (call after its on_config)."""
    from material.plugins.search.plugin import SearchIndex

    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    if plugin is None or not hasattr(plugin, "search_index"):
        return

    class LearnerSearchIndex(SearchIndex):
        """Material's index, reading ``search_view`` of each page and labelling trainers' pages."""

        def add_entry_from_context(self, page: Any) -> None:
            original = page.content
            page.meta = page_meta(page.meta, page.file.src_uri)
            page.content = search_view(original)
            try:
                super().add_entry_from_context(page)
            finally:
                page.content = original

        def create_entry_for_section(self, section: Any, toc: Any, url: str, page: Any) -> None:
            before = len(self.entries)
            super().create_entry_for_section(section, toc, url, page)
            for entry in self.entries[before:]:
                entry["title"] = label_title(entry["title"], page.file.src_uri, entry["location"])

    if type(plugin.search_index) is SearchIndex:
        plugin.search_index = LearnerSearchIndex(**plugin.config)

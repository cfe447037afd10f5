"""Printable PDFs of a course: learner handouts and the trainer pack, by Chromium.

Every PDF is tagged (headings, lists, tables and reading order, as UK public
bodies must publish documents), has a bookmark outline from its headings, its
title and language from the page, a running title and page numbers.
"""

from __future__ import annotations

import os
from pathlib import Path

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"]
STYLE = "font-family:system-ui,sans-serif;font-size:8pt;color:#333;width:100%;margin:0 14mm;"
HEADER = f'<div style="{STYLE}"><span class="title"></span></div>'
FOOTER = f'<div style="{STYLE}text-align:right">Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>'
MARGIN = {"top": "18mm", "bottom": "18mm", "left": "14mm", "right": "14mm"}
# On a handout the learner-record controls and the quiz's own buttons mean nothing.
HANDOUT_STYLE = ".pw-reflection,.pw-mark-read,.pw-task,.quiz-intro,.quiz-results{display:none!important}"


def available() -> str | None:
    """None if PDFs can be printed here, else the sentence saying why not and how to fix it."""
    if CHROMIUM.exists():
        return None
    return f"Skipped the PDFs: no Chromium at {CHROMIUM} (install it with: sudo apt-get install chromium)."


def _print(page, source: Path, target: Path, extra_style: str = "") -> Path:
    page.goto(source.as_uri())
    page.emulate_media(media="print", color_scheme="light")
    if extra_style:
        page.add_style_tag(content=extra_style)
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    page.pdf(
        path=str(target),
        format="A4",
        margin=MARGIN,
        display_header_footer=True,
        header_template=HEADER,
        footer_template=FOOTER,
        print_background=True,
        tagged=True,
        outline=True,
    )
    return target


def print_course(site: Path, modules: list[str], handouts: Path, pages: list[Path]) -> list[Path]:
    """One handout per module from the built site, then each pack page beside itself as .pdf."""
    from playwright.sync_api import sync_playwright

    handouts.mkdir(parents=True, exist_ok=True)
    made = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page()
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
        for module in modules:
            made.append(_print(page, site / "modules" / f"{module}.html", handouts / f"{module}.pdf", HANDOUT_STYLE))
        for html in pages:
            made.append(_print(page, html, html.with_suffix(".pdf")))
        browser.close()
    return made

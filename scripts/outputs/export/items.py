"""Quiz-bank questions as format-neutral LMS items.

Every LMS export (QTI 1.2, QTI 2.1, Moodle XML) is written from these items, so
that ids, titles, HTML, accepted answers and the marking rule are decided once
and are the same in every file a trainer imports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import markdown

from scripts.content.banks import accepted_answers
from scripts.content.pools import page_indexes
from scripts.web.render import safe

LETTERS = "abcdefghij"
# What a wrong fill-in shows when the bank gives no hint (never the answer).
NOT_YET = "<p>Not quite. Read the situation again and think about which idea from the module it calls for.</p>"
BLANK = "PWBLANKPW"  # stands where a fill-in's box goes; each format puts its own box there
TITLE_LENGTH = 60
LINK = re.compile(r"<a\b[^>]*>(.*?)</a>", re.S)


@dataclass(frozen=True)
class Option:
    """One choice of a single- or multiple-choice item."""

    ident: str
    html: str
    correct: bool
    feedback: str


@dataclass(frozen=True)
class Item:
    """One question, ready to be written in any LMS format.

    ``kind`` is ``single``, ``multiple`` or ``fill-in``. HTML fields hold
    trusted HTML made from the bank's Markdown (raw HTML in the bank is shown
    as text), with links reduced to their text because section links mean
    nothing inside an LMS. A fill-in's stem holds ``BLANK`` where the box goes.
    """

    ident: str
    module: str
    title: str
    kind: str
    stem: str
    options: tuple[Option, ...] = ()
    answers: tuple[str, ...] = ()
    feedback: str = ""
    hint: str = ""
    general: str = ""
    outcome: str = ""
    page: bool = True  # shown on the module page (the self-check); False: in the pool only

    @property
    def wrong_hint(self) -> str:
        """What a wrong fill-in shows in every format: the bank's hint, or a nudge that never gives the answer."""
        return self.hint or NOT_YET

    @property
    def correct(self) -> tuple[str, ...]:
        return tuple(o.ident for o in self.options if o.correct)


@dataclass(frozen=True)
class Module:
    """A module's quiz: its id, title and every item in bank order (the page's and the pool's)."""

    ident: str
    title: str
    items: tuple[Item, ...]
    outcomes: tuple[tuple[str, str], ...] = ()  # (id, text) in the module's order

    @property
    def page_items(self) -> tuple[Item, ...]:
        """The self-check: the items the module page shows, in its order."""
        return tuple(i for i in self.items if i.page)

    def pools(self) -> list[tuple[str, str, tuple[Item, ...]]]:
        """(outcome id, outcome text, its items) for each outcome with items: what a random draw picks from."""
        named = dict(self.outcomes)
        order = [o for o, _ in self.outcomes] + [i.outcome for i in self.items if i.outcome not in named]
        seen: list[str] = []
        for oid in order:
            if oid not in seen:
                seen.append(oid)
        out = []
        for oid in seen:
            items = tuple(i for i in self.items if i.outcome == oid)
            if items:
                out.append((oid, named.get(oid, oid), items))
        return out


def to_html(text: str) -> str:
    """Bank Markdown as HTML: raw HTML neutralised, links kept as their text."""
    return LINK.sub(r"\1", markdown.markdown(safe(text), extensions=["tables"])).strip()


def inline_html(text: str) -> str:
    """One line of bank Markdown as inline HTML (no wrapping paragraph)."""
    html = to_html(text)
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        return html[3:-4]
    return html


def short_title(text: str, limit: int = TITLE_LENGTH) -> str:
    """A question's title for an LMS list: the stem's first words, cut on a word boundary.

    LMSs show titles in question banks and gradebooks; cutting mid-word (as
    mkdocs-quiz did at 50 characters) reads badly, so stop at the last whole
    word and mark the cut with an ellipsis.
    """
    plain = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    plain = re.sub(r"[*_`>#]", "", plain)
    plain = " ".join(plain.split())
    if len(plain) <= limit:
        return plain
    cut = plain[: limit + 1].rsplit(" ", 1)[0].rstrip(",;:.-–— ")
    return cut + "…"


def multiple_shares(options: tuple[Option, ...]) -> dict[str, Fraction]:
    """The marking rule for multiple-answer questions, the same in every format.

    Each right option chosen earns an equal share of the marks and each wrong
    option chosen takes the same share away; the total never goes below zero.
    This is Canvas's own rule for multiple-answer questions and can be written
    exactly in Moodle (answer fractions) and QTI 2.1 (a bounded response
    mapping), so a learner gets the same mark wherever the quiz runs.
    """
    right = sum(1 for o in options if o.correct)
    share = Fraction(1, right)
    return {o.ident: share if o.correct else -share for o in options}


def to_item(module: str, question: dict[str, Any], page: bool = True) -> Item:
    """One bank question as an item with stable identifiers."""
    ident = f"{module}-{question['id']}"
    outcome = str(question.get("outcome", ""))
    general = to_html(question["explanation"]) if question.get("explanation") else ""
    title = short_title(question["question"].replace("___", "…"))
    if question["type"] == "fill-in":
        return Item(
            ident=ident,
            module=module,
            title=title,
            kind="fill-in",
            stem=to_html(question["question"].replace("___", BLANK, 1)),
            answers=tuple(accepted_answers(question)),
            feedback=to_html(question["feedback"]),
            hint=to_html(question["hint"]) if question.get("hint") else "",
            general=general,
            outcome=outcome,
            page=page,
        )
    options = tuple(
        Option(
            ident=f"{ident}-{LETTERS[i]}",
            html=inline_html(o["text"]),
            correct=bool(o["correct"]),
            feedback=to_html(o["feedback"]),
        )
        for i, o in enumerate(question["options"])
    )
    return Item(
        ident=ident,
        module=module,
        title=title,
        kind=question["type"],
        stem=to_html(question["question"]),
        options=options,
        general=general,
        outcome=outcome,
        page=page,
    )


Outcomes = dict[str, list[tuple[str, str]]]


def course_modules(
    banks: list[tuple[str, str, list[dict[str, Any]]]], outcomes: Outcomes | None = None
) -> list[Module]:
    """The course's quizzes as (module id, title, every question) become modules of items.

    ``outcomes`` gives each module's (outcome id, text), which names the pools;
    without it a pool is named by its outcome id.
    """
    out = []
    for m, title, questions in banks:
        shown = set(page_indexes(questions))
        items = tuple(to_item(m, q, i in shown) for i, q in enumerate(questions))
        out.append(Module(m, title, items, tuple((outcomes or {}).get(m, []))))
    return out


def project_banks(module_ids: list[str], project: Any) -> tuple[list[tuple[str, str, list[dict[str, Any]]]], Outcomes]:
    """(banks, outcomes) for ``course_modules``: the listed modules that have a quiz, every item each."""
    banks, outcomes = [], {}
    for m in module_ids:
        module = project.modules[m]
        if module.quiz not in project.banks:
            continue
        banks.append((m, module.meta["title"], project.banks[module.quiz].questions))
        outcomes[m] = [(str(o["id"]), str(o["text"]).strip()) for o in module.meta["outcomes"]]
    return banks, outcomes

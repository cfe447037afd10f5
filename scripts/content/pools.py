"""Rules that make a quiz bank measure judgement: contrast sets, pools, key patterns, neutral ids.

An independent reader answered almost every item from the options alone by
picking "the most collaborative one". Surface rules (length, absolute words,
position) did not catch that, because the cue was the tone of the key. A
*contrast set* is the structural answer: two or three items show the same
option texts in situations that differ in one stated detail, each with a
different key, so no option can be right by its tone alone.

A bank also holds more items than its module page shows. The page shows, in
bank order, the first item of each contrast set and every item not in one;
the rest of each set is the *pool* that feeds the course-end test and the LMS
question groups. That rule needs no extra key and lets an author choose what
the page shows by ordering the items.

All functions take plain data and skip malformed items (the structural checks
in ``content.py`` report those), so they never crash on bad input.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise
from typing import Any

from scripts.core.yamlsrc import Located, Problem

CHOICE = ("single", "multiple")
# Outcome verbs that ask for judgement: each such outcome needs a pool of items.
HIGHER_ORDER = ("apply", "analyse", "evaluate", "compare", "plan", "judge", "decide")
POOL_MIN = 3
DRAW = 1  # items a course-end test draws at random from each outcome's pool (site, QTI, Moodle alike)
PAGE = (6, 10)
TOTAL_MAX = 24
SET_SIZE = (2, 3)
CONTRAST_SHARE = 0.6
RUN = 4
# A multiple-answer key (its set of right positions) may recur in at most this
# share of the multiple-answer items it is counted over, once it recurs at all.
PATTERN_SHARE = 1 / 3
NEUTRAL_ID = re.compile(r"^[a-z]{2,4}-\d{2}$")
LAW = re.compile(
    r"\b(?:[A-Z][a-z]+ )+Act(?: \d{4})?\b|\bAct \d{4}\b|\b[Ss]ection \d+|(?<![\w'’])s\.? ?\d+\b|"
    r"\bRegulations\b|\bOrder \d{4}\b|\b(?:Scotland|Northern Ireland)\) Act\b"
)
NATION = re.compile(r"\b(?:England|English|Wales|Welsh|Scotland|Scottish|Northern Ireland|UK|United Kingdom)\b")
LETTERS = "ABCDEFGHIJ"


def _items(questions: Any) -> list[tuple[int, dict[str, Any]]]:
    return [(i, q) for i, q in enumerate(questions or []) if isinstance(q, dict)]


def option_texts(question: dict[str, Any]) -> list[str]:
    """The option texts of a choice item, stripped, in order ([] for anything else)."""
    raw = question.get("options")
    if question.get("type") not in CHOICE or not isinstance(raw, list):
        return []
    return [o["text"].strip() for o in raw if isinstance(o, dict) and isinstance(o.get("text"), str)]


def key_positions(question: dict[str, Any]) -> tuple[int, ...]:
    """The 0-based positions of the right options of a choice item."""
    raw = question.get("options") if isinstance(question.get("options"), list) else []
    return tuple(j for j, o in enumerate(raw) if isinstance(o, dict) and o.get("correct") is True)


def key_texts(question: dict[str, Any]) -> frozenset[str]:
    """The texts of the right options: what "a different key" compares, whatever the order."""
    raw = question.get("options") if isinstance(question.get("options"), list) else []
    return frozenset(
        o["text"].strip()
        for o in raw
        if isinstance(o, dict) and o.get("correct") is True and isinstance(o.get("text"), str)
    )


def letters(positions: tuple[int, ...]) -> str:
    return "+".join(LETTERS[p] if p < len(LETTERS) else str(p + 1) for p in positions)


def page_indexes(questions: Any) -> list[int]:
    """Indexes of the items the module page shows: each set's first item and every item not in a set."""
    seen: set[str] = set()
    shown = []
    for i, q in _items(questions):
        contrast = q.get("contrast")
        if isinstance(contrast, str):
            if contrast in seen:
                continue
            seen.add(contrast)
        shown.append(i)
    return shown


def page_questions(questions: Any) -> list[dict[str, Any]]:
    """The items the module page shows, in bank order (see the module docstring for the rule)."""
    listed = list(questions or [])
    return [listed[i] for i in page_indexes(listed)]


def is_higher_order(outcome_text: str) -> bool:
    words = outcome_text.strip().split()
    return bool(words) and words[0].lower().strip(",.") in HIGHER_ORDER


# --------------------------------------------------------------------------- one bank


def check_ids(doc: Located) -> list[Problem]:
    """Neutral ids (``pl-07``) and ``was:`` links from old ids, so saved answers can follow a rename."""
    problems = []
    items = _items(doc.data.get("questions"))
    ids = {q.get("id") for _, q in items if isinstance(q.get("id"), str)}
    olds: dict[str, int] = {}
    for i, q in items:
        qid = q.get("id")
        if isinstance(qid, str) and not NEUTRAL_ID.match(qid):
            problems.append(
                doc.problem(
                    ("questions", i, "id"),
                    f"question id '{qid}' can name its answer; use a neutral id such as 'pl-07' "
                    f"(and 'was: {qid}' if the question, its options and its key stay the same)",
                )
            )
        was = q.get("was")
        if "was" not in q:
            continue
        if not isinstance(was, str) or not re.match(r"^[a-z0-9]+(?:-[a-z0-9]+)*$", was):
            problems.append(
                doc.problem(("questions", i, "was"), "'was' is the question's old id, in lower-case-with-hyphens")
            )
        elif was in ids:
            problems.append(
                doc.problem(
                    ("questions", i, "was"), f"'was: {was}' is a current question id; name an id no longer used"
                )
            )
        elif was in olds:
            problems.append(
                doc.problem(
                    ("questions", i, "was"), f"'was: {was}' is also claimed by question {olds[was] + 1}; keep one"
                )
            )
        else:
            olds[was] = i
    return problems


def _set_members(doc: Located) -> dict[str, list[int]]:
    members: dict[str, list[int]] = {}
    for i, q in _items(doc.data.get("questions")):
        if "contrast" in q:
            members.setdefault(str(q.get("contrast")), []).append(i)
    return members


def check_contrasts(doc: Located) -> list[Problem]:
    """Each contrast set: declared, 2 or 3 choice items, identical option texts, every key different."""
    problems = []
    declared = doc.data.get("contrasts")
    if declared is None:
        declared = {}
    if not isinstance(declared, dict):
        return [
            doc.problem(("contrasts",), "'contrasts' maps each set id to the detail that changes between its items")
        ]
    for sid, detail in declared.items():
        if not isinstance(detail, str) or len(detail.split()) < 5:
            problems.append(
                doc.problem(("contrasts", sid), f"contrast set '{sid}': say in a sentence which detail changes and how")
            )
    questions = doc.data.get("questions") or []
    members = _set_members(doc)
    for sid, idx in members.items():
        first = idx[0]
        if sid not in declared:
            problems.append(
                doc.problem(
                    ("questions", first, "contrast"),
                    f"contrast set '{sid}' is not declared; add it under 'contrasts:' with the detail that changes",
                )
            )
        if not SET_SIZE[0] <= len(idx) <= SET_SIZE[1]:
            problems.append(
                doc.problem(
                    ("questions", first, "contrast"),
                    f"contrast set '{sid}' has {len(idx)} item(s); a set has {SET_SIZE[0]} or {SET_SIZE[1]}",
                )
            )
        base = questions[first]
        for i in idx:
            q = questions[i]
            if q.get("type") not in CHOICE:
                problems.append(
                    doc.problem(
                        ("questions", i, "contrast"), "only single- and multiple-choice items go in a contrast set"
                    )
                )
                continue
            if i == first:
                continue
            if q.get("type") != base.get("type"):
                problems.append(
                    doc.problem(
                        ("questions", i, "type"),
                        f"contrast set '{sid}' mixes types; make it {base.get('type')} like question {first + 1}",
                    )
                )
            if sorted(option_texts(q)) != sorted(option_texts(base)):
                odd = sorted(set(option_texts(q)) ^ set(option_texts(base)))
                problems.append(
                    doc.problem(
                        ("questions", i, "options"),
                        f"contrast set '{sid}': options must be the same texts as question {first + 1}'s; "
                        f"these differ: {'; '.join(t[:60] for t in odd[:2])}",
                    )
                )
        keys: dict[frozenset[str], int] = {}
        for i in idx:
            key = key_texts(questions[i])
            if key in keys:
                problems.append(
                    doc.problem(
                        ("questions", i, "options"),
                        f"contrast set '{sid}': this item has the same key as question {keys[key] + 1}; "
                        "change the situation so another option is right",
                    )
                )
            keys.setdefault(key, i)
    for sid in declared:
        if sid not in members:
            problems.append(doc.problem(("contrasts", sid), f"contrast set '{sid}' is declared but no item uses it"))
    choice = [i for i, q in _items(questions) if q.get("type") in CHOICE]
    in_sets = [i for i in choice if "contrast" in questions[i]]
    if choice and len(in_sets) < CONTRAST_SHARE * len(choice):
        problems.append(
            doc.problem(
                ("questions",),
                f"{len(in_sets)} of {len(choice)} choice items are in a contrast set; at least "
                f"{int(CONTRAST_SHARE * 100)} % must be: show the same options in a situation that "
                "differs in one detail, with a different key",
            )
        )
    return problems


def stepping_runs(keys: list[tuple[int, int]]) -> list[int]:
    """Item indexes ending a run of RUN single-choice keys that step by one position each time."""
    ends = []
    for n in range(RUN - 1, len(keys)):
        window = [p for _, p in keys[n - RUN + 1 : n + 1]]
        steps = {b - a for a, b in pairwise(window)}
        if steps in ({1}, {-1}):
            ends.append(keys[n][0])
    return ends


def check_patterns(doc: Located) -> list[Problem]:
    """Key order free of A, B, C, D runs (in the bank and on the page) and varied multiple-answer keys."""
    problems = []
    questions = doc.data.get("questions") or []
    items = _items(questions)
    single = [(i, key_positions(q)[0]) for i, q in items if q.get("type") == "single" and len(key_positions(q)) == 1]
    shown = set(page_indexes(questions))
    ends = set(stepping_runs(single)) | set(stepping_runs([k for k in single if k[0] in shown]))
    for i in sorted(ends):
        problems.append(
            doc.problem(
                ("questions", i, "options"),
                f"this is the {RUN}th single-choice key in a row one position after the last; "
                "move the right option so learners cannot answer by position",
            )
        )
    multiple = [(i, key_positions(q)) for i, q in items if q.get("type") == "multiple" and key_positions(q)]
    for pattern, where in repeated_patterns(multiple):
        problems.append(
            doc.problem(
                ("questions", where[-1], "options"),
                f"multiple-answer key {letters(pattern)} is used in {len(where)} of {len(multiple)} "
                "multiple-answer items; vary which options are right",
            )
        )
    return problems


def repeated_patterns(keys: list[tuple[Any, tuple[int, ...]]]) -> list[tuple[tuple[int, ...], list[Any]]]:
    """(pattern, where) for each multiple-answer key that recurs in more than PATTERN_SHARE of ``keys``."""
    counts = Counter(p for _, p in keys)
    return [
        (pattern, [w for w, p in keys if p == pattern])
        for pattern, n in counts.items()
        if n >= 2 and n > PATTERN_SHARE * len(keys)
    ]


def check_law_nation(doc: Located) -> list[Problem]:
    """An item that names an Act, section or regulation says in its stem which UK nation it is set in."""
    problems = []
    for i, q in _items(doc.data.get("questions")):
        stem = q.get("question") if isinstance(q.get("question"), str) else ""
        text = " ".join([stem, *option_texts(q)])
        law = LAW.search(text)
        if law and not NATION.search(stem):
            problems.append(
                doc.problem(
                    ("questions", i, "question"),
                    f"the item names law ('{law.group(0)}') but its stem does not say which nation it is set in; "
                    "add 'in England' (or Wales, Scotland, Northern Ireland)",
                )
            )
    return problems


def check_bank(doc: Located) -> list[Problem]:
    """Every rule of this module that needs only the bank."""
    if not isinstance(doc.data, dict) or not isinstance(doc.data.get("questions"), list):
        return []
    problems = check_ids(doc) + check_contrasts(doc) + check_patterns(doc) + check_law_nation(doc)
    questions = doc.data["questions"]
    shown = len(page_indexes(questions))
    if not PAGE[0] <= shown <= PAGE[1]:
        problems.append(
            doc.problem(
                ("questions",),
                f"the module page would show {shown} items (each contrast set's first item and every item "
                f"not in a set); it needs {PAGE[0]} to {PAGE[1]}",
            )
        )
    if len(questions) > TOTAL_MAX:
        problems.append(doc.problem(("questions",), f"a bank holds at most {TOTAL_MAX} items, not {len(questions)}"))
    return problems


# --------------------------------------------------------------------------- a bank and its module


def check_pools(doc: Located, outcomes: list[dict[str, Any]], where: Located, module_path: str) -> list[Problem]:
    """Each judgement outcome has a pool of POOL_MIN items, and every outcome is on the module page."""
    questions = doc.data.get("questions") or [] if isinstance(doc.data, dict) else []
    counts = Counter(q.get("outcome") for _, q in _items(questions) if isinstance(q.get("outcome"), str))
    on_page = Counter(
        q.get("outcome") for q in page_questions(questions) if isinstance(q, dict) and isinstance(q.get("outcome"), str)
    )
    problems = []
    for n, outcome in enumerate(outcomes):
        if not isinstance(outcome, dict) or not isinstance(outcome.get("id"), str):
            continue
        oid = outcome["id"]
        if counts[oid] == 0:
            continue  # reported as "not assessed" by the cross-check
        if is_higher_order(str(outcome.get("text", ""))) and counts[oid] < POOL_MIN:
            problems.append(
                where.problem(
                    ("outcomes", n, "id"),
                    f"outcome '{oid}' asks for judgement but has {counts[oid]} item(s) in {doc.path}; "
                    f"give it at least {POOL_MIN} (a contrast set makes a pool)",
                )
            )
        if on_page[oid] == 0:
            problems.append(
                where.problem(
                    ("outcomes", n, "id"),
                    f"outcome '{oid}' has no item on the module page; put one of its items first in its contrast set "
                    "or outside any set",
                )
            )
    return problems


def check_site_patterns(banks: list[tuple[Located, list[Any]]]) -> list[Problem]:
    """Multiple-answer keys varied across the whole site, not only within each bank."""
    keys = []
    for doc, questions in banks:
        for i, q in _items(questions):
            if q.get("type") == "multiple" and key_positions(q):
                keys.append(((doc, i), key_positions(q)))
    problems = []
    for pattern, where in repeated_patterns(keys):
        doc, i = where[-1]
        problems.append(
            doc.problem(
                ("questions", i, "options"),
                f"multiple-answer key {letters(pattern)} is used in {len(where)} of {len(keys)} multiple-answer "
                "items across the site; vary which options are right",
            )
        )
    return problems


def _squash(text: str) -> str:
    """Lower case, letters and digits only: what makes two spellings of one term the same."""
    return re.sub(r"[^a-z0-9]", "", text.lower())


def is_variant(term: str, main: str) -> bool:
    """True when ``term`` is ``main`` spelt another way: case, spaces, hyphens, or a plural."""
    a, b = _squash(term), _squash(main)
    return a == b or a in (b + "s", b + "es") or b in (a + "s", a + "es")


def check_fill_in_terms(doc: Located, module_text: str) -> list[Problem]:
    """A fill-in accepts the module's own term and its spellings, so a typo or a lay guess is caught.

    Each accepted answer must appear in the module's text (hyphens, case and
    spacing aside) or be a spelling or plural of one that does.
    """
    text = _squash(module_text)
    problems = []
    for i, q in _items(doc.data.get("questions")):
        if q.get("type") != "fill-in" or not isinstance(q.get("answer"), str):
            continue
        terms = [("answer", q["answer"])] + [
            (("accept", j), a) for j, a in enumerate(q.get("accept") or []) if isinstance(a, str)
        ]
        if any("TODO" in t for _, t in terms):
            continue  # a scaffold's placeholder: reported as still to write
        found = [t for _, t in terms if _squash(t) and _squash(t) in text]
        for where, term in terms:
            if not _squash(term) or _squash(term) in text or any(is_variant(term, f) for f in found):
                continue
            path = ("questions", i, *(where if isinstance(where, tuple) else (where,)))
            problems.append(
                doc.problem(
                    path,
                    f"fill-in answer '{term}' appears nowhere in the module and is not a spelling of a term "
                    "that does; fix the typo, or accept only the module's own terms",
                )
            )
    return problems

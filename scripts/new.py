"""Start a new module or case study in the house style.

    python3 scripts/new.py module sharing-information
    python3 scripts/new.py case hospital-at-night

A module gets its page (docs/modules/<id>.md), its quiz bank (quizzes/<id>.yml)
and its facilitator notes (docs/trainers/notes/<id>.md); a case gets its page
(docs/case-studies/<id>.md) and its trainer guidance (docs/trainers/cases/<id>.md).
Each page is also added to the site menu (``nav`` in mkdocs.yml, keeping the
file's comments and layout). Every place still to write holds a ``TODO: ...``
that ``python3 scripts/check.py`` lists with its line, so the check's only
complaints about a fresh scaffold are the TODOs. It never overwrites a file.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.dev import use_venv

if __name__ == "__main__":
    use_venv(__file__, sys.argv[1:], needs="yaml")

from scripts.core.spec import SLUG
from scripts.web import navcheck  # after use_venv: needs the project's packages

ROOT = Path(__file__).resolve().parent.parent


def module_page(mid: str) -> str:
    return f"""---
id: {mid}
title: "TODO: the module title, a plain statement of what it is about"
summary: "TODO: one or two sentences on what the learner will be able to do; also the page description"
minutes: 60
audience: [All professions]
level: introductory
prerequisites: []
outcomes:
  - id: first-outcome
    text: "TODO: outcome 1, starting with a verb a learner can show (explain, compare, apply, evaluate); rename its id to match"
    ipec: Values and Ethics
  - id: second-outcome
    text: "TODO: outcome 2, starting with a verb a learner can show; rename its id to match"
    ipec: Roles and Responsibilities
  - id: third-outcome
    text: "TODO: outcome 3, starting with a verb a learner can show; rename its id to match"
    ipec: Teams and Teamwork
---

## Opening question

!!! note "Fictional scenario"
    TODO: a short fictional scenario (a few sentences) that ends with one open question the module helps answer

## TODO: the heading of your first teaching section

TODO: teach one idea in short paragraphs; add more ## sections as you need them, each with its own heading

## Profession lenses

=== "Social work"

    TODO: what this module means for a social worker, in two or three sentences

=== "Nursing"

    TODO: what this module means for a nurse, in two or three sentences

=== "Medicine"

    TODO: what this module means for a doctor, in two or three sentences

=== "Person and carers"

    TODO: what this module means for the person and their carers, in their own words where you can

## Case study

!!! note "Fictional scenario"
    TODO: a short fictional case, then two to four questions that apply the module to it

## Reflective activity

About 10 minutes.

TODO: a task that asks learners to apply the module to their own practice, with numbered steps

## Key points

- TODO: key point 1, one sentence
- TODO: key point 2, one sentence
- TODO: key point 3, one sentence
- TODO: key point 4, one sentence

## Check your understanding

Test yourself with these questions. Each answer points you back to the section that teaches it.

<!-- quiz: {mid} -->

## Further reading

TODO: the sources this module relies on, in Harvard style, one paragraph each, every one checked

[Facilitator notes for this module](../trainers/notes/{mid}.md)
"""


def _option(text: str, correct: bool, feedback: str) -> str:
    return (
        f'      - text: "TODO: {text}"\n'
        f"        correct: {'true' if correct else 'false'}\n"
        f'        feedback: "TODO: {feedback}"\n'
    )


def _choice(qid: str, outcome: str, qtype: str, correct: tuple[bool, ...], contrast: str = "") -> str:
    """A choice item; the items of one contrast set get the same option texts (only the key moves)."""
    kind = "Which two" if qtype == "multiple" else "Which one"
    options = "".join(
        _option(
            f"option {'ABCD'[n]}: something a competent practitioner might do in some situation",
            ok,
            "why this is right here, where it stops holding, and a link to the section that teaches it"
            if ok
            else "why it tempts, what is wrong here, what detail would make it right, and a link to the section",
        )
        for n, ok in enumerate(correct)
    )
    return (
        f"  - id: {qid}\n"
        f"    outcome: {outcome}\n"
        f"    type: {qtype}\n" + (f"    contrast: {contrast}\n" if contrast else "") + "    question: |\n"
        f"      TODO: a short fictional situation whose stated detail decides the answer, then a question ({kind} ...?)\n"
        "    options:\n" + options
    )


def prefix(mid: str) -> str:
    """A short neutral prefix for question ids: the initials of the module id (``sharing-information`` -> ``si``)."""
    letters = "".join(word[0] for word in mid.split("-") if word)[:4]
    return letters if len(letters) >= 2 else (mid.replace("-", "") + "xx")[:2]


def quiz_bank(mid: str) -> str:
    """A bank that passes every rule but its TODOs: three contrast sets of two, and three items alone."""
    p = prefix(mid)
    q = [f"{p}-{n:02d}" for n in range(1, 10)]
    detail = '"TODO: the one detail that changes between this set\'s items, and how it moves the answer"'
    return (
        f"module: {mid}\ncontrasts:\n  {p}-a: {detail}\n  {p}-b: {detail}\n  {p}-c: {detail}\nquestions:\n"
        + "\n".join(
            [
                _choice(q[0], "first-outcome", "single", (True, False, False, False), f"{p}-a"),
                _choice(q[1], "first-outcome", "single", (False, True, False, False), f"{p}-a"),
                _choice(q[2], "second-outcome", "single", (False, False, True, False), f"{p}-b"),
                _choice(q[3], "second-outcome", "single", (True, False, False, False), f"{p}-b"),
                _choice(q[4], "third-outcome", "multiple", (True, True, False, False), f"{p}-c"),
                _choice(q[5], "third-outcome", "multiple", (False, False, True, True), f"{p}-c"),
                _choice(q[6], "first-outcome", "single", (False, True, False, False)),
                _choice(q[7], "second-outcome", "single", (False, False, False, True)),
                f"  - id: {q[8]}\n"
                "    outcome: third-outcome\n"
                "    type: fill-in\n"
                "    question: |\n"
                "      TODO: a situation that calls for one of the module's own terms, the term replaced by ___\n"
                "    answer: TODO the key term\n"
                "    accept: [TODO other spellings or plurals of the term]\n"
                '    hint: "TODO: a nudge towards the term that does not give it away"\n'
                '    feedback: "TODO: the answer, what it means, and a link to the section that teaches it"\n',
            ]
        )
    )


def notes_page(mid: str) -> str:
    return f"""---
title: "Facilitator notes: {mid}"
description: "TODO: one sentence: what these notes give a trainer for teaching this module"
---

# Facilitator notes: {mid}

TODO: how long the session runs, what learners should read first, and a content note if the module needs one

## Session plan

| Time | Minutes | Activity | Notes |
| --- | --- | --- | --- |
| 0:00 | 10 | TODO: each activity, with its time | TODO: how to run it |

## Running it with a mixed-profession group

TODO: ground rules, and how to keep any one profession from being cast as the villain

## Discussion prompts

TODO: three or four open questions, each with what a good discussion covers

## Suggested answers to the case study questions

TODO: an answer for each question in the module's case study

## Adaptations

TODO: an online version, a single-profession group and a short version
"""


def case_page(cid: str, module: str, professions: list[str]) -> str:
    tabs = "".join(
        f'=== "{label}"\n\n    TODO: two or three questions for {label.lower()} at this point\n\n'
        for label in [*professions[:4], "Person and carers"]
    )
    stages = "".join(
        f"## Stage {n}: TODO the stage's title\n\n"
        f"TODO: what happens at stage {n}, told in the present tense\n\n### Decision point\n\n{tabs}"
        for n in (1, 2, 3)
    )
    return f"""---
id: {cid}
title: "TODO: the case's title"
summary: "TODO: one or two sentences on the person and the situation; also the page description"
minutes: 60
settings: [adults]  # TODO: the settings, from: children, adults, mental health, learning disability, hospital, strategic
professions: [{", ".join(professions[:4])}]
sensitive: false  # set true if the case touches death, abuse or violence, and add a content note
modules: [{module}]  # TODO: the modules the debrief draws on
---

## About this case

This case is a fictional composite. TODO: who the person is, what matters to them, and which services are involved

{stages}## Debrief

TODO: what helped and what went wrong, each point linked to the module that teaches it, e.g. [the module](../modules/{module}.md)

## Similar lessons from real inquiries

TODO: one or two real reviews with similar lessons, each from a checked source

## For trainers

[Trainer guidance for this case](../trainers/cases/{cid}.md)
"""


def guidance_page(cid: str) -> str:
    return f"""---
title: "Trainer guidance: {cid}"
description: "TODO: one sentence: what this guidance gives a trainer running the case"
---

# Trainer guidance: {cid}

TODO: how long the case takes, who it suits and what to read first

## Timings

| Part | Minutes | What happens |
| --- | --- | --- |
| TODO: each part | 10 | TODO: what happens |

## Stage 1: suggested answers

TODO: suggested answers for each profession's questions, and for the person and carers

## Debrief prompts

TODO: three or four prompts for the whole group

## Adaptations

TODO: an online version, a single-profession group and a short version
"""


def plan(kind: str, ident: str, root: Path) -> dict[str, str]:
    """The files to write, docs-relative or project-relative path -> text."""
    config, _ = navcheck.read_config(root)
    if kind == "module":
        return {
            f"docs/modules/{ident}.md": module_page(ident),
            f"quizzes/{ident}.yml": quiz_bank(ident),
            f"docs/trainers/notes/{ident}.md": notes_page(ident),
        }
    from scripts.content.glossary import load_professions
    from scripts.web.render import nav_order

    order = nav_order(config.nav) or ["why-partnership"]
    professions, _ = load_professions(root)
    return {
        f"docs/case-studies/{ident}.md": case_page(ident, order[0], professions or ["Social work"]),
        f"docs/trainers/cases/{ident}.md": guidance_page(ident),
    }


def add_to_nav(root: Path, pages: list[str]) -> list[str]:
    """Insert each docs-relative page into mkdocs.yml's nav as text (comments and layout kept)."""
    config, problems = navcheck.read_config(root)
    if problems:
        raise SystemExit(str(problems[0]))
    lines = config.text.split("\n")
    added = []
    for after, text in sorted((navcheck.insertion(config, page) for page in pages), reverse=True):
        lines.insert(after, text)
        added.append(text.strip())
    (root / navcheck.CONFIG).write_text("\n".join(lines), encoding="utf-8")
    return added


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("kind", choices=("module", "case"), help="what to start")
    parser.add_argument("id", help="its id: lower-case letters, digits and single hyphens, e.g. sharing-information")
    parser.add_argument("--root", type=Path, default=ROOT, help="project folder")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    if not SLUG.match(args.id):
        print(
            f"'{args.id}' is not a valid id; use lower-case letters, digits and single hyphens, e.g. 'sharing-information'",
            file=sys.stderr,
        )
        return 2
    files = plan(args.kind, args.id, root)
    existing = [path for path in files if (root / path).exists()]
    if existing:
        print(
            f"{existing[0]} already exists; new.py never overwrites: pick another id or edit that file", file=sys.stderr
        )
        return 1
    for path, text in files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        print(f"wrote {path}")
    config, _ = navcheck.read_config(root)
    listed = {e.path for e in config.entries}
    pages = [p.removeprefix("docs/") for p in files if p.startswith("docs/") and p.removeprefix("docs/") not in listed]
    for line in add_to_nav(root, pages):
        print(f"added '{line}' to mkdocs.yml")
    print("Next: run python3 scripts/dev.py check; it lists each TODO still to write, with its file and line.")
    return 0


if __name__ == "__main__":
    sys.exit(main())

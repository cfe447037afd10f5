"""Unit tests of the judgement rules: contrast sets, pools, key patterns, neutral ids, law and nation.

Each rule is tripped by a small in-memory bank and passed by a corrected one,
so a rule that could never fire would fail here.
"""

from __future__ import annotations

from typing import Any

import yaml

from scripts.content import pools
from scripts.core.yamlsrc import load

TEXTS = ("Agree a referral route", "Form one joint team", "Hold a joint workshop", "Keep working apart")


def item(qid: str, key: int | tuple[int, ...], contrast: str | None = None, **extra: Any) -> dict[str, Any]:
    keys = (key,) if isinstance(key, int) else key
    out: dict[str, Any] = {
        "id": qid,
        "outcome": extra.pop("outcome", "o1"),
        "type": "multiple" if len(keys) > 1 else "single",
        "question": extra.pop("question", "A situation. What fits?"),
        "options": [
            {"text": t, "correct": j in keys, "feedback": "Why."} for j, t in enumerate(extra.pop("texts", TEXTS))
        ],
    }
    if contrast:
        out["contrast"] = contrast
    out.update(extra)
    return out


def doc(questions: list[dict[str, Any]], contrasts: dict[str, str] | None = None):
    data: dict[str, Any] = {"module": "m1"}
    if contrasts is not None:
        data["contrasts"] = contrasts
    data["questions"] = questions
    located, problems = load(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "quizzes/m1.yml")
    assert not problems and located is not None
    return located


SET = {"s1": "The size of the shared caseload changes, and so does the depth needed."}


def messages(problems) -> list[str]:
    return [p.message for p in problems]


def test_a_good_contrast_set_passes() -> None:
    d = doc([item("mm-01", 0, "s1"), item("mm-02", 1, "s1"), item("mm-03", 3, "s1")], SET)
    assert pools.check_contrasts(d) == []


def test_a_set_with_the_same_key_twice_is_reported_at_the_second_item() -> None:
    d = doc([item("mm-01", 0, "s1"), item("mm-02", 0, "s1")], SET)
    found = pools.check_contrasts(d)
    assert len(found) == 1 and "same key as question 1" in found[0].message
    assert found[0].line == d.line(("questions", 1, "options"))


def test_a_set_whose_options_differ_is_reported() -> None:
    other = ("Agree a referral route", "Form one joint team", "Hold a joint workshop", "Stop the partnership")
    d = doc([item("mm-01", 0, "s1"), item("mm-02", 1, "s1", texts=other)], SET)
    found = messages(pools.check_contrasts(d))
    assert any("must be the same texts" in m and "Stop the partnership" in m for m in found), found


def test_a_set_of_one_an_undeclared_set_and_an_unused_declaration_are_reported() -> None:
    d = doc([item("mm-01", 0, "s1"), item("mm-02", 1, "s2"), item("mm-03", 2, "s2")], {**SET, "s3": "A detail x y z."})
    found = messages(pools.check_contrasts(d))
    assert any("'s1' has 1 item(s)" in m for m in found)
    assert any("'s2' is not declared" in m for m in found)
    assert any("'s3' is declared but no item uses it" in m for m in found)


def test_too_few_items_in_contrast_sets_is_reported_and_sixty_per_cent_passes() -> None:
    alone = [item(f"mm-1{i}", i % 4) for i in range(3)]
    in_set = [item("mm-01", 0, "s1"), item("mm-02", 1, "s1"), item("mm-03", 2, "s1")]
    found = messages(pools.check_contrasts(doc(in_set + alone + [item("mm-20", 1)], SET)))
    assert any("3 of 7 choice items are in a contrast set" in m for m in found), found
    assert pools.check_contrasts(doc(in_set + alone[:2], SET)) == []


def test_the_page_shows_each_sets_first_item_and_every_item_outside_a_set() -> None:
    questions = [item("mm-01", 0, "s1"), item("mm-02", 1), item("mm-03", 1, "s1"), item("mm-04", 2, "s1")]
    assert [q["id"] for q in pools.page_questions(questions)] == ["mm-01", "mm-02"]


def test_four_keys_stepping_one_position_are_a_run_in_either_direction() -> None:
    up = doc([item(f"mm-0{i}", i) for i in range(4)])
    assert any("4th single-choice key in a row" in m for m in messages(pools.check_patterns(up)))
    down = doc([item(f"mm-0{i}", 3 - i) for i in range(4)])
    assert len(pools.check_patterns(down)) == 1
    mixed = doc([item(f"mm-0{i}", k) for i, k in enumerate((0, 1, 2, 0))])
    assert pools.check_patterns(mixed) == []


def test_a_multiple_answer_key_in_more_than_a_third_of_items_is_reported() -> None:
    same = doc([item(f"mm-0{i}", k) for i, k in enumerate([(1, 3), (1, 3), (0, 2)])])
    found = messages(pools.check_patterns(same))
    assert found == ["multiple-answer key B+D is used in 2 of 3 multiple-answer items; vary which options are right"]
    varied = doc([item(f"mm-0{i}", k) for i, k in enumerate([(1, 3), (0, 1), (0, 2), (2, 3), (0, 1, 3), (1, 2)])])
    assert pools.check_patterns(varied) == []


def test_ids_that_can_name_the_answer_are_reported_and_was_is_checked() -> None:
    d = doc([item("section-75-lead", 0), item("mm-02", 1, was="mm-02"), item("mm-03", 2, was="old-one")])
    found = messages(pools.check_ids(d))
    assert any("'section-75-lead' can name its answer" in m for m in found)
    assert any("'was: mm-02' is a current question id" in m for m in found)
    assert len(found) == 2


def test_law_without_a_nation_is_reported_and_with_one_passes() -> None:
    bare = doc([item("mm-01", 0, question="Under section 75, may the two bodies pool the money?")])
    assert any("names law ('section 75')" in m for m in messages(pools.check_law_nation(bare)))
    named = doc([item("mm-01", 0, question="In England, under section 75, may the two bodies pool the money?")])
    assert pools.check_law_nation(named) == []
    in_option = doc([item("mm-01", 0, texts=("Use the Care Act 2014", "b", "c", "d"))])
    assert len(pools.check_law_nation(in_option)) == 1
    possessive = doc([item("mm-01", 0, question="Plans were agreed with 38 of the home's 40 residents.")])
    assert pools.check_law_nation(possessive) == []  # "home's 40" is not section 40


def test_a_judgement_outcome_needs_a_pool_and_every_outcome_a_page_item() -> None:
    module, _ = load(
        yaml.safe_dump({"outcomes": [{"id": "o1", "text": "Apply the idea."}, {"id": "o2", "text": "Explain it."}]}),
        "docs/modules/m1.md",
    )
    questions = [item("mm-01", 0, "s1"), item("mm-02", 1, "s1", outcome="o2"), item("mm-03", 2, outcome="o1")]
    found = messages(pools.check_pools(doc(questions, SET), module.data["outcomes"], module, "docs/modules/m1.md"))
    assert any("'o1' asks for judgement but has 2 item(s)" in m for m in found), found
    assert any("'o2' has no item on the module page" in m for m in found), found


def test_multiple_answer_patterns_are_counted_across_the_site() -> None:
    a = doc([item("mm-01", (1, 3)), item("mm-02", (0, 2))])
    b = doc([item("mm-01", (1, 3)), item("mm-02", (0, 3))])
    found = messages(pools.check_site_patterns([(a, a.data["questions"]), (b, b.data["questions"])]))
    assert found == [
        "multiple-answer key B+D is used in 2 of 4 multiple-answer items across the site; vary which options are right"
    ]


def test_a_fill_in_accepts_only_the_modules_terms_and_their_spellings() -> None:
    q = {
        "id": "mm-01",
        "outcome": "o1",
        "type": "fill-in",
        "question": "Which kind of learning is this? ___",
        "answer": "multiprofessional",
        "accept": ["multi-professional", "Multiprofessionals", "multi-agency", "mutliprofessional"],
    }
    d = doc([q])
    module = "In multiprofessional learning, staff learn side by side."
    found = pools.check_fill_in_terms(d, module)
    assert [p.line for p in found] == [d.line(("questions", 0, "accept", 2)), d.line(("questions", 0, "accept", 3))]
    assert "'multi-agency' appears nowhere in the module" in found[0].message
    typo = doc([{**q, "answer": "aeg", "accept": []}])
    assert len(pools.check_fill_in_terms(typo, "A person's age matters.")) == 1

"""Saved answers survive a bank's renamed questions, and answers to removed questions stop counting.

A bank renames a question that is otherwise unchanged with ``was: <old id>``.
A learner whose record holds an answer under the old id keeps it: the module
page moves it to the new id, and My learning counts it (before the learner
even reopens the module). An answer to a question the page no longer shows
stays in the record but is not counted as one of the page's questions. The
quiz plugin's own stored answer for a place on the page whose question has
changed is dropped, so an old answer is never shown on a new question.
"""

from __future__ import annotations

import yaml

from scripts.content import pools
from tests.conftest import ROOT

MODULE = "complex-problems"


def _renamed() -> tuple[dict, list[dict]]:
    """The first question of the bank that names an old id, and the page's questions."""
    questions = yaml.safe_load((ROOT / "quizzes" / f"{MODULE}.yml").read_text())["questions"]
    shown = pools.page_questions(questions)
    renamed = [q for q in shown if q.get("was")]
    assert renamed, f"{MODULE} has no renamed question on its page; pick a bank that has one"
    return renamed[0], shown


def _record(old: str) -> dict:
    attempt = {"answer": ["tame"], "correct": True, "at": "2026-11-01T10:00:00.000Z"}
    wrong = {"answer": ["0"], "correct": False, "at": "2026-11-01T10:01:00.000Z"}
    return {
        "version": 2,
        "modules": {
            MODULE: {
                "title": "Complex problems",
                "minutes": 60,
                "visited": "2026-11-01",
                "answers": {
                    old: {"first": attempt, "now": attempt},
                    "removed-question": {"first": wrong, "now": wrong},
                },
            }
        },
    }


def test_an_answer_under_an_old_id_counts_and_moves_to_the_new_id(page, server, outside_requests) -> None:
    question, shown = _renamed()
    page.goto(server + "about/")
    page.evaluate("record => localStorage.setItem('pw-record', JSON.stringify(record))", _record(question["was"]))
    page.goto(server + "my-learning/")
    row = page.locator(f"#pw-my-learning tr[data-module='{MODULE}']")
    assert row.locator("[data-pw-col=first]").inner_text() == f"1 of {len(shown)} correct (1 tried)"
    page.goto(server + f"modules/{MODULE}/")
    page.locator(".pw-first-try").wait_for()
    answers = page.evaluate("JSON.parse(localStorage.getItem('pw-record')).modules['complex-problems'].answers")
    assert question["id"] in answers and question["was"] not in answers
    assert "removed-question" in answers  # kept, never thrown away ...
    line = page.inner_text(".pw-first-try")
    assert line.startswith(f"Your score on first try: 1 of {len(shown)} correct (1 tried)"), line  # ... but not counted


def test_the_plugins_answer_for_a_changed_question_is_not_shown(page, server) -> None:
    """The plugin keys answers by place on the page; the record (by id) decides what is shown."""
    page.goto(server + "about/")
    stale = {"quiz-0": {"answered": True, "correct": False, "selectedValues": ["0"]}}
    page.evaluate(
        "([key, value]) => { localStorage.setItem(key, JSON.stringify(value));"
        " localStorage.setItem('pw-record-migrated', JSON.stringify({[key]: '2026-11-01'})); }",
        [f"quiz_progress_/modules/{MODULE}/", stale],
    )
    page.goto(server + f"modules/{MODULE}/")
    page.locator(".pw-first-try").wait_for()
    page.locator("#quiz-0").scroll_into_view_if_needed()
    page.locator("#quiz-0[data-pw-ready]").wait_for(state="attached")  # the plugin has started on it
    assert page.locator("#quiz-0 .quiz-feedback:not(.hidden)").count() == 0
    kept = page.evaluate(f"JSON.parse(localStorage.getItem('quiz_progress_/modules/{MODULE}/') || '{{}}')")
    assert "quiz-0" not in kept

"""Written tasks from quiz banks: validation with one line per mistake, the
module page's "Apply it" section (brief, word limit, rubric, an answer box kept
in the learner record and printed in the CPD record, no model answer), the
rubric and model answer in the facilitator notes, and no accessibility
violations on a page with a task. Real banks get tasks on other branches, so a
copied project is given one here."""

from __future__ import annotations

import functools
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest

from scripts.content.banks import Bank
from scripts.core.yamlsrc import Located
from scripts.web import taskpage
from scripts.web.checks import load_project
from tests.conftest import _Quiet, copy_project, mkdocs_build
from tests.test_browser import MODULE, violations
from tests.test_record import guard

MODEL = (
    "Dear colleague, before we set up a joint panel, let us agree what should change for families and how we will know."
)
TASK = f"""
task:
  id: joint-panel-case
  outcome: apply-means-to-end
  title: Is the joint panel worth it?
  brief: |
    A fictional council proposes a weekly joint panel of housing, health and social care staff
    for older tenants at risk of eviction. Write a short note to your manager.

    Say what the panel is for, what it would cost in time, and how you would tell whether it works.
  words: 150
  rubric:
    - criterion: Names the change for people
      levels:
        - Does not say what should change for tenants
        - Names a change, but only for services
        - Names a clear change in tenants' lives
    - criterion: Counts the costs
      levels:
        - Leaves out costs
        - Lists costs without weighing them
        - Weighs the time against what tenants gain
    - criterion: Says how to judge it
      levels:
        - No way to judge the panel
        - A vague measure
        - A measure tied to the change named
  model_answer: |
    {MODEL}
"""
BAD_TASK = """
task:
  id: Bad Id
  outcome: no-such-outcome
  title: A title
  brief: Write something.
  words: 50
  rubric:
    - criterion: Only one
      levels: [a, b]
    - criterion: Only one
      levels: [a, b, ""]
  model_answer: Short.
  extra: true
"""


def without_task(text: str) -> str:
    """A bank's text with its own top-level ``task:`` mapping (if any) taken out."""
    lines, out, inside = text.split("\n"), [], False
    for line in lines:
        if line.startswith("task:"):
            inside = True
            continue
        if inside and line and not line.startswith((" ", "#")):
            inside = False
        if not inside:
            out.append(line)
    return "\n".join(out)


def with_task(tmp_path: Path, block: str) -> Path:
    """A copied project whose first bank has ``block`` as its task, in place of its own."""
    project = copy_project(tmp_path)
    bank = project / "quizzes" / "why-partnership.yml"
    bank.write_text(without_task(bank.read_text()).rstrip() + "\n" + block)
    return project


def test_a_bad_task_gets_one_line_per_mistake(tmp_path: Path) -> None:
    project = with_task(tmp_path, BAD_TASK)
    start = (project / "quizzes" / "why-partnership.yml").read_text().split("\n").index("task:") + 1
    found = [str(p) for p in load_project(project).problems if "why-partnership.yml" in p.path]
    bank = "quizzes/why-partnership.yml"
    expected = [
        f"{bank}:{start + 1}: task id 'Bad Id' must be lower-case letters",
        f"{bank}:{start + 2}: task outcome 'no-such-outcome' is not defined",
        f"{bank}:{start + 5}: 'words' is 50; give a word limit from 100 to 400",
        f"{bank}:{start + 6}: the rubric has 2 criteria; give 3 to 5",
        f"{bank}:{start + 8}: criterion 1 has 2 levels; give exactly 3",
        f"{bank}:{start + 9}: criterion repeats criterion 1",
        f"{bank}:{start + 10}: each level is a short line of text, not empty",
        f"{bank}:{start + 12}: unknown key 'extra' in the task",
    ]
    for line in expected:
        assert any(f.startswith(line) for f in found), (line, found)
    assert len(found) == len(expected), found
    result = subprocess.run(
        [sys.executable, "scripts/check.py"], cwd=project, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 1 and "Traceback" not in result.stdout + result.stderr
    assert expected[0] in result.stdout


def test_task_limits_model_answer_length_and_author_headings(tmp_path: Path) -> None:
    long_model = " ".join(["word"] * 160)
    project = with_task(tmp_path, TASK.replace(MODEL, long_model))
    module = project / "docs" / "modules" / "why-partnership.md"
    module.write_text(
        module.read_text().replace("## Further reading", "## Apply it: my own\n\nText.\n\n## Further reading")
    )
    found = [str(p) for p in load_project(project).problems]
    assert any("the model answer has 160 words, over the task's limit of 150" in f for f in found), found
    assert any(f.startswith("docs/modules/why-partnership.md:") and "remove '## Apply it'" in f for f in found), found


def test_add_task_goes_after_the_quiz_or_at_the_end() -> None:
    task = {"id": "t", "title": "T", "brief": "B <b>x</b>", "words": 100, "rubric": [], "model_answer": "M"}
    bank = Bank("quizzes/t.yml", Located({"task": task}, {}, "quizzes/t.yml"))

    text = taskpage.add_task("## Check your understanding\n\nquiz\n\n## Further reading\n\n- a\n", bank)
    assert text.index("## Apply it: T") > text.index("quiz") and text.index("## Apply it") < text.index("## Further")
    assert "B &lt;b&gt;x&lt;/b&gt;" in text and "M" not in text.split("## Apply it")[1].split("## Further")[0]
    assert taskpage.add_task("## Check your understanding\n\nquiz\n", bank).rstrip().endswith("</noscript>")
    assert taskpage.add_task("same", None) == "same"


@pytest.fixture(scope="module")
def task_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """A copied project whose first module's bank has a task, built and served."""
    tmp = tmp_path_factory.mktemp("task")
    project = with_task(tmp, TASK)
    site = tmp / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield site, f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


def test_the_task_is_on_the_module_page_and_its_model_answer_only_in_the_notes(task_site) -> None:
    site, _ = task_site
    page = (site / "modules" / "why-partnership" / "index.html").read_text()
    quiz = page.index('id="check-your-understanding"')
    apply = page.index('id="apply-it-is-the-joint-panel-worth-it"')
    further = page.index('id="further-reading"')
    assert quiz < page.index('id="quiz-results"') < apply < further
    section = page[apply:further]
    assert "weekly joint panel" in section and "Word limit:" in section and "150 words" in section
    for text in ("Names the change for people", "Weighs the time against what tenants gain", "Getting there"):
        assert text in section, text
    assert 'class="pw-task-box" data-pw-task="joint-panel-case" data-pw-words="150"' in section
    assert MODEL not in page
    notes = (site / "trainers" / "notes" / "why-partnership" / "index.html").read_text()
    assert "Written task: rubric and model answer" in notes
    assert MODEL in notes and "A measure tied to the change named" in notes
    assert notes.count('<h2 id="written-task-rubric-and-model-answer') == 1  # the notes' own heading, once
    other = (site / "trainers" / "notes" / "complex-problems" / "index.html").read_text()
    assert MODEL not in other


def test_learner_writes_the_task_with_a_live_word_count_and_it_reaches_the_cpd_record(browser, task_site) -> None:
    _, server = task_site
    context = browser.new_context()
    context.add_init_script("window.print = () => {};")
    page = context.new_page()
    problems: list[str] = []
    guard(page, problems)
    page.goto(server + MODULE)
    box = page.locator(".pw-task-box textarea")
    count = page.locator(".pw-word-count")
    assert count.inner_text() == "0 of 150 words"
    box.fill("The panel is for tenants who may lose their homes.")
    assert count.inner_text() == "10 of 150 words"
    assert box.get_attribute("aria-describedby") == count.get_attribute("id")
    box.fill(" ".join(["long"] * 155))
    assert "5 over the limit of 150" in count.inner_text()
    box.fill("The panel is for tenants who may lose their homes.")
    page.click(".pw-save-task")
    assert "Answer saved" in page.inner_text(".pw-task-box [role=status]")
    page.reload()
    assert page.input_value(".pw-task-box textarea") == "The panel is for tenants who may lose their homes."
    task = page.evaluate("JSON.parse(localStorage.getItem('pw-record')).modules['why-partnership'].task")
    assert task["id"] == "joint-panel-case" and task["text"].startswith("The panel")
    page.goto(server + "my-learning/")
    page.click("text=Print or save as PDF")
    sheet = page.inner_text("#pw-print")
    assert "Written task, Is the joint panel worth it?" in sheet and "10 words" in sheet
    assert "The panel is for tenants who may lose their homes." in sheet
    page.goto(server + "my-reflections/")
    assert "Apply it: Is the joint panel worth it?" in page.inner_text("#pw-my-reflections")
    context.close()
    assert problems == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_page_with_a_task_has_no_violations(browser, task_site, scheme: str) -> None:
    _, server = task_site
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(server + MODULE)
    page.locator(".pw-task-box textarea").fill(" ".join(["over"] * 151))
    assert violations(page) == []
    context.close()


def test_the_trainer_pack_holds_the_rubric_and_model_answer(tmp_path: Path) -> None:
    project = with_task(tmp_path, TASK)
    result = subprocess.run(
        [
            sys.executable,
            "scripts/build_course.py",
            "courses/intro-half-day.yml",
            "--no-pdf",
            "--dist",
            str(tmp_path / "d"),
        ],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "SITE_URL": ""},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    pack = (tmp_path / "d" / "intro-half-day-trainer-pack" / "trainer-pack.html").read_text()
    assert "Written task: rubric and model answer" in pack and MODEL in pack
    assert "Names the change for people" in pack

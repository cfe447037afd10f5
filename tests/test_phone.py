"""A learner on a phone: pages fit the screen, search does not give answers away,
quizzes behave in a way a learner can trust, and the first screen loads light.

Browser tests drive the system Chromium at 320 and 390 px against one strict build.
"""

from __future__ import annotations

import html as htmllib
import json
import re
from pathlib import Path

import markdown
import pytest
import yaml

from scripts.content import pools
from scripts.content.banks import accepted_answers
from scripts.web import layout, render, search
from tests.conftest import ROOT, html_pages
from tests.test_browser import first_choice_question, violations

WIDTHS = (320, 390)
PHONE = {"width": 390, "height": 844}
MODULE = "modules/why-partnership/"
RECORD = {
    "version": 1,
    "name": "Alex Example",
    "modules": {
        "why-partnership": {
            "read": "2 December 2026",
            "visited": "2 December 2026",
            "quiz": {"answered": 3, "correct": 2, "total": 8},
        }
    },
}


def banks() -> dict[str, dict]:
    """Every bank, ``questions`` cut to what its module page shows."""
    out = {}
    for p in sorted((ROOT / "quizzes").glob("*.yml")):
        data = yaml.safe_load(p.read_text())
        out[p.stem] = {**data, "questions": pools.page_questions(data["questions"])}
    return out


def plain(text: str) -> str:
    """Visible text of Markdown or HTML, whitespace collapsed."""
    rendered = markdown.markdown(text) if "<" not in text else text
    return " ".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", rendered)).split())


# --------------------------------------------------------------------------- layout


def test_no_page_is_wider_than_a_phone(browser, server, built_site: Path) -> None:
    """Every page, at 320 and 390 px: the page never scrolls sideways and no table
    runs past the screen's edge (a table built in the browser may scroll in its box)."""
    too_wide: list[str] = []
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 800})
        page = context.new_page()
        page.goto(server + "404.html", wait_until="domcontentloaded")
        page.evaluate(f"localStorage.setItem('pw-record', {json.dumps(json.dumps(RECORD))})")
        for path in html_pages(built_site):
            page.goto(server + path, wait_until="domcontentloaded")
            found = page.evaluate(
                """(width) => {
                  const out = [];
                  const doc = document.documentElement.scrollWidth;
                  if (doc > width) out.push('page ' + doc + 'px');
                  document.querySelectorAll('article table').forEach((t, i) => {
                    const box = t.closest('.pw-table-wrap') || t;
                    const right = Math.round(box.getBoundingClientRect().right);
                    if (right > width) out.push('table ' + i + ' reaches ' + right + 'px');
                  });
                  return out;
                }""",
                width,
            )
            too_wide += [f"{width}px /{path}: {f}" for f in found]
        context.close()
    assert too_wide == [], "\n".join(too_wide)


def test_my_learning_table_stacks_on_a_phone(browser, server) -> None:
    """The table record.js builds fits a 320 px screen as labelled cards, without scrolling."""
    context = browser.new_context(viewport={"width": 320, "height": 800})
    page = context.new_page()
    page.goto(server + "my-learning/")
    page.evaluate(f"localStorage.setItem('pw-record', {json.dumps(json.dumps(RECORD))})")
    page.reload()
    wrap = page.locator(".pw-table-wrap").first
    assert wrap.locator("tr[data-module='why-partnership']").count() == 1
    box = wrap.bounding_box()
    assert box and box["x"] + box["width"] <= 320
    assert wrap.evaluate("w => w.scrollWidth <= w.clientWidth"), "the table scrolls sideways in its box"
    row = wrap.locator("tr[data-module='why-partnership']")
    minutes = "td[data-label='Minutes (estimated)']"  # the record says the time is an estimate
    assert row.locator(minutes).count() == 1
    assert "Minutes" in row.locator(minutes).evaluate("td => getComputedStyle(td, '::before').content")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_home_page_module_table_fits_and_start_is_on_the_first_screen(browser, server, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 640})
    page = context.new_page()
    page.goto(server)
    start = page.get_by_role("link", name="Start the first module")
    box = start.bounding_box()
    assert box and box["y"] + box["height"] <= 640, "the start button is below the first screen"
    assert box["height"] >= 44
    assert start.get_attribute("href").rstrip("/").endswith("modules/why-partnership")
    table = page.locator("article table", has=page.locator("a[href*='modules/why-partnership']")).first
    headers = [h.strip() for h in table.locator("th").all_inner_texts()]
    assert "#" not in headers and len(headers) <= 2, headers
    clipped = table.evaluate(
        """t => [...t.querySelectorAll('td, th')].filter(c => c.scrollWidth > c.clientWidth + 1
                  || c.getBoundingClientRect().right > window.innerWidth).map(c => c.textContent.trim())"""
    )
    assert clipped == []
    assert table.locator("td").first.inner_text().startswith("1.")
    context.close()


def test_no_glossary_markup_in_any_heading_or_title(built_site: Path) -> None:
    titles = re.compile(
        r"<(h[1-6]|title|summary|dt)\b[^>]*>(?:(?!</\1>).)*<abbr\b"
        r'|<p class="admonition-title">(?:(?!</p>).)*<abbr\b'
        r'|<label for="__tabbed_[^"]*">(?:(?!</label>).)*<abbr\b',
        re.S,
    )
    found = []
    for path in sorted(built_site.rglob("*.html")):
        for m in titles.finditer(path.read_text()):
            found.append(f"{path.relative_to(built_site)}: {m.group(0)[:80]}")
    assert found == []
    home = (built_site / "index.html").read_text()
    assert "<abbr" in home.split("</h1>", 1)[1]  # the body still explains terms


def test_home_title_has_no_glossary_underline(page, server) -> None:
    page.goto(server)
    assert page.locator("h1 abbr, h2 abbr, h3 abbr").count() == 0
    assert page.locator("article abbr").count() > 0


def test_title_and_table_fixes_are_pure() -> None:
    html = (
        '<h1 id="x"><abbr title="def">Partnership working</abbr> today</h1><p><abbr title="d">GP</abbr></p>'
        "<table>\n<thead>\n<tr>\n<th>Module</th>\n<th>Minutes</th>\n<th>Level</th>\n</tr>\n</thead>\n"
        '<tbody>\n<tr>\n<td>A</td>\n<td style="text-align: right;">60</td>\n<td>intro</td>\n</tr>\n</tbody>\n</table>'
        "<table>\n<thead>\n<tr>\n<th>A</th>\n<th>B</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>1</td>\n<td>2</td>\n"
        "</tr>\n</tbody>\n</table>"
    )
    out = layout.phone_ready(html)
    assert '<h1 id="x">Partnership working today</h1>' in out
    assert '<abbr title="d">GP</abbr>' in out
    assert "<table data-pw-stack>" in out and out.count("data-pw-stack") == 1  # two columns fit as they are
    assert '<td data-label="Minutes" style="text-align: right;">60</td>' in out
    assert '<td data-label="Level">intro</td>' in out


# --------------------------------------------------------------------------- search


def index_docs(site: Path) -> list[dict]:
    return json.loads((site / "search" / "search_index.json").read_text())["docs"]


def test_search_index_holds_no_quiz_options_or_feedback(built_site: Path) -> None:
    text = plain(" ".join(d["title"] + " " + d["text"] for d in index_docs(built_site)))
    leaks = []
    for name, bank in banks().items():
        for q in bank["questions"]:
            hidden = [q.get("feedback"), q.get("explanation"), q.get("hint")]
            for option in q.get("options") or []:
                hidden.append(option["feedback"])
                if len(option["text"]) >= 40:
                    hidden.append(option["text"])
            for item in filter(None, hidden):
                snippet = plain(item)[:80]
                if snippet in text:
                    leaks.append(f"{name}/{q['id']}: {snippet}")
    assert leaks == [], "\n".join(leaks)
    stems = [plain(q["question"].split("___")[0])[:60] for b in banks().values() for q in b["questions"]]
    assert any(stem in text for stem in stems), "question stems should stay searchable"


def test_search_has_one_entry_per_glossary_term_and_no_glued_headings(built_site: Path) -> None:
    docs = index_docs(built_site)
    terms = re.findall(r"^\*\[([^\]]+)\]:", (ROOT / "includes" / "glossary.md").read_text(), re.M)
    entries = {d["title"] for d in docs if d["location"].startswith("glossary/#term-")}
    assert entries == set(terms)
    glued = [d["title"] for d in docs if re.search(r"Quiz Complete|Quiz Progress|[a-z][A-Z]", d["title"])]
    assert glued == []


def test_trainer_pages_are_labelled_and_boosted_down(built_site: Path) -> None:
    docs = index_docs(built_site)
    trainer = [d for d in docs if d["location"].startswith("trainers/")]
    assert trainer and all(d.get("boost", 1) < 1 for d in trainer)
    for d in trainer:
        if "#" not in d["location"]:
            assert d["title"].startswith(search.TRAINER_TITLES), d["title"]
    assert all("boost" not in d for d in docs if d["location"].startswith("modules/"))


def test_search_puts_learner_pages_above_facilitator_notes(browser, server) -> None:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(server)
    page.click("label.md-header__button[for='__search']")
    # key by key, as a person types: Material's search listens for keyup, which fill() never sends
    page.locator("input.md-search__input").press_sequentially("Steven Hoskin")
    first = page.locator(".md-search-result__item > a").first
    first.wait_for(timeout=15000)
    href = first.get_attribute("href")
    assert "trainers/" not in href, f"top result is a trainers' page: {href}"
    results = page.locator(".md-search-result__list").inner_text()
    assert "Quiz Complete" not in results
    context.close()


# --------------------------------------------------------------------------- quizzes


def test_fill_in_renders_every_accepted_answer_and_the_hint() -> None:
    question = {
        "id": "t",
        "type": "fill-in",
        "question": "A level is a ___.",
        "answer": "threshold",
        "accept": ["thresholds", "Threshold"],
        "hint": "Think of a *door*.",
        "feedback": "The answer is threshold.",
    }
    out = render.render_question(question)
    accept = re.search(r'data-pw-accept="([^"]+)"', out).group(1)
    assert json.loads(htmllib.unescape(accept)) == accepted_answers(question) == ["threshold", "thresholds"]
    assert 'data-pw-question="t"' in out
    assert out.index("pw-fill-hint") < out.index("pw-fill-answer") < out.index("The answer is")
    assert "[[threshold]]" in out
    del question["hint"]
    assert "pw-fill-hint" not in render.render_question(question)


def fill_in_pages() -> list[tuple[str, dict]]:
    return [(f"modules/{name}/", q) for name, b in banks().items() for q in b["questions"] if q["type"] == "fill-in"]


def quiz_of(page, question_id: str):
    return page.locator(".quiz", has=page.locator(f"[data-pw-question='{question_id}']"))


def test_every_fill_in_accepts_each_listed_answer_loosely_typed(browser, server) -> None:
    """Each variant in a bank's accept list (and the answer) is right, typed in capitals
    with spaces around it and a full stop after it."""
    wrong: list[str] = []
    context = browser.new_context()
    page = context.new_page()
    for path, q in fill_in_pages():
        page.goto(server + path)
        quiz = quiz_of(page, q["id"])
        for variant in accepted_answers(q):
            quiz.locator(".quiz-blank-input").fill(f"  {variant.upper()}. ")
            quiz.locator("button[type=submit]").click()
            quiz.locator(".pw-verdict").wait_for()
            if not quiz.locator(".quiz-blank-input.correct").count():
                wrong.append(f"{path} {q['id']}: {variant!r} was marked wrong")
    context.close()
    assert wrong == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_wrong_fill_in_gives_a_hint_not_the_answer(browser, server, scheme: str) -> None:
    path, q = fill_in_pages()[0]
    context = browser.new_context(viewport=PHONE, color_scheme=scheme)
    page = context.new_page()
    page.goto(server + path)
    page.evaluate("""() => { window.answers = [];
        document.addEventListener('pw:answer', e => window.answers.push(e.detail)); }""")
    quiz = quiz_of(page, q["id"])
    # A bank's accept list and hint, as the build would write them (banks gain them later).
    quiz.evaluate(
        """(q) => {
          const marker = q.querySelector('[data-pw-accept]');
          const list = JSON.parse(marker.getAttribute('data-pw-accept'));
          marker.setAttribute('data-pw-accept', JSON.stringify(list.concat(['made-up variant'])));
          const hint = document.createElement('div');
          hint.className = 'pw-fill-hint';
          hint.innerHTML = '<p>Think about where each service draws its line.</p>';
          q.querySelector('section.content').prepend(hint);
        }"""
    )
    answer_text = plain(q["feedback"])[:40]
    quiz.locator(".quiz-blank-input").fill("certainly not this")
    quiz.locator("button[type=submit]").click()
    feedback = quiz.locator(".quiz-feedback")
    feedback.locator(".pw-hint-text").wait_for()
    assert "Not quite" in feedback.inner_text()
    assert "Think about where each service draws its line." in feedback.inner_text()
    assert answer_text not in quiz.inner_text(), "a wrong answer must not show the answer"
    assert "Incorrect answer. Please try again." not in quiz.inner_text()
    assert violations(page) == []
    # Submit and Try Again are separate 44 px targets at least 8 px apart
    submit = quiz.locator("button[type=submit]").bounding_box()
    again = quiz.locator(".quiz-reset-button:not(.hidden)").bounding_box()
    assert submit and again and submit["height"] >= 44 and again["height"] >= 44
    apart = max(again["x"] - (submit["x"] + submit["width"]), again["y"] - (submit["y"] + submit["height"]))
    assert apart >= 8, f"Submit and Try Again are {apart}px apart"
    # the learner asks for the answer
    quiz.get_by_role("button", name="Show answer").click()
    assert answer_text in quiz.inner_text()
    # a listed variant, typed loosely, is right
    quiz.locator(".quiz-blank-input").fill("Made up-Variant.")
    quiz.locator("button[type=submit]").click()
    page.wait_for_function("window.answers.length === 2")
    assert quiz.locator(".quiz-blank-input.correct").count() == 1
    assert "Right answer" in feedback.inner_text()
    events = page.evaluate("window.answers")
    assert [(e["correct"], e["first"]) for e in events] == [(False, True), (True, False)]
    assert events[0]["questionId"] == q["id"] and events[0]["page"] == path.split("/")[1]
    assert events[0]["quizIndex"] == int(quiz.get_attribute("id").split("-")[1])
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_wrong_choice_is_marked_in_words_and_options_align(browser, server, scheme: str) -> None:
    n, wrong, _ = first_choice_question()
    context = browser.new_context(viewport=PHONE, color_scheme=scheme)
    page = context.new_page()
    page.goto(server + MODULE)
    geometry = page.evaluate(
        f"""() => [...document.querySelectorAll('#quiz-{n} fieldset > div')].map(d => {{
              const i = d.querySelector('input').getBoundingClientRect();
              const l = d.querySelector('label').getBoundingClientRect();
              return {{inputRight: i.right, inputLeft: i.left, labelLeft: l.left, inputTop: i.top, labelTop: l.top}};
            }})"""
    )
    lefts = {round(g["labelLeft"]) for g in geometry}
    assert len(lefts) == 1, "option texts do not line up"
    for g in geometry:
        assert g["labelLeft"] >= g["inputRight"], "wrapped text runs under the radio button"
        assert abs(g["inputTop"] - g["labelTop"]) < 12
    page.click(f"label[for='quiz-{n}-{wrong}']")
    feedback = page.locator(f"#quiz-{n} .quiz-feedback .pw-verdict")
    feedback.wait_for()
    assert "Not quite" in feedback.inner_text() and "\u2717" in feedback.inner_text()
    label = page.locator(f"label[for='quiz-{n}-{wrong}']")
    assert label.evaluate("l => getComputedStyle(l).textDecorationLine") == "none"
    assert "not right" in label.evaluate("l => getComputedStyle(l, '::after').content")
    assert violations(page) == []
    context.close()


# --------------------------------------------------------------------------- speed


def test_quiz_plugin_assets_are_files_not_inlined(built_site: Path) -> None:
    from scripts.web.quizassets import plugin_assets

    style, script = plugin_assets()
    assert (built_site / style.path).read_text() == style.body
    assert (built_site / script.path).read_text() == script.body
    for path in built_site.rglob("*.html"):
        text = path.read_text()
        assert "quizTracker" not in text and ".quiz-feedback-badge" not in text, path


def test_quiz_scripts_wait_until_the_learner_nears_the_quiz(browser, server) -> None:
    """The first screen loads one script and one stylesheet of the site's own; the
    quiz's record, plugin and glue come only when the learner nears the quiz, and
    the CPD record's code never comes to a module page."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    ours: list[str] = []
    page.on(
        "request",
        lambda r: (
            ours.append(r.url.rsplit("/", 1)[1])
            if "/assets/" in r.url
            and not any(m in r.url for m in ("/bundle.", "/main.", "/palette.", "/workers/"))
            and r.resource_type in ("script", "stylesheet")
            else None
        ),
    )
    page.goto(server + MODULE)
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)
    assert len(ours) == 2 and {name.rsplit(".", 1)[1] for name in ours} == {"js", "css"}, ours
    assert all(name.startswith("pw.") for name in ours), ours
    assert page.locator(".quiz .answer-feedback").first.is_hidden()
    assert page.locator(".quiz section.content").first.is_hidden()
    page.locator(".quiz").first.scroll_into_view_if_needed()
    page.wait_for_function("document.querySelectorAll('.quiz-reset-button').length > 0")
    later = ours[2:]
    assert [n for n in later if n.endswith(".js")][:1] == ["record-quiz.js"], later
    assert len([n for n in later if n.endswith(".js")]) == 3 and len([n for n in later if n.endswith(".css")]) == 1
    assert not any("learning" in n or "import" in n for n in ours), ours
    assert page.evaluate("document.querySelectorAll('.quiz').length") == page.evaluate(
        "document.querySelectorAll('.quiz-reset-button').length"
    ), "mkdocs-quiz set itself up more than once"
    context.close()


def test_first_try_is_kept_when_two_clicks_beat_the_quiz_scripts(browser, server) -> None:
    """On a slow phone the learner may click a wrong option, then the right one, before
    the quiz's scripts arrive: the first click is the first try, as if the plugin had run."""
    n, wrong, right = first_choice_question()
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()

    def slow(route) -> None:
        page.wait_for_timeout(1500)
        route.continue_()

    page.route("**/assets/quiz/*.js", slow)
    page.goto(server + MODULE)
    page.click(f"label[for='quiz-{n}-{wrong}']")
    page.click(f"label[for='quiz-{n}-{right}']")
    page.locator(".pw-first-try").wait_for()
    page.wait_for_function("document.querySelector('.pw-first-try').textContent.indexOf('tried') >= 0")
    assert "first try: 0 of" in page.inner_text(".pw-first-try"), page.inner_text(".pw-first-try")
    assert page.is_checked(f"#quiz-{n}-{wrong}")  # the answer shown is the one that was scored
    context.close()


def test_phone_pages_have_no_violations_in_light_or_dark(browser, server) -> None:
    """Stacked tables, the home page's table and the menu at phone width, both schemes."""
    found: list[str] = []
    for scheme in ("light", "dark"):
        context = browser.new_context(viewport=PHONE, color_scheme=scheme)
        page = context.new_page()
        for path in ("", "my-learning/", "trainers/catalogue/", "trainers/competencies/", "case-studies/"):
            page.goto(server + path)
            found += [f"{scheme} /{path}: {v}" for v in violations(page)]
        context.close()
    assert found == [], "\n".join(found)

"""Browser tests of a learner record under attack or strain: hostile and damaged
files run nothing and change nothing, a damaged record in storage is kept aside,
and full storage is reported where the learner is typing, with a download."""

from __future__ import annotations

import json
from pathlib import Path

from tests.test_browser import MODULE, bank
from tests.test_record import guard

MARKUP = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script><svg onload="window.__pwned=3">'
WHEN = "2026-11-01T10:00:00.000Z"


def stored(page) -> str | None:
    return page.evaluate("localStorage.getItem('pw-record')")


def record_file(tmp_path: Path, name: str, data: object) -> Path:
    path = tmp_path / name
    path.write_text("# Continuing professional development record\n\nPW-RECORD " + json.dumps(data) + "\n")
    return path


def start(browser, server):
    """A learner with something saved, on My learning, with a trap for any script a file might run."""
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    problems: list[str] = []
    guard(page, problems)
    page.on("dialog", lambda dialog: (problems.append("dialog: " + dialog.message), dialog.dismiss()))
    page.goto(server + MODULE)
    page.fill(".pw-reflection textarea", "My own reflection.")
    page.click(".pw-save-reflection")
    page.goto(server + "my-learning/")
    return context, page, problems


def ran_nothing(page) -> bool:
    return page.evaluate(
        "window.__pwned === undefined && ({}).polluted === undefined && Object.prototype.polluted === undefined"
    )


REFUSED = {
    "not-a-record.txt": ("Some notes about my week.", "does not hold a learner record"),
    "newer.md": ({"version": 3, "modules": {}}, "newer version of the site"),
    "wrong-types.md": (
        {
            "version": 2,
            "name": 5,
            "nameAt": "yesterday",
            "modules": {
                "why-partnership": {
                    "read": 5,
                    "readAt": {"a": 1},
                    "visited": "2999-01-01",
                    "reflection": {"text": ["a"], "updated": "soon"},
                    "task": "x",
                    "answers": {"q": "x", "stakes-case-closed": {"first": {"answer": "0", "correct": "yes", "at": 1}}},
                    "v1quiz": {"answered": -1},
                },
                "no-such-module": {"read": "2026-01-01"},
                "Not A Slug": {"read": "2026-01-01"},
            },
        },
        "holds nothing that can be read",
    ),
    "deep.md": (None, None),  # built below: deeply nested JSON
    "huge.md": (None, "over 1 MB"),
}


def refused_file(tmp_path: Path, name: str) -> Path:
    data, _ = REFUSED[name]
    path = tmp_path / name
    if name == "deep.md":
        depth = 200_000
        path.write_text(
            'PW-RECORD {"version": 2, "modules": {"why-partnership": {"reflection": '
            + "[" * depth
            + "]" * depth
            + "}}}\n"
        )
    elif name == "huge.md":
        path.write_text("PW-RECORD " + json.dumps({"version": 2, "name": "x" * (5 * 1024 * 1024), "modules": {}}))
    elif isinstance(data, str):
        path.write_text(data)
    else:
        path = record_file(tmp_path, name, data)
    return path


def test_hostile_or_damaged_files_are_refused_in_one_sentence_and_change_nothing(
    browser, server, tmp_path: Path
) -> None:
    context, page, problems = start(browser, server)
    before = stored(page)
    for name, (_, message) in REFUSED.items():
        page.evaluate("document.querySelector('.pw-import-status').textContent = ''")
        page.set_input_files("#pw-import", str(refused_file(tmp_path, name)))
        page.wait_for_function("document.querySelector('.pw-import-status').textContent.length > 0")
        sentence = page.inner_text(".pw-import-status")
        if message:
            assert message in sentence, (name, sentence)
        assert sentence.startswith("This ") and sentence.count(". ") == 0, (name, sentence)  # one clear sentence
        assert page.locator(".pw-import-review").is_hidden(), name
        assert stored(page) == before, name
        assert ran_nothing(page), name
    context.close()
    assert problems == []


def hostile_record() -> dict:
    qid = bank()["questions"][0]["id"]
    attempt = {"answer": [MARKUP], "correct": True, "at": WHEN}
    return {
        "version": 2,
        "name": MARKUP,
        "nameAt": WHEN,
        "exported": WHEN,
        "modules": {
            "why-partnership": {
                "title": MARKUP,
                "visited": "2026-11-01",
                "read": "2026-11-01",
                "readAt": WHEN,
                "reflection": {
                    "text": MARKUP + " reflection",
                    "updated": WHEN,
                    "earlier": [{"text": MARKUP + " older", "updated": "2026-10-01T10:00:00.000Z"}],
                },
                "task": {"id": "some-task", "text": MARKUP + " task", "updated": WHEN},
                "answers": {qid: {"first": attempt, "now": attempt}, MARKUP: {"first": attempt}},
            },
            MARKUP: {"read": "2026-11-01"},
        },
    }


def test_markup_in_every_text_field_is_shown_as_text_and_never_runs(browser, server, tmp_path: Path) -> None:
    context, page, problems = start(browser, server)
    before = stored(page)
    page.set_input_files("#pw-import", str(record_file(tmp_path, "markup.md", hostile_record())))
    review = page.locator(".pw-import-review")
    review.wait_for(state="visible")
    assert MARKUP in review.inner_text()  # the name, as text
    assert stored(page) == before  # nothing yet: the learner has not chosen
    page.click(".pw-merge")
    record = json.loads(stored(page))
    assert list(record["modules"]) == ["why-partnership"]  # the markup module id was dropped
    assert MARKUP not in record["modules"]["why-partnership"]["answers"]
    assert record["modules"]["why-partnership"]["reflection"]["text"] == "My own reflection."  # mine is newer
    page.reload()
    assert page.input_value("#pw-name") == MARKUP
    page.goto(server + "my-reflections/")
    text = page.inner_text("#pw-my-reflections")
    page.locator(".pw-reflection-entry[data-module='why-partnership'] summary").first.click()
    text = page.inner_text("#pw-my-reflections")
    assert MARKUP + " reflection" in text and MARKUP + " older" in text
    page.goto(server + "my-learning/")
    page.evaluate("window.print = () => {}")
    page.click("text=Print or save as PDF")
    assert MARKUP in page.inner_text("#pw-print")
    for where in ("my-learning/", "my-reflections/", MODULE):
        page.goto(server + where)
        assert page.locator("img[src='x'], svg[onload]").count() == 0
        assert not page.evaluate("[...document.scripts].some(s => s.textContent.includes('__pwned'))")
        assert ran_nothing(page)
    context.close()
    assert problems == []


def test_prototype_keys_are_dropped_and_pollute_nothing(browser, server, tmp_path: Path) -> None:
    context, page, problems = start(browser, server)
    text = (
        '{"version": 2, "__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}},'
        ' "modules": {"__proto__": {"read": "2026-01-01"}, "constructor": {"read": "2026-01-01"},'
        ' "why-partnership": {"__proto__": {"polluted": "yes"}, "constructor": "x", "read": "2026-11-02",'
        ' "readAt": "2026-11-02T10:00:00.000Z", "answers": {"constructor": {"first": {"answer": [], "correct": true,'
        ' "at": "2026-11-02T10:00:00.000Z"}}}}}}'
    )
    path = tmp_path / "proto.md"
    path.write_text("PW-RECORD " + text + "\n")
    page.set_input_files("#pw-import", str(path))
    page.locator(".pw-import-review").wait_for(state="visible")
    assert "left out" in page.inner_text(".pw-import-review")
    page.click(".pw-merge")
    record = json.loads(stored(page))
    assert list(record) == ["version", "name", "modules"]
    assert list(record["modules"]) == ["why-partnership"]
    entry = record["modules"]["why-partnership"]
    assert entry["read"] == "2026-11-02"
    assert "constructor" not in entry and "__proto__" not in entry and "constructor" not in entry.get("answers", {})
    assert ran_nothing(page)
    context.close()
    assert problems == []


def test_a_damaged_record_in_storage_is_kept_aside_and_the_learner_told(browser, server, tmp_path: Path) -> None:
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    damaged = '{"version": 2, "modules": {"why-partnership": {"reflection": {"text": "Half a reflec'
    page.goto(server + "about/")
    page.evaluate("raw => localStorage.setItem('pw-record', raw)", damaged)
    page.goto(server + MODULE)
    assert "kept aside" in page.inner_text(".pw-aside")
    keys = page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('pw-record-damaged-'))")
    assert len(keys) == 1
    assert page.evaluate("key => localStorage.getItem(key)", keys[0]) == damaged
    page.fill(".pw-reflection textarea", "Starting again.")
    page.click(".pw-save-reflection")
    page.goto(server + "my-learning/")
    assert "could not be read" in page.inner_text(".pw-aside")
    with page.expect_download() as info:
        page.click(".pw-aside-download")
    copy = tmp_path / "damaged.txt"
    info.value.save_as(copy)
    assert copy.read_text() == damaged
    # a record that parses but holds a wrong field is cleaned, and the original also kept aside
    page.evaluate(
        "localStorage.setItem('pw-record', JSON.stringify({version: 2, name: 7, modules: {'why-partnership': {read: '2026-11-03'}}}))"
    )
    page.goto(server + MODULE)
    assert page.get_attribute(".pw-read-button", "aria-pressed") == "true"
    assert len(page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('pw-record-damaged-'))")) == 2
    context.close()


FILL = """() => {
  let chunk = 'x'.repeat(1 << 20), i = 0;
  while (chunk.length) {
    try { localStorage.setItem('fill-' + i++, chunk); }
    catch (e) { chunk = chunk.slice(0, chunk.length >> 1); }
  }
  return i;
}"""


def test_full_storage_is_reported_where_the_learner_types_with_a_download(browser, server, tmp_path: Path) -> None:
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    problems: list[str] = []
    guard(page, problems)
    page.goto(server + MODULE)
    page.evaluate(FILL)
    page.fill(".pw-reflection textarea", "Words I must not lose.")
    alarm = page.locator(".pw-reflection .pw-save-alarm")
    alarm.wait_for(state="visible", timeout=5000)
    assert "Not saved" in alarm.inner_text()
    assert alarm.get_attribute("role") == "alert"
    assert page.locator(".pw-save-failed").is_visible()  # and once at the top of the page
    with page.expect_download() as info:
        alarm.locator(".pw-download-writing").click()
    path = tmp_path / "rescued.txt"
    info.value.save_as(path)
    assert path.read_text().strip() == "Words I must not lose."
    page.evaluate(
        "Object.keys(localStorage).filter(k => k.startsWith('fill-')).forEach(k => localStorage.removeItem(k))"
    )
    page.click(".pw-save-reflection")
    assert alarm.is_hidden()
    assert "Reflection saved" in page.inner_text(".pw-reflection [role=status]")
    context.close()
    assert problems == []

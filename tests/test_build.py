"""Real strict builds: the site builds, generated pages appear, bad content stops
the build with one line per problem, and quiz text can never inject HTML."""

from __future__ import annotations

import gzip
import re
from html.parser import HTMLParser
from pathlib import Path

import yaml

from scripts.content import pools
from scripts.outputs.linkcheck import check_site, parse
from tests.conftest import ROOT, copy_project, html_pages, mkdocs_build

PAGE_BUDGET = 100 * 1024  # bytes, gzip, first load without the search index (issue 11)


def test_strict_build_makes_every_page(built_site: Path) -> None:
    pages = html_pages(built_site)
    for expected in [
        "",
        "how-to-use/",
        "about/",
        "glossary/",
        "modules/why-partnership/",
        "trainers/",
        "trainers/catalogue/",
    ]:
        assert expected in pages


def test_module_page_has_intro_quiz_and_description(built_site: Path) -> None:
    html = (built_site / "modules" / "why-partnership" / "index.html").read_text()
    front = yaml.safe_load((ROOT / "docs" / "modules" / "why-partnership.md").read_text().split("---")[1])
    bank = yaml.safe_load((ROOT / "quizzes" / "why-partnership.yml").read_text())
    assert "What you will learn" in html
    for outcome in front["outcomes"]:
        assert outcome["text"].split()[0] in html
    shown = pools.page_questions(bank["questions"])
    assert len(shown) < len(bank["questions"])  # the rest is the pool, for the course-end test
    assert len(re.findall(r'<div class="quiz[ "]', html)) == len(shown)
    assert html.count('class="answer-feedback hidden"') == sum(len(q.get("options", [])) for q in shown)
    pool_only = [q for q in bank["questions"] if q not in shown]
    assert all(f'data-question-id="{q["id"]}"' not in html for q in pool_only)
    assert f'<meta name="description" content="{front["summary"].strip()[:40]}' in html


def test_catalogue_lists_every_module_from_front_matter(built_site: Path) -> None:
    html = (built_site / "trainers" / "catalogue" / "index.html").read_text()
    for path in (ROOT / "docs" / "modules").glob("*.md"):
        front = yaml.safe_load(path.read_text().split("---")[1])
        assert front["title"] in html
        assert f'href="../../modules/{front["id"]}/"' in html


def test_glossary_page_lists_every_term(built_site: Path) -> None:
    html = (built_site / "glossary" / "index.html").read_text()
    terms = re.findall(r"^\*\[([^\]]+)\]:", (ROOT / "includes" / "glossary.md").read_text(), re.M)
    assert len(terms) >= 10
    for term in terms:
        assert f">{term}<" in html or f">{term}</abbr>" in html, term


def test_abbreviations_are_marked_up_across_pages(built_site: Path) -> None:
    html = (built_site / "modules" / "why-partnership" / "index.html").read_text()
    assert "<abbr title=" in html


def test_no_generated_file_is_written_into_docs() -> None:
    assert not (ROOT / "docs" / "glossary.md").exists()
    assert not (ROOT / "docs" / "trainers" / "catalogue.md").exists()


def test_bad_content_stops_the_build_with_a_line_per_problem(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    bank = project / "quizzes" / "why-partnership.yml"
    data = yaml.safe_load(bank.read_text())
    single = next(q for q in data["questions"] if q["type"] == "single")
    for option in single["options"]:
        option["correct"] = False
    data["questions"][0]["id"] = data["questions"][1]["id"] = "wp-99"
    bank.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    result = mkdocs_build(project, tmp_path / "site")
    out = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in out
    assert re.search(r"quizzes/why-partnership\.yml:\d+: no option is marked 'correct: true'", out), out
    assert re.search(r"quizzes/why-partnership\.yml:\d+: question id 'wp-99' is used twice", out), out


def test_html_in_a_quiz_bank_is_shown_as_text_not_run(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    bank_path = project / "quizzes" / "why-partnership.yml"
    bank = yaml.safe_load(bank_path.read_text())
    first = next(q for q in bank["questions"] if q.get("options"))
    first["question"] = "<script>window.__pwned = 1</script> <b>bold?</b> " + first["question"]
    first["options"][0]["feedback"] = '<img src=x onerror="window.__pwned=2"> ok'
    bank_path.write_text(yaml.safe_dump(bank, sort_keys=False, allow_unicode=True))
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    html = (site / "modules" / "why-partnership" / "index.html").read_text()
    assert "window.__pwned" in html  # the text is there ...
    assert "<script>window.__pwned" not in html  # ... but never as markup
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in html
    assert "<img src=x" not in html and "<b>bold?</b>" not in html


def test_built_html_has_no_dead_links_anchors_or_images(built_site: Path) -> None:
    assert check_site(built_site) == []


def test_link_check_catches_planted_mistakes(built_site: Path, tmp_path: Path) -> None:
    import shutil

    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    page = site / "about" / "index.html"
    html = page.read_text()
    planted = (
        '<a href="../modules/no-such-module/">dead</a>'
        '<a href="../modules/why-partnership/#no-such-anchor">bad anchor</a>'
        '<img src="../assets/missing.png" alt="missing">'
        '<img src="../assets/javascripts/site.js">'
        '<script src="https://cdn.example.com/x.js"></script>'
    )
    page.write_text(html.replace("</article>", planted + "</article>", 1))
    problems = check_site(site)
    assert any("broken link '../modules/no-such-module/'" in p for p in problems), problems
    assert any("missing anchor '#no-such-anchor'" in p for p in problems), problems
    assert any("broken link '../assets/missing.png'" in p for p in problems), problems
    assert any("image '../assets/javascripts/site.js' has no alt text" in p for p in problems), problems
    assert any("loads from another host: https://cdn.example.com/x.js" in p for p in problems), problems
    assert len(problems) == 5


def test_quiz_anchors_exist(built_site: Path) -> None:
    info = parse((built_site / "modules" / "why-partnership" / "index.html").read_text())
    assert {"quiz-0", "quiz-1"} <= info.ids


class _Assets(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.assets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "script" and a.get("src"):
            self.assets.append(a["src"] or "")
        if tag == "link" and "stylesheet" in (a.get("rel") or "") and a.get("href"):
            self.assets.append(a["href"] or "")


def first_load_bytes(site: Path, page: Path) -> int:
    """Gzipped bytes of a page plus the CSS, JS and fonts it loads at once."""
    html = page.read_text()
    total = len(gzip.compress(html.encode(), 9))
    parser = _Assets()
    parser.feed(html)
    for src in parser.assets:
        src = src.split("?")[0]
        path = (site / src.lstrip("/")) if src.startswith("/") else (page.parent / src).resolve()
        body = path.read_bytes()
        total += len(gzip.compress(body, 9))
        if path.suffix == ".css":
            for font in re.findall(rb"url\(([^)]+\.(?:woff2?|ttf|otf))\)", body):
                total += len(gzip.compress((path.parent / font.decode().strip("'\"")).read_bytes(), 9))
    return total


def test_page_weight_budget(built_site: Path) -> None:
    weights = {
        p.relative_to(built_site).as_posix(): first_load_bytes(built_site, p) for p in built_site.rglob("*.html")
    }
    heavy = {page: size for page, size in weights.items() if size > PAGE_BUDGET}
    assert heavy == {}, f"pages over {PAGE_BUDGET} bytes gzip: {heavy}"
    assert max(weights.values()) > 20 * 1024  # the measurement really counts assets


def _front(path: Path) -> dict:
    return yaml.safe_load(path.read_text().split("---")[1])


def plain(html: str) -> str:
    """Visible text of some HTML, with abbreviation markup and entities removed."""
    import html as htmllib

    return " ".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", html)).split())


def test_competency_matrix_lists_every_outcome_under_its_area(built_site: Path) -> None:
    html = (built_site / "trainers" / "competencies" / "index.html").read_text()
    parts = re.split(r"<h2[^>]*>", html)[1:]
    by_area = {plain(part.split("</h2>")[0]).replace("¶", "").strip(): plain(part) for part in parts}
    for path in (ROOT / "docs" / "modules").glob("*.md"):
        for outcome in _front(path)["outcomes"]:
            squash = "".join(outcome["text"].split())
            assert squash in "".join(by_area[outcome["ipec"]].split()), outcome["id"]


def test_key_points_page_gathers_every_module(built_site: Path) -> None:
    html = (built_site / "key-points" / "index.html").read_text()
    for path in (ROOT / "docs" / "modules").glob("*.md"):
        assert _front(path)["title"] in html
    assert html.count("<li>") >= 4 * len(list((ROOT / "docs" / "modules").glob("*.md")))


def test_home_page_module_map_has_every_module_with_minutes(built_site: Path) -> None:
    html = (built_site / "index.html").read_text()
    for path in (ROOT / "docs" / "modules").glob("*.md"):
        front = _front(path)
        row = re.search(
            rf'href="modules/{front["id"]}/">[^<]*</a>(?:(?!</td>).)*</td>\s*<td[^>]*>(\d+)</td>', html, re.S
        )
        assert row and int(row.group(1)) == front["minutes"], front["id"]


def _cases() -> list[dict]:
    return [_front(p) for p in sorted((ROOT / "docs" / "case-studies").glob("*.md"))]


def test_case_studies_and_modules_link_both_ways(built_site: Path) -> None:
    cases = _cases()
    assert len(cases) >= 6
    for case in cases:
        page = (built_site / "case-studies" / case["id"] / "index.html").read_text()
        for module in case["modules"]:
            assert f'href="../../modules/{module}/#' in page, (case["id"], module)  # debrief links a section
            module_page = (built_site / "modules" / module / "index.html").read_text()
            assert f'href="../../case-studies/{case["id"]}/"' in module_page, (module, case["id"])


def test_case_index_offers_every_case_by_setting_and_profession(built_site: Path) -> None:
    html = (built_site / "case-studies" / "index.html").read_text()
    by_setting = html.split('id="by-setting"')[1].split('id="by-profession"')[0]
    by_profession = html.split('id="by-profession"')[1]
    for case in _cases():
        link = f'href="{case["id"]}/"'
        assert link in html
        for setting in case["settings"]:
            line = next(li for li in by_setting.split("<li>") if f"{setting.capitalize()}:" in li)
            assert link in line, (case["id"], setting)
        for profession in case["professions"]:
            line = next(li for li in by_profession.split("<li>") if f"{profession}:" in li)
            assert link in line, (case["id"], profession)


def test_sensitive_cases_open_with_a_content_note(built_site: Path) -> None:
    for case in _cases():
        html = (built_site / "case-studies" / case["id"] / "index.html").read_text()
        body = html.split("<article", 1)[1]
        first_section = body.split("<h2", 1)[0]
        if case["sensitive"]:
            assert "Content note" in first_section, case["id"]


def test_a_word_for_minutes_stops_the_build_with_one_line_and_no_traceback(tmp_path: Path) -> None:
    """``minutes: twenty`` once crashed the build (and check) with a traceback."""
    project = copy_project(tmp_path)
    page = project / "docs" / "modules" / "policy-and-law.md"
    page.write_text(re.sub(r"^minutes: \d+$", "minutes: twenty", page.read_text(), count=1, flags=re.M))
    result = mkdocs_build(project, tmp_path / "site")
    out = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in out
    problems = [line for line in out.split("\n") if "ERROR" in line and ".md:" in line]
    assert problems == [
        "ERROR   -  docs/modules/policy-and-law.md:5: 'minutes' must be a whole number of minutes, not text ('twenty')"
    ]

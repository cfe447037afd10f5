"""The build ships the site's own scripts and styles as a few minified bundles
(scripts/bundles.py) and strips indentation from pages (scripts/compact.py), so a
module page's first load stays within issue 11's budget."""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.config.config_options import ExtraScriptValue

from scripts.web import bundles, compact
from tests.conftest import ROOT


def test_dedent_strips_indentation_but_keeps_pre_and_textarea() -> None:
    html = (
        "<div>\n    <p>One\n      two</p>\n<pre>  code\n    more</pre>\n  <textarea>\n  typed\n</textarea>\n  <b>x</b>"
    )
    out = compact.dedent(html)
    assert out == "<div>\n<p>One\ntwo</p>\n<pre>  code\n    more</pre>\n<textarea>\n  typed\n</textarea>\n<b>x</b>"


def test_a_bundle_is_every_source_minified_in_order(tmp_path: Path) -> None:
    (tmp_path / "a.js").write_text("/* why a */\n(function () { var one = 1; })()\n")
    (tmp_path / "b.js").write_text("// why b\n(function () { var two = 2; })();\n")
    made = bundles.make(tmp_path, "pw", ("a.js", "b.js"), "js")
    assert "why" not in made.body
    assert made.body.index("one") < made.body.index("two")
    assert ");\n(" in made.body.replace(";;", ";")  # a file's last call cannot run into the next
    assert re.fullmatch(r"assets/javascripts/pw\.[0-9a-f]{10}\.min\.js", made.path)
    (tmp_path / "b.js").write_text("(function () { var three = 3; })();\n")
    assert bundles.make(tmp_path, "pw", ("a.js", "b.js"), "js").path != made.path  # a changed file is a new name


def test_install_replaces_local_files_where_the_first_stood() -> None:
    remote = ExtraScriptValue("https://example.org/x.js")
    entries = [ExtraScriptValue("a.js"), remote, ExtraScriptValue("b.js")]
    out = bundles._replace(entries, {"a.js", "b.js"}, "BUNDLE")
    assert out == ["BUNDLE", remote]


def _scripts(html: str) -> list[str]:
    return re.findall(r'<script src="([^"]+)"', html)


def test_built_pages_load_the_bundles_and_only_the_record_pages_load_learning(built_site: Path) -> None:
    js = sorted((built_site / "assets" / "javascripts").glob("pw.*.min.js"))
    css = sorted((built_site / "assets" / "stylesheets").glob("pw.*.min.css"))
    learning = sorted((built_site / "assets" / "javascripts").glob("pw-learning.*.min.js"))
    assert len(js) == len(css) == len(learning) == 1
    for name, found in (("record-store.js", js[0]), ("record-import.js", learning[0])):
        source = (ROOT / "docs" / "assets" / "javascripts" / name).read_text()
        assert bundles.minify(source, "js") in found.read_text(), f"{found.name} does not hold {name} as it is now"
    for page in built_site.rglob("*.html"):
        html = page.read_text()
        srcs = [s.rsplit("/", 1)[1] for s in _scripts(html)]
        if 'id="pw-my-learning"' in html or 'id="pw-my-reflections"' in html:
            assert srcs[-1] == learning[0].name, page
        else:
            assert learning[0].name not in srcs, page
        ours = [s for s in srcs if s.startswith(("pw.", "record", "site")) and s != learning[0].name]
        assert ours == [js[0].name], (page, srcs)
        assert not re.search(r'(?<![\w-])src="[^"]*(?:record-|site\.js)', html), page

"""MkDocs glue: validate content, add generated pages, render quiz banks.

Kept thin on purpose: the logic lives in ``content`` and ``render`` so it can be
unit-tested and reused by ``check.py`` (and survive a later move off MkDocs).
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.content import courses
from scripts.outputs import pack
from scripts.outputs.export.answer_key import answer_key, course_banks
from scripts.web import checks, counts, downloads, endtest, generated, learner, planner, render, taskpage

log = logging.getLogger("mkdocs.hooks.content")
_state: dict[str, Any] = {}


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Validate everything before MkDocs cleans site/ or renders a page; stop with one line per problem.

    Runs the same validator as ``scripts/check.py`` (content, links, anchors,
    menu, course manifests), so a build shows exactly the check's lines. Failing
    here is quick, and under ``serve`` the last good build stays in place.
    """
    root = Path(config.config_file_path).resolve().parent
    project = checks.load_project(root)
    _, problems = courses.load_courses(root, project)
    problems = sorted(set(project.problems + problems))
    course = None
    course_id = config.extra.get("course")
    if course_id:
        course, more = courses.load_course(root, root / "courses" / f"{course_id}.yml", project)
        problems = sorted(set(problems + more))
    errors = [p for p in problems if not p.reminder]
    reminders = [p for p in problems if p.reminder]
    if errors:
        for problem in errors + reminders:
            (log.warning if problem.reminder else log.error)(str(problem))
        count = len(errors)
        raise PluginError(f"{count} problem{'s' if count != 1 else ''} in the content; fix each line above")
    # Places still to write: a draft builds (each page says what it lacks); a strict
    # build fails on these warnings, so nothing unfinished is published.
    for problem in reminders:
        log.warning(str(problem))
    _state["drafts"] = render.drafts(reminders, project)
    _state["project"] = project
    _state["course"] = course
    _state["courses"] = list(courses.load_courses(root, project)[0].values()) if course is None else []
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the generated pages.

    In a course build (``extra.course`` names a manifest) only the course's
    modules and cases are kept, and the home page is the course's own.
    """
    project = _state["project"]
    course = _state["course"]
    order = render.nav_order(config.nav)
    _state["order"] = order
    # Trainers' pages are generated in course builds too, where exclude_docs
    # leaves them out, so links to them resolve to the public site.
    pages = generated.trainer_pages(project, order)
    if course is not None:
        project.modules = {m: project.modules[m] for m in course.modules}
        project.cases = {c: project.cases[c] for c in course.cases}
        pages["index.md"] = render.course_home_page(course, project, order)
        pages[pack.ANSWER_KEY] = answer_key(course.meta["title"], course_banks(course, project))
        pages[endtest.PAGE] = endtest.page(course, project)
    pages.update(generated.learner_pages(project, order))
    for path in pages:
        existing = files.get_file_from_path(path)
        if existing is not None:
            files.remove(existing)
    for path, text in pages.items():
        files.append(File.generated(config, path, content=text))
    return files


@event_priority(50)  # before mkdocs-quiz turns <quiz> blocks into HTML
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    project = _state["project"]
    prefix = "../" * page.file.src_uri.count("/") + "modules/"
    if render.MODULE_MAP in markdown:
        markdown = markdown.replace(render.MODULE_MAP, render.module_map(project, _state["order"], prefix))
    if downloads.MARKER in markdown:
        depth = "../" * page.file.dest_uri.count("/")
        table = downloads.course_table(_state["courses"], project, downloads.downloads_dir(), depth)
        markdown = markdown.replace(downloads.MARKER, table)
    if planner.MARKER in markdown:
        root = Path(config.config_file_path).resolve().parent
        markdown = markdown.replace(
            planner.MARKER, planner.planner_script(project, _state["order"], root, page.file.dest_uri)
        )
    if render.LEARNER_MODULES in markdown:
        data = learner.module_data(project, _state["order"], os.environ.get("SITE_URL", ""))
        markdown = markdown.replace(
            render.LEARNER_MODULES, render.learner_modules(project, _state["order"], prefix) + data
        )
    markdown += taskpage.for_notes(project, page.file.src_uri, markdown)
    markdown = render.draft_note(_state.get("drafts", {}).get(page.file.src_uri, [])) + markdown
    markdown = counts.fill_counts(markdown, project)
    module = project.module_at(page.file.src_uri)
    if module is None:
        return markdown
    page.meta.setdefault("description", module.meta["summary"].strip())
    if module.quiz:
        page.meta["quiz"] = {"enabled": True}
    return render.render_module(module, project, markdown)


def on_post_build(config: MkDocsConfig) -> None:
    """When publishing (``PW_DOWNLOADS`` names the built courses), put their downloads beside the site."""
    dist = downloads.downloads_dir()
    if dist is not None:
        downloads.publish(dist, _state.get("courses", []), Path(config.site_dir))

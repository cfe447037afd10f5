"""MkDocs glue: validate content, add generated pages, render quiz banks.

Kept thin on purpose: the logic lives in ``content`` and ``render`` so it can be
unit-tested and reused by ``check.py`` (and survive a later move off MkDocs).
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts import content, courses, learner, render, tasks

log = logging.getLogger("mkdocs.hooks.content")
_state: dict[str, content.Project] = {}


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Validate everything once per build; stop with one line per problem.

    In a course build (``extra.course`` names a manifest) only the course's
    modules and cases are kept, and the home page is the course's own.
    """
    root = Path(config.config_file_path).resolve().parent
    project = content.load_project(root)
    problems = list(project.problems)
    course_id = config.extra.get("course")
    course = None
    if course_id:
        course, more = courses.load_course(root, root / "courses" / f"{course_id}.yml", project)
        problems += more
    if problems:
        for problem in problems:
            log.error(str(problem))
        count = len(problems)
        raise PluginError(f"{count} problem{'s' if count != 1 else ''} in the content; fix each line above")
    _state["project"] = project
    order = render.nav_order(config.nav)
    _state["order"] = order
    # Trainers' pages are generated in course builds too, where exclude_docs
    # leaves them out, so links to them resolve to the public site.
    generated = {
        "trainers/catalogue.md": render.catalogue_page(project, order),
        "trainers/competencies.md": render.competency_page(project, order),
    }
    if course is not None:
        project.modules = {m: project.modules[m] for m in course.modules}
        project.cases = {c: project.cases[c] for c in course.cases}
        generated["index.md"] = render.course_home_page(course, project, order)
    generated["glossary.md"] = render.glossary_page(project)
    generated["key-points.md"] = render.key_points_page(project, order)
    if project.cases:
        generated["case-studies/index.md"] = render.case_index_page(project)
    for path in generated:
        existing = files.get_file_from_path(path)
        if existing is not None:
            files.remove(existing)
    for path, text in generated.items():
        files.append(File.generated(config, path, content=text))
    return files


@event_priority(50)  # before mkdocs-quiz turns <quiz> blocks into HTML
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    project = _state["project"]
    prefix = "../" * page.file.src_uri.count("/") + "modules/"
    if render.MODULE_MAP in markdown:
        markdown = markdown.replace(render.MODULE_MAP, render.module_map(project, _state["order"], prefix))
    if render.LEARNER_MODULES in markdown:
        data = learner.module_data(project, _state["order"], os.environ.get("SITE_URL", ""))
        markdown = markdown.replace(
            render.LEARNER_MODULES, render.learner_modules(project, _state["order"], prefix) + data
        )
    markdown += tasks.for_notes(project, page.file.src_uri)
    module = project.module_at(page.file.src_uri)
    if module is None:
        return markdown
    page.meta.setdefault("description", module.meta["summary"].strip())
    if module.quiz:
        page.meta["quiz"] = {"enabled": True}
    return render.render_module(module, project, markdown)

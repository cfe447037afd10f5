"""A course as an IMS Common Cartridge 1.1 (``.imscc``), made from the built course site.

Why 1.1 and not 1.3: Moodle's cartridge importer reads versions 1.0 and 1.1
only; Canvas, Blackboard and Brightspace read 1.0 to 1.3. Everything this course
needs (web pages, quizzes with feedback, an ordered outline) is already in 1.1,
so 1.1 is the one version every one of those four LMSs imports.

The cartridge holds:

- ``imsmanifest.xml``: one ``rooted-hierarchy`` organisation in the course's
  order (``Course.sequence``): the course home first, then one folder per module
  or case holding its page and, for a module with a quiz bank, its quiz. LMSs
  turn these folders into their own course sections or modules;
- the course home and every module and case page as ``webcontent``, as MkDocs
  built them minus the site-wide chrome, with links to other pages opening the
  public site in a new tab (``sitehtml``), sharing one ``webcontent`` resource
  that lists exactly the files the pages load;
- each module's quiz as a Common Cartridge assessment: QTI 1.2 in the CC 1.1
  profile (``cc.exam.v0p1``; items ``cc.multiple_choice.v0p1``,
  ``cc.multiple_response.v0p1``, ``cc.fib.v0p1``), built from the same items
  as every other LMS export, with every option's feedback. The profile scores a
  multiple-response question all or nothing, so it says so: the partial marks
  of the QTI 1.2 and Moodle imports cannot be written in it.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from scripts.content.courses import Course
from scripts.content.project import Project
from scripts.outputs.export import qti12
from scripts.outputs.export.items import Item, Module, course_modules, project_banks
from scripts.outputs.export.scorm12 import STYLE, _up
from scripts.outputs.export.sitehtml import filter_html, insert_before, links_open_outside, needed_files, site_chrome
from scripts.outputs.export.zips import write_zip

CC = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
LOM = "http://ltsc.ieee.org/xsd/imsccv1p1/LOM/manifest"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
PROFILE = "http://www.imsglobal.org/profile/cc/ccv1p1"
SCHEMAS = f"{CC} {PROFILE}/ccv1p1_imscp_v1p2_v1p0.xsd {LOM} {PROFILE}/LOM/ccv1p1_lommanifest_v1p0.xsd"
QTI_SCHEMA = f"{qti12.NS} {PROFILE}/ccv1p1_qtiasiv1p2p1_v1p0.xsd"
ASSESSMENT = "imsqti_xmlv1p2/imscc_xmlv1p1/assessment"
PROFILES = {"single": "cc.multiple_choice.v0p1", "multiple": "cc.multiple_response.v0p1", "fill-in": "cc.fib.v0p1"}
SHARED = "shared-files"
HOME = "index.html"


_sub = qti12._sub  # the cartridge's assessments are QTI 1.2: one element helper


def _fields(parent: ET.Element, pairs: list[tuple[str, str]]) -> None:
    metadata = _sub(parent, "qtimetadata")
    for label, entry in pairs:
        field = _sub(metadata, "qtimetadatafield")
        _sub(field, "fieldlabel", label)
        _sub(field, "fieldentry", entry)


# --------------------------------------------------------------------------- assessments


def _multiple_processing(item_el: ET.Element, item: Item) -> None:
    """Feedback as in the QTI 1.2 import, then the CC profile's all-or-nothing scoring.

    Full marks for exactly the right set: every right option chosen (``and``)
    and no wrong one (``not``), the form Canvas's and Moodle's cartridge
    importers read as a multiple-response answer key.
    """
    processing = _sub(item_el, "resprocessing")
    _sub(_sub(processing, "outcomes"), "decvar", maxvalue="100", minvalue="0", varname="SCORE", vartype="Decimal")
    if item.general:
        condition, test = qti12._condition(processing, go_on=True)
        _sub(test, "other")
        qti12._show(condition, "general_fb")
    for option in item.options:
        condition, test = qti12._condition(processing, go_on=True)
        _sub(test, "varequal", option.ident, respident="response1")
        qti12._show(condition, f"{option.ident}_fb")
    condition, test = qti12._condition(processing, go_on=False)
    both = _sub(test, "and")
    for option in item.options:
        parent = both if option.correct else _sub(both, "not")
        _sub(parent, "varequal", option.ident, respident="response1")
    _sub(condition, "setvar", "100", action="Set", varname="SCORE")


def item_xml(item: Item) -> ET.Element:
    """One question as a CC 1.1 QTI item: the QTI 1.2 import's item with the CC profile's metadata.

    Canvas's own cartridges carry only ``cc_profile`` in an item's metadata,
    so this does too. Single choice and fill-in score exactly as in the QTI
    1.2 import; multiple response is all or nothing (see the module notes).
    """
    item_el = ET.Element("item", ident=item.ident, title=item.title)
    _fields(_sub(item_el, "itemmetadata"), [("cc_profile", PROFILES[item.kind])])
    qti12._presentation(item_el, item)
    if item.kind == "multiple":
        _multiple_processing(item_el, item)
    else:
        qti12._processing(item_el, item)
    if item.general:
        qti12._feedback(item_el, "general_fb", item.general)
    if item.kind == "fill-in":
        qti12._feedback(item_el, "correct_fb", item.feedback)
        qti12._feedback(item_el, "general_incorrect_fb", item.wrong_hint)
    for option in item.options:
        qti12._feedback(item_el, f"{option.ident}_fb", option.feedback)
    return item_el


def assessment_xml(module: Module) -> ET.Element:
    """A module's quiz as one CC assessment (an LMS quiz)."""
    root = ET.Element("questestinterop", {"xmlns": qti12.NS, "xmlns:xsi": XSI, "xsi:schemaLocation": QTI_SCHEMA})
    assessment = _sub(root, "assessment", ident=f"{module.ident}-quiz", title=f"Quiz: {module.title}")
    _fields(
        assessment,
        [
            ("cc_profile", "cc.exam.v0p1"),
            ("qmd_assessmenttype", "Examination"),
            ("qmd_scoretype", "Percentage"),
            ("qmd_feedbackpermitted", "Yes"),
            ("qmd_hintspermitted", "Yes"),
            ("qmd_solutionspermitted", "Yes"),
            ("cc_maxattempts", "unlimited"),
        ],
    )
    section = _sub(assessment, "section", ident="root_section")
    for item in module.page_items:
        section.append(item_xml(item))
    return root


# --------------------------------------------------------------------------- pages and manifest


def page_html(built: str, site: Path, href: str, site_url: str) -> str:
    """A built page as cartridge web content: no site chrome, outside links in a new tab."""
    html = filter_html(built, site_chrome)
    html = links_open_outside(html, site, site / href, site_url)
    return insert_before(html, "</head>", f'<link rel="stylesheet" href="{_up(href)}{STYLE}">\n')


def outline(course: Course, project: Project, quizzes: dict[str, Module]) -> list[tuple[str, list[tuple[str, str]]]]:
    """The course as folders of (resource id, title), in the course's order."""
    folders = [("Start here", [("page-home", "Course home")])]
    for kind, ident in course.sequence():
        if kind == "module":
            title = project.modules[ident].meta["title"]
            entries = [(f"page-{ident}", title)]
            if ident in quizzes:
                entries.append((f"quiz-{ident}", f"Quiz: {title}"))
        else:
            title = f"Case study: {project.cases[ident].meta['title']}"
            entries = [(f"page-{ident}", title)]
        folders.append((title, entries))
    return folders


def page_paths(course: Course) -> dict[str, str]:
    """Resource id -> page path inside the cartridge (the same paths as in the built site)."""
    paths = {"page-home": HOME}
    for kind, ident in course.sequence():
        paths[f"page-{ident}"] = f"modules/{ident}.html" if kind == "module" else f"case-studies/{ident}.html"
    return paths


def manifest_xml(
    course: Course,
    project: Project,
    pages: dict[str, str],
    quizzes: dict[str, Module],
    shared: list[str],
) -> ET.Element:
    """The CC 1.1 manifest: LOM title, one rooted organisation, web content and assessment resources."""
    ET.register_namespace("", CC)
    ET.register_namespace("lomimscc", LOM)
    ET.register_namespace("xsi", XSI)
    root = ET.Element(f"{{{CC}}}manifest", {"identifier": f"pw-{course.id}-cc", f"{{{XSI}}}schemaLocation": SCHEMAS})
    metadata = _sub(root, f"{{{CC}}}metadata")
    _sub(metadata, f"{{{CC}}}schema", "IMS Common Cartridge")
    _sub(metadata, f"{{{CC}}}schemaversion", "1.1.0")
    general = _sub(_sub(metadata, f"{{{LOM}}}lom"), f"{{{LOM}}}general")
    _sub(_sub(general, f"{{{LOM}}}title"), f"{{{LOM}}}string", course.meta["title"], language="en-GB")
    _sub(
        _sub(general, f"{{{LOM}}}description"), f"{{{LOM}}}string", course.meta["description"].strip(), language="en-GB"
    )
    organizations = _sub(root, f"{{{CC}}}organizations")
    organization = _sub(organizations, f"{{{CC}}}organization", identifier="course", structure="rooted-hierarchy")
    top = _sub(organization, f"{{{CC}}}item", identifier="root")
    for n, (title, entries) in enumerate(outline(course, project, quizzes)):
        folder = _sub(top, f"{{{CC}}}item", identifier=f"folder-{n}")
        _sub(folder, f"{{{CC}}}title", title)
        for ref, entry_title in entries:
            item = _sub(folder, f"{{{CC}}}item", identifier=f"item-{ref}", identifierref=ref)
            _sub(item, f"{{{CC}}}title", entry_title)
    resources = _sub(root, f"{{{CC}}}resources")
    for ref, href in pages.items():
        resource = _sub(resources, f"{{{CC}}}resource", identifier=ref, type="webcontent", href=href)
        _sub(resource, f"{{{CC}}}file", href=href)
        _sub(resource, f"{{{CC}}}dependency", identifierref=SHARED)
    for ident in quizzes:
        resource = _sub(resources, f"{{{CC}}}resource", identifier=f"quiz-{ident}", type=ASSESSMENT)
        _sub(resource, f"{{{CC}}}file", href=f"assessments/{ident}/assessment.xml")
    asset = _sub(resources, f"{{{CC}}}resource", identifier=SHARED, type="webcontent")
    for href in shared:
        _sub(asset, f"{{{CC}}}file", href=href)
    return root


def files(site: Path, course: Course, project: Project, site_url: str) -> dict[str, bytes]:
    """Every file of the cartridge by its path inside the zip, manifest first."""
    quizzes = {module.ident: module for module in course_modules(*project_banks(course.modules, project))}
    paths = page_paths(course)
    pages = {
        href: page_html((site / href).read_text(encoding="utf-8"), site, href, site_url) for href in paths.values()
    }
    shared = [f for f in needed_files(site, pages) if f not in pages]
    manifest = manifest_xml(course, project, paths, quizzes, shared)
    out = {"imsmanifest.xml": qti12.to_bytes(manifest)}
    out.update({href: text.encode("utf-8") for href, text in pages.items()})
    out.update({href: (site / href).read_bytes() for href in shared})
    for ident, module in quizzes.items():
        out[f"assessments/{ident}/assessment.xml"] = qti12.to_bytes(assessment_xml(module))
    return out


def write(path: Path, site: Path, course: Course, project: Project, site_url: str) -> Path:
    """The course's Common Cartridge at ``path``, made from the built course ``site``."""
    return write_zip(path, files(site, course, project, site_url))

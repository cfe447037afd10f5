"""A course as a SCORM 1.2 content package, made from the built course site.

SCORM 1.2 is the one e-learning package every LMS in use in the NHS, councils
and universities imports (Moodle, Totara, Blackboard, Brightspace, Canvas via
its SCORM tool, the NHS's e-learning platforms) and tracks per learner.

The package holds:

- ``imsmanifest.xml`` at the root: one organisation in the course's order
  (``Course.sequence``), one item and one SCO per module and per case study.
  Items of modules with a quiz carry ``adlcp:masteryscore`` (the course's
  ``mastery``, default 80), which the LMS gives the page as
  ``cmi.student_data.mastery_score``;
- each SCO's page, as MkDocs built it, minus the site-wide chrome
  (``sitehtml``), with every link to another page opening the public site in a
  new tab, plus ``package.css`` and the page-side API adapter ``scorm.js``;
- exactly the files those pages load, found by reading the pages and their
  stylesheets, all listed in one shared ``asset`` resource that every SCO
  depends on. Nothing else: no request leaves the package.

The XML is written with ElementTree from data; the zip has fixed dates and
order, so a rebuild of the same content gives the same bytes.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from scripts.content.courses import Course
from scripts.content.project import Project
from scripts.outputs.export.sitehtml import filter_html, insert_before, links_open_outside, needed_files, site_chrome
from scripts.outputs.export.zips import write_zip
from scripts.web import endtest

CP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMAS = f"{CP} imscp_rootv1p1p2.xsd {ADLCP} adlcp_rootv1p2.xsd"
ADAPTER = "assets/javascripts/scorm.js"
STYLE = "assets/stylesheets/package.css"
SHARED = "shared-files"


@dataclass(frozen=True)
class Sco:
    """One launchable page: a module, a case study or the course-end test."""

    ident: str
    kind: str  # "module", "case" or "test" (the course-end test)
    title: str
    href: str  # the page, relative to the site root
    mastery: int | None  # pass mark when the page has a quiz


def scos(course: Course, project: Project) -> list[Sco]:
    """The course's modules and cases, in its order, as SCOs."""
    out = []
    for kind, ident in course.sequence():
        if kind == "module":
            module = project.modules[ident]
            has_quiz = bool(module.quiz and module.quiz in project.banks)
            out.append(
                Sco(ident, kind, module.meta["title"], f"modules/{ident}.html", course.mastery if has_quiz else None)
            )
        else:
            case = project.cases[ident]
            out.append(Sco(ident, kind, f"Case study: {case.meta['title']}", f"case-studies/{ident}.html", None))
    if any(project.modules[m].quiz in project.banks for m in course.modules):
        out.append(Sco("course-test", "test", "Course-end test", endtest.PAGE.replace(".md", ".html"), course.mastery))
    return out


def _up(href: str) -> str:
    return "../" * href.count("/")


def sco_page(page_html: str, site: Path, sco: Sco, site_url: str) -> str:
    """The built page as a SCO: no site chrome, outside links in a new tab, the adapter added."""
    html = filter_html(page_html, site_chrome)
    html = links_open_outside(html, site, site / sco.href, site_url)
    up = _up(sco.href)
    html = insert_before(html, "</head>", f'<link rel="stylesheet" href="{up}{STYLE}">\n')
    mastery = "" if sco.mastery is None else f' data-pw-mastery="{sco.mastery}"'
    adapter = f'<script src="{up}{ADAPTER}" data-pw-kind="{sco.kind}"{mastery}></script>\n'
    return insert_before(html, "</body>", adapter)


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    if text is not None:
        element.text = text
    return element


def manifest_xml(course: Course, items: list[Sco], shared: list[str]) -> ET.Element:
    """The SCORM 1.2 manifest: one organisation, one item and SCO per page, one shared asset resource."""
    ET.register_namespace("", CP)
    ET.register_namespace("adlcp", ADLCP)
    ET.register_namespace("xsi", XSI)
    root = ET.Element(
        f"{{{CP}}}manifest",
        {"identifier": f"pw-{course.id}-scorm12", "version": "1", f"{{{XSI}}}schemaLocation": SCHEMAS},
    )
    metadata = _sub(root, f"{{{CP}}}metadata")
    _sub(metadata, f"{{{CP}}}schema", "ADL SCORM")
    _sub(metadata, f"{{{CP}}}schemaversion", "1.2")
    organizations = _sub(root, f"{{{CP}}}organizations", default="course")
    organization = _sub(organizations, f"{{{CP}}}organization", identifier="course")
    _sub(organization, f"{{{CP}}}title", course.meta["title"])
    for sco in items:
        item = _sub(organization, f"{{{CP}}}item", identifier=f"item-{sco.ident}", identifierref=f"sco-{sco.ident}")
        item.set("isvisible", "true")
        _sub(item, f"{{{CP}}}title", sco.title)
        if sco.mastery is not None:
            _sub(item, f"{{{ADLCP}}}masteryscore", str(sco.mastery))
    resources = _sub(root, f"{{{CP}}}resources")
    for sco in items:
        resource = _sub(resources, f"{{{CP}}}resource", identifier=f"sco-{sco.ident}", type="webcontent", href=sco.href)
        resource.set(f"{{{ADLCP}}}scormtype", "sco")
        _sub(resource, f"{{{CP}}}file", href=sco.href)
        _sub(resource, f"{{{CP}}}dependency", identifierref=SHARED)
    asset = _sub(resources, f"{{{CP}}}resource", identifier=SHARED, type="webcontent")
    asset.set(f"{{{ADLCP}}}scormtype", "asset")
    for href in shared:
        _sub(asset, f"{{{CP}}}file", href=href)
    return root


def to_bytes(root: ET.Element) -> bytes:
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def files(site: Path, course: Course, project: Project, site_url: str) -> dict[str, bytes]:
    """Every file of the package by its path inside the zip, manifest first."""
    items = scos(course, project)
    pages = {s.href: sco_page((site / s.href).read_text(encoding="utf-8"), site, s, site_url) for s in items}
    shared = [f for f in needed_files(site, pages) if f not in pages]
    out = {"imsmanifest.xml": to_bytes(manifest_xml(course, items, shared))}
    out.update({href: text.encode("utf-8") for href, text in pages.items()})
    out.update({href: (site / href).read_bytes() for href in shared})
    return out


def write(path: Path, site: Path, course: Course, project: Project, site_url: str) -> Path:
    """The course's SCORM 1.2 package at ``path``, made from the built course ``site``."""
    return write_zip(path, files(site, course, project, site_url))

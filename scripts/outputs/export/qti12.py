"""A course's quizzes as IMS QTI 1.2, in the form Canvas and Blackboard import.

One assessment (an LMS quiz) per module, written the way Canvas's own quiz
export writes it, because Canvas's importer reads that form most reliably:

- ``qtimetadata`` on every item gives ``question_type`` and ``points_possible``;
- text is HTML in ``mattext texttype="text/html"`` (escaped, as QTI 1.2 wants);
- choices are a ``response_lid``; fill-ins a ``response_str`` whose scoring
  condition lists every accepted answer, case-insensitively;
- response conditions come in the order Canvas reads them: general feedback,
  then each option's feedback (``continue="Yes"``), then scoring last, so a
  feedback-only condition can never reset the right answer's weight and the
  chosen option's feedback is shown before processing stops;
- multiple-answer items score each option with the project's one marking rule
  (``items.multiple_shares``), in hundredths that add up to exactly 100;
- feedback blocks are ``itemfeedback`` linked by ``displayfeedback``.

Beside the module quizzes (the self-check: the items each module page shows)
the package holds a **course-end test**: one section per learning outcome,
holding every item written for it, with ``selection_ordering`` asking for
``DRAW`` of them at random. Canvas imports each such section as a question
group ("pick N"), so every learner meets a different draw from the pool.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from fractions import Fraction
from pathlib import Path

from scripts.content.pools import DRAW
from scripts.outputs.export.items import BLANK, Item, Module, multiple_shares
from scripts.outputs.export.zips import write_zip

NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
CP = "http://www.imsglobal.org/xsd/imscp_v1p1"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
QTI_XSD = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2p1.xsd"
CP_XSD = "http://www.imsglobal.org/xsd/imscp_v1p1.xsd"
TYPES = {
    "single": "multiple_choice_question",
    "multiple": "multiple_answers_question",
    "fill-in": "short_answer_question",
}
BOX = "_____"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    if text is not None:
        element.text = text
    return element


def _material(parent: ET.Element, html: str) -> ET.Element:
    material = _sub(parent, "material")
    _sub(material, "mattext", html, texttype="text/html")
    return material


def _metadata(item_el: ET.Element, item: Item) -> None:
    fields = _sub(_sub(item_el, "itemmetadata"), "qtimetadata")
    answer_ids = ",".join(o.ident for o in item.options)
    for label, entry in (
        ("question_type", TYPES[item.kind]),
        ("points_possible", "1"),
        ("original_answer_ids", answer_ids),
        ("assessment_question_identifierref", f"{item.ident}-ref"),
    ):
        field = _sub(fields, "qtimetadatafield")
        _sub(field, "fieldlabel", label)
        _sub(field, "fieldentry", entry)


def _presentation(item_el: ET.Element, item: Item) -> None:
    presentation = _sub(item_el, "presentation")
    _material(presentation, item.stem.replace(BLANK, BOX))
    if item.kind == "fill-in":
        response = _sub(presentation, "response_str", ident="response1", rcardinality="Single")
        _sub(_sub(response, "render_fib"), "response_label", ident="answer1", rshuffle="No")
        return
    cardinality = "Single" if item.kind == "single" else "Multiple"
    response = _sub(presentation, "response_lid", ident="response1", rcardinality=cardinality)
    choices = _sub(response, "render_choice", shuffle="No")
    for option in item.options:
        _material(_sub(choices, "response_label", ident=option.ident), option.html)


def _condition(parent: ET.Element, go_on: bool) -> tuple[ET.Element, ET.Element]:
    condition = ET.SubElement(parent, "respcondition", {"continue": "Yes" if go_on else "No"})
    return condition, _sub(condition, "conditionvar")


def _show(condition: ET.Element, ident: str) -> None:
    _sub(condition, "displayfeedback", feedbacktype="Response", linkrefid=ident)


def hundredths(shares: dict[str, Fraction]) -> dict[str, str]:
    """Shares of 100 marks as decimals whose right options add up to exactly 100.

    Rounded thirds would add up to 99.99, so the last right option takes what
    rounding left over.
    """
    right = [k for k, v in shares.items() if v > 0]
    out = {k: f"{float(v * 100):.2f}" for k, v in shares.items()}
    out[right[-1]] = f"{100 - sum(float(out[k]) for k in right[:-1]):.2f}"
    return out


def _processing(item_el: ET.Element, item: Item) -> None:
    processing = _sub(item_el, "resprocessing")
    _sub(_sub(processing, "outcomes"), "decvar", maxvalue="100", minvalue="0", varname="SCORE", vartype="Decimal")
    if item.general:
        condition, test = _condition(processing, go_on=True)
        _sub(test, "other")
        _show(condition, "general_fb")
    if item.kind == "fill-in":
        condition, test = _condition(processing, go_on=False)
        for answer in item.answers:
            _sub(test, "varequal", answer, respident="response1", case="No")
        _sub(condition, "setvar", "100", action="Set", varname="SCORE")
        _show(condition, "correct_fb")
        condition, test = _condition(processing, go_on=True)
        _sub(test, "other")
        _show(condition, "general_incorrect_fb")
        return
    for option in item.options:
        condition, test = _condition(processing, go_on=True)
        _sub(test, "varequal", option.ident, respident="response1")
        _show(condition, f"{option.ident}_fb")
    if item.kind == "single":
        condition, test = _condition(processing, go_on=False)
        _sub(test, "varequal", item.correct[0], respident="response1")
        _sub(condition, "setvar", "100", action="Set", varname="SCORE")
        return
    marks = hundredths(multiple_shares(item.options))
    for option in item.options:
        condition, test = _condition(processing, go_on=True)
        _sub(test, "varequal", option.ident, respident="response1")
        _sub(condition, "setvar", marks[option.ident], action="Add", varname="SCORE")


def _feedback(item_el: ET.Element, ident: str, html: str) -> None:
    _material(_sub(_sub(item_el, "itemfeedback", ident=ident), "flow_mat"), html)


def item_xml(item: Item) -> ET.Element:
    """One question as a QTI 1.2 ``item``."""
    item_el = ET.Element("item", ident=item.ident, title=item.title)
    _metadata(item_el, item)
    _presentation(item_el, item)
    _processing(item_el, item)
    if item.general:
        _feedback(item_el, "general_fb", item.general)
    if item.kind == "fill-in":
        _feedback(item_el, "correct_fb", item.feedback)
        _feedback(item_el, "general_incorrect_fb", item.wrong_hint)
    for option in item.options:
        _feedback(item_el, f"{option.ident}_fb", option.feedback)
    return item_el


def assessment_xml(module: Module) -> ET.Element:
    """A module's quiz as one assessment: one quiz in Canvas or Blackboard."""
    root = ET.Element("questestinterop", {"xmlns": NS, "xmlns:xsi": XSI, "xsi:schemaLocation": f"{NS} {QTI_XSD}"})
    assessment = _sub(root, "assessment", ident=f"{module.ident}-quiz", title=module.title)
    field = _sub(_sub(assessment, "qtimetadata"), "qtimetadatafield")
    _sub(field, "fieldlabel", "cc_maxattempts")
    _sub(field, "fieldentry", "unlimited")
    section = _sub(assessment, "section", ident="root_section")
    for item in module.page_items:
        section.append(item_xml(item))
    return root


def end_test_ident(course_id: str) -> str:
    return f"{course_id}-end-test"


def end_test_xml(course_id: str, title: str, modules: list[Module], draw: int = DRAW) -> ET.Element:
    """The course-end test: a section per outcome that draws ``draw`` of its items at random."""
    root = ET.Element("questestinterop", {"xmlns": NS, "xmlns:xsi": XSI, "xsi:schemaLocation": f"{NS} {QTI_XSD}"})
    assessment = _sub(root, "assessment", ident=end_test_ident(course_id), title=f"{title}: course-end test")
    field = _sub(_sub(assessment, "qtimetadata"), "qtimetadatafield")
    _sub(field, "fieldlabel", "cc_maxattempts")
    _sub(field, "fieldentry", "1")
    root_section = _sub(assessment, "section", ident="root_section")
    for module in modules:
        for n, (oid, text, items) in enumerate(module.pools(), start=1):
            section = _sub(root_section, "section", ident=f"{module.ident}-{oid}", title=f"{module.title}: outcome {n}")
            field = _sub(_sub(section, "qtimetadata"), "qtimetadatafield")
            _sub(field, "fieldlabel", "outcome")
            _sub(field, "fieldentry", text)
            selection = _sub(_sub(section, "selection_ordering"), "selection")
            _sub(selection, "selection_number", str(min(draw, len(items))))
            for item in items:
                section.append(item_xml(item))
    return root


def manifest_xml(course_id: str, title: str, modules: list[Module]) -> ET.Element:
    """The package manifest: one ``imsqti_xmlv1p2`` resource per module quiz."""
    root = ET.Element(
        "manifest",
        {
            "identifier": f"{course_id}-qti12-manifest",
            "xmlns": CP,
            "xmlns:xsi": XSI,
            "xsi:schemaLocation": f"{CP} {CP_XSD}",
        },
    )
    metadata = _sub(root, "metadata")
    _sub(metadata, "schema", "IMS Content")
    _sub(metadata, "schemaversion", "1.1.3")
    _sub(root, "organizations")
    resources = _sub(root, "resources")
    for ident in [m.ident for m in modules] + [end_test_ident(course_id)]:
        href = f"{ident}/{ident}.xml"
        resource = _sub(resources, "resource", identifier=f"{ident}-quiz", type="imsqti_xmlv1p2", href=href)
        _sub(resource, "file", href=href)
    return root


def to_bytes(root: ET.Element) -> bytes:
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def files(course_id: str, title: str, modules: list[Module]) -> dict[str, bytes]:
    """Every file of the package, by its path inside the zip."""
    out = {"imsmanifest.xml": to_bytes(manifest_xml(course_id, title, modules))}
    for module in modules:
        out[f"{module.ident}/{module.ident}.xml"] = to_bytes(assessment_xml(module))
    end = end_test_ident(course_id)
    out[f"{end}/{end}.xml"] = to_bytes(end_test_xml(course_id, title, modules))
    return out


def write(path: Path, course_id: str, title: str, modules: list[Module]) -> Path:
    """Write the package zip (fixed order and dates, so builds are repeatable)."""
    return write_zip(path, files(course_id, title, modules))

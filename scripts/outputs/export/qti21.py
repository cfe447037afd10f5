"""A course's quizzes as an IMS QTI 2.1 content package.

Written for QTI 2.1 players and for platforms that convert QTI 2.1 to QTI 3
(Blackboard, TAO, Citolab and others):

- item bodies and feedback are XHTML elements in the QTI namespace, never
  escaped or CDATA text, so players show formatted text, not tags;
- choices score 1 for the right answer; multiple-answer items use the
  project's one marking rule (``items.multiple_shares``) as a bounded mapping;
- fill-ins are a ``textEntryInteraction`` inside their sentence, every accepted
  answer mapped case-insensitively;
- feedback is ``modalFeedback`` keyed on a FEEDBACK outcome that response
  processing sets to the options chosen (or CORRECT or INCORRECT for a
  fill-in), and a GENERAL outcome for the explanation. FEEDBACK is a plain
  copy of the response: players differ in how they merge containers with
  ``multiple``, so the rules avoid it;
- one assessment test, one section per module, whose outcome processing sums
  the item scores;
- the manifest follows the QTI 2.1 packaging profile (``QTIv2.1 Package``,
  ``1.0.0``) and lists each item as a dependency of the test;
- that test is the self-check (the items each module page shows); a second
  test, the course-end test, has a hidden section per learning outcome that
  ``selection`` draws ``DRAW`` items from at random, in simultaneous
  submission mode (feedback after the learner submits).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from scripts.content.pools import DRAW
from scripts.outputs.export.items import BLANK, Item, Module, multiple_shares
from scripts.outputs.export.xhtml import append_html
from scripts.outputs.export.zips import write_zip

NS = "http://www.imsglobal.org/xsd/imsqti_v2p1"
CP = "http://www.imsglobal.org/xsd/imscp_v1p1"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
QTI_XSD = "http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1p2.xsd"
CP_XSD = "http://www.imsglobal.org/xsd/qti/qtiv2p1/qtiv2p1_imscpv1p2_v1p0.xsd"

ET.register_namespace("xsi", XSI)


def q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, q(tag), attrs)
    if text is not None:
        element.text = text
    return element


def _value(parent: ET.Element, tag: str, value: str, base_type: str | None = None) -> ET.Element:
    attrs = {"baseType": base_type} if base_type else {}
    return _sub(parent, tag, value, **attrs)


def _number(value: float) -> str:
    return f"{value:.6f}".rstrip("0").rstrip(".") or "0"


def _set(parent: ET.Element, identifier: str) -> ET.Element:
    return _sub(parent, "setOutcomeValue", identifier=identifier)


def _declarations(root: ET.Element, item: Item) -> None:
    if item.kind == "fill-in":
        response = _sub(root, "responseDeclaration", identifier="RESPONSE", cardinality="single", baseType="string")
        _value(_sub(response, "correctResponse"), "value", item.answers[0])
        mapping = _sub(response, "mapping", defaultValue="0", lowerBound="0", upperBound="1")
        for answer in item.answers:
            _sub(mapping, "mapEntry", mapKey=answer, mappedValue="1", caseSensitive="false")
    else:
        cardinality = "single" if item.kind == "single" else "multiple"
        response = _sub(
            root, "responseDeclaration", identifier="RESPONSE", cardinality=cardinality, baseType="identifier"
        )
        correct = _sub(response, "correctResponse")
        for ident in item.correct:
            _value(correct, "value", ident)
        if item.kind == "multiple":
            mapping = _sub(response, "mapping", defaultValue="0", lowerBound="0", upperBound="1")
            for ident, share in multiple_shares(item.options).items():
                _sub(mapping, "mapEntry", mapKey=ident, mappedValue=_number(float(share)))
    for name in ("SCORE", "MAXSCORE"):
        outcome = _sub(root, "outcomeDeclaration", identifier=name, cardinality="single", baseType="float")
        _value(_sub(outcome, "defaultValue"), "value", "1" if name == "MAXSCORE" else "0")
    cardinality = "multiple" if item.kind == "multiple" else "single"
    _sub(root, "outcomeDeclaration", identifier="FEEDBACK", cardinality=cardinality, baseType="identifier")
    _sub(root, "outcomeDeclaration", identifier="GENERAL", cardinality="single", baseType="identifier")


def _body(root: ET.Element, item: Item) -> None:
    body = _sub(root, "itemBody")
    if item.kind == "fill-in":
        longest = max(len(a) for a in item.answers)

        def box() -> ET.Element:
            return ET.Element(q("textEntryInteraction"), responseIdentifier="RESPONSE", expectedLength=str(longest + 4))

        append_html(body, item.stem, NS, BLANK, box)
        return
    append_html(body, item.stem, NS)
    interaction = _sub(
        body,
        "choiceInteraction",
        responseIdentifier="RESPONSE",
        shuffle="false",
        maxChoices="1" if item.kind == "single" else "0",
    )
    for option in item.options:
        append_html(_sub(interaction, "simpleChoice", identifier=option.ident), option.html, NS)


def _feedback(parent: ET.Element, ident: str | None) -> None:
    """Set FEEDBACK to ``ident``, or to the response itself when ``ident`` is None."""
    rule = _set(parent, "FEEDBACK")
    if ident is None:
        _sub(rule, "variable", identifier="RESPONSE")
    else:
        _value(rule, "baseValue", ident, "identifier")


def _processing(root: ET.Element, item: Item) -> None:
    processing = _sub(root, "responseProcessing")
    answered = _sub(_sub(processing, "responseCondition"), "responseIf")
    _sub(_sub(answered, "not"), "isNull").append(ET.Element(q("variable"), identifier="RESPONSE"))
    if item.kind == "single":
        condition = _sub(answered, "responseCondition")
        right = _sub(condition, "responseIf")
        match = _sub(right, "match")
        _sub(match, "variable", identifier="RESPONSE")
        _sub(match, "correct", identifier="RESPONSE")
        _value(_set(right, "SCORE"), "baseValue", "1", "float")
        _value(_set(_sub(condition, "responseElse"), "SCORE"), "baseValue", "0", "float")
    else:
        _sub(_set(answered, "SCORE"), "mapResponse", identifier="RESPONSE")
    if item.kind == "fill-in":
        condition = _sub(answered, "responseCondition")
        right = _sub(condition, "responseIf")
        gte = _sub(right, "gte")
        _sub(gte, "variable", identifier="SCORE")
        _value(gte, "baseValue", "1", "float")
        _feedback(right, "CORRECT")
        _feedback(_sub(condition, "responseElse"), "INCORRECT")
    else:
        _feedback(answered, None)
    if item.general:
        _value(_set(answered, "GENERAL"), "baseValue", "GENERAL", "identifier")


def _modal(root: ET.Element, ident: str, html: str, outcome: str = "FEEDBACK") -> None:
    feedback = _sub(root, "modalFeedback", outcomeIdentifier=outcome, identifier=ident, showHide="show")
    append_html(feedback, html, NS)


def item_xml(item: Item) -> ET.Element:
    """One item as a QTI 2.1 ``assessmentItem``."""
    root = ET.Element(
        q("assessmentItem"),
        {
            f"{{{XSI}}}schemaLocation": f"{NS} {QTI_XSD}",
            "identifier": item.ident,
            "title": item.title,
            "adaptive": "false",
            "timeDependent": "false",
            XML_LANG: "en-GB",
        },
    )
    _declarations(root, item)
    _body(root, item)
    _processing(root, item)
    if item.kind == "fill-in":
        _modal(root, "CORRECT", item.feedback)
        _modal(root, "INCORRECT", item.wrong_hint)
    for option in item.options:
        _modal(root, option.ident, option.feedback)
    if item.general:
        _modal(root, "GENERAL", item.general, outcome="GENERAL")
    return root


def _test(identifier: str, title: str, part_id: str, submission: str) -> tuple[ET.Element, ET.Element]:
    """An assessment test whose SCORE and MAXSCORE are the sums of its items', and its one test part."""
    root = ET.Element(
        q("assessmentTest"),
        {f"{{{XSI}}}schemaLocation": f"{NS} {QTI_XSD}", "identifier": identifier, "title": title},
    )
    for name in ("SCORE", "MAXSCORE"):
        outcome = _sub(root, "outcomeDeclaration", identifier=name, cardinality="single", baseType="float")
        _value(_sub(outcome, "defaultValue"), "value", "0")
    part = _sub(root, "testPart", identifier=part_id, navigationMode="nonlinear", submissionMode=submission)
    return root, part


def _sum_scores(root: ET.Element) -> None:
    processing = _sub(root, "outcomeProcessing")
    for name in ("SCORE", "MAXSCORE"):
        _sub(_sub(_set(processing, name), "sum"), "testVariables", variableIdentifier=name)


def test_xml(course_id: str, title: str, modules: list[Module]) -> ET.Element:
    """The course's quizzes as one test: a section per module, scores summed."""
    root, part = _test(f"{course_id}-test", title, f"{course_id}-part", "individual")
    _sub(part, "itemSessionControl", maxAttempts="0", showFeedback="true", allowReview="true", showSolution="false")
    for module in modules:
        section = _sub(part, "assessmentSection", identifier=module.ident, title=module.title, visible="true")
        for item in module.page_items:
            _sub(section, "assessmentItemRef", identifier=item.ident, href=f"../items/{item.ident}.xml")
    _sum_scores(root)
    return root


def end_test_xml(course_id: str, title: str, modules: list[Module], draw: int = DRAW) -> ET.Element:
    """The course-end test: answers go in together, then feedback; each outcome's section selects ``draw`` items."""
    root, part = _test(f"{course_id}-end-test", f"{title}: course-end test", f"{course_id}-end-part", "simultaneous")
    _sub(part, "itemSessionControl", maxAttempts="1", showFeedback="true", allowReview="true", showSolution="true")
    for module in modules:
        outer = _sub(part, "assessmentSection", identifier=f"{module.ident}-end", title=module.title, visible="true")
        for n, (oid, text, items) in enumerate(module.pools(), start=1):
            section = _sub(
                outer,
                "assessmentSection",
                identifier=f"{module.ident}-{oid}",
                title=f"Outcome {n}: {text}",
                visible="false",
            )
            _sub(section, "selection", select=str(min(draw, len(items))))
            _sub(section, "ordering", shuffle="false")
            for item in items:
                _sub(section, "assessmentItemRef", identifier=item.ident, href=f"../items/{item.ident}.xml")
    _sum_scores(root)
    return root


def manifest_xml(course_id: str, title: str, modules: list[Module]) -> ET.Element:
    """The package manifest, per the QTI 2.1 content packaging profile."""
    c = lambda tag: f"{{{CP}}}{tag}"  # noqa: E731 - a one-line namespace helper
    root = ET.Element(
        c("manifest"),
        {"identifier": f"{course_id}-qti21-manifest", f"{{{XSI}}}schemaLocation": f"{CP} {CP_XSD}"},
    )
    metadata = ET.SubElement(root, c("metadata"))
    ET.SubElement(metadata, c("schema")).text = "QTIv2.1 Package"
    ET.SubElement(metadata, c("schemaversion")).text = "1.0.0"
    ET.SubElement(root, c("organizations"))
    resources = ET.SubElement(root, c("resources"))
    # the self-check (the items each module page shows), then the course-end test (every item)
    for name, chosen in (("test", lambda m: m.page_items), ("end-test", lambda m: m.items)):
        href = f"tests/{course_id}-{name}.xml"
        test = ET.SubElement(
            resources, c("resource"), identifier=f"{course_id}-{name}-res", type="imsqti_test_xmlv2p1", href=href
        )
        ET.SubElement(test, c("file"), href=href)
        for module in modules:
            for item in chosen(module):
                ET.SubElement(test, c("dependency"), identifierref=f"{item.ident}-res")
    for module in modules:
        for item in module.items:
            href = f"items/{item.ident}.xml"
            resource = ET.SubElement(
                resources, c("resource"), identifier=f"{item.ident}-res", type="imsqti_item_xmlv2p1", href=href
            )
            ET.SubElement(resource, c("file"), href=href)
    return root


def to_bytes(root: ET.Element, default_namespace: str) -> bytes:
    """Serialise with the format's namespace as the default (no ``ns0:`` prefixes).

    ElementTree's ``default_namespace`` option refuses unprefixed attributes,
    so the default prefix is registered for this namespace just before writing.
    """
    ET.indent(root)
    ET.register_namespace("", default_namespace)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def files(course_id: str, title: str, modules: list[Module]) -> dict[str, bytes]:
    """Every file of the package, by its path inside the zip."""
    out = {"imsmanifest.xml": to_bytes(manifest_xml(course_id, title, modules), CP)}
    out[f"tests/{course_id}-test.xml"] = to_bytes(test_xml(course_id, title, modules), NS)
    out[f"tests/{course_id}-end-test.xml"] = to_bytes(end_test_xml(course_id, title, modules), NS)
    for module in modules:
        for item in module.items:
            out[f"items/{item.ident}.xml"] = to_bytes(item_xml(item), NS)
    return out


def write(path: Path, course_id: str, title: str, modules: list[Module]) -> Path:
    """Write the package zip (fixed order and dates, so builds are repeatable)."""
    return write_zip(path, files(course_id, title, modules))

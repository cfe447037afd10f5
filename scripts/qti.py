"""Quiz banks as LMS imports (QTI 1.2 and 2.1) and as a trainer's answer key.

Reuses mkdocs-quiz's QTI models and exporters, and adds what they lack for
this project: identifiers taken from the bank (the same input always gives the
same ids), text as HTML rather than raw Markdown, and feedback for every option.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from typing import Any
from xml.sax.saxutils import escape

import markdown
import mkdocs_quiz.qti.qti12 as upstream12
import mkdocs_quiz.qti.qti21 as upstream21
from mkdocs_quiz.qti.models import Answer, Blank, Quiz, QuizCollection
from mkdocs_quiz.qti.qti12 import QTI12Exporter
from mkdocs_quiz.qti.qti21 import QTI21Exporter
from mkdocs_quiz.qti.utils import strip_html_tags, to_html_content

from scripts.render import safe

LETTERS = "abcdefghij"


def safe_title(question: str, max_length: int = 50) -> str:
    """An item title safe inside a double-quoted XML attribute.

    mkdocs-quiz 1.7.1's make_title does not escape quotes, so a question with
    a quotation mark produced XML that is not well formed. Its exporters look the
    function up in their own modules, so it is replaced there.
    """
    return escape(html.unescape(strip_html_tags(question))[:max_length], {'"': "&quot;"})


upstream12.make_title = safe_title
upstream21.make_title = safe_title


def to_html(text: str) -> str:
    """Bank Markdown as HTML, with any raw HTML neutralised and links kept as text."""
    html = markdown.markdown(safe(text), extensions=["tables"])
    return re.sub(r"<a [^>]*>(.*?)</a>", r"\1", html, flags=re.S)


def option_id(module: str, question: str, index: int) -> str:
    return f"{module}-{question}-{LETTERS[index]}"


def to_quiz(module: str, question: dict[str, Any]) -> Quiz:
    """One bank question as a mkdocs-quiz QTI model with stable identifiers."""
    qid = f"{module}-{question['id']}"
    explanation = question.get("explanation") or ""
    if question["type"] == "fill-in":
        text = to_html(question["question"].replace("___", "[blank]"))
        content = to_html(question["feedback"] + ("\n\n" + explanation if explanation else ""))
        return Quiz(
            question=text,
            blanks=[Blank(question["answer"], identifier=f"{qid}-blank")],
            content=content,
            identifier=qid,
        )
    answers = [
        Answer(
            to_html(o["text"]),
            bool(o["correct"]),
            identifier=option_id(module, question["id"], i),
            feedback=to_html(o["feedback"]),
        )
        for i, o in enumerate(question["options"])
    ]
    return Quiz(
        question=to_html(question["question"]),
        answers=answers,
        content=to_html(explanation) if explanation else None,
        identifier=qid,
    )


def collection(course_id: str, title: str, banks: list[tuple[str, list[dict[str, Any]]]]) -> QuizCollection:
    """All the course's questions, module by module, in bank order."""
    quizzes = [to_quiz(module, q) for module, questions in banks for q in questions]
    return QuizCollection(title=title, quizzes=quizzes, identifier=f"{course_id}-quizzes")


class FeedbackQTI12(QTI12Exporter):
    """QTI 1.2 with a feedback block for every option, shown when it is chosen."""

    def _build_feedback(self, quiz: Quiz) -> str:
        blocks = super()._build_feedback(quiz)
        for a in quiz.answers:
            if a.feedback:
                blocks += (
                    f'<itemfeedback ident="{a.identifier}-fb">\n  <material>\n'
                    f'    <mattext texttype="text/html">{to_html_content(a.feedback)}</mattext>\n'
                    "  </material>\n</itemfeedback>\n"
                )
        return blocks

    def generate_items(self) -> dict[str, str]:
        items = super().generate_items()
        by_id = {q.identifier: q for q in self.collection.quizzes}
        for name, xml in items.items():
            quiz = next((q for qid, q in by_id.items() if f'ident="{qid}"' in xml), None)
            if quiz is None or not quiz.answers:
                continue
            conditions = "".join(
                f'      <respcondition continue="Yes">\n        <conditionvar>\n'
                f'          <varequal respident="response1">{a.identifier}</varequal>\n        </conditionvar>\n'
                f'        <displayfeedback feedbacktype="Response" linkrefid="{a.identifier}-fb"/>\n      </respcondition>\n'
                for a in quiz.answers
                if a.feedback
            )
            items[name] = xml.replace("    </resprocessing>", conditions + "    </resprocessing>", 1)
        return items


class FeedbackQTI21(QTI21Exporter):
    """QTI 2.1 with inline feedback in every choice, shown when it is chosen."""

    def _build_choices(self, quiz: Quiz) -> str:
        return "\n".join(
            f'<simpleChoice identifier="{a.identifier}">{to_html_content(a.text)}'
            + (
                f'<feedbackInline outcomeIdentifier="FEEDBACK" identifier="{a.identifier}" showHide="show">'
                f"{to_html_content(a.feedback)}</feedbackInline>"
                if a.feedback
                else ""
            )
            + "</simpleChoice>"
            for a in quiz.answers
        )

    def _build_feedback(self, quiz: Quiz) -> tuple[str, str]:
        cardinality = "multiple" if quiz.is_multiple_choice else "single"
        declaration = f'<outcomeDeclaration identifier="FEEDBACK" cardinality="{cardinality}" baseType="identifier"/>\n'
        modal = ""
        if quiz.content:
            # showHide="hide" with an identifier never set: always shown after a response
            modal = (
                '<modalFeedback outcomeIdentifier="FEEDBACK" showHide="hide" identifier="general-never-set">\n'
                f"  <div>{to_html_content(quiz.content)}</div>\n</modalFeedback>\n"
            )
        return declaration, modal

    def generate_items(self) -> dict[str, str]:
        items = super().generate_items()
        rule = '    <setOutcomeValue identifier="FEEDBACK">\n      <variable identifier="RESPONSE"/>\n    </setOutcomeValue>\n'
        for name, xml in items.items():
            if "<feedbackInline" in xml:
                items[name] = xml.replace("  </responseProcessing>", rule + "  </responseProcessing>", 1)
        return items


def well_formed(xml: str) -> bool:
    try:
        ET.fromstring(xml.encode("utf-8"))
    except ET.ParseError:
        return False
    return True


def answer_key(title: str, banks: list[tuple[str, list[dict[str, Any]]]]) -> str:
    """A Markdown answer key: every question, its correct options and all feedback."""
    lines = [
        f"# Quiz answer key: {title}",
        "",
        "For trainers. Every question in the course, with the correct answers marked and the feedback learners see.",
        "",
    ]
    for module_title, questions in banks:
        lines += [f"## {module_title}", ""]
        for n, q in enumerate(questions, start=1):
            lines += [f"### Question {n} ({q['type']}, outcome: {q['outcome']})", "", safe(q["question"]), ""]
            if q["type"] == "fill-in":
                lines += [f"**Answer:** {safe(q['answer'])}", "", f"Feedback: {safe(q['feedback'])}", ""]
            else:
                for i, o in enumerate(q["options"]):
                    mark = "**Correct**" if o["correct"] else "Incorrect"
                    lines += [f"- {LETTERS[i].upper()}. {safe(o['text'])} — {mark}. {safe(o['feedback'])}"]
                lines += [""]
            if q.get("explanation"):
                lines += [f"Explanation: {safe(q['explanation'])}", ""]
    return "\n".join(lines)

"""Course manifests: which modules and cases a course uses, and its timetable.

A course is ``courses/<id>.yml``. Validation reuses the same line-tracking YAML
loader and message style as modules and quiz banks, so a trainer gets one line
per mistake naming file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scripts.content.modules import ALL_PROFESSIONS
from scripts.content.project import Project
from scripts.core.spec import Spec, _typed, check_mapping, check_slug, describe, read
from scripts.core.yamlsrc import Located, Problem, load

TIME = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")
SESSION_KINDS = ("title", "module", "case", "break")

COURSE_SPEC: Spec = {
    "id": ((str,), True, "the course id, the same as the file name"),
    "title": ((str,), True, "text"),
    "audience": ((list,), True, "a list of profession labels, or [All professions]"),
    "description": ((str,), True, "two or three sentences for the course home page"),
    "modules": ((list,), True, "the module ids, in teaching order"),
    "cases": ((list,), False, "the case study ids, in teaching order"),
    "timetable": ((dict,), False, "start, end and sessions"),
    "mastery": ((int,), False, "the pass mark for SCORM quiz scores, a whole percentage such as 80"),
}
DEFAULT_MASTERY = 80
TIMETABLE_SPEC: Spec = {
    "start": ((str,), True, "a time in quotes, such as '09:30'"),
    "end": ((str,), True, "a time in quotes, such as '13:00'"),
    "sessions": ((list,), True, "a list of sessions, each with minutes"),
}
SESSION_SPEC: Spec = {
    "title": ((str,), False, "what happens in this session"),
    "module": ((str,), False, "a module id from this course"),
    "case": ((str,), False, "a case study id from this course"),
    "break": ((str,), False, "the name of the break, such as Lunch"),
    "minutes": ((int,), True, "a whole number of minutes"),
    "shortened": ((str,), False, "what you will cut when a slot is shorter than the module or case"),
}


@dataclass
class Course:
    """A validated course manifest."""

    path: str
    doc: Located
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return str(self.meta["id"])

    def _ids(self, key: str) -> list[str]:
        """The manifest's list of ids under ``key``, ignoring what is not an id (the check reports it)."""
        value = self.meta.get(key)
        return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []

    @property
    def modules(self) -> list[str]:
        return self._ids("modules")

    @property
    def cases(self) -> list[str]:
        return self._ids("cases")

    @property
    def mastery(self) -> int:
        """The pass mark (per cent) an LMS compares a module's quiz score with."""
        value = self.meta.get("mastery", DEFAULT_MASTERY)
        return value if isinstance(value, int) and not isinstance(value, bool) else DEFAULT_MASTERY

    def sequence(self) -> list[tuple[str, str]]:
        """Modules and cases as ("module" | "case", id) in teaching order.

        The timetable's order when there is one (a day course mixes cases in
        between modules), then anything it leaves out; otherwise every module,
        then every case.
        """
        listed = [("module", m) for m in self.modules] + [("case", c) for c in self.cases]
        timetable = self.meta.get("timetable")
        sessions = timetable.get("sessions") if isinstance(timetable, dict) else None
        timed = [
            (k, s[k])
            for s in (sessions if isinstance(sessions, list) else [])
            if isinstance(s, dict)
            for k in ("module", "case")
            if isinstance(s.get(k), str)
        ]
        first = [entry for entry in dict.fromkeys(timed) if entry in listed]
        return first + [entry for entry in listed if entry not in first]


def minutes_of(clock: str) -> int:
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


def clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def load_course(root: Path, path: Path, project: Project) -> tuple[Course | None, list[Problem]]:
    """Read and check one manifest against the project's modules and cases."""
    rel = path.relative_to(root).as_posix()
    text, problems = read(path, rel)
    if text is None:
        return None, problems
    doc, more = load(text, rel)
    problems += more
    if doc is None:
        return None, problems
    problems += check_mapping(doc, (), COURSE_SPEC, "course manifest")
    if not isinstance(doc.data, dict):
        return None, problems
    course = Course(rel, doc, doc.data)
    cid = _typed(doc, (), "id", (str,))
    problems += check_slug(doc, ("id",), cid, "course id")
    if cid is not None and cid != path.stem:
        problems.append(
            doc.problem(("id",), f"course id '{cid}' must match the file name '{path.stem}'; rename one of them")
        )
    allowed = [*project.professions, ALL_PROFESSIONS]
    for i, label in enumerate(_typed(doc, (), "audience", (list,)) or []):
        if label not in allowed:
            problems.append(
                doc.problem(
                    ("audience", i), f"audience '{label}' is not a profession label; use one of: {', '.join(allowed)}"
                )
            )
    for key, known, what in (("modules", project.modules, "module"), ("cases", project.cases, "case study")):
        seen: set[str] = set()
        for i, item in enumerate(_typed(doc, (), key, (list,)) or []):
            if not isinstance(item, str):
                problems.append(
                    doc.problem((key, i), f"each entry in '{key}' must be a {what} id, not {describe(item)}")
                )
                continue
            if item in seen:
                problems.append(doc.problem((key, i), f"{what} '{item}' is listed twice; delete one"))
            elif item not in known:
                names = ", ".join(sorted(known)) or "none"
                problems.append(doc.problem((key, i), f"unknown {what} '{item}'; use one of: {names}"))
            seen.add(item)
    if not (_typed(doc, (), "modules", (list,)) or _typed(doc, (), "cases", (list,))) and "modules" in doc.data:
        problems.append(doc.problem(("modules",), "the course is empty; list at least one module"))
    mastery = _typed(doc, (), "mastery", (int,))
    if mastery is not None and not 0 <= mastery <= 100:
        problems.append(
            doc.problem(("mastery",), f"mastery {mastery} is not a percentage; give a whole number from 0 to 100")
        )
    if isinstance(doc.data.get("timetable"), dict):
        problems += _check_timetable(doc, course, project)
    return course, problems


def _check_timetable(doc: Located, course: Course, project: Project) -> list[Problem]:
    where = ("timetable",)
    problems = check_mapping(doc, where, TIMETABLE_SPEC, "timetable")
    times = {}
    for key in ("start", "end"):
        value = doc.data["timetable"].get(key)
        if isinstance(value, int) and not isinstance(value, bool):
            problems.append(doc.problem(where + (key,), f"put the {key} time in quotes, e.g. {key}: '09:30'"))
        elif isinstance(value, str):
            if TIME.match(value):
                times[key] = minutes_of(value)
            else:
                problems.append(doc.problem(where + (key,), f"'{value}' is not a 24-hour time such as '09:30'"))
    sessions = _typed(doc, where, "sessions", (list,))
    if sessions is None:
        return problems
    if not sessions:
        problems.append(doc.problem(where + ("sessions",), "the timetable has no sessions"))
    total = 0
    for i, session in enumerate(sessions):
        swhere = where + ("sessions", i)
        problems += check_mapping(doc, swhere, SESSION_SPEC, f"session {i + 1}")
        if not isinstance(session, dict):
            continue
        kinds = [k for k in SESSION_KINDS if k in session]
        if len(kinds) != 1:
            problems.append(doc.problem(swhere, f"session {i + 1} needs exactly one of: {', '.join(SESSION_KINDS)}"))
        minutes = _typed(doc, swhere, "minutes", (int,))
        if minutes is not None:
            if minutes <= 0:
                problems.append(
                    doc.problem(swhere + ("minutes",), f"session {i + 1} has {minutes} minutes; give a positive number")
                )
            total += minutes
        for key, listed in (("module", course.modules), ("case", course.cases)):
            item = session.get(key)
            if isinstance(item, str) and item not in listed:
                problems.append(
                    doc.problem(
                        swhere + (key,),
                        f"{key} '{item}' is not in this course's '{key}s' list; add it there or fix the id",
                    )
                )
        problems += _check_slot(doc, swhere, session, project)
    if len(times) == 2:
        span = times["end"] - times["start"]
        if span <= 0:
            problems.append(doc.problem(where + ("end",), "the end time must be after the start time"))
        elif total != span:
            start, end = clock(times["start"]), clock(times["end"])
            problems.append(
                doc.problem(
                    where + ("sessions",),
                    f"the timetable does not add up: sessions total {total} minutes but {start} to {end} is {span} minutes",
                )
            )
    return problems


def slot_shortfall(session: dict[str, Any], project: Project) -> tuple[str, int] | None:
    """(title, minutes it needs) when a timetable slot is shorter than its module or case."""
    minutes = session.get("minutes")
    for key, known in (("module", project.modules), ("case", project.cases)):
        item = known.get(session.get(key)) if isinstance(session.get(key), str) else None
        if item is not None and isinstance(minutes, int) and minutes < item.meta["minutes"]:
            return item.meta["title"], item.meta["minutes"]
    return None


def _unknown_length(session: dict[str, Any], project: Project) -> bool:
    """True when the slot's module or case has no valid time (already reported on that page)."""
    for key, known in (("module", project.modules), ("case", project.cases)):
        item = known.get(session.get(key)) if isinstance(session.get(key), str) else None
        if item is not None and item.meta["minutes"] <= 0:
            return True
    return False


def _check_slot(doc: Located, where: tuple[Any, ...], session: dict[str, Any], project: Project) -> list[Problem]:
    """A slot shorter than its module or case must say what is cut; a full slot must not claim a cut."""
    short = slot_shortfall(session, project)
    if short is not None and "shortened" not in session:
        title, needs = short
        return [
            doc.problem(
                where + ("minutes",),
                f"{session['minutes']} minutes is shorter than '{title}' takes ({needs}); give it {needs} minutes, "
                "or add 'shortened:' saying what you will cut (its facilitator notes have shorter versions)",
            )
        ]
    if short is None and "shortened" in session and not _unknown_length(session, project):
        return [
            doc.problem(where + ("shortened",), "this slot is not shorter than its module or case; delete 'shortened:'")
        ]
    return []


def load_courses(root: Path, project: Project) -> tuple[dict[str, Course], list[Problem]]:
    """Every manifest in ``courses/``, checked."""
    courses: dict[str, Course] = {}
    problems: list[Problem] = []
    for path in sorted((root / "courses").glob("*.y*ml")):
        course, more = load_course(root, path, project)
        problems += more
        if course is not None and not more:
            courses[course.id] = course
    return courses, sorted(set(problems))

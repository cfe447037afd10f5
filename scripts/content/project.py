"""The whole authored project: load every file, then the checks that need two of them.

Site-wide checks that need the built pages' anchors (links between pages) are
added one layer up, in ``scripts/web/checks.py``, which is what check and the
build call.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from scripts.content.banks import Bank, load_bank
from scripts.content.cases import Case, load_case
from scripts.content.glossary import check_abbreviations, load_glossary, load_professions
from scripts.content.modules import Module, load_module
from scripts.content.pages import load_page
from scripts.content.pools import check_fill_in_terms, check_pools, check_site_patterns
from scripts.content.tasks import check_task_outcome
from scripts.core.yamlsrc import Problem


@dataclass
class Project:
    """Everything authored, loaded from one project folder."""

    root: Path
    modules: dict[str, Module] = field(default_factory=dict)
    banks: dict[str, Bank] = field(default_factory=dict)
    cases: dict[str, Case] = field(default_factory=dict)
    glossary: list[tuple[str, str]] = field(default_factory=list)
    professions: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    unreadable_banks: set[str] = field(default_factory=set)

    def cases_for(self, module_id: str) -> list[Case]:
        """The case studies whose debrief draws on a module, by title."""
        found = [c for c in self.cases.values() if module_id in (c.meta.get("modules") or [])]
        return sorted(found, key=lambda c: c.meta["title"])

    def module_at(self, src_uri: str) -> Module | None:
        """The module whose file is ``docs/<src_uri>``, if any."""
        for module in self.modules.values():
            if module.path == f"docs/{src_uri}":
                return module
        return None


def load_content(root: Path) -> Project:
    """Load every module, case, bank and glossary entry under ``root`` and cross-check them.

    Links between pages are checked one layer up (``site/checks.py``), which is
    what check and the build call.
    """
    project = Project(root)
    project.professions, problems = load_professions(root)
    project.glossary, more = load_glossary(root)
    problems += more
    docs = root / "docs"
    for path in sorted(docs.rglob("*.md")):
        if path.parent == docs / "case-studies":
            case, more = load_case(root, path, project.professions)
            problems += more
            if case is not None and isinstance(case.meta.get("id"), str):
                project.cases[case.meta["id"]] = case
        elif path.parent == docs / "modules":
            module, more = load_module(root, path, project.professions)
            problems += more
            if module is not None and isinstance(module.meta.get("id"), str):
                project.modules[module.meta["id"]] = module
        else:
            problems += load_page(root, path)
    for path in sorted((root / "quizzes").glob("*.y*ml")):
        bank, more = load_bank(root, path)
        problems += more
        if bank is not None:
            project.banks[path.stem] = bank
        else:
            project.unreadable_banks.add(path.stem)
    problems += cross_check(project)
    problems += check_abbreviations(root, {term for term, _ in project.glossary})
    project.problems = sorted(set(problems))
    return project


def cross_check(project: Project) -> list[Problem]:
    """Checks that need two files: quiz marker and bank, outcomes and questions, prerequisites."""
    problems = []
    used: set[str] = set()
    for mid, module in project.modules.items():
        for i, item in enumerate(module.meta.get("prerequisites") or []):
            if isinstance(item, str) and (item not in project.modules or item == mid):
                problems.append(
                    module.front.problem(("prerequisites", i), f"prerequisite '{item}' is not another module's id")
                )
        notes = f"docs/trainers/notes/{mid}.md"
        if not (project.root / notes).exists():
            problems.append(Problem(module.path, 1, f"module has no facilitator notes; create {notes}"))
        if module.quiz is None:
            continue
        bank = project.banks.get(module.quiz)
        if module.quiz in project.unreadable_banks:
            continue
        if bank is None:
            problems.append(
                Problem(
                    module.path,
                    module.quiz_line,
                    f"asks for quiz bank '{module.quiz}' but quizzes/{module.quiz}.yml does not exist; create it or fix the id",
                )
            )
            continue
        used.add(module.quiz)
        problems += check_task_outcome(bank, module)
        if bank.module != mid:
            problems.append(
                bank.doc.problem(
                    ("module",),
                    f"bank says module '{bank.module}' but is used by module '{mid}'; write 'module: {mid}'",
                )
            )
        outcomes = {o.get("id"): n for n, o in enumerate(module.meta.get("outcomes") or []) if isinstance(o, dict)}
        assessed = set()
        for i, question in enumerate(bank.questions):
            if not isinstance(question, dict) or not isinstance(question.get("outcome"), str):
                continue
            oid = question["outcome"]
            assessed.add(oid)
            if oid not in outcomes:
                known = ", ".join(str(o) for o in outcomes) or "none"
                problems.append(
                    bank.doc.problem(
                        ("questions", i, "outcome"),
                        f"outcome '{oid}' is not defined in {module.path} (its outcomes: {known})",
                    )
                )
        problems += check_pools(bank.doc, module.meta.get("outcomes") or [], module.front, module.path)
        problems += check_fill_in_terms(bank.doc, module.body)
        for oid, n in outcomes.items():
            if oid not in assessed:
                problems.append(
                    module.front.problem(
                        ("outcomes", n, "id"),
                        f"outcome '{oid}' is not assessed by any question in {bank.path}; add a question with 'outcome: {oid}'",
                    )
                )
    for cid, case in project.cases.items():
        for i, mid in enumerate(case.meta.get("modules") or []):
            if isinstance(mid, str) and mid not in project.modules:
                problems.append(case.front.problem(("modules", i), f"module '{mid}' does not exist; use a module id"))
        guidance = f"docs/trainers/cases/{cid}.md"
        if not (project.root / guidance).exists():
            problems.append(Problem(case.path, 1, f"case has no trainer guidance; create {guidance}"))
    problems += check_site_patterns([(b.doc, b.questions) for b in project.banks.values()])
    for name, bank in project.banks.items():
        if name not in used:
            problems.append(
                Problem(
                    bank.path, 1, f"no module uses this bank; add <!-- quiz: {name} --> to a module or delete the file"
                )
            )
    return problems

"""Run the rules over template trees: :func:`lint`.

The order is fixed: per-file rules (RK0xx-RK5xx) on each file, tree rules
(coverage and parity), then rendering (RK6xx), then suppression comments and
per-file ignores. Rules that were not selected do not run at all, so
``--select RK2`` costs a parse and nothing more, and ``--ignore RK6`` renders
nothing.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..models import Finding
from .errors import LintError
from .noqa import Directive, suppress
from .registry import Hit, Rule, all_rules, iter_rules, match_rules, select_rules
from .sandbox import DEFAULT_TIME_BUDGET
from .tree import SUFFIX, TemplateTree

if TYPE_CHECKING:
    from ..rules import Rules
    from .worker import Worker

__all__ = ["lint"]


def lint(
    paths: str | Path | Sequence[str | Path] | None = None,
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    rules: str | Path | Rules | None = None,
    per_file_ignores: Mapping[str, Iterable[str]] | None = None,
    render_timeout: float = DEFAULT_TIME_BUDGET,
) -> list[Finding]:
    """Lint template trees and return the findings, sorted by path, line and code.

    Args:
        paths: template trees (``<root>/<lang>/<archetype>.txt.j2``), language
            folders or single templates; the built-in templates by default. A
            tree's root gets every rule; a folder or a file gets the file
            rules and parity with its siblings in other languages.
        select: code prefixes (``RK2``, ``RK501``) or rule names to run; all
            rules by default.
        ignore: code prefixes or rule names not to run (the longer prefix wins
            over ``select``, as in flake8).
        rules: a rules file or folder (or loaded :class:`~replykit.rules.Rules`)
            whose archetypes are known besides the built-in ones.
        per_file_ignores: glob pattern (matched against the path as reported)
            -> codes to ignore in matching files.
        render_timeout: seconds each template may take to render all its
            variants and sample contexts.

    Raises:
        LintError: a path does not exist or holds no template, or a code
            pattern matches no rule.
        RulesError: ``rules`` cannot be read.

    Examples:
        >>> lint(select=["RK1"])  # the built-in templates parse
        []
    """
    chosen = select_rules(select, ignore)
    ignores = {
        pattern: frozenset(match_rules(codes, option="per-file-ignores"))
        for pattern, codes in (per_file_ignores or {}).items()
    }
    extra = _archetypes(rules)
    trees = _trees(paths, extra)
    findings: list[Finding] = []
    from .worker import Worker

    with Worker() as worker:
        for tree in trees:
            findings.extend(_lint_tree(tree, chosen, ignores, worker, render_timeout))
    return sorted(findings, key=Finding.sort_key)


def _archetypes(rules: str | Path | Rules | None) -> frozenset[str]:
    if rules is None:
        return frozenset()
    from ..rules import Rules, load_rules

    loaded = rules if isinstance(rules, Rules) else load_rules(rules)
    return frozenset(loaded.archetypes())


def _as_list(paths: str | Path | Sequence[str | Path] | None) -> list[Path]:
    if paths is None:
        return []
    if isinstance(paths, str | Path):
        return [Path(paths)]
    return [Path(p) for p in paths]


def _trees(
    paths: str | Path | Sequence[str | Path] | None, extra: frozenset[str]
) -> list[TemplateTree]:
    given = _as_list(paths)
    if not given:
        from ..templating import find_templates

        return [TemplateTree(find_templates(), whole=True, extra_archetypes=extra)]
    trees: dict[Path, TemplateTree] = {}

    def tree_at(root: Path) -> TemplateTree:
        key = root.resolve()
        if key not in trees:
            trees[key] = TemplateTree(root, extra_archetypes=extra)
        return trees[key]

    for path in given:
        if not path.exists():
            raise LintError(f"no such file or folder: {str(path)!r}")
        if path.is_file():
            if not path.name.endswith(SUFFIX):
                raise LintError(
                    f"{str(path)!r} is not a template: expected <lang>/<archetype>{SUFFIX}"
                )
            tree_at(path.parent.parent).targets.add(path.resolve())
        elif any(p.is_file() for p in path.glob(f"*{SUFFIX}")) and not _has_language_dirs(path):
            # A language folder: its templates, compared with their siblings.
            tree = tree_at(path.parent)
            tree.targets.update(p.resolve() for p in path.glob(f"*{SUFFIX}") if p.is_file())
        else:
            tree = tree_at(path)
            tree.whole = True
            if not tree.files and not tree.stray_files:
                raise LintError(
                    f"no templates under {str(path)!r}: expected <lang>/<archetype>{SUFFIX}"
                )
    return list(trees.values())


def _has_language_dirs(path: Path) -> bool:
    return any(child.is_dir() and any(child.glob(f"*{SUFFIX}")) for child in path.iterdir())


def _finding(entry: Rule, hit: Hit, path: Path) -> Finding:
    return Finding(
        code=entry.code,
        severity=entry.severity,
        message=hit.message,
        name=entry.name,
        section=hit.section,
        path=str(hit.path or path),
        line=hit.line,
        column=hit.column,
    )


def _ignored(path: str, ignores: Mapping[str, frozenset[str]]) -> frozenset[str]:
    found: set[str] = set()
    posix = Path(path).as_posix()
    for pattern, codes in ignores.items():
        if fnmatch.fnmatch(posix, pattern) or fnmatch.fnmatch(Path(path).name, pattern):
            found |= codes
    return frozenset(found)


def _reportable(tree: TemplateTree, path: Path) -> bool:
    if tree.whole:
        return True
    resolved = path.resolve()
    if resolved in tree.targets or path == tree.sections_file:
        return True
    return any(target.parent == resolved for target in tree.targets)


def _lint_tree(
    tree: TemplateTree,
    chosen: frozenset[str],
    ignores: Mapping[str, frozenset[str]],
    worker: Worker,
    render_timeout: float,
) -> list[Finding]:
    from .rules.render import render_file, renderable

    rules = all_rules()
    raw: list[Finding] = []
    fired: dict[str, dict[str, list[str]]] = {}
    targets = tree.target_files()
    file_chosen = {str(f.path): chosen - _ignored(str(f.path), ignores) for f in targets}

    for file in targets:
        codes = file_chosen[str(file.path)]
        hits = fired.setdefault(str(file.path), {})
        for entry in iter_rules("file", codes):
            assert entry.check is not None
            for hit in entry.check(file):  # type: ignore[arg-type]
                raw.append(_finding(entry, hit, file.path))
                hits.setdefault(entry.code, []).append(hit.message)

    for entry in iter_rules("tree", chosen):
        assert entry.check is not None
        for hit in entry.check(tree):  # type: ignore[arg-type]
            where = hit.path or tree.root
            if _reportable(tree, where):
                raw.append(_finding(entry, hit, where))

    if any(code.startswith("RK6") for code in chosen):
        for file in targets:
            codes = file_chosen[str(file.path)]
            if not any(code.startswith("RK6") for code in codes) or not renderable(file):
                continue
            checks = frozenset(
                c for c in codes if rules[c].scope == "runner" and c.startswith("RK6")
            )
            unguarded = frozenset(
                u.path for u in (file.facts.unguarded if file.facts and "RK304" in codes else ())
            )
            for found in render_file(
                file,
                seconds=render_timeout,
                checks=checks,
                worker=worker,
                static=fired.get(str(file.path), {}),
                unguarded=unguarded,
            ):
                if found.code in codes:
                    raw.append(_finding(rules[found.code], found.hit, file.path))

    kept = [f for f in raw if f.code in _allowed(f, file_chosen, chosen, ignores)]
    directives: list[Directive] = [d for file in targets for d in file.directives[0]]
    kept, _silenced = suppress(kept, directives)
    kept.extend(_unused(directives, file_chosen, rules))
    return kept


def _allowed(
    finding: Finding,
    file_chosen: Mapping[str, frozenset[str]],
    chosen: frozenset[str],
    ignores: Mapping[str, frozenset[str]],
) -> frozenset[str]:
    """The codes that may be reported for the finding's path (per-file ignores applied)."""
    path = finding.path or ""
    if path in file_chosen:
        return file_chosen[path]
    return chosen - _ignored(path, ignores)


def _unused(
    directives: Iterable[Directive],
    file_chosen: Mapping[str, frozenset[str]],
    rules: Mapping[str, Rule],
) -> list[Finding]:
    entry = rules["RK005"]
    found: list[Finding] = []
    for directive in directives:
        codes = file_chosen.get(str(directive.path), frozenset())
        if entry.code not in codes:
            continue
        for pattern, matched in directive.patterns.items():
            if pattern in directive.used or not matched & codes:
                continue
            form = "noqa-file" if directive.file_level else "noqa"
            found.append(
                _finding(
                    entry,
                    Hit(
                        f"'{form}: {pattern}' suppresses nothing: delete it",
                        directive.line,
                        directive.column,
                    ),
                    directive.path,
                )
            )
    return found

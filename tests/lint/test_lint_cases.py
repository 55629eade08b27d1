"""Rule tests as data: ``cases/<CODE>/{pass,fail}/<lang>/<archetype>.txt.j2``.

Each rule's folder holds templates that must not trigger it (``pass/``) and
templates that must (``fail/``), in every language the rule concerns, and a
``case.toml``::

    select = ["RK005", "RK513"]   # rules to run (default: the rule itself)
    scope = "tree"                # lint pass/ and fail/ as whole trees (default: file by file)
    rules = "billing.toml"        # a rules file beside case.toml, for custom archetypes
    timeout = 1.5                 # the render time budget, in seconds

    [expect]
    "fa/angry.txt.j2" = ["9:131", "12"]   # line:column, line, or "-" (no position)

Only findings of the case's own code are compared; a ``fail/`` file missing
from ``[expect]`` must have none (it is there as a sibling for parity).
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from replykit.linter import lint
from replykit.linter.registry import all_rules
from replykit.models import Finding

CASES = Path(__file__).parent / "cases"
FOLDERS = sorted(p for p in CASES.iterdir() if p.is_dir())
# Rules whose condition cannot be written as a file in a repository (tested in
# test_lint_runner.py): a file that cannot be read.
PROGRAMMATIC = {"RK001"}


def _case(folder: Path) -> dict[str, Any]:
    return tomllib.loads((folder / "case.toml").read_text(encoding="utf-8"))


def _position(finding: Finding) -> str:
    if finding.line is None:
        return "-"
    return f"{finding.line}:{finding.column}" if finding.column else str(finding.line)


def _run(folder: Path, kind: str) -> dict[str, list[str]]:
    """Findings of the case's code under ``folder/kind``: relative path -> positions."""
    case = _case(folder)
    code = folder.name
    base = folder / kind
    rules = folder / case["rules"] if "rules" in case else None
    options: dict[str, Any] = {
        "select": case.get("select", [code]),
        "rules": rules,
        "render_timeout": case.get("timeout", 5.0),
    }
    if case.get("scope") == "tree":
        findings = lint(base, **options)
    else:
        files = sorted(p for p in base.glob("*/*.txt.j2"))
        assert files, f"no templates under {base}"
        findings = lint(files, **options)
    found: dict[str, list[str]] = {}
    for finding in findings:
        if finding.code != code:
            continue
        assert finding.path is not None
        rel = Path(finding.path).relative_to(base).as_posix()
        found.setdefault(rel, []).append(_position(finding))
    return {rel: sorted(positions) for rel, positions in found.items()}


@pytest.mark.parametrize("folder", FOLDERS, ids=[p.name for p in FOLDERS])
def test_fail_cases_find_exactly_what_is_expected(folder: Path) -> None:
    expected = {rel: sorted(pos) for rel, pos in _case(folder).get("expect", {}).items()}
    assert expected, f"{folder.name}/case.toml expects nothing"
    assert _run(folder, "fail") == expected


@pytest.mark.parametrize("folder", FOLDERS, ids=[p.name for p in FOLDERS])
def test_pass_cases_find_nothing(folder: Path) -> None:
    assert _run(folder, "pass") == {}


def test_every_rule_of_the_linter_has_cases() -> None:
    own = {
        code
        for code, entry in all_rules().items()
        if not ("RK601" <= code <= "RK689")  # the validators' checks, tested with them
    }
    have = {p.name for p in FOLDERS}
    assert sorted(own - have - PROGRAMMATIC) == []
    for folder in FOLDERS:
        assert (folder / "pass").is_dir() and (folder / "fail").is_dir(), folder.name

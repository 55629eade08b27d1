"""The rule registry: every rule documented, names unique, selection like flake8's."""

from __future__ import annotations

import re

import pytest

from replykit.linter.errors import LintError
from replykit.linter.registry import FAMILIES, all_rules, match_rules, select_rules

RULES = all_rules()


@pytest.mark.parametrize("code", sorted(RULES))
def test_every_rule_is_documented(code: str) -> None:
    entry = RULES[code]
    assert re.fullmatch(r"RK\d{3}", entry.code)
    assert re.fullmatch(r"[a-z]+(-[a-z]+)*\.[a-z0-9]+(-[a-z0-9]+)*", entry.name)
    assert entry.severity in ("error", "warning", "info")
    assert entry.summary and not entry.summary.endswith(".")
    assert "**Anti-pattern**" in entry.doc and "**Best practice**" in entry.doc
    assert entry.family == FAMILIES[code[2]]


def test_names_are_unique_and_every_family_has_rules() -> None:
    names = [entry.name for entry in RULES.values()]
    assert len(names) == len(set(names))
    assert {code[2] for code in RULES} == set(FAMILIES)


def test_the_validators_checks_are_render_rules() -> None:
    from replykit.checks import CHECKS

    for code, check in CHECKS.items():
        if "draft" in check.modes:
            assert RULES[code].name == check.name
            assert RULES[code].scope == "runner"


@pytest.mark.parametrize(
    ("select", "ignore", "kept", "dropped"),
    [
        (None, None, ["RK101", "RK501", "RK601"], []),
        (["RK5"], None, ["RK501", "RK513"], ["RK101", "RK601"]),
        (["RK5"], ["RK50"], ["RK510", "RK513"], ["RK501", "RK507"]),
        (["RK501"], ["RK5"], ["RK501"], ["RK502", "RK510"]),
        (["RK5"], ["RK5"], [], ["RK501"]),
        (None, ["RK6"], ["RK101", "RK513"], ["RK601", "RK690"]),
        (["rk2"], None, ["RK201"], ["RK101"]),
        (["language.zwnj"], None, ["RK506"], ["RK505"]),
        (["RK5"], ["wording.shouting"], ["RK510"], ["RK513"]),
        ([], None, [], ["RK101"]),
    ],
)
def test_select_and_ignore(
    select: list[str] | None, ignore: list[str] | None, kept: list[str], dropped: list[str]
) -> None:
    chosen = select_rules(select, ignore)
    assert set(kept) <= chosen
    assert not set(dropped) & chosen


@pytest.mark.parametrize("pattern", ["RK9", "RK7", "E501", "structure.nothing", "RK1234"])
def test_a_pattern_that_matches_no_rule_is_an_error(pattern: str) -> None:
    with pytest.raises(LintError, match="matches no rule"):
        match_rules([pattern])

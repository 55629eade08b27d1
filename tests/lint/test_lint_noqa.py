"""Suppression comments: every spelling, and what each one suppresses."""

from __future__ import annotations

from pathlib import Path

import pytest

from replykit.linter import lint
from replykit.linter.tree import TemplateTree

HEAD = "{% set variants = 2 %}\n"


def _file(tmp_path: Path, text: str):  # type: ignore[no-untyped-def]
    path = tmp_path / "en" / "general.txt.j2"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return TemplateTree(tmp_path, whole=True).files[0]


@pytest.mark.parametrize(
    ("comment", "expected"),
    [
        ("{# replykit: noqa: RK501 #}", ("line", {"RK501"})),
        ("{#replykit:noqa:RK501#}", ("line", {"RK501"})),
        ("{#- replykit: noqa: RK501 -#}", ("line", {"RK501"})),
        ("{# REPLYKIT: NOQA: rk501 #}", ("line", {"RK501"})),
        ("{# replykit : noqa : RK501 #}", ("line", {"RK501"})),
        ("{# replykit: noqa: RK501,RK502 #}", ("line", {"RK501", "RK502"})),
        ("{# replykit: noqa: RK501, RK502 #}", ("line", {"RK501", "RK502"})),
        ("{# replykit: noqa: RK501 RK502 #}", ("line", {"RK501", "RK502"})),
        (
            "{# replykit: noqa: RK50 #}",
            ("line", {"RK501", "RK502", "RK503", "RK504", "RK505", "RK506", "RK507"}),
        ),
        ("{# replykit: noqa: language.zwnj #}", ("line", {"RK506"})),
        ("{# replykit: noqa-file: RK402 #}", ("file", {"RK402"})),
        ("{# replykit: NOQA-FILE: RK402 #}", ("file", {"RK402"})),
        ("{# replykit: noqa #}", "bare"),
        ("{# replykit: noqa: #}", "bare"),
        ("{# replykit: noqa-file #}", "bare"),
        ("{# replykit: noqa RK501 #}", "malformed"),
        ("{# replykit: noqa-file RK501 #}", "malformed"),
        ("{# replykit: noqa: RK5O1 #}", "malformed"),
        ("{# replykit: noqa: RK999 #}", "malformed"),
        ("{# replykit: noqa: E501 #}", "malformed"),
        ("{# replykit: noqa: language.nothing #}", "malformed"),
        ("{# replykit: nqa: RK501 #}", "malformed"),
        ("{# replykit: ignore: RK501 #}", "malformed"),
        ("{# noqa: RK501 #}", "malformed"),
        ("{# NOQA #}", "malformed"),
        ("{# Variant 1: formal. #}", None),
        ("{# a note about noqa, not a directive #}", None),
        ("{# replykit-lint: noqa: RK501 #}", None),
    ],
)
def test_spelling(tmp_path: Path, comment: str, expected: object) -> None:
    directives, problems = _file(tmp_path, HEAD + comment + "\n").directives
    if expected is None:
        assert (directives, problems) == ([], [])
    elif expected in ("bare", "malformed"):
        assert directives == []
        assert [p.kind for p in problems] == [expected]
        assert (problems[0].line, problems[0].column) == (2, 1)
    else:
        kind, codes = expected  # type: ignore[misc]
        assert problems == []
        [directive] = directives
        assert directive.file_level == (kind == "file")
        assert set().union(*directive.patterns.values()) == codes


def test_text_that_looks_like_a_directive_is_not_one(tmp_path: Path) -> None:
    text = HEAD + 'Use replykit: noqa: RK501 {{ "{# replykit: noqa #}" }}\n'
    assert _file(tmp_path, text).directives == ([], [])


def test_a_multiline_comment_covers_its_lines(tmp_path: Path) -> None:
    directives, _ = _file(
        tmp_path, HEAD + "{# replykit: noqa: RK513\n   (brand name in capitals) #}\n"
    ).directives
    assert (directives[0].line, directives[0].end_line) == (2, 3)


SHOUTING = HEAD + "{#- Variants: one. -#}\n{% block greeting %}HELLO{% endblock %}\n"


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        (SHOUTING, ["RK513"]),
        (SHOUTING.replace("HELLO{%", "HELLO {# replykit: noqa: RK513 #}{%"), []),
        (SHOUTING.replace("HELLO{%", "HELLO {# replykit: noqa: RK5 #}{%"), []),
        (SHOUTING.replace("HELLO{%", "HELLO {# replykit: noqa: wording.shouting #}{%"), []),
        # On another line, the directive suppresses nothing and is itself reported.
        (SHOUTING + "{# replykit: noqa: RK513 #}\n", ["RK005", "RK513"]),
        (SHOUTING + "{# replykit: noqa-file: RK513 #}\n", []),
        (SHOUTING + "{# replykit: noqa-file: RK510 #}\n", ["RK005", "RK513"]),
        # A bare directive suppresses nothing.
        (SHOUTING.replace("HELLO{%", "HELLO {# replykit: noqa #}{%"), ["RK003", "RK513"]),
    ],
)
def test_what_a_directive_suppresses(tmp_path: Path, text: str, codes: list[str]) -> None:
    _file(tmp_path, text)
    found = lint(tmp_path / "en" / "general.txt.j2", select=["RK0", "RK513", "RK510"])
    assert sorted(f.code for f in found) == codes


def test_unused_is_only_judged_for_rules_that_ran(tmp_path: Path) -> None:
    _file(tmp_path, SHOUTING + "{# replykit: noqa: RK601 #}\n")
    found = lint(tmp_path / "en" / "general.txt.j2", select=["RK005", "RK513"])
    assert [f.code for f in found] == ["RK513"]


def test_meta_findings_cannot_be_suppressed(tmp_path: Path) -> None:
    _file(tmp_path, HEAD + "{# replykit: noqa #} {# replykit: noqa-file: RK003 #}\n")
    found = lint(tmp_path / "en" / "general.txt.j2", select=["RK0"])
    assert sorted(f.code for f in found) == ["RK003", "RK005"]

"""The check registry: stable codes, dotted names, documentation, and the docs page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from replykit.checks import CHECKS, MASK, mask_values, reference_markdown

DOCS = Path(__file__).resolve().parent.parent / "docs" / "validation.md"


def test_codes_and_names_are_unique_and_well_formed() -> None:
    names = [check.name for check in CHECKS.values()]
    assert len(set(names)) == len(names)
    for code, check in CHECKS.items():
        assert re.fullmatch(r"RK6\d\d", code)
        assert check.code == code
        assert re.fullmatch(r"[a-z]+\.[a-z]+(?:-[a-z]+)*", check.name)
        assert check.severity in ("error", "warning", "info")
        assert check.modes and check.modes <= {"draft", "text"}
    assert list(CHECKS) == sorted(CHECKS)


@pytest.mark.parametrize("code", list(CHECKS))
def test_every_check_is_documented(code: str) -> None:
    check = CHECKS[code]
    assert check.summary and not check.summary.endswith(".")
    assert "\n**Anti-pattern**: " in check.doc
    assert "\n**Best practice**: " in check.doc
    page = DOCS.read_text(encoding="utf-8")
    assert f"### {code} `{check.name}`" in page, f"regenerate the reference in {DOCS.name}"
    assert check.summary in page


def test_docs_page_holds_the_generated_reference() -> None:
    page = DOCS.read_text(encoding="utf-8")
    assert page.endswith(reference_markdown()), (
        "docs/validation.md is out of date: replace its reference section with "
        "replykit.checks.reference_markdown()"
    )


def test_suggested_codes_are_kept() -> None:
    expected = {
        "RK601": "structure.missing-move",
        "RK602": "structure.order",
        "RK603": "render.unrendered",
        "RK604": "script.arabic-letters-in-persian",
        "RK610": "tone.blame",
        "RK611": "tone.sales-push",
        "RK612": "tone.price-cut",
        "RK613": "tone.shouting",
        "RK614": "tone.over-apology",
        "RK620": "outage.missing-facts",
        "RK630": "channel.sms-length",
        "RK631": "channel.social-length",
    }
    assert {code: CHECKS[code].name for code in expected} == expected


@pytest.mark.parametrize(
    ("text", "values", "expected"),
    [
        ("Hi STC team", ["STC"], "Hi ___ team"),
        ("Good Go", ["Go"], "Good __"),  # whole occurrences only
        ("Dear Ann Lee, Ann", ["Ann Lee", "Ann"], "Dear _______, ___"),  # longest first
        ("x", ["x"], "x"),  # one character is too short to mask
        ("\u2068Sara\u2069", ["\u2068Sara\u2069"], "\u2068____\u2069"),  # isolates are not part of it
        ("no values", [], "no values"),
    ],
)
def test_mask_values(text: str, values: list[str], expected: str) -> None:
    masked = mask_values(text, values)
    assert len(masked) == len(text)
    assert masked.replace(MASK, "_") == expected

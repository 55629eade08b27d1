"""Non-lexical cues: shouting, exclamations, emoji, money, masked profanity."""

from __future__ import annotations

import pytest

from replykit.signals import find_signals


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("WHY IS NOTHING WORKING", ["shouting"]),
        ("My VPN and SMS are fine", []),  # acronyms are not shouting
        ("seriously!!", ["exclamations"]),
        ("\u0644\u064a\u0634 \u061f\u061f\u061f", ["exclamations"]),  # Arabic question marks
        ("great job \U0001f621", ["angry_emoji"]),
        ("\U0001f595", ["abusive_emoji"]),
        ("ordered a lamp, got a toaster \U0001f44f great work", ["sarcasm_emoji"]),
        ("third time this week \U0001f643", ["sarcasm_emoji"]),
        ("thanks, that fixed it \U0001f60a", []),
        ("$25 for a 10 minute ride", ["money"]),
        ("they want 300 SAR a month", ["money"]),
        ("order 1234 arrived", []),
        ("what a f**k up", ["masked_profanity"]),
        ("sh*t service", ["masked_profanity"]),
        ("rated 5* before", []),
    ],
)
def test_signals(text: str, names: list[str]) -> None:
    found = find_signals(text)
    assert [name for name, _, _ in found] == names
    for _, start, end in found:
        assert 0 <= start < end <= len(text)


def test_applause_in_a_complaint_reads_as_anger() -> None:
    from replykit import classify

    result = classify("Ordered a lamp and got a toaster \U0001f44f lovely work as always")
    assert result.primary == "angry"
    assert any(e.term == "<sarcasm_emoji>" for s in result.scores for e in s.evidence)

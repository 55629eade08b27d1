"""Quoted history and signatures are left out of matching; offsets survive."""

from __future__ import annotations

import pytest

from replykit.quoting import mask_quoted

CASES = [
    ("Still broken.\n> We are sorry, here is a discount", "Still broken."),
    ("Still broken.\n\nOn Tue, 4 Mar 2025 at 10:00, Help Desk <help@example.com> wrote:\nSorry!", "Still broken."),
    ("Still broken.\n-----Original Message-----\nFrom: help\nSorry", "Still broken."),
    ("Still broken.\n-- \nSara\nSent with love", "Still broken."),
    ("Still broken.\nSent from my iPhone", "Still broken."),
    ("\u0645\u0627 \u0632\u0627\u0644 \u0645\u0639\u0637\u0644\n\u0641\u064a 3 \u0645\u0627\u0631\u0633 \u0643\u062a\u0628 \u0641\u0631\u064a\u0642 \u0627\u0644\u062f\u0639\u0645:\n\u0646\u0639\u062a\u0630\u0631", "\u0645\u0627 \u0632\u0627\u0644 \u0645\u0639\u0637\u0644"),
    ("\u0647\u0646\u0648\u0632 \u062e\u0631\u0627\u0628\u0647\n\u062f\u0631 \u06f1\u06f2 \u0627\u0633\u0641\u0646\u062f\u060c \u067e\u0634\u062a\u06cc\u0628\u0627\u0646\u06cc \u0646\u0648\u0634\u062a:\n\u067e\u0648\u0632\u0634", "\u0647\u0646\u0648\u0632 \u062e\u0631\u0627\u0628\u0647"),
]


@pytest.mark.parametrize(("text", "voice"), CASES)
def test_history_is_masked(text: str, voice: str) -> None:
    masked = mask_quoted(text)
    assert len(masked) == len(text)
    assert masked.strip() == voice


def test_plain_text_is_untouched() -> None:
    text = "My order - the blue one - has not arrived: why?"
    assert mask_quoted(text) == text


def test_all_quoted_message_is_kept() -> None:
    text = "> please add dark mode"
    assert mask_quoted(text) == text

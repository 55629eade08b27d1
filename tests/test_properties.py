"""Invariants over any string: never raises, deterministic, spans inside the text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from replykit import PRECEDENCE, classify

# Arabic, Persian, Latin, symbols, controls, bidi marks, emoji, combining marks.
ALPHABET = st.one_of(
    st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
    st.characters(min_codepoint=0xFB50, max_codepoint=0xFEFF),
    st.characters(min_codepoint=0x0020, max_codepoint=0x024F),
    st.characters(min_codepoint=0x2000, max_codepoint=0x206F),
    st.characters(min_codepoint=0x1F300, max_codepoint=0x1FAFF),
    st.characters(min_codepoint=0x0300, max_codepoint=0x036F),
    st.sampled_from(["\u200c", "\u200d", "\n", "\x00", "\ud800", "!", ">", "-", " "]),
)
TEXT = st.text(alphabet=ALPHABET, max_size=300)
WORDS = st.lists(
    st.sampled_from(["down", "not", "unacceptable", "discount", "\u0646\u062a", "\u0645\u0642\u0637\u0648\u0639",
                     "\u0648\u0627\u0644\u0646\u062a", "\u06a9\u0627\u0631", "\u0646\u0645\u06cc\u200c\u06a9\u0646\u062f",
                     "!!!", "\n> ", "HELP", "\u0644\u0627"]),
    max_size=30,
).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(TEXT, WORDS))
def test_classify_never_raises_and_spans_are_inside(text: str) -> None:
    result = classify(text)
    assert result.primary in PRECEDENCE
    assert result.labels == tuple(a for a in PRECEDENCE if a in result.labels)
    assert result.primary == (result.labels[0] if result.labels else "general")
    for score in result.scores:
        assert 0.0 <= score.score <= 1.0
        for ev in score.evidence:
            assert 0 <= ev.start <= ev.end <= len(text)
            assert text[ev.start:ev.end] == ev.text


@settings(max_examples=100, deadline=None)
@given(st.one_of(TEXT, WORDS))
def test_classify_is_deterministic(text: str) -> None:
    assert classify(text) == classify(text)

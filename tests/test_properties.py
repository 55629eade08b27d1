"""Invariants over any string: never raises, deterministic, spans inside the text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from replykit import PRECEDENCE, classify
from strategies import HOSTILE, WORDS

TEXT = HOSTILE


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

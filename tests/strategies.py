"""Hypothesis strategies shared by the property tests: hostile text in every script."""

from __future__ import annotations

from hypothesis import strategies as st

# Arabic, Persian, Latin, symbols, controls, bidi marks, emoji, combining marks,
# and the characters that mean something to replykit (ZWNJ, quotes, braces).
ALPHABET = st.one_of(
    st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
    st.characters(min_codepoint=0xFB50, max_codepoint=0xFEFF),
    st.characters(min_codepoint=0x0000, max_codepoint=0x024F),
    st.characters(min_codepoint=0x2000, max_codepoint=0x206F),
    st.characters(min_codepoint=0x1F300, max_codepoint=0x1FAFF),
    st.characters(min_codepoint=0x0300, max_codepoint=0x036F),
    st.sampled_from(["\u200c", "\u200d", "\u202e", "\u2066", "\n", "\x00", "\ud800", "\udfff",
                     "!", ">", "-", " ", "{", "}", "%", "#"]),
)
HOSTILE = st.text(alphabet=ALPHABET, max_size=400)
# Runs of lexicon words, negators and markup, so that matching paths are exercised.
WORDS = st.lists(
    st.sampled_from(["down", "not", "unacceptable", "discount", "\u0646\u062a", "\u0645\u0642\u0637\u0648\u0639",
                     "\u0648\u0627\u0644\u0646\u062a", "\u06a9\u0627\u0631", "\u0646\u0645\u06cc\u200c\u06a9\u0646\u062f",
                     "!!!", "\n> ", "HELP", "\u0644\u0627"]),
    max_size=30,
).map(" ".join)

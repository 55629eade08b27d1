"""The fold table: every row, idempotence, and offsets back to the original."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from replykit.normalizer import ZWNJ, fold, fold_with_offsets

# (input, folded, why) — invisible characters are written as escapes.
ROWS = [
    ("Unacceptable", "unacceptable", "case folding"),
    ("soooo bad", "soo bad", "Latin elongation keeps two letters"),
    ("good", "good", "a real double letter survives"),
    ("\u0644\u064a\u064a\u064a\u064a\u0647", "\u0644\u064a\u0647", "Arabic elongation keeps one letter"),
    ("\u0645\u0640\u0640\u0645\u0640\u062a\u0627\u0632", "\u0645\u0645\u062a\u0627\u0632", "tatweel removed"),
    ("\u0645\u064e\u0631\u0652\u062d\u064e\u0628\u064b\u0627", "\u0645\u0631\u062d\u0628\u0627", "harakat removed"),
    ("\u0623\u0625\u0622", "\u0627", "hamza and madda seats become alef (then the run collapses)"),
    ("\u0627\u0644\u0639\u0645\u0644\u0627\u0621", "\u0627\u0644\u0639\u0645\u0644\u0627", "bare hamza as flattened data writes it"),
    ("\u0627\u0644\u0639\u0645\u0644\u0627\u0627", "\u0627\u0644\u0639\u0645\u0644\u0627", "flattened hamza, doubled alef"),
    ("\u062d\u0631\u0627\u0627\u0645\u064a", "\u062d\u0631\u0627\u0645\u064a", "two-letter alef elongation"),
    ("\u0645\u0624\u0633\u0633\u0647", "\u0645\u0648\u0633\u0633\u0647", "hamza on waw"),
    ("\u0645\u0633\u0626\u0648\u0644", "\u0645\u0633\u064a\u0648\u0644", "hamza on yeh"),
    ("\u0639\u0644\u0649", "\u0639\u0644\u064a", "alef maksura"),
    ("\u06cc\u06a9", "\u064a\u0643", "Persian yeh and keheh become Arabic yeh and kaf"),
    ("\u0635\u0644\u0627\u0629", "\u0635\u0644\u0627\u0647", "teh marbuta becomes heh"),
    ("\u0661\u0662\u06f3\u06f4", "1234", "Arabic-Indic and Persian digits"),
    ("\u0645\u06cc" + ZWNJ + "\u062e\u0648\u0627\u0647\u0645", "\u0645\u064a\u062e\u0648\u0627\u0647\u0645", "ZWNJ removed"),
    ("\ufefb", "\u0644\u0627", "presentation-form ligature (NFKC)"),
    ("\uff21\uff22", "ab", "full-width Latin (NFKC)"),
    ("can\u2019t", "can't", "typographic apostrophe"),
    ("\u061f\u060c", "?,", "Arabic punctuation"),
    ("a\u202eb\u2066c", "abc", "bidi controls removed"),
]


@pytest.mark.parametrize(("text", "expected", "why"), ROWS, ids=[r[2] for r in ROWS])
def test_fold_rows(text: str, expected: str, why: str) -> None:
    assert fold(text) == expected, why


@pytest.mark.parametrize(("text", "expected", "why"), ROWS, ids=[r[2] for r in ROWS])
def test_fold_is_idempotent_on_rows(text: str, expected: str, why: str) -> None:
    assert fold(fold(text)) == fold(text)


def test_persian_compound_written_three_ways_folds_alike() -> None:
    half_space = "\u0645\u06cc" + ZWNJ + "\u062e\u0648\u0627\u0647\u0645"
    joined = "\u0645\u06cc\u062e\u0648\u0627\u0647\u0645"
    assert fold(half_space) == fold(joined)


def test_offsets_point_back_to_original_characters() -> None:
    text = "Wh\u0640at \u06a9\u0627\u0631"
    folded, origin = fold_with_offsets(text)
    assert len(origin) == len(folded) + 1
    assert origin[-1] == len(text)
    # Each folded character comes from a source character that folds to it.
    for i, ch in enumerate(folded):
        assert ch in fold(text[origin[i]])


def test_lone_surrogate_is_dropped_not_raised() -> None:
    assert fold("a\ud800b") == "ab"


@given(st.text())
def test_fold_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@given(st.text())
def test_offsets_are_monotonic_and_inside(text: str) -> None:
    folded, origin = fold_with_offsets(text)
    assert len(origin) == len(folded) + 1
    assert all(0 <= a <= b <= len(text) for a, b in pairwise(origin))


@given(st.text())
def test_fast_path_agrees_with_the_character_loop(text: str) -> None:
    from replykit.normalizer import _fold_fast, _fold_slow

    fast = _fold_fast(text)
    if fast is not None:
        assert fast == _fold_slow(text)[0]


@given(st.text(alphabet=st.sampled_from("ab A\u0645\u06cc\u062e\u0627\u0647\u200c\u0640\u064e\u0651\u2068\u0622\u00df.")))
def test_dropping_path_agrees_with_the_character_loop(text: str) -> None:
    from replykit.normalizer import _fold_dropping, _fold_slow, _kept_offsets

    found = _fold_dropping(text)
    if found is not None:
        assert (found, _kept_offsets(text)) == _fold_slow(text)


def test_a_half_space_is_dropped_with_its_offset() -> None:
    text = "\u0645\u06cc" + ZWNJ + "\u062e\u0648\u0627\u0647\u0645"
    folded, origin = fold_with_offsets(text)
    assert folded == fold("\u0645\u06cc\u062e\u0648\u0627\u0647\u0645")
    assert origin == [0, 1, 3, 4, 5, 6, 7, 8]


@given(st.text() | st.text(alphabet=st.sampled_from("aAB \u0645\u06cc\u200c\u0640\u064e\u0627\u0621\u0647")))
def test_every_path_gives_the_character_loop_fold_and_offsets(text: str) -> None:
    from replykit.normalizer import _fold_slow

    assert fold_with_offsets(text) == _fold_slow(text)
    assert fold(text) == _fold_slow(text)[0]


@pytest.mark.parametrize("text", ["SOOo bad", "AAa", "AAa\u0640", "NOoo"])
def test_a_run_made_by_lowering_is_collapsed(text: str) -> None:
    from replykit.normalizer import _fold_slow

    assert fold_with_offsets(text) == _fold_slow(text)
    assert "ooo" not in fold(text) and "aaa" not in fold(text)

"""Tokenising folded text and the morphological variants of a token."""

from __future__ import annotations

import pytest

from replykit.normalizer import ZWNJ, fold
from replykit.tokens import tokenize, variants


def keys(text: str) -> list[str]:
    return [t.key for t in tokenize(fold(text))]


def test_apostrophes_stay_inside_words() -> None:
    assert keys("I can't log in") == ["i", "can't", "log", "in"]


def test_clause_breaks_are_marked() -> None:
    toks = tokenize(fold("not. down"))
    assert [t.brk for t in toks] == [False, True]


def test_underscored_hashtags_split() -> None:
    assert keys("#\u0627\u0644\u0646\u062a_\u0645\u0642\u0637\u0648\u0639") == [
        "\u0627\u0644\u0646\u062a", "\u0645\u0642\u0637\u0648\u0639"]


@pytest.mark.parametrize(
    "written",
    [
        "\u0645\u06cc" + ZWNJ + "\u062e\u0648\u0627\u0647\u0645",  # half-space
        "\u0645\u06cc\u062e\u0648\u0627\u0647\u0645",  # joined
        "\u0645\u06cc \u062e\u0648\u0627\u0647\u0645",  # detached with a space
    ],
    ids=["half-space", "joined", "space"],
)
def test_persian_prefix_in_all_written_forms(written: str) -> None:
    assert keys(written) == [fold("\u0645\u06cc\u062e\u0648\u0627\u0647\u0645")]


def test_detached_persian_plural_suffix_is_glued() -> None:
    assert keys("\u06a9\u062a\u0627\u0628 \u0647\u0627") == [fold("\u06a9\u062a\u0627\u0628\u0647\u0627")]


@pytest.mark.parametrize(
    ("token", "stem"),
    [
        ("\u0648\u0627\u0644\u0646\u062a", "\u0627\u0644\u0646\u062a"),  # wa + al-net
        ("\u0648\u0627\u0644\u0646\u062a", "\u0646\u062a"),  # wal- stripped
        ("\u0628\u0627\u0644\u0646\u062a", "\u0646\u062a"),  # bil-
        ("\u0644\u0644\u0634\u0631\u0643\u0647", "\u0634\u0631\u0643\u0647"),  # lil-
        (fold("\u0646\u0645\u06cc\u0634\u0647"), fold("\u0634\u0647")),  # Persian nemi-
        (fold("\u062f\u0632\u062f\u0647\u0627"), fold("\u062f\u0632\u062f")),  # plural -ha
        (fold("\u062e\u0633\u062a\u0647\u200c\u0627\u0645"), fold("\u062e\u0633\u062a\u0647")),  # -am
    ],
)
def test_variants_strip_clitics_and_affixes(token: str, stem: str) -> None:
    assert stem in variants(token)


@pytest.mark.parametrize(
    ("word", "base"),
    [("responded", "respond"), ("replies", "reply"), ("stopped", "stop"), ("closed", "close"),
     ("crashing", "crash"), ("answers", "answer")],
)
def test_english_words_are_also_looked_up_in_their_base_form(word: str, base: str) -> None:
    assert base in variants(word, "en")
    assert variants(word, "ar") == [word]


def test_variants_keep_the_token_first_and_leave_short_latin_alone() -> None:
    assert variants("news") == ["news"]
    assert variants("cancelled")[0] == "cancelled"
    v = variants("\u0648\u0627\u0644\u0646\u062a")
    assert v[0] == "\u0648\u0627\u0644\u0646\u062a"


def test_short_stems_are_not_produced() -> None:
    assert all(len(v) >= 2 for v in variants("\u0648\u0644\u0627"))


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ("you f*cking idiots", ["you", "f*cking", "idiots"]),
        ("sh**t", ["sh*t"]),
        ("\u062d.\u0645\u064a\u0631", ["\u062d*\u0645\u064a\u0631"]),  # a dot after a lone letter masks
        ("\u062d\u0645\u0627.\u0631", ["\u062d\u0645\u0627*\u0631"]),  # ... or before one
        ("\u06af*\u0647", ["\u06af*\u0647"]),
        # a dot between two words is a full stop, whatever the spacing
        ("\u0634\u0643\u0631\u0627.\u0645\u0639", ["\u0634\u0643\u0631\u0627", "\u0645\u0639"]),
        ("it is down.again", ["it", "is", "down", "again"]),
        ("e.g. this", ["e", "g", "this"]),
    ],
)
def test_masked_words_are_one_token(text: str, keys: list[str]) -> None:
    assert [t.key for t in tokenize(fold(text))] == keys


def test_a_full_stop_still_breaks_the_clause() -> None:
    tokens = tokenize(fold("\u0634\u0643\u0631\u0627.\u0645\u0639"))
    assert [t.brk for t in tokens] == [False, True]


def test_a_noun_with_s_is_also_read_without_it() -> None:
    assert "premium" in variants("premium's")
    assert "company" in variants("company's")
    # "what's", "that's" and short words keep their whole form only
    assert variants("that's") == ["that's"]
    assert variants("it's") == ["it's"]

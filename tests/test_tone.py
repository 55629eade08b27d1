"""Tone lexicons: loading, validation errors, and how terms are found in text."""

from __future__ import annotations

import time
from typing import Any

import pytest

from replykit.errors import RulesError, UnknownLanguageError
from replykit.tone import CATEGORIES, MOVES, Lexicon, load_lexicon, parse_lexicon

LANGS = ("en", "ar", "fa")
ZWNJ = "\u200c"


def found(lex: Lexicon, text: str) -> list[tuple[str, str]]:
    """(category, text as written) of every match, neutral ones included."""
    return [(m.category, text[m.start : m.end]) for m in lex.scan(text).matches]


# -- loading ---------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_packaged_lexicons_load_with_every_move(lang: str) -> None:
    lex = load_lexicon(lang)
    assert lex.lang == lang
    assert lex.size > 100
    assert "SMS" in lex.acronyms and "NOT" in lex.shout_words
    assert load_lexicon(lang) is lex  # compiled once


def test_unknown_language_is_rejected() -> None:
    with pytest.raises(UnknownLanguageError, match="'de'"):
        load_lexicon("de")


@pytest.mark.parametrize(
    ("data", "key", "message"),
    [
        ({"lang": "en", "moves": {"apolgy": ["sorry"]}}, "moves.apolgy", "extra"),
        ({"lang": "en", "colour": 1}, "colour", "extra"),
        ({"lang": "xx"}, "lang", "input should be"),
        ({"lang": "en", "tone": {"blame": ["ok", "  "]}}, "tone.blame.1", "empty term"),
        ({"lang": "en", "tone": {"blame": ["you sh*ould"]}}, "tone.blame.0", "'*' may only end"),
        ({"lang": "en", "tone": {"blame": ["a b c d e f g"]}}, "tone.blame.0", "more than 6 words"),
        ({"lang": "en", "tone": {"blame": ["!!!"]}}, "tone.blame.0", "no letters"),
        ({"lang": "en", "tone": {"blame": ["#"]}}, "tone.blame.0", "bare '#'"),
        (
            {"lang": "en", "moves": {"apology": ["Sorry"]}, "tone": {"blame": ["sorry"]}},
            "tone.blame.0",
            "repeats 'Sorry' \\(moves.apology.0\\)",
        ),
        ({"lang": "en", "guard": {"words": ["not", ""]}}, "guard.words.1", "empty term"),
        ({"lang": "en", "guard": {"before": 99}}, "guard.before", "less than or equal"),
    ],
)
def test_lexicon_errors_name_the_file_and_key(data: dict[str, Any], key: str, message: str) -> None:
    with pytest.raises(RulesError, match=message) as info:
        parse_lexicon(data, source="tone/test.toml")
    assert info.value.path == "tone/test.toml"
    assert info.value.key == key
    assert str(info.value).startswith(f"tone/test.toml: {key}: ")


def test_common_file_errors_name_their_key() -> None:
    with pytest.raises(RulesError) as info:
        parse_lexicon({"lang": "en"}, common={"acronyms": ["OK", "sms"]})
    assert info.value.key == "acronyms.1"
    assert info.value.path is not None and info.value.path.endswith("common.toml")


def test_categories_cover_the_moves() -> None:
    assert set(MOVES) <= set(CATEGORIES)
    assert CATEGORIES[0] == "neutral"


# -- matching --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        # longest term wins: "my apologies" is one apology, not two
        ("en", "My apologies for this.", [("apology", "My apologies")]),
        ("en", "I'm so SORRY", [("apology", "SORRY")]),
        ("en", "We apologised twice", [("apology", "apologised")]),
        # typographic apostrophe folds to ASCII
        ("en", "I\u2019ve gone ahead with it", [("solution", "I\u2019ve gone ahead")]),
        ("en", "Unfortunately it failed", [("neutral", "Unfortunately")]),
        ("en", "Get 20% off today", [("price_cut", "20% off")]),
        ("en", "a 15 % discount", [("price_cut", "15 % discount")]),
        # Arabic clitics in front of the word
        ("ar", "\u0648\u0646\u0639\u062a\u0630\u0631", [("apology", "\u0648\u0646\u0639\u062a\u0630\u0631")]),
        ("ar", "\u0641\u0646\u0639\u062a\u0630\u0631", [("apology", "\u0641\u0646\u0639\u062a\u0630\u0631")]),
        ("ar", "\u0628\u0646\u0639\u062a\u0630\u0631", [("apology", "\u0628\u0646\u0639\u062a\u0630\u0631")]),
        # harakat and tanween do not matter: شكراً
        ("ar", "\u0634\u0643\u0631\u064b\u0627", [("thanks", "\u0634\u0643\u0631\u064b\u0627")]),
        # hamza forms fold: نأسف / ناسف
        ("ar", "\u0646\u0627\u0633\u0641", [("apology", "\u0646\u0627\u0633\u0641")]),
        # للأسف ("unfortunately") is not an apology, even though it holds أسف
        ("ar", "\u0648\u0644\u0644\u0623\u0633\u0641", [("neutral", "\u0648\u0644\u0644\u0623\u0633\u0641")]),
        # Persian: half-space, joined and detached forms are one word
        ("fa", f"\u0639\u0630\u0631 \u0645\u06cc{ZWNJ}\u062e\u0648\u0627\u0647\u06cc\u0645",
         [("apology", f"\u0639\u0630\u0631 \u0645\u06cc{ZWNJ}\u062e\u0648\u0627\u0647\u06cc\u0645")]),
        ("fa", "\u0639\u0630\u0631 \u0645\u06cc \u062e\u0648\u0627\u0647\u06cc\u0645",
         [("apology", "\u0639\u0630\u0631 \u0645\u06cc \u062e\u0648\u0627\u0647\u06cc\u0645")]),
        # Persian endings: ممنونیم / ممنونم find ممنون
        ("fa", "\u0645\u0645\u0646\u0648\u0646\u06cc\u0645", [("thanks", "\u0645\u0645\u0646\u0648\u0646\u06cc\u0645")]),
        # متاسفانه ("unfortunately") is not متاسفم
        ("fa", "\u0645\u062a\u0627\u0633\u0641\u0627\u0646\u0647", [("neutral", "\u0645\u062a\u0627\u0633\u0641\u0627\u0646\u0647")]),
        # Arabic keyboard letters in Persian text still match (ي ك fold)
        ("fa", "\u0645\u062a\u0634\u0643\u0631\u064a\u0645", [("thanks", "\u0645\u062a\u0634\u0643\u0631\u064a\u0645")]),
        # Persian percent sign and digits
        ("fa", "\u06f2\u06f0\u066a \u062a\u062e\u0641\u06cc\u0641", [("price_cut", "\u066a \u062a\u062e\u0641\u06cc\u0641")]),
    ],
)
def test_scan_finds_terms_as_agents_write_them(
    lang: str, text: str, expected: list[tuple[str, str]]
) -> None:
    assert found(load_lexicon(lang), text) == expected


def test_a_phrase_never_spans_a_sentence_break() -> None:
    lex = load_lexicon("en")
    assert found(lex, "you should. Have a look") == []


def test_spans_point_into_the_original_text() -> None:
    text = "Hello!\n\nWE ARE SOOOO sorry"
    [match] = load_lexicon("en").scan(text).matches
    assert text[match.start : match.end] == "sorry"


@pytest.mark.parametrize(
    ("lang", "text", "guarded"),
    [
        ("en", "We do not offer coupons.", True),
        ("en", "You asked whether we have a discount code.", True),
        ("en", "You'd like a lower price.", True),
        ("en", "Here is a coupon for you.", False),
        # the guard does not reach across "but" or a sentence end
        ("en", "We can't lower it, but here is a coupon.", False),
        ("en", "No. Here is a coupon.", False),
        ("ar", "\u0644\u0627 \u0646\u0642\u062f\u0645 \u0643\u0648\u0628\u0648\u0646\u0627\u062a", True),
        ("ar", "\u0625\u0644\u064a\u0643 \u0643\u0648\u0628\u0648\u0646", False),
        # كما ("as") is not ما ("not"): a short stem only counts as written
        ("ar", "\u0643\u0645\u0627 \u0646\u0642\u062f\u0645 \u0644\u0643 \u0643\u0648\u0628\u0648\u0646", False),
        # Persian negation comes after the term: کد تخفیف نداریم
        ("fa", "\u06a9\u062f \u062a\u062e\u0641\u06cc\u0641 \u0646\u062f\u0627\u0631\u06cc\u0645", True),
        ("fa", "\u06cc\u06a9 \u06a9\u062f \u062a\u062e\u0641\u06cc\u0641 \u0641\u0639\u0627\u0644 \u0634\u062f", False),
    ],
)
def test_guard_words_cancel_an_offer(lang: str, text: str, guarded: bool) -> None:
    lex = load_lexicon(lang)
    scan = lex.scan(text)
    [match] = list(scan.of("price_cut"))
    assert lex.guarded(scan, match) is guarded


def test_a_term_that_starts_with_a_guard_word_is_never_guarded() -> None:
    lex = load_lexicon("en")
    scan = lex.scan("Don't miss this offer")
    [match] = list(scan.of("sales_push"))
    assert not lex.guarded(scan, match)


def test_outage_terms_are_scanned_apart() -> None:
    lex = load_lexicon("en")
    text = "We expect a fix by 14:00; your data is safe."
    assert {m.category for m in lex.scan(text, outage=True).matches} == {"fix_time", "data", "data_safe"}
    assert not {m.category for m in lex.scan(text).matches} & {"fix_time", "data", "data_safe"}


def test_custom_lexicon_with_number_and_prefix() -> None:
    lex = parse_lexicon({"lang": "en", "tone": {"price_cut": ["# free month*"]}})
    assert found(lex, "enjoy 3 free months") == [("price_cut", "3 free months")]
    assert found(lex, "enjoy three free months") == []


@pytest.mark.parametrize(
    "text",
    [
        "sorry " * 40_000,
        "a" * 400_000,  # one huge token: prefix lookups stay bounded
        "\u0648" * 200_000,
        "you should " * 30_000,
        "!" * 200_000,
    ],
)
def test_scan_is_linear_on_hostile_input(text: str) -> None:
    lex = load_lexicon("en")
    start = time.perf_counter()
    lex.scan(text)
    assert time.perf_counter() - start < 5.0

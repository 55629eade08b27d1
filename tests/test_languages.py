"""Language detection from letters and function words; locale tags."""

from __future__ import annotations

import pytest

from replykit.errors import UnknownLanguageError
from replykit.languages import detect_language, resolve_language


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The app keeps crashing", "en"),
        ("\u0627\u0644\u062e\u062f\u0645\u0629 \u0645\u0642\u0637\u0648\u0639\u0629 \u0645\u0646 \u0623\u0645\u0633", "ar"),
        ("\u0627\u0644\u0646\u062a \u0645\u0642\u0637\u0648\u0639 \u0645\u0646 \u0627\u0645\u0633", "ar"),  # flattened, no tell-tale letters
        ("\u0686\u0631\u0627 \u0628\u0631\u0646\u0627\u0645\u0647 \u06a9\u0627\u0631 \u0646\u0645\u06cc\u200c\u06a9\u0646\u062f", "fa"),
        ("\u0628\u0631\u0646\u0627\u0645\u0647 \u0628\u0627\u0632 \u0646\u0645\u064a\u0634\u0647 \u0686\u0631\u0627", "fa"),  # Arabic yeh typed
        ("\u0627\u06cc\u0646 \u0628\u0631\u0646\u0627\u0645\u0647 \u0627\u0633\u062a", "fa"),
        ("\u0644\u064a\u0634 \u0645\u0627 \u062a\u0631\u062f\u0648\u0646", "ar"),
        # Persian typed with the Arabic keyboard's yeh and kaf, no letter only Persian has
        ("\u0627\u0646\u062a\u0646 \u0646\u062f\u0627\u0631\u0647 \u0627\u0635\u0644\u0627 \u062a\u0648 \u062e\u0648\u0646\u0647", "fa"),
        ("\u0647\u0646\u0648\u0632 \u0643\u0627\u0631 \u0646\u0645\u064a\u0643\u0646\u0647", "fa"),
        ("salam, chera barname baz nemishe? kheili bade", "fa"),  # Finglish
        ("ana mesh fahem leh el net ma3'doom", "ar"),  # Arabizi
        ("el 5idma 3atla mn embare7", "ar"),  # Arabizi letter digits
        ("Why is the app down again?", "en"),
        ("\U0001f621\U0001f621 123", None),
        ("", None),
    ],
)
def test_detect(text: str, lang: str | None) -> None:
    assert detect_language(text) == lang


@pytest.mark.parametrize(
    ("tag", "lang"),
    [("ar-EG", "ar"), ("fa_IR", "fa"), ("EN", "en"), ("en-GB", "en"), ("per", "fa"), ("ara", "ar")],
)
def test_resolve(tag: str, lang: str) -> None:
    assert resolve_language(tag) == lang


def test_unknown_tag_suggests() -> None:
    with pytest.raises(UnknownLanguageError, match="did you mean 'ar'") as info:
        resolve_language("arr")
    assert info.value.value == "arr"
    assert isinstance(info.value, ValueError)


def test_read_language_flags_arabic_script_that_shows_nothing_either_way() -> None:
    from replykit.languages import read_language

    assert read_language("\u0627\u0641\u062a\u0636\u0627\u062d") == ("ar", True)  # «افتضاح»: both languages
    assert read_language("\u0686\u0631\u0627 \u06a9\u0627\u0631 \u0646\u0645\u06cc\u200c\u06a9\u0646\u062f") == ("fa", False)
    assert read_language("the app is down") == ("en", False)

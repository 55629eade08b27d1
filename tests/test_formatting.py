"""Dates, times and numbers per locale, timezone, digit policy and calendar; bidi isolation."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from replykit.formatting import FSI, PDI, Formatter, isolate, to_digits

MOMENT = datetime(2024, 5, 1, 10, 30, tzinfo=UTC)  # 1403-02-12 Jalali, 1445-10-22 Hijri
FA_DIGITS = "".join(chr(0x06F0 + i) for i in range(10))
AR_DIGITS = "".join(chr(0x0660 + i) for i in range(10))
ASCII_DIGITS = set("0123456789")


@pytest.mark.parametrize(
    ("lang", "digits", "expected"),
    [
        ("fa", "native", FA_DIGITS),
        ("ar", "native", AR_DIGITS),
        ("en", "native", "0123456789"),
        ("fa", "latin", "0123456789"),
        ("ar", "latin", "0123456789"),
    ],
)
def test_to_digits(lang: str, digits: str, expected: str) -> None:
    assert to_digits("0123456789", lang, digits) == expected  # type: ignore[arg-type]


@given(st.text())
def test_to_digits_keeps_length_and_leaves_no_ascii_digit(text: str) -> None:
    out = to_digits(text, "fa")
    assert len(out) == len(text)
    assert not ASCII_DIGITS & set(out)


@pytest.mark.parametrize(
    ("value", "direction", "expected"),
    [
        ("AB-1042", "rtl", "\u2068AB-1042\u2069"),
        ("AB-1042", "ltr", "AB-1042"),
        ("\u2068AB-1042\u2069", "rtl", "\u2068AB-1042\u2069"),  # already isolated
        ("", "rtl", ""),
    ],
)
def test_isolate(value: str, direction: str, expected: str) -> None:
    assert isolate(value, direction) == expected  # type: ignore[arg-type]
    assert (FSI, PDI) == ("\u2068", "\u2069")


@pytest.mark.parametrize(
    ("lang", "options", "method", "expected"),
    [
        # English: Babel's formats in the customer's timezone; a plain space before PM.
        ("en", {}, "datetime", "May 1, 2024, 1:30 PM"),
        ("en", {}, "date", "May 1, 2024"),
        ("en", {}, "time", "1:30 PM"),
        # Arabic: Latin digits and the Gregorian calendar unless asked.
        ("ar", {}, "date", "1 \u0645\u0627\u064a\u0648 2024"),
        ("ar", {}, "time", "1:30 \u0645"),
        (
            "ar",
            {"digits": "native"},
            "date",
            "\u0661 \u0645\u0627\u064a\u0648 \u0662\u0660\u0662\u0664",
        ),
        ("ar", {"digits": "native"}, "time", "\u0661:\u0663\u0660 \u0645"),
        # Arabic with the Umm al-Qura calendar: 22 Shawwal 1445 AH.
        (
            "ar",
            {"digits": "native", "calendar": "hijri"},
            "date",
            "\u0662\u0662 \u0634\u0648\u0627\u0644 \u0661\u0664\u0664\u0665 \u0647\u0640",
        ),
        ("ar", {"calendar": "hijri"}, "date", "22 \u0634\u0648\u0627\u0644 1445 \u0647\u0640"),
        # Persian: Jalali and Persian digits by default: 12 Ordibehesht 1403.
        (
            "fa",
            {},
            "date",
            "\u06f1\u06f2 \u0627\u0631\u062f\u06cc\u0628\u0647\u0634\u062a \u06f1\u06f4\u06f0\u06f3",
        ),
        ("fa", {}, "time", "\u06f1\u06f3:\u06f3\u06f0"),
        (
            "fa",
            {},
            "datetime",
            "\u06f1\u06f2 \u0627\u0631\u062f\u06cc\u0628\u0647\u0634\u062a \u06f1\u06f4\u06f0\u06f3"
            "\u060c \u0633\u0627\u0639\u062a \u06f1\u06f3:\u06f3\u06f0",
        ),
        ("fa", {"digits": "latin"}, "time", "13:30"),
        ("fa", {"digits": "latin", "calendar": "gregorian"}, "date", "1 \u0645\u0647\u0654 2024"),
        # Other calendars in English use transliterated month names.
        ("en", {"calendar": "jalali"}, "date", "12 Ordibehesht 1403"),
        ("en", {"calendar": "hijri"}, "date", "22 Shawwal 1445 AH"),
    ],
)
def test_dates_and_times(lang: str, options: dict[str, str], method: str, expected: str) -> None:
    formatter = Formatter(lang, timezone="Asia/Riyadh", **options)  # type: ignore[arg-type]
    assert getattr(formatter, method)(MOMENT) == expected


def test_timezone_moves_the_date() -> None:
    late = datetime(2024, 5, 1, 22, 30, tzinfo=UTC)
    assert Formatter("en", timezone="UTC").date(late) == "May 1, 2024"
    assert Formatter("en", timezone="Asia/Tehran").date(late) == "May 2, 2024"
    assert Formatter("fa", timezone="Asia/Tehran").date(late).startswith("\u06f1\u06f3 ")


def test_plain_dates_and_naive_datetimes() -> None:
    formatter = Formatter("en", timezone="Asia/Tehran")
    assert formatter.date(date(2024, 5, 1)) == "May 1, 2024"
    assert formatter.datetime(date(2024, 5, 1)) == "May 1, 2024"  # type: ignore[arg-type]
    assert formatter.time(datetime(2024, 5, 1, 9, 0)) == "9:00 AM"  # read in the timezone
    with pytest.raises(TypeError, match="datetime"):
        formatter.time(date(2024, 5, 1))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="date"):
        formatter.date("2024-05-01")  # type: ignore[arg-type]


def test_hijri_outside_umm_al_qura_range_falls_back_to_gregorian() -> None:
    far = datetime(2090, 1, 1, 12, 0, tzinfo=UTC)
    assert Formatter("ar", calendar="hijri").date(far) == "1 \u064a\u0646\u0627\u064a\u0631 2090"


@pytest.mark.parametrize(
    ("lang", "options", "expected"),
    [
        ("en", {}, "1,234,567.5"),
        ("ar", {}, "1,234,567.5"),
        (
            "ar",
            {"digits": "native"},
            "\u0661\u066c\u0662\u0663\u0664\u066c\u0665\u0666\u0667\u066b\u0665",
        ),
        ("fa", {}, "\u06f1\u066c\u06f2\u06f3\u06f4\u066c\u06f5\u06f6\u06f7\u066b\u06f5"),
        ("fa", {"digits": "latin"}, "1,234,567.5"),
    ],
)
def test_numbers(lang: str, options: dict[str, str], expected: str) -> None:
    formatter = Formatter(lang, **options)  # type: ignore[arg-type]
    assert formatter.number(1234567.5) == expected
    assert formatter.number(Decimal("1234567.5")) == expected


@pytest.mark.parametrize("value", [True, "12", None])
def test_number_refuses_non_numbers(value: object) -> None:
    with pytest.raises(TypeError, match="number"):
        Formatter("en").number(value)  # type: ignore[arg-type]


def test_produced_keeps_every_formatted_value() -> None:
    formatter = Formatter("fa")
    outputs = [formatter.date(MOMENT), formatter.time(MOMENT), formatter.number(3)]
    assert formatter.produced == outputs


@pytest.mark.parametrize("lang", ["en", "ar", "fa"])
def test_no_narrow_no_break_space(lang: str) -> None:
    assert "\u202f" not in Formatter(lang).datetime(MOMENT)


def test_formatter_isolates_only_in_rtl() -> None:
    assert Formatter("ar").isolate("AC-1") == "\u2068AC-1\u2069"
    assert Formatter("fa").isolate(42) == "\u206842\u2069"
    assert Formatter("en").isolate("AC-1") == "AC-1"
    assert (Formatter("ar").direction, Formatter("en").direction) == ("rtl", "ltr")

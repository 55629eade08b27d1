"""Dates, times and numbers as a customer in each language expects to read them.

Babel formats per locale in the customer's timezone, but it localises
separators, not digits, and it has no Solar Hijri calendar. So this module adds
three things on top: digit transliteration (Arabic-Indic U+0660.. for Arabic,
Persian U+06F0.. for Persian), Jalali dates through ``jdatetime`` and Umm
al-Qura Hijri dates through ``hijridate``, and the bidi isolation of
left-to-right values inside right-to-left text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal
from zoneinfo import ZoneInfo

from .languages import LANGUAGES, resolve_language

__all__ = [
    "FSI",
    "PDI",
    "Formatter",
    "isolate",
    "to_digits",
]

FSI = "\u2068"  # FIRST STRONG ISOLATE: opens an isolated run
PDI = "\u2069"  # POP DIRECTIONAL ISOLATE: closes it
_NNBSP = "\u202f"  # narrow no-break space: CLDR puts it before AM/PM

_DIGIT_TABLES = {
    "ar": str.maketrans("0123456789", "".join(chr(0x0660 + i) for i in range(10))),
    "fa": str.maketrans("0123456789", "".join(chr(0x06F0 + i) for i in range(10))),
}
# Babel's numbering systems whose separators go with the native digits.
_NATIVE_NUMBERING = {"ar": "arab", "fa": "arabext"}


def to_digits(text: str, lang: str, digits: Literal["latin", "native"] = "native") -> str:
    """Write the ASCII digits of ``text`` in the script of ``lang``.

    Only Arabic and Persian have native digits; English text and the ``latin``
    policy come back unchanged.

    Examples:
        >>> to_digits("10:30", "fa") == "\\u06f1\\u06f0:\\u06f3\\u06f0"
        True
        >>> to_digits("10:30", "ar") == "\\u0661\\u0660:\\u0663\\u0660"
        True
        >>> to_digits("10:30", "en")
        '10:30'
    """
    table = _DIGIT_TABLES.get(resolve_language(lang))
    if digits == "latin" or table is None:
        return text
    return text.translate(table)


def isolate(value: str, direction: Literal["ltr", "rtl"]) -> str:
    """Wrap ``value`` in U+2068 ... U+2069 when it sits in right-to-left text.

    A ticket id such as ``AB-1042`` or an e-mail address inside Arabic or
    Persian would otherwise scramble the order of the words around it.
    Left-to-right drafts and already isolated values are left alone.

    Examples:
        >>> isolate("AB-1042", "rtl") == "\\u2068AB-1042\\u2069"
        True
        >>> isolate("AB-1042", "ltr")
        'AB-1042'
    """
    if direction != "rtl" or not value or (value.startswith(FSI) and value.endswith(PDI)):
        return value
    return f"{FSI}{value}{PDI}"


@dataclass(slots=True)
class Formatter:
    """Formats values for one draft: language, timezone, digit and calendar policy.

    Every string it produces is also kept in ``produced``, so that the draft can
    tell checks which parts of its text came from data rather than wording.

    Examples:
        >>> from datetime import datetime, timezone
        >>> moment = datetime(2024, 5, 1, 10, 30, tzinfo=timezone.utc)
        >>> Formatter("en", timezone="Europe/London").datetime(moment)
        'May 1, 2024, 11:30 AM'
        >>> Formatter("fa", timezone="Asia/Tehran").date(moment) == (
        ...     "\\u06f1\\u06f2 \\u0627\\u0631\\u062f\\u06cc\\u0628\\u0647\\u0634\\u062a "
        ...     "\\u06f1\\u06f4\\u06f0\\u06f3")
        True
    """

    lang: str
    timezone: str = "UTC"
    digits: Literal["latin", "native"] | None = None
    calendar: Literal["gregorian", "hijri", "jalali"] | None = None
    produced: list[str] = field(default_factory=list)
    _tz: dt.tzinfo = field(init=False, repr=False)
    _direction: Literal["ltr", "rtl"] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.lang = resolve_language(self.lang)
        info = LANGUAGES[self.lang]
        self.digits = self.digits or info.digits
        self.calendar = self.calendar or info.calendar
        self._tz = ZoneInfo(self.timezone)
        # Read once: ``isolate`` runs for every value a right-to-left draft prints.
        self._direction = info.direction

    @property
    def direction(self) -> Literal["ltr", "rtl"]:
        """The writing direction of the language."""
        return self._direction

    @property
    def locale(self) -> str:
        """The Babel locale of the language."""
        return LANGUAGES[self.lang].locale

    def _keep(self, text: str) -> str:
        text = to_digits(text.replace(_NNBSP, " "), self.lang, self.digits or "latin")
        self.produced.append(text)
        return text

    def _local(self, moment: dt.datetime | dt.date) -> dt.datetime | dt.date:
        if isinstance(moment, dt.datetime):
            return moment.astimezone(self._tz) if moment.tzinfo else moment.replace(tzinfo=self._tz)
        if isinstance(moment, dt.date):
            return moment
        raise TypeError(f"expected a date or datetime, not {type(moment).__name__}")

    def _date_text(self, moment: dt.datetime | dt.date) -> str:
        from babel.dates import format_date

        local = self._local(moment)
        day = local.date() if isinstance(local, dt.datetime) else local
        if self.calendar == "jalali":
            return _jalali(day, self.lang)
        if self.calendar == "hijri":
            hijri = _hijri(day, self.lang)
            if hijri is not None:
                return hijri
        return str(format_date(day, "long", locale=self.locale))

    def _time_text(self, moment: dt.datetime) -> str:
        from babel.dates import format_time

        local = self._local(moment)
        if not isinstance(local, dt.datetime):
            raise TypeError(f"expected a datetime, not {type(moment).__name__}")
        return str(format_time(local, "short", locale=self.locale))

    def date(self, moment: dt.datetime | dt.date) -> str:
        """The calendar date in the customer's timezone ("May 1, 2024")."""
        return self._keep(self._date_text(moment))

    def time(self, moment: dt.datetime) -> str:
        """The time of day in the customer's timezone, short ("2:00 PM")."""
        return self._keep(self._time_text(moment))

    def datetime(self, moment: dt.datetime) -> str:
        """Date and time together, joined the way the locale joins them."""
        from babel.dates import get_datetime_format

        if not isinstance(moment, dt.datetime):
            return self.date(moment)
        pattern = str(get_datetime_format("long", locale=self.locale)).replace("'", "")
        text = pattern.replace("{1}", self._date_text(moment)).replace(
            "{0}", self._time_text(moment)
        )
        return self._keep(text)

    def number(self, value: int | float | Decimal) -> str:
        """A number with the locale's separators and the digit policy's digits."""
        from babel.numbers import format_decimal

        if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
            raise TypeError(f"expected a number, not {type(value).__name__}")
        system = "latn"
        if self.digits == "native":
            system = _NATIVE_NUMBERING.get(self.lang, "latn")
        try:
            text = str(format_decimal(value, locale=self.locale, numbering_system=system))
        except (ArithmeticError, ValueError):
            # Beyond what Babel's decimal context holds (10**28 and up): digits
            # without separators are still correct.
            text = to_digits(str(value), self.lang, self.digits or "latin")
        return self._keep(text)

    def isolate(self, value: object) -> str:
        """Isolate a left-to-right value in a right-to-left draft (see :func:`isolate`)."""
        return isolate(str(value), self._direction)


def _jalali(day: dt.date, lang: str) -> str:
    """``12 Ordibehesht 1403`` style: day, month name, year (digits applied later)."""
    import jdatetime

    solar = jdatetime.date.fromgregorian(date=day)
    names = jdatetime.date.j_months_en if lang == "en" else jdatetime.date.j_months_fa
    return f"{solar.day} {names[solar.month - 1]} {solar.year}"


def _hijri(day: dt.date, lang: str) -> str | None:
    """Umm al-Qura date, or ``None`` outside the calendar's range (1924-2077)."""
    from hijridate import Gregorian

    try:
        hijri = Gregorian(day.year, day.month, day.day).to_hijri()
    except OverflowError:
        return None
    language: Literal["ar", "en"] = "en" if lang == "en" else "ar"
    return f"{hijri.day} {hijri.month_name(language)} {hijri.year} {hijri.notation(language)}"

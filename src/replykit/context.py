"""What a reply may say about the customer, the agent and the incident.

The field names are the template contract: a template prints ``customer_name``,
tests ``incident.data_safe`` and so on. Every field is optional, because an
agent often has nothing but the complaint; templates carry a fallback wording
for every value that is missing.
"""

from __future__ import annotations

import re
from datetime import datetime, tzinfo
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, field_validator, model_validator

from .languages import LANGUAGES, resolve_language

__all__ = ["TEXT_FIELDS", "Calendar", "Channel", "Digits", "Gender", "Incident", "ReplyContext", "Severity"]

Gender = Literal["female", "male"]
Channel = Literal["email", "chat", "sms", "social"]
Severity = Literal["minor", "major"]
Digits = Literal["latin", "native"]
Calendar = Literal["gregorian", "hijri", "jalali"]

_FROZEN = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)
#: The free-text fields a template prints verbatim. Drafts list their values so
#: that checks can tell the customer's and company's words from the template's.
TEXT_FIELDS = (
    "customer_name",
    "agent_name",
    "company_name",
    "ticket_id",
    "offer",
    "direct_contact",
    "signatory",
)
_SPACES = re.compile(r"\s+")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _one_line(value: object) -> object:
    """Collapse whitespace runs (newlines included) and turn blank text into ``None``.

    A value is printed inside a sentence; a newline in a customer's name would
    split a section in two, and an empty name would give "Hi ,".
    """
    if isinstance(value, str):
        if value and value.isprintable() and "  " not in value and value[0] != " " != value[-1]:
            # Printable means no surrogate and no whitespace but the plain space,
            # so only doubled or surrounding spaces could need cleaning.
            return value
        # A lone surrogate (broken UTF-16 from an upstream system) cannot be
        # printed or encoded: it becomes U+FFFD instead of failing the draft.
        value = _SURROGATE.sub("\ufffd", value)
        value = _SPACES.sub(" ", value).strip()
        return value or None
    return value


class Incident(BaseModel):
    """The facts of an outage that the reply should be open about (seed 001).

    Examples:
        >>> Incident(cause="a failed database upgrade", data_safe=True).severity is None
        True
    """

    model_config = _FROZEN

    started_at: datetime | None = None
    expected_fix_at: datetime | None = None
    data_safe: bool | None = None
    cause: str | None = None
    severity: Severity | None = None

    _clean = field_validator("cause", mode="before")(_one_line)


class ReplyContext(BaseModel):
    """The facts a draft may use; all optional, ``channel`` defaults to e-mail.

    ``timezone`` is an IANA name (``Asia/Riyadh``); datetimes given without an
    offset are read in that timezone. ``digits`` and ``calendar`` default to the
    draft language's own (``LANGUAGES``): Persian drafts use Persian digits and
    the Jalali calendar, English and Arabic Latin digits and the Gregorian one.

    Examples:
        >>> ctx = ReplyContext(customer_name="  Sara ", timezone="Asia/Tehran")
        >>> ctx.customer_name, ctx.channel
        ('Sara', 'email')
        >>> ctx.digits_for("fa"), ctx.calendar_for("fa"), ctx.calendar_for("ar")
        ('native', 'jalali', 'gregorian')
    """

    model_config = _FROZEN

    customer_name: str | None = None
    customer_gender: Gender | None = None
    agent_name: str | None = None
    company_name: str | None = None
    channel: Channel = "email"
    ticket_id: str | None = None
    incident: Incident | None = None
    offer: str | None = None
    direct_contact: str | None = None
    followup_at: datetime | None = None
    steps: tuple[str, ...] | None = None
    signatory: str | None = None
    timezone: str = "UTC"
    digits: Digits | None = None
    calendar: Calendar | None = None

    _clean = field_validator(*TEXT_FIELDS, mode="before")(_one_line)

    @field_validator("steps", mode="before")
    @classmethod
    def _clean_steps(cls, value: object) -> object:
        if isinstance(value, str):
            raise ValueError("steps must be a list of strings, not one string")
        if isinstance(value, list | tuple):
            kept = [_one_line(item) for item in value]
            return tuple(item for item in kept if item is not None) or None
        return value

    @field_validator("timezone", mode="before")
    @classmethod
    def _check_timezone(cls, value: object) -> object:
        if value is None:
            return "UTC"
        if isinstance(value, str):
            name = value.strip()
            try:
                ZoneInfo(name)
            except (ZoneInfoNotFoundError, ValueError):
                raise ValueError(
                    f"unknown timezone {value!r}: expected an IANA name such as 'Asia/Riyadh'"
                ) from None
            return name
        return value

    @model_validator(mode="after")
    def _attach_timezone(self) -> ReplyContext:
        """Read naive datetimes in the context's timezone, so a bare time means local time."""
        if self.followup_at is None and self.incident is None:
            return self  # nothing to read in a timezone (most contexts)
        zone = self.tz
        update: dict[str, Any] = {}
        if self.followup_at is not None and self.followup_at.tzinfo is None:
            update["followup_at"] = self.followup_at.replace(tzinfo=zone)
        if self.incident is not None:
            fixed = {
                name: moment.replace(tzinfo=zone)
                for name in ("started_at", "expected_fix_at")
                if (moment := getattr(self.incident, name)) is not None and moment.tzinfo is None
            }
            if fixed:
                update["incident"] = self.incident.model_copy(update=fixed)
        for name, value in update.items():
            object.__setattr__(self, name, value)
        return self

    @property
    def tz(self) -> tzinfo:
        """The customer's timezone as a ``tzinfo``."""
        return ZoneInfo(self.timezone)

    def digits_for(self, lang: str) -> Digits:
        """The digit policy for a draft in ``lang``: the field, else the language's default."""
        return self.digits or LANGUAGES[resolve_language(lang)].digits

    def calendar_for(self, lang: str) -> Calendar:
        """The calendar for a draft in ``lang``: the field, else the language's default."""
        return self.calendar or LANGUAGES[resolve_language(lang)].calendar

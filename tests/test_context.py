"""ReplyContext and Incident: the fields templates may use, cleaned and validated."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from pydantic import ValidationError

from replykit.context import Incident, ReplyContext


def test_everything_is_optional_and_channel_defaults_to_email() -> None:
    ctx = ReplyContext()
    assert ctx.channel == "email"
    assert ctx.timezone == "UTC"
    optional = set(ReplyContext.model_fields) - {"channel", "timezone"}
    assert all(getattr(ctx, name) is None for name in optional)


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("  Sara  ", "Sara"),
        ("Sara\n\nKarimi", "Sara Karimi"),  # a newline would split a section
        ("", None),  # an empty name would give "Hi ,"
        ("   ", None),
        ("\u0633\u0627\u0631\u0627", "\u0633\u0627\u0631\u0627"),
        (
            "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",
            "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",
        ),  # ZWNJ kept
    ],
)
def test_text_fields_are_one_clean_line(given: str, expected: str | None) -> None:
    assert ReplyContext(customer_name=given).customer_name == expected
    assert ReplyContext(incident=Incident(cause=given)).incident == Incident(cause=expected)


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (["Open Settings", "  ", "Choose\nBilling"], ("Open Settings", "Choose Billing")),
        ([], None),
        (["", " "], None),
        (("a", "b"), ("a", "b")),
    ],
)
def test_steps_are_cleaned(given: list[str], expected: tuple[str, ...] | None) -> None:
    assert ReplyContext(steps=given).steps == expected


def test_steps_as_one_string_is_refused() -> None:
    with pytest.raises(ValidationError, match="list of strings"):
        ReplyContext(steps="Open Settings")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "name", ["Asia/Riyadh", "Asia/Tehran", "Europe/London", "UTC", " America/New_York "]
)
def test_timezone_accepts_iana_names(name: str) -> None:
    assert ReplyContext(timezone=name).timezone == name.strip()


@pytest.mark.parametrize("name", ["Mars/Olympus", "GMT+3 please", "", "../etc/passwd"])
def test_timezone_refuses_unknown_names(name: str) -> None:
    with pytest.raises(ValidationError, match="IANA"):
        ReplyContext(timezone=name)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("customer_gender", "other"),
        ("channel", "fax"),
        ("digits", "roman"),
        ("calendar", "lunar"),
    ],
)
def test_closed_choices_are_checked(field: str, value: str) -> None:
    with pytest.raises(ValidationError, match=field):
        ReplyContext.model_validate({field: value})


def test_incident_severity_is_closed() -> None:
    with pytest.raises(ValidationError, match="severity"):
        Incident.model_validate({"severity": "critical"})


@pytest.mark.parametrize("model", [ReplyContext, Incident])
def test_a_misspelt_field_is_an_error_naming_it(model: type[ReplyContext] | type[Incident]) -> None:
    with pytest.raises(ValidationError, match="custmer_name"):
        model.model_validate({"custmer_name": "Sara"})


def test_naive_datetimes_are_read_in_the_context_timezone() -> None:
    ctx = ReplyContext(
        timezone="Asia/Tehran",
        followup_at=datetime(2024, 5, 1, 10, 0),
        incident=Incident(started_at=datetime(2024, 5, 1, 9, 0)),
    )
    assert ctx.followup_at == datetime(2024, 5, 1, 10, 0, tzinfo=ZoneInfo("Asia/Tehran"))
    assert ctx.incident is not None and ctx.incident.started_at is not None
    assert ctx.incident.started_at.utcoffset() == timedelta(hours=3, minutes=30)


def test_aware_datetimes_are_kept() -> None:
    moment = datetime(2024, 5, 1, 10, 0, tzinfo=UTC)
    ctx = ReplyContext(timezone="Asia/Tehran", followup_at=moment)
    assert ctx.followup_at == moment
    assert ctx.followup_at is not None and ctx.followup_at.tzinfo is UTC


def test_json_round_trip() -> None:
    ctx = ReplyContext(
        customer_name="Sara",
        incident=Incident(started_at=datetime(2024, 5, 1, 9, 0, tzinfo=UTC), data_safe=True),
        steps=["a"],
    )
    assert ReplyContext.model_validate_json(ctx.model_dump_json()) == ctx


def test_context_is_frozen() -> None:
    ctx = ReplyContext()
    with pytest.raises(ValidationError):
        ctx.customer_name = "Sara"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("lang", "digits", "calendar"),
    [
        ("en", "latin", "gregorian"),
        ("ar", "latin", "gregorian"),
        ("fa", "native", "jalali"),
        ("fa-IR", "native", "jalali"),
    ],
)
def test_digits_and_calendar_default_per_language(lang: str, digits: str, calendar: str) -> None:
    ctx = ReplyContext()
    assert ctx.digits_for(lang) == digits
    assert ctx.calendar_for(lang) == calendar


def test_explicit_digits_and_calendar_win() -> None:
    ctx = ReplyContext(digits="native", calendar="hijri")
    assert ctx.digits_for("ar") == "native"
    assert ctx.calendar_for("ar") == "hijri"
    assert ReplyContext(digits="latin").digits_for("fa") == "latin"

"""Policy: switching checks off and changing their severity."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from replykit.checks import CHECKS
from replykit.policy import Policy
from replykit.validator import check_text

SHOUTY = "I understand and I'm sorry!! I've fixed it. Thanks."


def test_default_policy_keeps_the_registry_severities() -> None:
    policy = Policy()
    assert {code: policy.severity_of(code) for code in CHECKS} == {
        code: check.severity for code, check in CHECKS.items()
    }


@pytest.mark.parametrize("spelling", ["RK613", "rk613", "tone.shouting", " RK613 "])
def test_disable_by_code_or_name(spelling: str) -> None:
    policy = Policy(disable={spelling})
    assert policy.disable == frozenset({"RK613"})
    assert policy.severity_of("RK613") is None
    assert check_text(SHOUTY, lang="en", policy=policy) == []


def test_a_single_code_may_be_given_as_a_string() -> None:
    assert Policy(disable="RK612").disable == frozenset({"RK612"})  # type: ignore[arg-type]


def test_change_a_severity() -> None:
    policy = Policy(severity={"tone.shouting": "error", "RK614": "info"})
    assert policy.severity == {"RK613": "error", "RK614": "info"}
    [finding] = check_text(SHOUTY, lang="en", policy=policy)
    assert (finding.code, finding.severity) == ("RK613", "error")


def test_disable_wins_over_a_severity() -> None:
    policy = Policy(disable={"RK613"}, severity={"RK613": "error"})
    assert policy.severity_of("RK613") is None


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"disable": {"RK999"}}, "unknown check 'RK999': expected one of RK601, RK602"),
        ({"disable": {"tone.shoutng"}}, "did you mean 'tone.shouting'"),
        ({"severity": {"RK1": "error"}}, "unknown check 'RK1'"),
        ({"severity": {"RK613": "fatal"}}, "'error', 'warning' or 'info'"),
        ({"disabled": {"RK613"}}, "extra"),
    ],
)
def test_bad_policies_are_rejected_clearly(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        Policy(**kwargs)  # type: ignore[arg-type]


def test_unknown_code_message_lists_every_known_code() -> None:
    with pytest.raises(ValidationError) as info:
        Policy(disable={"RK699"})
    for code in CHECKS:
        assert code in str(info.value)


def test_policy_is_frozen() -> None:
    policy = Policy()
    with pytest.raises(ValidationError):
        policy.disable = frozenset({"RK613"})  # type: ignore[misc]


def test_policy_round_trips_through_json() -> None:
    policy = Policy(disable={"tone.price-cut"}, severity={"RK614": "error"})
    assert Policy.model_validate_json(policy.model_dump_json()) == policy

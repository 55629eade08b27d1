"""A company's choices about the draft checks: which run, and how severe they are.

A company that does offer coupons switches RK612 off; one that treats
over-apologising as a hard error raises RK614. Codes (``RK612``) and dotted
names (``tone.price-cut``) are both accepted; unknown ones are rejected with
the list of known codes, so a typo cannot silently disable nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from difflib import get_close_matches

from pydantic import BaseModel, ConfigDict, Field, field_validator

from .models import Severity

__all__ = ["Policy"]


def _known() -> dict[str, str]:
    """Every check code, and every dotted name mapped to its code."""
    from .checks import CHECKS

    known = {code: code for code in CHECKS}
    known.update({check.name: code for code, check in CHECKS.items()})
    return known


def _code(value: str) -> str:
    known = _known()
    key = value.strip()
    if key.upper() in known:
        return known[key.upper()]
    if key in known:
        return known[key]
    codes = sorted({c for c in known.values()})
    near = get_close_matches(key, list(known), n=1)
    hint = f"; did you mean {near[0]!r}?" if near else ""
    raise ValueError(f"unknown check {value!r}: expected one of {', '.join(codes)}{hint}")


class Policy(BaseModel):
    """Which checks run and at what severity.

    Examples:
        >>> Policy(disable={"tone.price-cut"}).disable
        frozenset({'RK612'})
        >>> Policy(severity={"RK614": "error"}).severity_of("RK614")
        'error'
        >>> Policy(disable={"RK999"})
        Traceback (most recent call last):
        ...
        pydantic_core._pydantic_core.ValidationError: 1 validation error for Policy
        ...
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    #: check codes (or dotted names) that do not run
    disable: frozenset[str] = Field(default_factory=frozenset)
    #: a severity per check code (or dotted name), replacing the default
    severity: dict[str, Severity] = Field(default_factory=dict)

    @field_validator("disable", mode="before")
    @classmethod
    def _disable(cls, value: object) -> object:
        if isinstance(value, str):
            value = [value]
        if isinstance(value, Iterable):
            return frozenset(_code(str(item)) for item in value)
        return value

    @field_validator("severity", mode="before")
    @classmethod
    def _severity(cls, value: object) -> object:
        if isinstance(value, dict):
            return {_code(str(key)): level for key, level in value.items()}
        return value

    def severity_of(self, code: str) -> Severity | None:
        """The severity of check ``code`` under this policy; ``None`` when it is off."""
        if code in self.disable:
            return None
        if code in self.severity:
            return self.severity[code]
        from .checks import CHECKS

        return CHECKS[code].severity

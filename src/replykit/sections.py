"""Which sections a reply has, per archetype, and in which order.

Declared once in ``data/sections.toml`` (following each archetype's seed
article) so that the drafting engine, the validators and the template linter
agree. A template tree may carry its own ``sections.toml`` with the same shape;
its entries override or add to the packaged ones.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, RootModel, ValidationError, field_validator

from .errors import RulesError, UnknownArchetypeError

__all__ = [
    "REQUIRED_SECTIONS",
    "SECTION_NAMES",
    "SectionName",
    "SectionPlan",
    "load_sections",
    "sections_for",
]

SectionName = Literal[
    "greeting", "acknowledgement", "apology", "refocus", "solution", "thanks", "signature"
]
#: Every section a template may define, in no particular order.
SECTION_NAMES: tuple[str, ...] = (
    "greeting",
    "acknowledgement",
    "apology",
    "refocus",
    "solution",
    "thanks",
    "signature",
)
#: The moves every reply makes (LAST, seed 000): the product's promise.
REQUIRED_SECTIONS: tuple[str, ...] = ("acknowledgement", "apology", "solution", "thanks")

_PACKAGED = "sections.toml"
_ARCHETYPE_ID = r"^[a-z][a-z0-9_]*$"


class SectionPlan(BaseModel):
    """The ordered sections of one archetype's reply."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    sections: tuple[SectionName, ...]

    @field_validator("sections")
    @classmethod
    def _complete(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        seen: set[str] = set()
        for name in value:
            if name in seen:
                raise ValueError(f"section {name!r} is listed twice")
            seen.add(name)
        missing = [name for name in REQUIRED_SECTIONS if name not in seen]
        if missing:
            raise ValueError(f"every reply needs {', '.join(missing)}: add them to the list")
        return value


class _SectionsFile(RootModel[dict[str, SectionPlan]]):
    @field_validator("root")
    @classmethod
    def _ids(cls, value: dict[str, SectionPlan]) -> dict[str, SectionPlan]:
        for key in value:
            if not re.match(_ARCHETYPE_ID, key):
                raise ValueError(f"archetype id {key!r} must be lower-case letters, digits, '_'")
        return value


def _parse(text: str, where: str) -> dict[str, tuple[str, ...]]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RulesError(f"invalid TOML: {exc}", path=where) from None
    try:
        parsed = _SectionsFile.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        key = ".".join(str(part) for part in first["loc"])
        raise RulesError(first["msg"].lower(), path=where, key=key or None) from None
    return {name: plan.sections for name, plan in parsed.root.items()}


@lru_cache(maxsize=1)
def _packaged() -> dict[str, tuple[str, ...]]:
    resource = files("replykit") / "data" / _PACKAGED
    return _parse(resource.read_text(encoding="utf-8"), f"replykit/data/{_PACKAGED}")


@lru_cache(maxsize=16)
def _from_file(path: str, _stamp: int) -> dict[str, tuple[str, ...]]:
    return _parse(Path(path).read_text(encoding="utf-8"), path)


def load_sections(path: str | Path | None = None) -> Mapping[str, tuple[str, ...]]:
    """The section plan of every archetype.

    Args:
        path: a ``sections.toml`` to lay over the packaged plan (a template
            tree's own); ``None`` for the packaged plan alone.

    Raises:
        RulesError: the file is not valid TOML or does not validate; the
            message names the file and the key (``angry.sections.2``).

    Examples:
        >>> load_sections()["general"][:3]
        ('greeting', 'acknowledgement', 'apology')
    """
    plan = dict(_packaged())
    if path is not None:
        file = Path(path)
        try:
            stamp = file.stat().st_mtime_ns
        except OSError as exc:
            raise RulesError(f"cannot read sections file: {exc.strerror}", path=str(file)) from None
        plan.update(_from_file(str(file), stamp))
    return plan


def sections_for(archetype: str, *, path: str | Path | None = None) -> tuple[str, ...]:
    """The ordered section names of ``archetype``'s reply.

    Raises:
        UnknownArchetypeError: no plan for ``archetype``.

    Examples:
        >>> sections_for("angry")[:3]
        ('greeting', 'apology', 'acknowledgement')
    """
    plan = load_sections(path)
    try:
        return plan[archetype]
    except KeyError:
        raise UnknownArchetypeError(archetype, sorted(plan)) from None

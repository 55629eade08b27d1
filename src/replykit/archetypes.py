"""The customer archetypes and their precedence (``docs/archetypes``)."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["PRECEDENCE", "Archetype"]


class Archetype(StrEnum):
    """The built-in archetype ids; members compare equal to plain strings."""

    ABUSIVE = "abusive"
    SERVICE_OUTAGE = "service_outage"
    NEGLECTED = "neglected"
    DISCOUNT_SEEKER = "discount_seeker"
    UNAVAILABLE_REQUEST = "unavailable_request"
    ANGRY = "angry"
    CONFUSED = "confused"
    GENERAL = "general"

    def __repr__(self) -> str:
        # Shown as the plain id, as it compares and serialises.
        return repr(self.value)


#: Highest first. Abuse changes how any reply is written (seed 004); an outage is a
#: fact the reply must address (seed 001); ``angry`` is a temperament the
#: situation-specific templates already acknowledge, so it yields to them.
PRECEDENCE: tuple[str, ...] = tuple(a.value for a in Archetype)

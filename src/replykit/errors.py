"""Exceptions raised by replykit.

Every exception derives from :class:`ReplykitError` and also from the builtin a
caller would naturally catch (``ValueError``, ``LookupError``...), keeps the
offending values as attributes, and says what was expected.
"""

from __future__ import annotations

from collections.abc import Sequence
from difflib import get_close_matches
from typing import Literal

__all__ = [
    "InputTooLargeError",
    "MissingContextError",
    "ReplykitError",
    "RulesError",
    "TemplateRuntimeError",
    "TemplateSecurityError",
    "TemplateSyntaxError",
    "TemplatesNotFoundError",
    "UnknownArchetypeError",
    "UnknownLanguageError",
    "VariantError",
]


def _suggest(value: str, choices: Sequence[str]) -> str:
    near = get_close_matches(value, list(choices), n=1)
    return f"; did you mean {near[0]!r}?" if near else ""


class ReplykitError(Exception):
    """Base class of every error replykit raises on purpose."""


class UnknownLanguageError(ReplykitError, ValueError):
    """A language or locale tag that replykit has no lexicon or templates for."""

    def __init__(self, value: str, choices: Sequence[str]) -> None:
        self.value = value
        self.choices = tuple(choices)
        super().__init__(
            f"unknown language {value!r}: expected one of {', '.join(self.choices)}"
            + _suggest(value, self.choices)
        )


class UnknownArchetypeError(ReplykitError, ValueError):
    """An archetype id that is neither built in nor defined by the active rules."""

    def __init__(self, value: str, choices: Sequence[str]) -> None:
        self.value = value
        self.choices = tuple(choices)
        super().__init__(
            f"unknown archetype {value!r}: expected one of {', '.join(self.choices)}"
            + _suggest(value, self.choices)
        )


class RulesError(ReplykitError, ValueError):
    """A rules file that cannot be read or does not validate.

    ``path`` names the file and ``key`` the dotted key path of the first problem
    (``angry.strong.3``), so the message points at the line to fix.
    """

    def __init__(self, message: str, *, path: str | None = None, key: str | None = None) -> None:
        self.path = path
        self.key = key
        where = ": ".join(part for part in (path, key) if part)
        super().__init__(f"{where}: {message}" if where else message)


class TemplatesNotFoundError(ReplykitError, LookupError):
    """No template for an archetype and language in the template tree."""

    def __init__(self, archetype: str, lang: str, where: str) -> None:
        self.archetype = archetype
        self.lang = lang
        self.where = where
        super().__init__(f"no template for archetype {archetype!r} in language {lang!r}: looked in {where}")


class TemplateSyntaxError(ReplykitError, ValueError):
    """A template that Jinja cannot parse."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        self.path = path
        self.line = line
        where = f"{path}:{line}" if path and line else (path or "")
        super().__init__(f"{where}: {message}" if where else message)


class MissingContextError(ReplykitError, LookupError):
    """A template used a context value that was not given, without a fallback."""

    def __init__(
        self,
        variable: str,
        *,
        template: str | None = None,
        lang: str | None = None,
        line: int | None = None,
    ) -> None:
        self.variable = variable
        self.template = template
        self.lang = lang
        #: The template line that used the value, when known.
        self.line = line
        where = ", ".join(
            f"{k} {v!r}" for k, v in (("template", template), ("language", lang)) if v
        )
        super().__init__(
            f"missing context value {variable!r}"
            + (f" ({where})" if where else "")
            + ": give it in the context or add a fallback in the template"
        )


class TemplateRuntimeError(ReplykitError, RuntimeError):
    """A template failed while rendering ({{ 1/0 }}, a filter given the wrong type)."""

    def __init__(
        self, message: str, *, template: str | None = None, line: int | None = None
    ) -> None:
        self.message = message
        self.template = template
        #: The template line that failed, when known.
        self.line = line
        super().__init__(f"{template}: {message}" if template else message)


class TemplateSecurityError(ReplykitError, RuntimeError):
    """A template tried something the sandbox refuses (internals, oversized work).

    ``kind`` says which budget ran out, so that a caller can tell a hostile
    loop from a string bomb: ``"time"`` (the clock, loop iterations, template
    loads), ``"size"`` (a value, the output, what was built) or ``"depth"``
    (nested calls); ``None`` when the template reached for something
    forbidden (internals, an unsafe method).
    """

    def __init__(
        self,
        message: str,
        *,
        template: str | None = None,
        line: int | None = None,
        kind: Literal["time", "size", "depth"] | None = None,
    ) -> None:
        self.message = message
        self.template = template
        #: The template line that was refused, when known.
        self.line = line
        self.kind = kind
        super().__init__(f"{template}: {message}" if template else message)


class VariantError(ReplykitError, ValueError):
    """An explicit variant that the template does not have."""

    def __init__(self, value: object, variants: int, template: str) -> None:
        self.value = value
        self.variants = variants
        self.template = template
        super().__init__(
            f"variant {value!r} is out of range: template {template!r} has variants 1..{variants}"
        )


class InputTooLargeError(ReplykitError, ValueError):
    """A text longer than the documented maximum for the operation."""

    def __init__(self, what: str, size: int, limit: int) -> None:
        self.what = what
        self.size = size
        self.limit = limit
        super().__init__(f"{what} is {size} characters long: the maximum is {limit}")

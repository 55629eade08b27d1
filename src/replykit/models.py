"""Result types that cross replykit's boundary: classifications, drafts, findings.

They are frozen pydantic models so that callers can serialise them
(``model_dump_json``), compare them and keep them in sets without surprises.
"""

from __future__ import annotations

import html
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "ArchetypeScore",
    "Classification",
    "Draft",
    "Evidence",
    "Finding",
    "Section",
    "Severity",
]

Severity = Literal["error", "warning", "info"]

_FROZEN = ConfigDict(frozen=True, extra="forbid")
_M = TypeVar("_M", bound=BaseModel)


def trusted(cls: type[_M], **values: Any) -> _M:
    """An instance of ``cls`` from values that are already valid, every field given.

    The classifier builds thousands of small results per second from values it
    has computed itself; validating them again (or even ``model_construct``,
    which resolves defaults field by field) costs more than classifying. The
    result is an ordinary, equal, serialisable pydantic instance; a test keeps
    it equal to a validated one.
    """
    return _instance(cls, values, set(values))


# BaseModel's own slots, written through their descriptors: half the cost of
# ``object.__setattr__``, which looks each one up by name first.
_SET_DICT = BaseModel.__dict__["__dict__"].__set__
_SET_FIELDS_SET = BaseModel.__dict__["__pydantic_fields_set__"].__set__
_SET_EXTRA = BaseModel.__dict__["__pydantic_extra__"].__set__
_SET_PRIVATE = BaseModel.__dict__["__pydantic_private__"].__set__


def _instance(cls: type[_M], values: dict[str, Any], fields_set: set[str]) -> _M:
    obj = object.__new__(cls)
    _SET_DICT(obj, values)
    _SET_FIELDS_SET(obj, fields_set)
    _SET_EXTRA(obj, None)
    _SET_PRIVATE(obj, None)
    return obj


class _Result(BaseModel):
    """A frozen result that pickles as its field values.

    Results cross process boundaries in bulk (``classify_many(workers=...)``);
    pydantic's own pickling restores each object through several Python calls,
    which costs twice as much.
    """

    model_config = _FROZEN

    def __reduce__(self) -> tuple[Any, ...]:
        return (_instance, (type(self), self.__dict__, self.__pydantic_fields_set__))


class Evidence(_Result):
    """One rule term found in the message.

    ``start`` and ``end`` are half-open code-point offsets into the text the
    caller passed in, so ``text[start:end]`` is what the customer wrote.
    """

    term: str
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    kind: Literal["exact", "fuzzy", "signal"]
    similarity: float = Field(ge=0.0, le=1.0)
    weight: float = 0.0


class ArchetypeScore(_Result):
    """How strongly one archetype shows, with the evidence behind it."""

    archetype: str
    score: float = Field(ge=0.0, le=1.0)
    evidence: tuple[Evidence, ...] = ()


class Classification(_Result):
    """What :func:`replykit.classify` says about a message, and why."""

    lang: Literal["en", "ar", "fa"] | None
    primary: str
    labels: tuple[str, ...] = ()
    scores: tuple[ArchetypeScore, ...] = ()
    escalate: bool = False
    needs_review: bool = False
    truncated: bool = False
    rules_version: str = ""

    def score_of(self, archetype: str) -> float:
        """The score of ``archetype``, 0.0 when it did not show at all."""
        for item in self.scores:
            if item.archetype == archetype:
                return item.score
        return 0.0


class Section(_Result):
    """One named part of a draft (``acknowledgement``, ``apology``...)."""

    name: str
    text: str


class Draft(_Result):
    """A reply ready for an agent to read, edit and send."""

    archetype: str
    lang: Literal["en", "ar", "fa"]
    direction: Literal["ltr", "rtl"]
    variant: int = Field(ge=1)
    sections: tuple[Section, ...]
    text: str
    #: Context values as rendered into the draft, so checks can tell the
    #: template's wording from the customer's or company's own words.
    values: tuple[str, ...] = ()

    def section(self, name: str) -> Section | None:
        """The section called ``name``, or ``None``."""
        for item in self.sections:
            if item.name == name:
                return item
        return None

    def to_html(self) -> str:
        """An escaped HTML fragment: one ``<p>`` per section, ``dir`` set.

        Bidi isolates (U+2068 ... U+2069) become ``<bdi>`` elements.
        """
        parts = [f'<div class="replykit-draft" dir="{self.direction}" lang="{self.lang}">']
        for item in self.sections:
            body = html.escape(item.text, quote=True)
            if _balanced_isolates(body):
                body = body.replace("\u2068", "<bdi>").replace("\u2069", "</bdi>")
            else:  # a stray isolate (from a value) must not open an element
                body = body.replace("\u2068", "").replace("\u2069", "")
            body = body.replace("\n", "<br>\n")
            parts.append(f'<p data-section="{html.escape(item.name)}">{body}</p>')
        parts.append("</div>")
        return "\n".join(parts)


def _balanced_isolates(text: str) -> bool:
    depth = 0
    for ch in text:
        if ch == "\u2068":
            depth += 1
        elif ch == "\u2069":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


class Finding(_Result):
    """One problem found in a draft, a reply or a template.

    Shared by the draft validators and the template linter, so a CI report and
    an agent's warning read the same way. Sorts by place, then code.
    """

    code: str = Field(pattern=r"^RK\d{3}$")
    severity: Severity
    message: str
    name: str = ""
    section: str | None = None
    path: str | None = None
    line: int | None = Field(default=None, ge=1)
    column: int | None = Field(default=None, ge=1)

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path or "", self.line or 0, self.column or 0, self.code)

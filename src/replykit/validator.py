"""Check a reply before it goes out: :func:`validate` for drafts, :func:`check_text` for any text.

Both run the checks of :mod:`replykit.checks` (the RK6xx family) and return
:class:`~replykit.models.Finding` objects, the same type the template linter
reports. Neither imports Jinja: ``check_text`` runs on replies an agent typed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, Literal, get_args

from .archetypes import Archetype
from .checks import Part, Subject, mask_values, run_checks
from .context import TEXT_FIELDS
from .errors import InputTooLargeError, UnknownArchetypeError
from .languages import detect_language, resolve_language
from .models import Draft, Finding
from .sections import load_sections
from .tone import load_lexicon

if TYPE_CHECKING:
    from .context import ReplyContext
    from .policy import Policy

__all__ = ["MAX_REPLY_CHARS", "check_text", "validate"]

#: Longest reply :func:`check_text` reads; longer text raises InputTooLargeError.
#: A reply is a message to one customer: far beyond this it is not one.
MAX_REPLY_CHARS = 100_000

Channel = Literal["email", "chat", "sms", "social"]
_CHANNELS: tuple[str, ...] = get_args(Channel)


def _context_values(context: Any) -> Iterator[str]:
    """The printable text values of a context, so they are masked like ``Draft.values``."""
    if context is None:
        return
    for name in TEXT_FIELDS:
        value = getattr(context, name, None)
        if isinstance(value, str):
            yield value
    yield from (s for s in (getattr(context, "steps", None) or ()) if isinstance(s, str))
    cause = getattr(getattr(context, "incident", None), "cause", None)
    if isinstance(cause, str):
        yield cause


def _parts(
    named: Iterable[tuple[str | None, str]], text: str, values: Iterable[str], lang: str
) -> tuple[Part, ...]:
    lexicon = load_lexicon(lang)
    values = tuple(values)
    parts: list[Part] = []
    cursor = 0
    for name, body in named:
        found = text.find(body, cursor) if body else -1
        offset: int | None = found if found != -1 else None
        if offset is not None:
            cursor = offset + len(body)
        masked = mask_values(body, values)
        parts.append(Part(name, body, masked, offset, lexicon.scan(masked)))
    return tuple(parts)


def validate(
    draft: Draft,
    *,
    policy: Policy | None = None,
    context: ReplyContext | None = None,
    channel: Channel | None = None,
) -> list[Finding]:
    """Check a draft's structure, rendering, script and tone.

    Checks the template's wording only: ``draft.values`` (and the text values
    of ``context``) are masked first, so a company called "STC" is not
    shouting and a Latin name in Persian text is not untranslated.

    Args:
        draft: a draft from :func:`replykit.draft` or one built by hand.
        policy: switches checks off or changes their severity.
        context: the context the draft was made from. With it, an outage
            draft is checked for the incident's fix time and data safety
            (RK620), and the channel defaults to ``context.channel``.
        channel: ``"sms"`` or ``"social"`` check the length (RK630, RK631);
            ``None`` takes the context's channel, or skips the length checks
            when there is no context.

    Returns:
        Findings sorted by place; empty when the draft is clean.

    Examples:
        >>> from replykit.models import Draft, Section
        >>> parts = [Section(name="acknowledgement", text="I can see the app logged you out."),
        ...          Section(name="apology", text="I'm sorry about that."),
        ...          Section(name="solution", text="I've reset your session."),
        ...          Section(name="thanks", text="THANKS for your patience!!")]
        >>> d = Draft(archetype="general", lang="en", direction="ltr", variant=1,
        ...           sections=tuple(parts), text="\\n\\n".join(p.text for p in parts))
        >>> [f.code for f in validate(d)]
        ['RK613', 'RK613']
    """
    if not isinstance(draft, Draft):
        raise TypeError(f"validate() takes a Draft, not {type(draft).__name__}")
    if channel is None and context is not None:
        channel = getattr(context, "channel", None)
    if channel is not None and channel not in _CHANNELS:
        raise ValueError(f"unknown channel {channel!r}: expected one of {', '.join(_CHANNELS)}")
    values = (*draft.values, *_context_values(context))
    named: list[tuple[str | None, str]] = [(s.name, s.text) for s in draft.sections]
    if not named:
        named = [(None, draft.text)]
    plan = load_sections().get(draft.archetype)
    subject = Subject(
        mode="draft",
        lang=draft.lang,
        archetype=draft.archetype,
        text=draft.text,
        parts=_parts(named, draft.text, values, draft.lang),
        lexicon=load_lexicon(draft.lang),
        plan=plan,
        incident=getattr(context, "incident", None),
        channel=channel,
    )
    return run_checks(subject, policy)


def check_text(
    text: str,
    *,
    lang: str | None = None,
    archetype: str | None = None,
    policy: Policy | None = None,
) -> list[Finding]:
    """Check a reply an agent wrote or edited: the four moves and the tone.

    Finds the acknowledgement, apology, solution and thanks in the ways agents
    really write them, and reports each missing one (RK601); runs the same
    rendering, script and tone checks as :func:`validate`. The coupon check
    (RK612) runs when ``archetype`` is ``discount_seeker``.

    Args:
        text: the reply.
        lang: ``en``, ``ar`` or ``fa`` (or a locale tag such as ``ar-EG``);
            detected from the letters when ``None``.
        archetype: the complaint's archetype, when known.
        policy: switches checks off or changes their severity.

    Raises:
        InputTooLargeError: ``text`` is longer than :data:`MAX_REPLY_CHARS`.
        UnknownLanguageError: ``lang`` is not a language replykit speaks.
        UnknownArchetypeError: ``archetype`` is not a known archetype.

    Examples:
        >>> [f.message for f in check_text("Thanks for waiting. I've reissued the refund today.")]
        ['no acknowledgement found in the reply: add one (show you understand the problem and the feeling)', 'no apology found in the reply: add one (apologise for what went wrong)']
    """
    if not isinstance(text, str):
        raise TypeError(f"check_text() takes a str, not {type(text).__name__}")
    if len(text) > MAX_REPLY_CHARS:
        raise InputTooLargeError("reply", len(text), MAX_REPLY_CHARS)
    code = resolve_language(lang) if lang is not None else (detect_language(text) or "en")
    if archetype is not None:
        known = load_sections()
        if archetype not in known:
            raise UnknownArchetypeError(archetype, sorted(set(known) | {a.value for a in Archetype}))
    subject = Subject(
        mode="text",
        lang=code,
        archetype=archetype,
        text=text,
        parts=_parts([(None, text)], text, (), code),
        lexicon=load_lexicon(code),
    )
    return run_checks(subject, policy)

"""Turn a classified complaint into a reply draft.

The archetype picks the template and the section plan (``data/sections.toml``);
the context fills the template; the variant picks one of the template's
wordings. Each section is one named block of the template, rendered on its own
so that the draft keeps the sections apart for validators and for HTML.

:func:`draft` and :func:`reply` settle all of that; :func:`render_draft` is
the last step alone, for a caller that has its own compiled template (the
template linter renders through it, so that it checks what drafting sends).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .context import TEXT_FIELDS, ReplyContext
from .errors import VariantError
from .formatting import Formatter
from .languages import LANGUAGES, Language, detect_language, resolve_language
from .models import Classification, Draft, Section, _instance, trusted
from .sandbox import Record
from .sections import sections_for
from .templating import FORMATTER_VARIABLE, load_template, render_blocks

if TYPE_CHECKING:
    from .sandbox import Limits
    from .templating import LoadedTemplate

__all__ = ["VariantError", "choose_variant", "draft", "render_draft", "reply"]

_SPACE_RUN = re.compile(r"[ \t]{2,}")
# Consumed by the filters, never printed.
_POLICY_FIELDS = frozenset({"timezone", "digits", "calendar"})


def choose_variant(seed: str, variants: int) -> int:
    """A variant in ``1..variants`` that depends only on ``seed``.

    BLAKE2b rather than :func:`hash`, whose value changes from one process to
    the next: the same ticket must get the same wording on every machine.

    Examples:
        >>> choose_variant("T-1042", 2) == choose_variant("T-1042", 2)
        True
        >>> 1 <= choose_variant("", 3) <= 3
        True
    """
    if variants < 1:
        raise ValueError(f"variants must be at least 1, not {variants}")
    # surrogatepass: a lone surrogate in a complaint must not stop the draft.
    digest = hashlib.blake2b(seed.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "big") % variants + 1


def _as_context(context: ReplyContext | Mapping[str, Any] | None) -> ReplyContext:
    if context is None:
        return ReplyContext()
    if isinstance(context, ReplyContext):
        return context
    if isinstance(context, Mapping):
        return ReplyContext.model_validate(context if type(context) is dict else dict(context))
    raise TypeError(f"context must be a ReplyContext or a mapping, not {type(context).__name__}")


def _variables(context: ReplyContext) -> dict[str, Any]:
    """The template's variables: given fields only, so absent ones are undefined."""
    values: dict[str, Any] = {}
    # The model's own field values (a frozen model keeps them in ``__dict__``),
    # read without a getattr per field.
    for name, value in context.__dict__.items():
        if value is None or name in _POLICY_FIELDS:
            continue
        if name == "incident":
            value = Record("incident", value.model_dump(exclude_none=True))
        elif name == "steps":
            value = list(value)
        values[name] = value
    return values


def _tidy(text: str) -> str:
    """One section's text: no blank lines, no stray spaces from template layout."""
    if "\n" not in text and "\r" not in text:
        # One line, as most sections are: skip the split and join.
        if "  " in text or "\t" in text:
            text = _SPACE_RUN.sub(" ", text)
        return text.strip(" \t")
    lines = (
        _SPACE_RUN.sub(" ", line).strip(" \t") for line in text.replace("\r\n", "\n").split("\n")
    )
    return "\n".join(line for line in lines if line)


def _printed_values(context: ReplyContext, produced: Iterable[str], text: str) -> tuple[str, ...]:
    fields = context.__dict__  # a frozen model's field values, read without getattr
    candidates: list[str] = [value for name in TEXT_FIELDS if (value := fields[name])]
    incident = fields["incident"]
    if incident is not None and incident.cause:
        candidates.append(incident.cause)
    candidates.extend(fields["steps"] or ())
    candidates.extend(produced)
    seen: dict[str, None] = {}
    for value in candidates:
        if value and value in text:
            seen[value] = None
    return tuple(seen)


def _resolve(
    text: str | None,
    classification: Classification | None,
    lang: str | None,
    archetype: str | None,
) -> tuple[Language, str]:
    if archetype is None:
        if classification is None:
            from .classifier import classify

            classification = classify(text or "", lang=lang)
        archetype = classification.primary
    if lang is not None:
        return resolve_language(lang), str(archetype)
    if classification is not None and classification.lang is not None:
        return classification.lang, str(archetype)
    return (detect_language(text or "") or "en"), str(archetype)


def draft(
    complaint: str | Classification,
    *,
    context: ReplyContext | Mapping[str, Any] | None = None,
    lang: str | None = None,
    archetype: str | None = None,
    variant: int | None = None,
    templates: str | Path | None = None,
) -> Draft:
    """Draft a reply to ``complaint`` in its language, following its archetype's method.

    Args:
        complaint: the customer's message, or its :class:`Classification`.
            A message is classified first unless ``archetype`` is given.
        context: what the reply may say (names, incident, follow-up time...),
            a :class:`ReplyContext` or a mapping of its fields.
        lang: the reply's language (``en``, ``ar``, ``fa`` or a locale tag);
            by default the complaint's.
        archetype: the template to use, overriding the classification.
        variant: the wording, ``1..N``; by default a stable hash of the
            context's ticket id, or of the complaint when there is none.
        templates: a template tree of your own (``<lang>/<archetype>.txt.j2``),
            optionally with a ``sections.toml``; the built-in tree by default.

    Raises:
        UnknownArchetypeError: no section plan for the archetype.
        TemplatesNotFoundError: no template for the archetype and language.
        MissingContextError: the template printed a value that was not given.
        VariantError: ``variant`` is outside the template's variants.

    Examples:
        >>> reply_draft = draft("Where is my parcel?", archetype="general", lang="en", variant=1)
        >>> reply_draft.sections[0].name, reply_draft.direction
        ('greeting', 'ltr')
    """
    if isinstance(complaint, Classification):
        text, classification = None, complaint
    elif isinstance(complaint, str):
        text, classification = complaint, None
    else:
        raise TypeError(
            f"complaint must be a str or a Classification, not {type(complaint).__name__}"
        )
    return _draft(
        text,
        classification,
        context=context,
        lang=lang,
        archetype=archetype,
        variant=variant,
        templates=templates,
    )


def reply(
    text: str,
    *,
    context: ReplyContext | Mapping[str, Any] | None = None,
    lang: str | None = None,
    archetype: str | None = None,
    variant: int | None = None,
    templates: str | Path | None = None,
) -> Draft:
    """Classify ``text`` and draft the reply in one call (see :func:`draft`)."""
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    return _draft(
        text,
        None,
        context=context,
        lang=lang,
        archetype=archetype,
        variant=variant,
        templates=templates,
    )


def _draft(
    text: str | None,
    classification: Classification | None,
    *,
    context: ReplyContext | Mapping[str, Any] | None,
    lang: str | None,
    archetype: str | None,
    variant: int | None,
    templates: str | Path | None,
) -> Draft:
    ctx = _as_context(context)
    language, archetype_id = _resolve(text, classification, lang, archetype)
    tree = Path(templates) if templates is not None else None
    own_plan = tree / "sections.toml" if tree is not None else None
    plan = sections_for(
        archetype_id, path=own_plan if own_plan is not None and own_plan.is_file() else None
    )
    loaded = load_template(archetype_id, language, templates=tree)

    if variant is None:
        seed = ctx.ticket_id or text
        if seed is None and classification is not None:
            seed = classification.model_dump_json()
        chosen = choose_variant(seed or "", loaded.variants)
    elif (
        isinstance(variant, bool)
        or not isinstance(variant, int)
        or not 1 <= variant <= loaded.variants
    ):
        raise VariantError(variant, loaded.variants, loaded.name)
    else:
        chosen = variant

    return render_draft(loaded, ctx, variant=chosen, sections=plan)


def render_draft(
    template: LoadedTemplate,
    context: ReplyContext,
    *,
    variant: int,
    sections: Iterable[str],
    limits: Limits | None = None,
) -> Draft:
    """Render ``template`` into a draft: the last step of :func:`draft`, with nothing chosen.

    :func:`draft` settles the archetype, language, template, section plan and
    variant, then calls this. A caller that compiled a template itself (the
    template linter) calls it directly and gets exactly the draft the engine
    would make: the same variables, the same block rendering under one render
    budget, the same tidying and the same record of printed values.

    Args:
        template: a compiled template and its archetype and language
            (:func:`replykit.templating.load_template`).
        context: the validated context.
        variant: the wording, ``1..template.variants`` (not checked here).
        sections: the section plan: block names in order; a block the
            template lacks, or that renders empty, is left out.
        limits: the render budget; by default the ``MAX_*`` constants of
            :mod:`replykit.templating`.

    Raises:
        MissingContextError: the template printed a value that was not given.
        TemplateSecurityError: the template tried something the sandbox
            refuses, or went over a limit.
        TemplateRuntimeError: the template failed in any other way.
    """
    language = template.lang
    # Formatter takes the language's own digits and calendar when the context has none.
    formatter = Formatter(
        language, timezone=context.timezone, digits=context.digits, calendar=context.calendar
    )
    variables = _variables(context)
    variables["variant"] = variant
    variables["lang"] = language
    variables["archetype"] = template.archetype
    variables[FORMATTER_VARIABLE] = formatter
    render_context = template.template.new_context(variables)
    parts: list[Section] = []
    for name, text in render_blocks(template, sections, render_context, limits=limits):
        body = _tidy(text)
        if body:
            parts.append(_instance(Section, {"name": name, "text": body}, {"name", "text"}))
    full_text = "\n\n".join(section.text for section in parts)
    # Every value is the engine's own (checked archetype, language, variant;
    # rendered text): no need to validate again.
    return trusted(
        Draft,
        archetype=template.archetype,
        lang=language,
        direction=LANGUAGES[language].direction,
        variant=variant,
        sections=tuple(parts),
        text=full_text,
        values=_printed_values(context, formatter.produced, full_text),
    )

"""The draft and reply checks (the RK6xx family): a registry of small functions.

Each check has a stable code (``RK610``), a dotted name (``tone.blame``), a
default severity, a one-line summary and a docstring with an
**Anti-pattern** and a **Best practice** paragraph; ``docs/validation.md`` is
written from them. A check reads a :class:`Subject` (the text split into
parts, already scanned against the language's lexicon) and yields
:class:`Issue` objects; :func:`run_checks` turns them into
:class:`~replykit.models.Finding` objects with the severity a
:class:`~replykit.policy.Policy` gives them.

Checks look at the template's own wording: values that came from the context
(the customer's name, the company, the ticket id) are blanked out of
``Part.masked`` before any check reads it, so a company called "STC" is not
shouting and a customer named "Coupon" is not a price cut.
"""

from __future__ import annotations

import inspect
import math
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from .models import Finding, Severity
from .tone import MOVES, Lexicon, Match, Scan

if TYPE_CHECKING:
    from .policy import Policy

__all__ = [
    "CHECKS",
    "MASK",
    "Check",
    "Issue",
    "Part",
    "Subject",
    "mask_values",
    "reference_markdown",
    "run_checks",
    "sms_segments",
]

#: What a context value's characters become in ``Part.masked``: a private-use
#: code point, neither a letter nor a digit nor upper-case, so no check reads it.
MASK = "\ue000"
ISOLATES = "\u2068\u2069"

Mode = Literal["draft", "text"]


@dataclass(frozen=True, slots=True)
class Part:
    """One stretch of text checked on its own: a draft section, or a whole reply."""

    #: the section name; ``None`` for a reply checked with ``check_text``
    name: str | None
    #: the text as written
    text: str
    #: ``text`` with context values blanked out (same length, same offsets)
    masked: str
    #: where ``text`` starts in the whole reply; ``None`` when it cannot be found
    offset: int | None
    #: ``masked`` scanned against the lexicon
    scan: Scan


@dataclass(frozen=True, slots=True)
class Subject:
    """Everything a check may read."""

    mode: Mode
    lang: str
    archetype: str | None
    text: str
    parts: tuple[Part, ...]
    lexicon: Lexicon
    #: the archetype's declared section order; ``None`` when unknown
    plan: tuple[str, ...] | None = None
    #: the outage facts (a :class:`replykit.context.Incident`), when known
    incident: Any = None
    channel: str | None = None


@dataclass(frozen=True, slots=True)
class Issue:
    """A problem a check found; ``start`` is an offset into ``part.text``."""

    message: str
    part: Part | None = None
    start: int | None = None
    #: the section concerned when there is no part (a missing section)
    section: str | None = None


@dataclass(frozen=True, slots=True)
class Check:
    """A registered check: its identity, its documentation and its function."""

    code: str
    name: str
    severity: Severity
    summary: str
    #: the docstring: summary, **Anti-pattern**, **Best practice**
    doc: str
    #: ``draft`` (``validate``), ``text`` (``check_text``) or both
    modes: frozenset[str]
    func: Callable[[Subject], Iterable[Issue]]


#: Every check by code, in code order.
CHECKS: dict[str, Check] = {}


def _check(
    code: str, name: str, severity: Severity, *, modes: tuple[Mode, ...] = ("draft", "text")
) -> Callable[[Callable[[Subject], Iterable[Issue]]], Callable[[Subject], Iterable[Issue]]]:
    def register(func: Callable[[Subject], Iterable[Issue]]) -> Callable[[Subject], Iterable[Issue]]:
        doc = inspect.cleandoc(func.__doc__ or "")
        if "**Anti-pattern**" not in doc or "**Best practice**" not in doc:
            raise TypeError(f"check {code} needs an Anti-pattern and a Best practice paragraph")
        if code in CHECKS:
            raise TypeError(f"check code {code} is registered twice")
        CHECKS[code] = Check(
            code=code,
            name=name,
            severity=severity,
            summary=doc.splitlines()[0].rstrip("."),
            doc=doc,
            modes=frozenset(modes),
            func=func,
        )
        return func

    return register


# -- helpers ---------------------------------------------------------------


def mask_values(text: str, values: Iterable[str]) -> str:
    """Blank out every whole occurrence of each value (longest first).

    A value counts where it is not glued to a letter or digit on either side,
    so a company called "Go" does not blank out "Good". Values shorter than two
    characters are left alone: they would blank out ordinary words.

    Examples:
        >>> mask_values("Hi STC team, STCX", ["STC"]).count("\\ue000")
        3
    """
    chars = list(text)
    wanted = {v.strip().strip(ISOLATES).strip() for v in values if isinstance(v, str)}
    for value in sorted((v for v in wanted if len(v) >= 2), key=len, reverse=True):
        start = text.find(value)
        while start != -1:
            end = start + len(value)
            before = text[start - 1] if start else " "
            after = text[end] if end < len(text) else " "
            if not (before.isalnum() and value[0].isalnum()) and not (
                after.isalnum() and value[-1].isalnum()
            ):
                chars[start:end] = MASK * len(value)
            start = text.find(value, start + 1)
    return "".join(chars)


def _clauses(scan: Scan) -> Iterator[tuple[int, int]]:
    """Token index ranges ``(first, last)`` of the clauses of a scanned text."""
    first = 0
    for i, tok in enumerate(scan.tokens):
        if i and tok.brk:
            yield first, i - 1
            first = i
    if scan.tokens:
        yield first, len(scan.tokens) - 1


def _quote(part: Part, match: Match) -> str:
    return part.text[match.start : match.end]


def _where(subject: Subject) -> str:
    return "the draft" if subject.mode == "draft" else "the reply"


# -- structure -------------------------------------------------------------


@_check("RK601", "structure.missing-move", "error")
def _missing_move(subject: Subject) -> Iterator[Issue]:
    """A reply lacks one of the four moves: acknowledgement, apology, solution, thanks.

    Every replykit reply listens, apologises, solves and thanks (LAST, seed 000;
    CARP's acknowledge and problem-solve, seed 001). In a draft each move is a
    section that must be present and not blank; in a reply an agent wrote, the
    move is looked for in the ways agents really write it ("I can see", "my
    apologies", "I've gone ahead and", "thanks for bearing with us"; "نتفهم",
    "نعتذر", "سنقوم", "شكرا"; "درک می\u200cکنم", "پوزش", "پیگیری", "ممنون").

    **Anti-pattern**: an edited reply whose apology was deleted, or a draft
    whose ``thanks`` block renders to nothing when a value is missing.

    **Best practice**: keep all four moves, however short: "I'm sorry for the
    wait. I've reissued the refund; it reaches your card within 3 days.
    Thanks for bearing with us."
    """
    if subject.mode == "draft":
        sections = {part.name: part for part in subject.parts}
        for move in MOVES:
            part = sections.get(move)
            if part is None:
                yield Issue(f"no {move} section: every reply holds {', '.join(MOVES)}", section=move)
            elif not part.text.strip(" \t\n" + ISOLATES):
                yield Issue(f"the {move} section is empty", part)
        return
    found = {m.category for part in subject.parts for m in part.scan.of(*MOVES)}
    for move in MOVES:
        if move not in found:
            yield Issue(f"no {move} found in the reply: add one ({_HINTS[move]})")


_HINTS = {
    "acknowledgement": "show you understand the problem and the feeling",
    "apology": "apologise for what went wrong",
    "solution": "say what you did or will do, and when",
    "thanks": "thank them for their patience or trust",
}


@_check("RK602", "structure.order", "warning", modes=("draft",))
def _order(subject: Subject) -> Iterator[Issue]:
    """A draft's sections are not in the order its archetype declares.

    The order is declared once per archetype in ``replykit/data/sections.toml``
    and follows the archetype's article: the angry reply of seed 001
    apologises before it acknowledges; the discount reply opens by thanking
    the customer for valuing the product. Sections the plan does not list are
    not checked.

    **Anti-pattern**: a discount reply that opens with the regret about the
    price and thanks the customer only at the end.

    **Best practice**: draft from the archetype's template, or keep its
    section order when assembling a reply by hand.
    """
    if subject.plan is None:
        return
    rank = {name: i for i, name in enumerate(subject.plan)}
    seen: list[Part] = []
    for part in subject.parts:
        if part.name not in rank:
            continue
        for prev in seen:
            if rank[prev.name or ""] > rank[part.name]:
                yield Issue(
                    f"{part.name!r} comes after {prev.name!r}: {subject.archetype} replies run "
                    + ", ".join(subject.plan),
                    part,
                )
                return
        seen.append(part)


# -- rendering -------------------------------------------------------------

_BOTH = frozenset({"draft", "text"})
_UNRENDERED: tuple[tuple[re.Pattern[str], str, frozenset[str]], ...] = (
    (re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}"), "template syntax", _BOTH),
    (re.compile(r"\{\s*[A-Za-z_][A-Za-z0-9_.]*\s*\}"), "a placeholder", _BOTH),
    (re.compile(r"\[\[[^\[\]\n]{0,60}\]\]"), "a placeholder", _BOTH),
    # "[Customer name]", "[اسم العميل]": a canned reply's slot left unfilled.
    (re.compile(r"\[(?:[^\W\d_]|_)[\w \u200c]{0,40}\](?!\()"), "a placeholder", _BOTH),
    (re.compile(r"\b(?:None|null|undefined|NaN|TODO|FIXME|TBD|XXX)\b"), "a missing value", _BOTH),
    # "Hi ," / "عزيزي ،": a value that rendered empty before a comma. In a
    # template's output any space before a comma is one; people also type a
    # space before a comma by habit, so in free text only after a greeting.
    (re.compile(r"(?<=\S)[ \t]+[,\u060c]"), "an empty slot", frozenset({"draft"})),
    (
        re.compile(
            r"\b(?:Hi|Hello|Hey|\u0639\u0632\u064a\u0632\u064a|\u0639\u0632\u064a\u0632\u062a\u064a"
            r"|\u0645\u0631\u062d\u0628\u0627\u064b?|\u0623\u0647\u0644\u0627\u064b?)[ \t]+[,\u060c]"
        ),
        "an empty slot",
        frozenset({"text"}),
    ),
    (re.compile(r"(?m)^[ \t]*[,\u060c]"), "an empty slot", _BOTH),
    (re.compile(r"\bDear[ \t]*,"), "an empty slot", _BOTH),
    (re.compile(r"\([ \t]*\)"), "an empty slot", _BOTH),
    (re.compile(r"(?m):[ \t]*[-\u2013\u2014][ \t]*$"), "an empty slot", _BOTH),
)


@_check("RK603", "render.unrendered", "error")
def _unrendered(subject: Subject) -> Iterator[Issue]:
    """Template syntax, a placeholder or an empty slot is left in the text.

    Looks for ``{{``/``{%``, ``{name}``, ``[[...]]``, ``[Customer name]``,
    ``None``/``null``/``undefined``, ``TODO``/``FIXME``/``TBD`` and the marks of
    a value that rendered empty: "Hi ,", "Dear,", "()", "Ticket: -". In free
    text a space before a comma counts only after a greeting ("Hi ,"), since
    people type one by habit. Values from the context are not checked: a
    customer who calls themselves ``{{ 7*7 }}`` keeps their name.

    **Anti-pattern**: "Hi , thanks for contacting [Company]. Your ticket is
    None."

    **Best practice**: give every optional value a fallback wording in the
    template ("Hello," when there is no name), and fill or delete every slot
    of a canned reply before sending.
    """
    for part in subject.parts:
        ends: set[int] = set()  # "Dear ," is one empty slot, however many rules see it
        for pattern, what, modes in _UNRENDERED:
            if subject.mode not in modes:
                continue
            for m in pattern.finditer(part.masked):
                if m.end() in ends:
                    continue
                ends.add(m.end())
                shown = part.text[m.start() : m.end()].strip() or m.group()
                yield Issue(f"{what} left unrendered: {shown!r}", part, m.start())


# -- script ----------------------------------------------------------------

_ARABIC_IN_PERSIAN = {"\u064a": "\u06cc", "\u0643": "\u06a9", "\u0649": "\u06cc"}  # ي ك ى
_PERSIAN_IN_ARABIC = {"\u06cc": "\u064a", "\u06a9": "\u0643"}  # ی ک
_ARABIC_DIGITS = frozenset("\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669")


def _letters(subject: Subject, lang: str, table: dict[str, str], what: str) -> Iterator[Issue]:
    if subject.lang != lang:
        return
    for part in subject.parts:
        found = [(i, ch) for i, ch in enumerate(part.masked) if ch in table]
        if found:
            letters = " ".join(sorted({ch for _i, ch in found}))
            fixes = " ".join(sorted({table[ch] for _i, ch in found}))
            yield Issue(f"{len(found)} {what} ({letters}): write {fixes}", part, found[0][0])


@_check("RK604", "script.arabic-letters-in-persian", "error")
def _arabic_letters(subject: Subject) -> Iterator[Issue]:
    """Persian text written with the Arabic yeh and kaf (ي ك ى).

    Persian uses ی (U+06CC) and ک (U+06A9). The Arabic forms look alike in
    some fonts but break search, sorting and spell-checking, and read as
    careless to a Persian customer. Values from the context are not checked.

    **Anti-pattern**: "مشكل شما را پيگيري مي\u200cكنيم" typed on an Arabic
    keyboard.

    **Best practice**: "مشکل شما را پیگیری می\u200cکنیم".
    """
    return _letters(subject, "fa", _ARABIC_IN_PERSIAN, "Arabic letters in Persian text")


@_check("RK605", "script.persian-letters-in-arabic", "warning")
def _persian_letters(subject: Subject) -> Iterator[Issue]:
    """Arabic text written with the Persian yeh and kaf (ی ک).

    The mirror of RK604: text typed on a Persian keyboard. Values from the
    context are not checked.

    **Anti-pattern**: "نشکرک علی صبرک" with ک and ی.

    **Best practice**: "نشكرك على صبرك".
    """
    return _letters(subject, "ar", _PERSIAN_IN_ARABIC, "Persian letters in Arabic text")


@_check("RK606", "script.arabic-digits-in-persian", "warning")
def _arabic_digits(subject: Subject) -> Iterator[Issue]:
    """Persian text with Arabic-Indic digits (٤٥٦) instead of Persian ones (۴۵۶).

    The two digit sets differ in four, five and six; Persian readers expect
    their own, or Latin digits when the digit policy says so.

    **Anti-pattern**: "تا ساعت ١٤:٣٠".

    **Best practice**: "تا ساعت ۱۴:۳۰" (format numbers and times with the
    template filters, which follow the digit policy).
    """
    if subject.lang != "fa":
        return
    for part in subject.parts:
        found = [i for i, ch in enumerate(part.masked) if ch in _ARABIC_DIGITS]
        if found:
            yield Issue(
                f"{len(found)} Arabic-Indic digits in Persian text: write Persian digits", part, found[0]
            )


_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*[A-Za-z]|[A-Za-z]")
_CHUNK = re.compile(r"\S+")


@_check("RK607", "script.untranslated", "warning", modes=("draft",))
def _untranslated(subject: Subject) -> Iterator[Issue]:
    """Latin words in the wording of an Arabic or Persian draft.

    A Latin word that is not a common acronym (SMS, OTP) or a platform name
    (iPhone, WhatsApp) is usually English left behind in a translated
    template. Values from the context (a Latin customer or company name),
    e-mail addresses and URLs are not checked. Only drafts are checked: an
    agent's own reply may name a product.

    **Anti-pattern**: "نعتذر عن the delay".

    **Best practice**: "نعتذر عن التأخير"; keep Latin only in values, which the
    template isolates with ``| isolate``.
    """
    if subject.lang not in ("ar", "fa"):
        return
    lex = subject.lexicon
    for part in subject.parts:
        words: list[tuple[int, str]] = []
        for chunk in _CHUNK.finditer(part.masked):
            text = chunk.group()
            if "@" in text or "://" in text or text.lower().startswith("www."):
                continue
            for m in _LATIN_WORD.finditer(text):
                word = m.group()
                if word in lex.acronyms or word.upper() in lex.acronyms:
                    continue
                if word.casefold() in lex.latin_words:
                    continue
                words.append((chunk.start() + m.start(), word))
        if words:
            shown = ", ".join(repr(w) for _i, w in words[:3]) + (" ..." if len(words) > 3 else "")
            yield Issue(f"Latin words in {subject.lang} wording: {shown}", part, words[0][0])


# -- tone ------------------------------------------------------------------


@_check("RK610", "tone.blame", "error")
def _blame(subject: Subject) -> Iterator[Issue]:
    """Wording that blames the customer.

    CARP's first step is control: no anger, no scoring points. Seed 000 calls
    personalising a dispute the worst mistake: "winning a deal and losing a
    customer". Phrases such as "you should have", "as I already said", "you
    failed to", "كما قلت سابقا", "تقصیر خودتان" put the fault on the customer
    even when it is theirs.

    **Anti-pattern**: "As I already said, you should have read the setup
    guide."

    **Best practice**: describe the fix, not the fault: "The setup guide's
    step 3 sets this; I've linked it below and I'm glad to walk you through
    it."
    """
    for part in subject.parts:
        for m in part.scan.of("blame"):
            yield Issue(f"blames the customer: {_quote(part, m)!r}", part, m.start)


@_check("RK611", "tone.sales-push", "error")
def _sales_push(subject: Subject) -> Iterator[Issue]:
    """Selling, urgency or fear of missing out in a service reply.

    Seed 002: customer service receives requests; it does not sell, does not
    manoeuvre and does not make the customer fear losing a chance. Seed 003
    lists pushing unwanted products among the habits that wreck service.
    Looks for "limited time", "act now", "only today", "don't miss", "upgrade
    now", "لفترة محدودة", "لا تفوت", "فقط امروز", "از دست ندهید"... A
    negated mention ("there's no hurry") is not a push.

    **Anti-pattern**: "Upgrade now: this price is for a limited time only!"

    **Best practice**: state the option once, calmly, and leave the choice to
    the customer: "If it helps, the annual plan includes this; happy to
    explain it whenever suits you."
    """
    for part in subject.parts:
        for m in part.scan.of("sales_push"):
            if not subject.lexicon.guarded(part.scan, m):
                yield Issue(f"sales push or urgency: {_quote(part, m)!r}", part, m.start)


@_check("RK612", "tone.price-cut", "error")
def _price_cut(subject: Subject) -> Iterator[Issue]:
    """A coupon, discount code or price cut offered to a discount seeker.

    Seed 001 ("discounts can destroy your business"): the reply thanks the
    customer for valuing the product, explains the price, and redirects to a
    plan that fits, without a coupon. Only replies to the ``discount_seeker``
    archetype are checked (a goodwill credit after an outage is another
    matter); a company that does offer coupons switches the check off with a
    policy. A mention that is negated or is the customer's own request is not
    an offer: "we do not offer discount codes", "you asked for a coupon".

    **Anti-pattern**: "Here's a 20% off coupon: SAVE20."

    **Best practice**: "Our prices stay as they are so the quality can too;
    the Starter plan covers what you use most, at a lower monthly cost."
    """
    if subject.archetype != "discount_seeker":
        return
    for part in subject.parts:
        for m in part.scan.of("price_cut"):
            if not subject.lexicon.guarded(part.scan, m):
                yield Issue(f"offers a price cut: {_quote(part, m)!r}", part, m.start)


_CAPS_WORD = re.compile(r"[^\W\d_]+")
_MARKS = re.compile(r"[!?\u061f]{2,}")


@_check("RK613", "tone.shouting", "warning")
def _shouting(subject: Subject) -> Iterator[Issue]:
    """Shouting: words in capitals, or "!!" and "?!".

    Capitals and stacked exclamation marks read as raised voice, the opposite
    of CARP's control. Common acronyms (SMS, FAQ, OTP), identifiers
    (``TCK-4411``) and values from the context (a company called "STC") are not
    shouting. In a reply checked with ``check_text`` the values are unknown,
    so a lone capitalised word counts only when it is a common word (NOT, NOW,
    VERY) or runs together with another one (DO NOT): a lone "DHL" is a name.

    **Anti-pattern**: "We are VERY sorry!! Your service is NOW restored."

    **Best practice**: "We are very sorry. Your service is restored."
    """
    lex = subject.lexicon
    for part in subject.parts:
        text = part.masked
        words = [
            m
            for m in _CAPS_WORD.finditer(text)
            if len(m.group()) >= 2
            and m.group().isupper()
            and m.group() not in lex.acronyms
            and not _glued(text, m.start(), m.end())
        ]
        for k, m in enumerate(words):
            word = m.group()
            if subject.mode == "text" and word not in lex.shout_words:
                prev_gap = text[words[k - 1].end() : m.start()] if k else "x"
                next_gap = text[m.end() : words[k + 1].start()] if k + 1 < len(words) else "x"
                if not (prev_gap.isspace() or next_gap.isspace()):
                    continue
            yield Issue(f"shouting: {word!r} in capitals", part, m.start())
        for m in _MARKS.finditer(text):
            if "!" in m.group():  # "??" is puzzled, not loud
                yield Issue(f"shouting: {m.group()!r}", part, m.start())


def _glued(text: str, start: int, end: int) -> bool:
    """True for a word that is part of an identifier (``TCK-4411``, ``ID_2``)."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return any(ch.isdigit() or ch in "-_/@#" for ch in (before, after))


_MAX_APOLOGIES = 2


@_check("RK614", "tone.over-apology", "warning")
def _over_apology(subject: Subject) -> Iterator[Issue]:
    """More than two apologies in one reply.

    One sincere apology puts out the fire (seed 000); a third one sounds
    scripted and makes the reply about the company's guilt instead of the
    fix. Each phrase counts once: "I'm so sorry" is one apology, "my
    apologies" is one, not two.

    **Anti-pattern**: "Sorry for the trouble. We apologise for the delay.
    Sorry again, and apologies for any inconvenience."

    **Best practice**: apologise once, specifically ("I'm sorry the refund took
    two weeks"), then spend the words on the fix.
    """
    seen: list[tuple[Part, Match]] = [
        (part, m) for part in subject.parts for m in part.scan.of("apology")
    ]
    if len(seen) > _MAX_APOLOGIES:
        part, m = seen[_MAX_APOLOGIES]
        quoted = ", ".join(repr(_quote(p, x)) for p, x in seen[:5])
        yield Issue(
            f"{len(seen)} apologies in {_where(subject)} ({quoted}): keep one or two", part, m.start
        )


# -- outage ----------------------------------------------------------------


def _clause_with(
    subject: Subject, needs: tuple[str, ...], *, number: bool
) -> bool:
    """True when one clause of the draft has a term of every category in ``needs``.

    With ``number``, the clause must also hold a digit or a context value (a
    rendered time).
    """
    for part in subject.parts:
        scan = subject.lexicon.scan(part.masked, outage=True)
        for first, last in _clauses(scan):
            cats = {m.category for m in scan.matches if first <= m.first <= last}
            if not all(need in cats for need in needs):
                continue
            if not number:
                return True
            # The clause runs to the next clause's first word: a masked value
            # (no tokens of its own) may close the sentence.
            start = scan.span(first, first)[0]
            end = scan.span(last + 1, last + 1)[0] if last + 1 < len(scan.tokens) else len(part.masked)
            span = part.masked[start:end]
            if MASK in span or any(ch.isdigit() for ch in span):
                return True
    return False


@_check("RK620", "outage.missing-facts", "error", modes=("draft",))
def _outage_facts(subject: Subject) -> Iterator[Issue]:
    """An outage draft leaves out the fix time or data safety that the incident gives.

    Seed 001's reply to the customers of a collapsed service is transparent:
    what happened and when, that the data is safe, and when service is
    expected back. Checked on ``service_outage`` drafts when the incident is
    known (``validate(draft, context=...)``): with ``expected_fix_at`` a
    sentence must give a time ("expected back by 14:00"); with ``data_safe``
    a sentence must speak of the data (and say it is safe when it is).

    **Anti-pattern**: "We're having some issues and are working on it." when
    the team has given an estimate and confirmed no data was lost.

    **Best practice**: "Service stopped at 11:32. Your data is safe and was
    not accessed. We expect everything back by 14:00."
    """
    incident = subject.incident
    if subject.archetype != "service_outage" or incident is None:
        return
    if getattr(incident, "expected_fix_at", None) is not None and not _clause_with(
        subject, ("fix_time",), number=True
    ):
        yield Issue("the incident has an expected fix time but the draft does not state it")
    data_safe = getattr(incident, "data_safe", None)
    if data_safe is True and not _clause_with(subject, ("data", "data_safe"), number=False):
        yield Issue("the incident says the data is safe but the draft does not tell the customer")
    elif data_safe is False and not _clause_with(subject, ("data",), number=False):
        yield Issue("the incident says the data may be affected but the draft does not say so")


# -- channel ---------------------------------------------------------------

# GSM 03.38: the basic set (one septet each) and the extension set (two).
_GSM_BASIC = frozenset(
    "@\u00a3$\u00a5\u00e8\u00e9\u00f9\u00ec\u00f2\u00c7\n\u00d8\u00f8\r\u00c5\u00e5"
    "\u0394_\u03a6\u0393\u039b\u03a9\u03a0\u03a8\u03a3\u0398\u039e\u00c6\u00e6\u00df\u00c9"
    " !\"#\u00a4%&'()*+,-./0123456789:;<=>?\u00a1ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    "\u00c4\u00d6\u00d1\u00dc\u00a7\u00bfabcdefghijklmnopqrstuvwxyz\u00e4\u00f6\u00f1\u00fc\u00e0"
)
_GSM_EXTENSION = frozenset("^{}\\[~]|\u20ac\f")
_MAX_SEGMENTS = 3
_SOCIAL_LIMIT = 280


def sms_segments(text: str) -> tuple[Literal["GSM-7", "UCS-2"], int, int]:
    """How ``text`` travels as SMS: ``(encoding, units, segments)``.

    GSM-7 carries 160 septets in one message and 153 per part of a longer one
    (extension characters such as ``€`` take two); anything outside GSM-7
    (Arabic, Persian, most emoji) makes the whole message UCS-2: 70 UTF-16
    units in one message, 67 per part.

    Examples:
        >>> sms_segments("Your order has shipped.")
        ('GSM-7', 23, 1)
        >>> sms_segments("x" * 161)[2]
        2
        >>> sms_segments("\u0634\u0643\u0631\u0627")[0]
        'UCS-2'
    """
    if all(ch in _GSM_BASIC or ch in _GSM_EXTENSION for ch in text):
        units = sum(2 if ch in _GSM_EXTENSION else 1 for ch in text)
        single, multi = 160, 153
        encoding: Literal["GSM-7", "UCS-2"] = "GSM-7"
    else:
        units = len(text.encode("utf-16-le", "surrogatepass")) // 2
        single, multi = 70, 67
        encoding = "UCS-2"
    segments = 1 if units <= single else math.ceil(units / multi)
    return encoding, units, segments


@_check("RK630", "channel.sms-length", "warning", modes=("draft",))
def _sms_length(subject: Subject) -> Iterator[Issue]:
    """An SMS reply longer than three segments.

    Long SMS arrive split, out of order on some phones, and cost per part.
    Arabic and Persian text is sent as UCS-2, so three segments hold only 201
    characters. Checked when the channel is ``sms``.

    **Anti-pattern**: the full e-mail reply sent as an SMS.

    **Best practice**: shorten for SMS (templates can test
    ``channel == "sms"``): the apology, the fix and a link or number.
    """
    if subject.channel != "sms":
        return
    encoding, units, segments = sms_segments(subject.text)
    if segments > _MAX_SEGMENTS:
        limit = (153 if encoding == "GSM-7" else 67) * _MAX_SEGMENTS
        yield Issue(
            f"sms of {segments} segments ({units} {encoding} units): keep it within "
            f"{_MAX_SEGMENTS} segments ({limit} units)"
        )


@_check("RK631", "channel.social-length", "warning", modes=("draft",))
def _social_length(subject: Subject) -> Iterator[Issue]:
    """A public social-media reply longer than 280 characters.

    Seed 003 asks companies to answer on social media; a reply there must fit
    one post. Checked when the channel is ``social``.

    **Anti-pattern**: the full e-mail reply pasted as a public reply.

    **Best practice**: a short public acknowledgement and apology, then move
    the details to a private message or e-mail.
    """
    if subject.channel != "social":
        return
    length = len(subject.text)
    if length > _SOCIAL_LIMIT:
        yield Issue(f"social reply of {length} characters: keep it within {_SOCIAL_LIMIT}")


# -- running ---------------------------------------------------------------


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def run_checks(subject: Subject, policy: Policy | None = None) -> list[Finding]:
    """Run every check that applies to ``subject``; findings sorted by place."""
    findings: list[Finding] = []
    for check in CHECKS.values():
        if subject.mode not in check.modes:
            continue
        severity = check.severity if policy is None else policy.severity_of(check.code)
        if severity is None:
            continue
        for issue in check.func(subject):
            line = column = None
            part = issue.part
            if part is not None and issue.start is not None and part.offset is not None:
                line, column = _position(subject.text, part.offset + issue.start)
            findings.append(
                Finding(
                    code=check.code,
                    severity=severity,
                    message=issue.message,
                    name=check.name,
                    section=part.name if part is not None else issue.section,
                    line=line,
                    column=column,
                )
            )
    return sorted(findings, key=Finding.sort_key)


def reference_markdown(checks: Iterable[Check] | None = None) -> str:
    """The reference section of ``docs/validation.md``, written from the docstrings.

    A summary table, then one ``### RKnnn `name``` heading per check with its
    documentation. The page's tests compare the page with this output.
    """
    chosen = list(CHECKS.values() if checks is None else checks)
    where = {frozenset({"draft", "text"}): "both", frozenset({"draft"}): "validate"}
    lines = [
        "| code | name | severity | runs in | summary |",
        "|---|---|---|---|---|",
    ]
    for check in chosen:
        lines.append(
            f"| {check.code} | `{check.name}` | {check.severity} | "
            f"{where.get(check.modes, 'check_text')} | {check.summary} |"
        )
    for check in chosen:
        body = check.doc.split("\n", 1)[1].strip() if "\n" in check.doc else ""
        lines += ["", f"### {check.code} `{check.name}`", "", f"{check.summary}.", ""]
        lines.append(f"Default severity: **{check.severity}**.")
        if body:
            lines += ["", body]
    return "\n".join(lines) + "\n"

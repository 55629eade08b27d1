"""The languages replykit speaks, and detection of a message's language.

Detection looks at letters, not at a model: Arabic script versus Latin, then
letters that only Persian uses (پ چ ژ گ and the Persian forms of kaf and yeh)
against letters that only Arabic uses (ي ك ة ى and hamza seats), then a handful
of frequent function words to settle text that was typed on the other
language's keyboard.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from .errors import UnknownLanguageError
from .normalizer import fold

__all__ = [
    "LANGUAGES",
    "Language",
    "LanguageInfo",
    "detect_language",
    "read_language",
    "resolve_language",
]

Language = Literal["en", "ar", "fa"]


@dataclass(frozen=True, slots=True)
class LanguageInfo:
    """What drafting needs to know about a language."""

    code: Language
    locale: str
    direction: Literal["ltr", "rtl"]
    digits: Literal["latin", "native"]
    calendar: Literal["gregorian", "hijri", "jalali"]


LANGUAGES: dict[str, LanguageInfo] = {
    "en": LanguageInfo("en", "en", "ltr", "latin", "gregorian"),
    # Much of the Arab world writes Latin digits in business mail; callers who
    # want Arabic-Indic digits or the Hijri date ask for them.
    "ar": LanguageInfo("ar", "ar", "rtl", "latin", "gregorian"),
    "fa": LanguageInfo("fa", "fa", "rtl", "native", "jalali"),
}

_PERSIAN_ONLY = frozenset("\u067e\u0686\u0698\u06af\u06a9\u06cc")  # پ چ ژ گ ک ی
# Arabic yeh and kaf are left out: Persian typed on an Arabic keyboard uses them.
_ARABIC_ONLY = frozenset("\u0629\u0649\u0623\u0625\u0624\u0626")  # ة ى أ إ ؤ ئ
# Frequent function words, already free of the letters above so that they count
# even when the text was typed with the other keyboard's kaf and yeh.
# Frequent function words and verb forms, compared after folding, so they count
# whichever keyboard's kaf and yeh the text was typed with.
# Words that are frequent in one language and rare in the other once folded:
# words both use (یا "or" and يا "O", او "he" and أو "or", به, هم, ممنون...)
# are left out of both lists.
_PERSIAN_WORDS = frozenset(fold(w) for w in (
    "است را از برای چرا چه ولی شده بود هست نیست خیلی دیگه دیگر اون "
    "این شما یه یک کنید کنم میشه نمیشه نمی می دارم داره دارید ندارید "
    "هستم هستید بودم کردم کرد کردن شدم باید نباید اگه اگر چی کجا چطور چطوری "
    "هیچ هنوز وقتی برام براتون نداره ندارم داریم نداریم میده نمیده میاد نمیاد میخوام "
    "نمیخوام بدید کردید کردین شدن میکنه نمیکنه میشن"
).split())
_ARABIC_WORDS = frozenset(fold(w) for w in (
    "في على الى إلى عن هذا هذه هذي الذي التي اللي لا لم لن كانت انا احنا "
    "نحن انتم انت مع ثم وش ايش ليش ليه مو مش مب عشان لان لأن ليس كيف متى وين "
    "فين اذا الحين منذ عندي عندنا لكم لنا شكرا ابغى "
    "عايز مافي لما علشان هذول وايد"
).split())
_PERSIAN_VERB_PREFIXES = (fold("\u0645\u06cc"), fold("\u0646\u0645\u06cc"))
# Persian uses a few words that start with the Arabic article.
_PERSIAN_AL_WORDS = frozenset(fold(w) for w in "الان البته الکی".split())

# Detection reads the head of a long message only: a few thousand letters
# settle the question, and the cost stays bounded.
_SAMPLE = 4000

_ALIASES = {"per": "fa", "fas": "fa", "ara": "ar", "eng": "en", "farsi": "fa", "persian": "fa",
             "arabic": "ar", "english": "en"}


def resolve_language(tag: str) -> Language:
    """Map a language or locale tag (``ar-EG``, ``fa_IR``, ``EN``) to ``en``/``ar``/``fa``.

    Examples:
        >>> resolve_language("ar-EG")
        'ar'
        >>> resolve_language("fa_IR")
        'fa'
    """
    if not isinstance(tag, str):
        raise TypeError(f"language must be a str, not {type(tag).__name__}")
    base = tag.strip().replace("_", "-").split("-", 1)[0].lower()
    base = _ALIASES.get(base, base)
    if base in LANGUAGES:
        return base  # type: ignore[return-value]
    raise UnknownLanguageError(tag, tuple(LANGUAGES))


_ARABIC_LETTER = re.compile("[\u0620-\u064a\u0671-\u06d3\ufb50-\ufefc]")
_LATIN = re.compile("[A-Za-z]")
_PERSIAN_LETTER = re.compile("[" + "".join(sorted(_PERSIAN_ONLY)) + "]")
_ARABIC_ONLY_LETTER = re.compile("[" + "".join(sorted(_ARABIC_ONLY)) + "]")


def detect_language(text: str) -> Language | None:
    """Guess the language of ``text`` from its letters; ``None`` when it has none.

    Examples:
        >>> detect_language("The app keeps crashing")
        'en'
        >>> detect_language("\u0627\u0644\u062e\u062f\u0645\u0629 \u0645\u0642\u0637\u0648\u0639\u0629")
        'ar'
        >>> detect_language("\u0686\u0631\u0627 \u06a9\u0627\u0631 \u0646\u0645\u06cc\u200c\u06a9\u0646\u062f")
        'fa'
        >>> detect_language("123 !!!") is None
        True
    """
    return read_language(text)[0]


def read_language(text: str, folded: str | None = None) -> tuple[Language | None, bool]:
    """The language of ``text``, and whether Arabic script showed nothing either way.

    The flag is true for Arabic-script text with no letter or word that tells
    Arabic from Persian (a short review such as «افتضاح» is both): the
    classifier then reads it with both lexicons. The language is still a guess.
    ``folded`` is ``fold(text)`` when the caller has it already.
    """
    text = text[:_SAMPLE]
    if text.isascii():
        return (_latin_language(text) if _LATIN.search(text) else None), False
    arabic_script = len(_ARABIC_LETTER.findall(text))
    latin = len(_LATIN.findall(text))
    if arabic_script == 0 and latin == 0:
        return None, False
    if latin > arabic_script:
        return _latin_language(text), False
    persian = len(_PERSIAN_LETTER.findall(text))
    arabic = len(_ARABIC_ONLY_LETTER.findall(text))
    words = fold(text) if folded is None else folded[:_SAMPLE]
    for word in words.split():
        if word in _PERSIAN_WORDS:
            persian += 3
        elif word in _ARABIC_WORDS:
            arabic += 3
        elif word.startswith("\u0627\u0644") and len(word) > 3 and word not in _PERSIAN_AL_WORDS:
            arabic += 1  # the Arabic article
        elif word.startswith(_PERSIAN_VERB_PREFIXES) and len(word) > 4:
            persian += 2  # the Persian continuous prefix: میخوام، نمیشه
    return ("fa" if persian > arabic else "ar"), persian == arabic == 0


# Latin-script Persian (Finglish) and Arabic (Arabizi): frequent words that
# English does not have. Arabizi also writes letters English lacks as digits
# inside words (3 ع, 7 ح, 2 ء, 5 خ).
_FINGLISH = frozenset(
    "ye ro ke va az ba dar chera chetori chetor chi kheili kheyli khaili dige hast hastid hastin "
    "nist nadare nadaram nadarid mikonam mikone mikonid mishe nemishe nemikone nemidid lotfan "
    "salam shoma aslan vaghean vaghan khob kardam kardin kardid shode shod bede bedid darid "
    "mikham nemikham hamash hich kasi kojast chie moshkel ghat kar barname poshtibani".split()
)
_ARABIZI = frozenset(
    "ana enta inta enti inti ehna mesh mish msh leh lesh lish wala walah wallah ya3ni yani "
    "keda kda bas izay ezay ezzay shu shou badi awi khalas yalla habibi mafi mako kaman tayeb "
    "3ashan 3shan 3ayez 3ayz 3andi 3ndi ma3 7aga 7aram el da dah lel wel bel fel ya".split()
)
_ARABIZI_DIGIT = re.compile(r"\b[a-z]*[a-z][2357][a-z]+\b|\b[2357][a-z]{2,}\b")
_ENGLISH = frozenset(
    "the and is are to of my your you it i for not this that with have has was on in at be can "
    "why what how me no do does did will would there they we our an a so but just been".split()
)


def _latin_language(text: str) -> Language:
    """English, unless Finglish or Arabizi words outnumber English ones."""
    words = text.lower().split()
    english = sum(1 for w in words if w in _ENGLISH)
    persian = sum(1 for w in words if w in _FINGLISH)
    arabic = sum(1 for w in words if w in _ARABIZI) + len(_ARABIZI_DIGIT.findall(text.lower()))
    best = max(persian, arabic)
    if best >= 2 and best > english:
        return "fa" if persian > arabic else "ar"
    return "en"

"""Cues that are not words: shouting, exclamation runs, angry and sarcastic
emoji, amounts of money, profanity masked with asterisks."""

from __future__ import annotations

import re

__all__ = ["find_signals"]

# Capitalised words of three or more letters; acronyms are a known list.
_CAPS_WORD = re.compile(r"\b[A-Z]{3,}\b")
_ACRONYMS = frozenset(
    "ATM API APP CEO CSV DM DNS FAQ GPS HTML HTTP HTTPS ID IOS IMO IP ISP LOL OK OTP PC PDF PIN SIM "
    "SMS SSL TV UK URL USA USB USD VPN VIP WIFI EUR GBP AED SAR IRR ETA ASAP FYI PM AM USER".split()
)
_EXCLAMATIONS = re.compile(r"[!\u01c3\uff01]{2,}|[!?\u061f]{3,}")
# Faces and gestures of anger or contempt; the middle finger is an insult.
_ANGRY = re.compile("[\U0001f621\U0001f620\U0001f92c\U0001f4a2\U0001f47f\U0001f624\U0001f612\U0001f644\U0001f44e\U0001f92f\U0001f922\U0001f92e]")
_ABUSIVE = re.compile("\U0001f595")
# Applause, the upside-down face, the clown and the facepalm: in a message to
# support they read as sarcasm ("delivered the wrong phone \U0001f44f great job").
_SARCASM = re.compile("[\U0001f44f\U0001f643\U0001f921\U0001f926]")
# An amount of money: a currency sign or code next to a number ($25, 15.99 €,
# 300 SAR). A price named in a complaint leans towards a price complaint.
_MONEY = re.compile(
    r"[$\u00a3\u20ac\u00a5\u20b9\ufdfc]\s?\d[\d,.]*"
    r"|\d[\d,.]*\s?(?:[$\u00a3\u20ac\u00a5\u20b9\ufdfc]|(?:usd|eur|gbp|sar|aed|egp|kwd|qar|irr|irt|inr)\b)",
    re.IGNORECASE,
)
# Profanity masked with asterisks (f**k, sh*t, a**hole): anger, whatever its target.
_MASKED = re.compile(r"\b[A-Za-z]{1,3}\*{1,4}[A-Za-z]{0,5}\b|\b[A-Za-z]{1,3}\*{2,4}")
_LATIN = re.compile("[A-Za-z]")
_UPPER = re.compile("[A-Z]")


def find_signals(text: str) -> list[tuple[str, int, int]]:
    """``(signal, start, end)`` for each non-lexical cue in ``text``.

    Examples:
        >>> [s for s, _, _ in find_signals("THIS IS RIDICULOUS!!!")]
        ['shouting', 'exclamations']
    """
    out: list[tuple[str, int, int]] = []
    caps = [m for m in _CAPS_WORD.finditer(text) if m.group() not in _ACRONYMS]
    if len(caps) >= 3 or (caps and _mostly_upper(text)):
        out.append(("shouting", caps[0].start(), caps[-1].end()))
    m = _EXCLAMATIONS.search(text)
    if m is not None:
        out.append(("exclamations", m.start(), m.end()))
    for name, pattern in (("angry_emoji", _ANGRY), ("sarcasm_emoji", _SARCASM),
                          ("abusive_emoji", _ABUSIVE),
                          ("money", _MONEY), ("masked_profanity", _MASKED)):
        m = pattern.search(text)
        if m is not None:
            out.append((name, m.start(), m.end()))
    return out


def _mostly_upper(text: str) -> bool:
    letters = len(_LATIN.findall(text))
    return letters >= 12 and len(_UPPER.findall(text)) / letters > 0.7

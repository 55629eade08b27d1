"""Finding the customer's own words: quoted history and signatures are masked.

An agent's earlier "sorry" or "discount" quoted below a reply is not the
customer's voice, so it must not trigger rules. Masked characters become
spaces, which keeps every offset of the original text valid.
"""

from __future__ import annotations

import re

__all__ = ["mask_quoted"]

# A line that opens quoted history: everything from it to the end is history.
_HISTORY = re.compile(
    r"""^[ \t]*(?:
        on\ .{1,200}\ wrote:?                                   # On Mon, Ann <a@b> wrote:
      | -{2,}\ ?(?:original\ message|forwarded\ message)\ ?-{2,} # Outlook / Gmail separators
      | (?:from|sent|de|von):\ .{1,200}\n(?:.*\n){0,3}?[ \t]*(?:to|subject|sent|date):  # mail header block
      | \u0641\u064a\ .{1,200}\u0643\u062a\u0628\ ?.{0,80}:      # Arabic: في ... كتب ...:
      | .{1,200}\u0643\u062a\u0628(?:\u062a)?\ ?:                # Arabic: ... كتب: / كتبت:
      | (?:\u062f\u0631\ )?.{1,200}\u0646\u0648\u0634\u062a(?:\u0647)?\ ?:  # Persian: در ... نوشت: / نوشته:
    )[ \t]*$""",
    re.IGNORECASE | re.MULTILINE | re.VERBOSE,
)
# A signature separator ("-- ") or a mobile footer: the rest is not the message.
_SIGNATURE = re.compile(
    r"^(?:--[ \t]?|__+|sent\ from\ my\ .{1,40}|get\ outlook\ for\ .{1,40}"
    r"|\u0623?\u0631\u0633\u0644\u062a\ \u0645\u0646\ .{1,40}"  # أرسلت من ...
    r"|\u0627\u0631\u0633\u0627\u0644\ \u0634\u062f\u0647\ \u0627\u0632\ .{1,40})[ \t]*$",
    re.IGNORECASE | re.MULTILINE | re.VERBOSE,
)
_QUOTE_LINE = re.compile(r"^[ \t]*>.*$", re.MULTILINE)


def mask_quoted(text: str) -> str:
    """``text`` with quoted lines, quoted history and signatures blanked out.

    The result has the same length as ``text``; masked characters are spaces
    (newlines are kept). When masking would leave nothing, the text is
    returned as it is: a message that is all quotation is still a message.

    Examples:
        >>> mask_quoted("Still down!\\n> Sorry, we offer a discount").rstrip()
        'Still down!'
    """
    if ">" not in text and ":" not in text and "-" not in text and "\n" not in text:
        return text
    cut = len(text)
    for pattern in (_HISTORY, _SIGNATURE):
        m = pattern.search(text, 0, cut)
        # A history marker on the very first line is a forwarded message with
        # the customer's words below it only when nothing precedes it: keep it.
        if m is not None and text[: m.start()].strip():
            cut = min(cut, m.start())
    chars = list(text[:cut])
    for m in _QUOTE_LINE.finditer(text, 0, cut):
        for i in range(m.start(), m.end()):
            chars[i] = " "
    tail = "".join(" " if c != "\n" else c for c in text[cut:])
    masked = "".join(chars) + tail
    return masked if masked.strip() else text

"""Sample contexts, per language, that the linter renders every template with.

Kept in ``samples.toml`` beside this module: a ``full`` context (every field
given) and a ``minimal`` one (nothing given), so that both the branches that
print values and every fallback wording are drawn.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib.resources import files

from ..context import ReplyContext

__all__ = ["sample_contexts"]


@lru_cache(maxsize=1)
def _load() -> dict[str, tuple[tuple[str, ReplyContext], ...]]:
    text = (files(__package__) / "samples.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    return {
        lang: tuple(
            (label, ReplyContext.model_validate(fields)) for label, fields in contexts.items()
        )
        for lang, contexts in data.items()
    }


def sample_contexts(lang: str) -> tuple[tuple[str, ReplyContext], ...]:
    """``(label, context)`` pairs for a language (``en``, ``ar``, ``fa``).

    Examples:
        >>> [label for label, _ctx in sample_contexts("fa")]
        ['full', 'minimal']
        >>> sample_contexts("fa")[1][1].customer_name is None
        True
    """
    return _load().get(lang, ())

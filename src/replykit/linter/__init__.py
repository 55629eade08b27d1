"""``replykit lint``: a linter for reply template trees, for CI.

It knows what no Jinja linter knows: the section plan of each archetype, the
context fields and their fallbacks, right-to-left text, Arabic and Persian
letters, the tone lexicons, and that the same archetype must say the same
things in every language. Rules have codes ``RKnnn`` (the hundreds are the
families), dotted names and documentation (``docs/lint-rules.md``).

Examples:
    >>> from replykit.linter import lint
    >>> lint(select=["RK2"])  # the built-in templates follow their section plans
    []

The package is named ``linter`` so that ``replykit.lint`` is always the
function: a module sharing a public function's name would flip between the two
as modules load.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .runner import lint as lint

__all__ = ["lint"]


def __getattr__(name: str) -> Any:
    # Loaded on first use: importing the package stays free of Jinja.
    if name == "lint":
        from .runner import lint

        return lint
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

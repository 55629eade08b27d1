"""The error the linter raises when it cannot run (exit code 2 on the command line)."""

from __future__ import annotations

from ..errors import ReplykitError

__all__ = ["LintError"]


class LintError(ReplykitError, ValueError):
    """The linter cannot run: a path that does not exist, an unknown rule, a bad setting.

    Findings are the linter's output; this is for the cases where there is
    nothing to lint or the request itself is wrong.
    """

"""RK0xx meta: files that cannot be read, suppression comments, the tree's own files."""

from __future__ import annotations

from collections.abc import Iterator

from ..registry import Hit, rule
from ..tree import TemplateFile, TemplateTree


@rule("RK001", "meta.unreadable", "error")
def unreadable(file: TemplateFile) -> Iterator[Hit]:
    """A template file that cannot be read.

    Permissions, a broken symbolic link or a folder named like a template stop
    the engine as surely as a syntax error; no other rule can look at the
    file.

    **Anti-pattern**: ``templates/fa/angry.txt.j2`` as a symbolic link to a
    file that was moved away.

    **Best practice**: keep templates as plain files in the tree, readable by
    the user that runs the drafting service and CI.
    """
    data = file.data
    if isinstance(data, OSError):
        reason = data.strerror or type(data).__name__
        yield Hit(f"cannot read the file: {reason}")


@rule("RK002", "meta.invalid-utf8", "error")
def invalid_utf8(file: TemplateFile) -> Iterator[Hit]:
    """A template that is not valid UTF-8.

    The engine reads templates as UTF-8. A file saved in Windows-1256 or
    another legacy Arabic or Persian code page cannot be read at all; the
    finding points at the first byte that is not UTF-8.

    **Anti-pattern**: a Persian template exported from an old editor in
    Windows-1256.

    **Best practice**: save templates as UTF-8 (without a byte-order mark).
    """
    text, data = file.text, file.data
    if isinstance(text, UnicodeDecodeError) and isinstance(data, bytes):
        start = text.start
        line = data.count(b"\n", 0, start) + 1
        line_start = data.rfind(b"\n", 0, start) + 1
        column = len(data[line_start:start].decode("utf-8", errors="replace")) + 1
        yield Hit(
            f"not valid UTF-8: byte 0x{data[start]:02x} cannot be decoded; save the file as UTF-8",
            line,
            column,
        )


@rule("RK003", "meta.bare-noqa", "warning")
def bare_noqa(file: TemplateFile) -> Iterator[Hit]:
    """A suppression comment that names no rule.

    ``{# replykit: noqa #}`` would hide every present and future finding on
    its line, so it suppresses nothing and is reported instead: a reviewer
    must see which rule is silenced.

    **Anti-pattern**: ``Your order {{ ticket_id }} {# replykit: noqa #}``

    **Best practice**: ``{# replykit: noqa: RK507 #}``, naming the code (and
    a reason in the same comment is welcome).
    """
    for problem in file.directives[1]:
        if problem.kind == "bare":
            yield Hit(problem.message, problem.line, problem.column)


@rule("RK004", "meta.malformed-noqa", "error")
def malformed_noqa(file: TemplateFile) -> Iterator[Hit]:
    """A suppression comment that cannot be read.

    A missing colon, a misspelt directive, a code that is not a code or names
    no rule, or a ``noqa`` comment without the ``replykit:`` prefix: the
    comment would silently suppress nothing.

    **Anti-pattern**: ``{# replykit: noqa RK501 #}``, ``{# noqa: RK501 #}``,
    ``{# replykit: noqa: RK5O1 #}``.

    **Best practice**: ``{# replykit: noqa: RK501 #}`` for one line,
    ``{# replykit: noqa-file: RK501 #}`` for the file.
    """
    for problem in file.directives[1]:
        if problem.kind == "malformed":
            yield Hit(problem.message, problem.line, problem.column)


@rule("RK005", "meta.unused-noqa", "warning", scope="runner")
def unused_noqa(file: TemplateFile) -> Iterator[Hit]:
    """A suppression comment that suppresses nothing.

    The finding it silenced was fixed, or the directive sits on the wrong
    line. Left in place, it would hide the next real problem on that line.
    Only rules that ran are considered: ``--select RK2`` does not make an
    RK501 directive unused.

    **Anti-pattern**: ``{# replykit: noqa: RK501 #}`` on a line whose Arabic
    letters were corrected long ago.

    **Best practice**: delete the directive once the finding is gone.
    """
    return iter(())


@rule("RK006", "meta.invalid-sections-file", "error", scope="tree")
def invalid_sections_file(tree: TemplateTree) -> Iterator[Hit]:
    """The tree's ``sections.toml`` cannot be read or does not validate.

    The engine reads a tree's ``sections.toml`` over the packaged section
    plan; when it is broken, drafting from the tree fails for every
    archetype. The linter reports it and falls back to the packaged plan.

    **Anti-pattern**: ``[angry]`` with ``sections = ["greeting", "apologie"]``.

    **Best practice**: only the seven section names, each archetype listing
    acknowledgement, apology, solution and thanks.
    """
    error = tree.plan_error
    if error is not None and tree.sections_file is not None:
        path = getattr(error, "path", None)
        message = str(error)
        if path and message.startswith(f"{path}: "):
            message = message[len(path) + 2 :]
        yield Hit(message, path=tree.sections_file)

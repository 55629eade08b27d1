"""A template tree as the linter sees it: its files, their tokens and syntax trees.

A tree is ``<root>/<lang>/<archetype>.txt.j2``, optionally with a
``sections.toml`` at the root (as the drafting engine reads it). Each
:class:`TemplateFile` reads its bytes once and computes, on first use, what
the rules need: the decoded text, the lexer's tokens with their line and
column, the syntax tree, the block spans. A file that cannot be read or
decoded, or that Jinja cannot parse, keeps the error instead, and rules that
need the missing layer skip it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import TemplateSyntaxError, nodes

from ..languages import LANGUAGES, Language, resolve_language

if TYPE_CHECKING:
    from ..sandbox import BoundedEnvironment
    from .analysis import TemplateFacts
    from .noqa import Directive, DirectiveProblem

__all__ = ["SUFFIX", "Position", "TemplateFile", "TemplateTree", "Token"]

SUFFIX = ".txt.j2"
_NEWLINES = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True, slots=True)
class Token:
    """A lexer token with where it starts in the (newline-normalised) source."""

    kind: str
    value: str
    offset: int
    line: int
    column: int


@dataclass(frozen=True, slots=True)
class Position:
    """A 1-based line and column."""

    line: int
    column: int


@dataclass(frozen=True, slots=True)
class SyntaxProblem:
    """Why Jinja could not lex or parse a file."""

    message: str
    line: int | None


@dataclass(eq=False)
class TemplateFile:
    """One template file of a tree.

    ``lang`` is the folder name as written (``fa``, ``ar-EG``, ``de``);
    ``language`` is the replykit language it resolves to, or ``None`` for a
    locale replykit does not speak (its language rules are skipped).
    """

    path: Path
    tree: TemplateTree
    lang: str
    archetype: str
    #: results rules share (a lexicon scan of each text token...), by key
    cache: dict[str, object] = field(default_factory=dict, repr=False)

    @property
    def name(self) -> str:
        """The loader name, relative to the tree (``fa/angry.txt.j2``)."""
        return f"{self.lang}/{self.archetype}{SUFFIX}"

    @cached_property
    def resolved(self) -> Path:
        """The absolute path, to compare with the paths the linter was given."""
        return self.path.resolve()

    @cached_property
    def language(self) -> Language | None:
        try:
            return resolve_language(self.lang)
        except (ValueError, TypeError):
            return None

    @property
    def direction(self) -> str:
        """``rtl`` for Arabic and Persian folders, ``ltr`` otherwise."""
        return LANGUAGES[self.language].direction if self.language else "ltr"

    # -- reading -----------------------------------------------------------

    @cached_property
    def data(self) -> bytes | OSError:
        try:
            return self.path.read_bytes()
        except OSError as exc:
            return exc

    @cached_property
    def text(self) -> str | UnicodeDecodeError | OSError:
        """The decoded source; the read or decode error when there is none."""
        data = self.data
        if isinstance(data, OSError):
            return data
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as exc:
            return exc

    @cached_property
    def source(self) -> str | None:
        """The text with newlines normalised as Jinja's lexer sees it; ``None`` if unreadable."""
        text = self.text
        if not isinstance(text, str):
            return None
        return _NEWLINES.sub("\n", text)

    @cached_property
    def _line_starts(self) -> list[int]:
        starts = [0]
        source = self.source or ""
        pos = source.find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = source.find("\n", pos + 1)
        return starts

    def position(self, offset: int) -> Position:
        """The line and column of a character offset into :attr:`source`."""
        starts = self._line_starts
        lo, hi = 0, len(starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if starts[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return Position(lo + 1, offset - starts[lo] + 1)

    # -- lexing and parsing -------------------------------------------------

    @property
    def environment(self) -> BoundedEnvironment:
        return self.tree.environment

    @cached_property
    def _lexed(self) -> tuple[list[Token], SyntaxProblem | None]:
        source = self.source
        if source is None:
            return [], None
        tokens: list[Token] = []
        cursor = 0
        try:
            for _line, kind, value in self.environment.lex(source, self.name):
                if not value:
                    continue
                # Values are contiguous slices of the source, except for the
                # whitespace that "{%-" strips from the data before it.
                found = source.find(value, cursor)
                offset = cursor if found == -1 else found
                where = self.position(offset)
                tokens.append(Token(kind, value, offset, where.line, where.column))
                cursor = offset + len(value)
        except TemplateSyntaxError as exc:
            return tokens, SyntaxProblem(exc.message or str(exc), exc.lineno)
        return tokens, None

    @property
    def tokens(self) -> list[Token]:
        """The lexer's tokens (those before a lexing error, if there is one)."""
        return self._lexed[0]

    @cached_property
    def _parsed(self) -> tuple[nodes.Template | None, SyntaxProblem | None]:
        source = self.source
        if source is None:
            return None, None
        lex_problem = self._lexed[1]
        if lex_problem is not None:
            return None, lex_problem
        try:
            return self.environment.parse(source, self.name, str(self.path)), None
        except TemplateSyntaxError as exc:
            return None, SyntaxProblem(exc.message or str(exc), exc.lineno)

    @property
    def ast(self) -> nodes.Template | None:
        """The syntax tree; ``None`` when the file is unreadable or does not parse."""
        return self._parsed[0]

    @property
    def syntax_problem(self) -> SyntaxProblem | None:
        return self._parsed[1]

    @cached_property
    def facts(self) -> TemplateFacts | None:
        """What static analysis knows about the template (``None`` without a syntax tree)."""
        from .analysis import analyse

        return analyse(self) if self.ast is not None else None

    @cached_property
    def directives(self) -> tuple[list[Directive], list[DirectiveProblem]]:
        """The suppression comments, and the comments that are broken directives."""
        from .noqa import read_directives

        return read_directives(self)

    # -- text ---------------------------------------------------------------

    def data_tokens(self) -> Iterator[Token]:
        """The template's own text: what is neither a tag, an expression nor a comment."""
        return (token for token in self.tokens if token.kind == "data")

    @cached_property
    def wording(self) -> list[Token]:
        """The template's wording: its text, and the string constants it prints.

        Arabic templates keep much of their wording in ``g("...", "...",
        "...")`` arguments, so a printed string counts as text. Each string
        is given as a token of kind ``string`` whose offset is its first
        character (strings with escapes, whose offsets would not match the
        source, are left out).
        """
        found = [token for token in self.tokens if token.kind == "data"]
        facts = self.facts
        if facts is not None and facts.printed_strings:
            wanted: dict[int, set[str]] = {}
            for text, line in facts.printed_strings:
                wanted.setdefault(line, set()).add(text)
            for token in self.tokens:
                if token.kind != "string" or len(token.value) < 2:
                    continue
                inner = token.value[1:-1]
                if inner in wanted.get(token.line, ()) and "\\" not in inner:
                    where = self.position(token.offset + 1)
                    found.append(Token("string", inner, token.offset + 1, where.line, where.column))
        return sorted(found, key=lambda token: token.offset)

    def comment_tokens(self) -> Iterator[Token]:
        return (token for token in self.tokens if token.kind == "comment")

    @cached_property
    def block_spans(self) -> list[tuple[str, int, int]]:
        """``(name, start, end)`` source offsets of each ``{% block %}`` ... ``{% endblock %}``."""
        spans: list[tuple[str, int, int]] = []
        open_blocks: list[tuple[str, int]] = []
        tokens = self.tokens
        for i, token in enumerate(tokens):
            if token.kind != "block_begin":
                continue
            words = _tag_words(tokens, i)
            if len(words) >= 2 and words[0] == "block":
                open_blocks.append((words[1], token.offset))
            elif words and words[0] == "endblock" and open_blocks:
                name, start = open_blocks.pop()
                spans.append((name, start, token.offset))
        return sorted(spans, key=lambda span: span[1])

    def section_at(self, offset: int) -> str | None:
        """The innermost block that holds ``offset``."""
        found: str | None = None
        for name, start, end in self.block_spans:
            if start <= offset <= end:
                found = name
        return found


def _tag_words(tokens: list[Token], begin: int) -> list[str]:
    words: list[str] = []
    for token in tokens[begin + 1 :]:
        if token.kind == "block_end":
            break
        if token.kind == "name":
            words.append(token.value)
            if len(words) == 2:
                break
        elif token.kind != "whitespace":
            break
    return words


@dataclass(eq=False)
class TemplateTree:
    """A template tree and what the linter was asked to look at in it.

    ``whole`` trees get the coverage rules (missing templates, unknown
    folders); a tree reached through single files or one language folder is
    only used to compare those files with their siblings.
    """

    root: Path
    whole: bool = False
    targets: set[Path] = field(default_factory=set)
    #: archetypes known besides the built-in ones (from a rules file)
    extra_archetypes: frozenset[str] = frozenset()

    @cached_property
    def environment(self) -> BoundedEnvironment:
        """The engine's environment for the tree: its filters, tests and parser."""
        from ..templating import environment

        return environment(self.root)

    @cached_property
    def language_dirs(self) -> list[Path]:
        """Folders directly under the root, hidden and private ones left out."""
        try:
            entries = sorted(self.root.iterdir())
        except OSError:
            return []
        return [p for p in entries if p.is_dir() and not p.name.startswith((".", "_"))]

    @cached_property
    def files(self) -> list[TemplateFile]:
        """Every template of the tree, sorted by language folder and name."""
        found: list[TemplateFile] = []
        for folder in self.language_dirs:
            for path in sorted(folder.glob(f"*{SUFFIX}")):
                # A broken link is listed too, so that RK001 can say so.
                if path.is_file() or path.is_symlink():
                    archetype = path.name[: -len(SUFFIX)]
                    found.append(TemplateFile(path, self, folder.name, archetype))
        return found

    @cached_property
    def stray_files(self) -> list[Path]:
        """Templates directly under the root, outside any language folder."""
        try:
            return sorted(p for p in self.root.glob(f"*{SUFFIX}") if p.is_file())
        except OSError:
            return []

    def is_target(self, file: TemplateFile) -> bool:
        return self.whole or file.resolved in self.targets

    def target_files(self) -> list[TemplateFile]:
        return [f for f in self.files if self.is_target(f)]

    def by_archetype(self) -> Mapping[str, list[TemplateFile]]:
        grouped: dict[str, list[TemplateFile]] = {}
        for file in self.files:
            grouped.setdefault(file.archetype, []).append(file)
        return grouped

    @cached_property
    def sections_file(self) -> Path | None:
        candidate = self.root / "sections.toml"
        return candidate if candidate.is_file() else None

    @cached_property
    def _plan(self) -> tuple[Mapping[str, tuple[str, ...]], Exception | None]:
        from ..errors import RulesError
        from ..sections import load_sections

        try:
            return load_sections(self.sections_file), None
        except RulesError as exc:
            return load_sections(), exc

    @property
    def plan(self) -> Mapping[str, tuple[str, ...]]:
        """Section plans: the packaged ones with the tree's ``sections.toml`` laid over."""
        return self._plan[0]

    @property
    def plan_error(self) -> Exception | None:
        """Why the tree's ``sections.toml`` could not be used, if it could not."""
        return self._plan[1]

    @cached_property
    def known_archetypes(self) -> frozenset[str]:
        """Built-in archetypes and those of the active rules."""
        from ..archetypes import Archetype

        return frozenset(a.value for a in Archetype) | self.extra_archetypes

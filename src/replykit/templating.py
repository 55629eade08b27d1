"""Reply templates: where they are, how they are compiled, and how they render.

Templates live in a tree ``<lang>/<archetype>.txt.j2``. :func:`find_templates`
is the one place that knows where the built-in tree is: inside the package in
a wheel install, at the top of the repository in a source checkout or an
editable install. Callers may pass their own tree with the same layout.

Each tree gets one environment of :mod:`replykit.sandbox` (Jinja's immutable
sandbox with every operation bounded), with autoescape off (the output is
plain text; :meth:`replykit.models.Draft.to_html` escapes) and the engine's
filters. Context values are passed as data, never compiled, so a customer
called ``{{ 7*7 }}`` stays so. A value that was not given is *undefined*:
templates may test it (``{% if x %}``, ``is defined``, ``| default``), but
printing, iterating, calling it or taking an attribute raises
:class:`~replykit.errors.MissingContextError`.

The ``MAX_*`` constants below are the render limits of every draft. They are
read when a render starts, so a test or a host may lower them by assigning to
the module attribute.
"""

from __future__ import annotations

import datetime as dt
import sys
import weakref
from collections.abc import Callable, Iterable
from decimal import Decimal
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from types import TracebackType
from typing import Any, NoReturn

from jinja2 import FileSystemLoader, Template, TemplateNotFound, Undefined, nodes, pass_context
from jinja2 import TemplateSyntaxError as JinjaSyntaxError
from jinja2.exceptions import SecurityError
from jinja2.runtime import Context

from .errors import (
    MissingContextError,
    ReplykitError,
    TemplateRuntimeError,
    TemplateSecurityError,
    TemplatesNotFoundError,
    TemplateSyntaxError,
)
from .formatting import Formatter
from .sandbox import BoundedEnvironment, Limits, Record, budget_for, describe

__all__ = [
    "FORMATTER_VARIABLE",
    "MAX_BUILT_LENGTH",
    "MAX_CALL_DEPTH",
    "MAX_ITERATIONS",
    "MAX_NESTING",
    "MAX_NUMBER_BITS",
    "MAX_OUTPUT_LENGTH",
    "MAX_RENDER_SECONDS",
    "MAX_STRING_LENGTH",
    "MAX_TEMPLATE_LOADS",
    "TEMPLATE_SUFFIX",
    "ContextUndefined",
    "LoadedTemplate",
    "current_limits",
    "environment",
    "find_templates",
    "load_template",
    "render_block",
    "render_blocks",
    "template_name",
]

TEMPLATE_SUFFIX = ".txt.j2"
#: The render variable holding the draft's :class:`Formatter`; the filters read it.
FORMATTER_VARIABLE = "_replykit_formatter"
_CACHE_SIZE = 8  # template trees kept compiled at once
_TEMPLATES_PER_TREE = 64

# -- limits ---------------------------------------------------------------------------
#
# A reply is a few thousand characters, made by a few dozen filter calls and
# loops over a handful of steps. The limits sit two or more orders of magnitude
# above that, so no real template meets them, and low enough that the worst a
# template can ask for costs a few megabytes and a couple of seconds. They are
# read when a render starts (or when an operation is checked), so a test or a
# host may lower them by assigning to the module attribute.

#: Longest string, list or tuple (characters or items) one operation may build:
#: repetition (``*``), concatenation (``~``, ``+``), ``%`` and ``str.format``,
#: padding and widths, ``join``, ``replace``, ``indent``, ``wordwrap``,
#: ``batch``/``slice`` padding, ``lipsum``. An operation that does not make
#: its input longer (``center`` narrower than the text, ``replace`` by a
#: shorter string) is not refused, so a long context value can still be printed.
MAX_STRING_LENGTH = 100_000
#: Largest integer, in bits (about 1,233 decimal digits), that ``*`` and ``**``
#: may produce; ``2 ** 10**8`` is refused before Python starts computing it.
MAX_NUMBER_BITS = 4_096
#: Characters one render may output: the sections of a draft together, and any
#: output captured by a macro, a ``{% set %}`` block or a ``{% filter %}``.
#: Printing one value whose text would be longer is refused before ``str()``.
MAX_OUTPUT_LENGTH = 1_000_000
#: Characters (or items) all checked operations of one render may build
#: together, so that many values each under :data:`MAX_STRING_LENGTH` cannot
#: pile up in a list (``range(100000) | map("center", 99999) | list``).
MAX_BUILT_LENGTH = 10_000_000
#: Loop iterations per render, over every ``{% for %}`` (including loops whose
#: body prints nothing) and every step of ``range``; also the longest ``range``.
MAX_ITERATIONS = 100_000
#: Wall-clock seconds per render, checked at loop steps, calls, filters and
#: operators (the work that can take long) and after each section: the
#: backstop for work no other limit counts.
MAX_RENDER_SECONDS = 2.0
#: Macro, ``caller()``, recursive-loop and function calls nested in each other.
#: A recursive macro stops here, well before Python's recursion limit and a
#: C stack overflow, whatever limit the host process has set.
MAX_CALL_DEPTH = 64
#: ``{% include %}``, ``{% import %}`` and ``{% extends %}`` per render, so a
#: template that includes itself stops.
MAX_TEMPLATE_LOADS = 100
#: How deep lists, dicts, tuples and namespaces may nest in a value stored in a
#: ``namespace()``, the one place a template can keep a value from one loop step
#: to the next. Without it ``{% set ns.x = (ns.x,) %}`` in a loop builds a
#: tuple 100,000 deep, and hashing or printing that overflows the C stack.
MAX_NESTING = 100


_LIMITS: list[tuple[tuple[float, ...], Limits]] = []


def current_limits() -> Limits:
    """The ``MAX_*`` constants as :class:`~replykit.sandbox.Limits`, as they are now."""
    key = (
        MAX_STRING_LENGTH,
        MAX_NUMBER_BITS,
        MAX_OUTPUT_LENGTH,
        MAX_BUILT_LENGTH,
        MAX_ITERATIONS,
        MAX_RENDER_SECONDS,
        MAX_CALL_DEPTH,
        MAX_TEMPLATE_LOADS,
        MAX_NESTING,
    )
    if _LIMITS and _LIMITS[0][0] == key:
        return _LIMITS[0][1]
    limits = Limits(*key)  # the fields, in order
    _LIMITS[:] = [(key, limits)]
    return limits


def find_templates() -> Path:
    """The built-in template tree.

    A wheel carries the tree as ``replykit/templates`` (``force-include`` in
    ``pyproject.toml``); a source checkout and an editable install do not, and
    read the repository's top-level ``templates/`` instead.

    Raises:
        TemplatesNotFoundError: neither place holds a tree (a broken install).

    Examples:
        >>> (find_templates() / "en").is_dir()
        True
    """
    packaged = Path(str(files("replykit").joinpath("templates")))
    source = Path(__file__).resolve().parents[2] / "templates"
    for candidate in (packaged, source):
        if candidate.is_dir():
            return candidate
    raise TemplatesNotFoundError("*", "*", f"{packaged} and {source}")


def template_name(archetype: str, lang: str) -> str:
    """The loader name of a template, relative to its tree (``en/angry.txt.j2``)."""
    return f"{lang}/{archetype}{TEMPLATE_SUFFIX}"


class ContextUndefined(Undefined):
    """Undefined that is falsy but refuses to be printed, iterated or called.

    ``{% if agent_name %}``, ``agent_name is defined`` and ``agent_name |
    default(...)`` work; ``{{ agent_name }}`` raises
    :class:`~replykit.errors.MissingContextError` so that a template never
    sends "Hi ," or "None".
    """

    __slots__ = ()

    @property
    def variable(self) -> str:
        """The dotted name of the missing value (``incident.cause``)."""
        name = self._undefined_name or "?"
        owner = self._undefined_obj
        if isinstance(owner, Record):
            return f"{owner._name}.{name}"
        return name

    def _fail_with_undefined_error(self, *args: Any, **kwargs: Any) -> NoReturn:
        exception = self._undefined_exception
        if isinstance(exception, type) and issubclass(exception, SecurityError):
            raise TemplateSecurityError(self._undefined_message)
        raise MissingContextError(self.variable)

    def __str__(self) -> str:
        self._fail_with_undefined_error()

    def __iter__(self) -> Any:
        self._fail_with_undefined_error()

    def __contains__(self, item: object) -> bool:
        self._fail_with_undefined_error()

    # Undefined binds its operators to its own failure method; rebind them to ours.
    __add__ = __radd__ = __sub__ = __rsub__ = _fail_with_undefined_error
    __mul__ = __rmul__ = __div__ = __rdiv__ = _fail_with_undefined_error
    __truediv__ = __rtruediv__ = _fail_with_undefined_error
    __floordiv__ = __rfloordiv__ = _fail_with_undefined_error
    __mod__ = __rmod__ = _fail_with_undefined_error
    __pos__ = __neg__ = _fail_with_undefined_error
    __call__ = __getitem__ = _fail_with_undefined_error
    __lt__ = __le__ = __gt__ = __ge__ = _fail_with_undefined_error
    __int__ = __float__ = __complex__ = _fail_with_undefined_error
    __pow__ = __rpow__ = _fail_with_undefined_error


def _require(value: Any) -> Any:
    if isinstance(value, Undefined):
        str(value)  # raises MissingContextError naming the value
    return value


def _formatter(context: Context) -> Formatter:
    found = context.resolve_or_missing(FORMATTER_VARIABLE)
    if type(found) is Formatter:
        return found
    # Rendered by someone other than the drafting engine (a linter, a test):
    # format in the template's language with the defaults.
    return Formatter(str(context.get("lang") or "en"))


@pass_context
def _datetime_filter(context: Context, value: Any) -> str:
    return _formatter(context).datetime(_require(value))


@pass_context
def _date_filter(context: Context, value: Any) -> str:
    return _formatter(context).date(_require(value))


@pass_context
def _time_filter(context: Context, value: Any) -> str:
    return _formatter(context).time(_require(value))


@pass_context
def _number_filter(context: Context, value: Any) -> str:
    return _formatter(context).number(_require(value))


@pass_context
def _isolate_filter(context: Context, value: Any) -> str:
    return _formatter(context).isolate(_require(value))


@pass_context
def _gendered(context: Context, male: str, female: str, neutral: str | None = None) -> str:
    """``g(male, female, neutral)``: the wording for the customer's gender.

    ``neutral`` is used when the gender is unknown; when it is left out, the
    ``male`` form stands in, as Arabic's generic form does.
    """
    gender = context.resolve_or_missing("customer_gender")
    if gender == "female":
        return female
    if gender == "male":
        return male
    return male if neutral is None else neutral


@pass_context
def _finalize(context: Context, value: Any) -> Any:
    """Print dates and numbers the way the ``datetime``/``number`` filters would.

    The environment checks the length of what is printed (see
    :class:`~replykit.sandbox.BoundedEnvironment`).
    """
    if isinstance(value, dt.datetime):
        return _formatter(context).datetime(value)
    if isinstance(value, dt.date):
        return _formatter(context).date(value)
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return _formatter(context).number(value)
    return value


_FILTERS: dict[str, Callable[..., Any]] = {
    "datetime": _datetime_filter,
    "date": _date_filter,
    "time": _time_filter,
    "number": _number_filter,
    "isolate": _isolate_filter,
}


@lru_cache(maxsize=_CACHE_SIZE)
def _environment(root: str) -> BoundedEnvironment:
    return BoundedEnvironment(
        limits=current_limits,
        filters=_FILTERS,
        globals={"g": _gendered},
        trusted=(_gendered,),
        loader=FileSystemLoader(root, encoding="utf-8"),
        autoescape=False,
        undefined=ContextUndefined,
        finalize=_finalize,
        keep_trailing_newline=False,
        cache_size=_TEMPLATES_PER_TREE,
        auto_reload=True,
    )


def environment(templates: str | Path | None = None) -> BoundedEnvironment:
    """The sandboxed environment for a template tree (the built-in one by default).

    Environments are cached per tree, a few trees at a time; each keeps a
    bounded cache of compiled templates and recompiles a file that changed.
    ``Template.render`` on its templates runs under a render budget, as
    :func:`render_block` does.
    """
    return _environment(_resolved_root(None if templates is None else str(templates)))


@lru_cache(maxsize=32)
def _resolved_root(templates: str | None) -> str:
    """The absolute path of a tree, remembered: resolving costs file-system calls."""
    root = Path(templates) if templates is not None else find_templates()
    return str(root.resolve())


class LoadedTemplate:
    """A compiled template with what the engine needs to know about it."""

    __slots__ = ("archetype", "lang", "name", "template", "variants")

    def __init__(self, template: Template, *, archetype: str, lang: str, variants: int) -> None:
        self.template = template
        self.archetype = archetype
        self.lang = lang
        self.name = template.name or template_name(archetype, lang)
        self.variants = variants


# The built-in templates, by (archetype, language): only files that exist get in.
_BUILT_IN: dict[tuple[str, str], LoadedTemplate] = {}
_VARIANTS: weakref.WeakKeyDictionary[Template, int] = weakref.WeakKeyDictionary()


def _count_variants(env: BoundedEnvironment, template: Template) -> int:
    """Read ``{% set variants = N %}`` from the template's top level, without rendering it."""
    known = _VARIANTS.get(template)
    if known is not None:
        return known
    name = template.name or "?"
    assert env.loader is not None
    source, filename, _ = env.loader.get_source(env, name)
    tree = env.parse(source, name, filename)
    for node in tree.body:
        if (
            isinstance(node, nodes.Assign)
            and isinstance(node.target, nodes.Name)
            and node.target.name == "variants"
        ):
            value = node.node.value if isinstance(node.node, nodes.Const) else None
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise TemplateSyntaxError(
                    "'variants' must be a whole number of at least 1",
                    path=filename,
                    line=node.lineno,
                )
            _VARIANTS[template] = value
            return value
    raise TemplateSyntaxError(
        "the template must start with a top-level {% set variants = N %}", path=filename
    )


def load_template(
    archetype: str, lang: str, *, templates: str | Path | None = None
) -> LoadedTemplate:
    """Compile (or fetch from cache) the template of ``archetype`` in ``lang``.

    The built-in tree is package data: each of its templates is compiled once
    per process and then served without asking the file system again. A tree
    of your own is checked on every call, and a file that changed is compiled
    again.

    Raises:
        TemplatesNotFoundError: the tree has no such file.
        TemplateSyntaxError: Jinja cannot parse it, or it declares no variants.
    """
    if templates is None:
        known = _BUILT_IN.get((archetype, lang))
        if known is not None:
            return known
    env = environment(templates)
    name = template_name(archetype, lang)
    try:
        template = env.get_template(name)
    except TemplateNotFound:
        where = str(Path(templates) if templates is not None else find_templates())
        raise TemplatesNotFoundError(archetype, lang, where) from None
    except JinjaSyntaxError as exc:
        raise TemplateSyntaxError(
            exc.message or str(exc), path=exc.filename, line=exc.lineno
        ) from None
    except (RecursionError, SyntaxError, MemoryError):
        # Expressions nested thousands deep: Jinja's parser or Python's compiler gives up.
        raise TemplateSyntaxError(
            "expressions are nested too deeply to compile", path=_source_path(env, name)
        ) from None
    loaded = LoadedTemplate(
        template, archetype=archetype, lang=lang, variants=_count_variants(env, template)
    )
    if templates is None:
        _BUILT_IN[(archetype, lang)] = loaded
    return loaded


def render_block(loaded: LoadedTemplate, block: str, context: Context) -> str:
    """Render one named block of ``loaded`` in ``context``, within the render budget.

    The blocks rendered with one ``context`` (the sections of one draft) share
    one budget: :data:`MAX_ITERATIONS`, :data:`MAX_OUTPUT_LENGTH`,
    :data:`MAX_BUILT_LENGTH` and :data:`MAX_RENDER_SECONDS` cover the draft.

    Raises:
        KeyError: the template has no such block.
        MissingContextError: the block printed a value that was not given.
        TemplateSecurityError: the block tried something the sandbox refuses,
            or went over a limit.
        TemplateRuntimeError: the block failed in any other way (``1/0``).
    """
    loaded.template.blocks[block]  # a missing block is the caller's KeyError
    return render_blocks(loaded, (block,), context)[0][1]


def render_blocks(
    loaded: LoadedTemplate,
    names: Iterable[str],
    context: Context,
    *,
    limits: Limits | None = None,
) -> list[tuple[str, str]]:
    """Render the blocks ``names`` of ``loaded`` that it has, in order, as ``(name, text)``.

    One budget covers every block rendered with ``context`` (see
    :func:`render_block`), made with ``limits`` (by default
    :func:`current_limits`) when the context has none yet. Each block's output
    is read chunk by chunk, so the output limit is checked as it grows; the
    clock is checked by the operations that can take long and after each
    block. The budget is activated once for all the blocks.

    Raises:
        MissingContextError, TemplateSecurityError, TemplateRuntimeError: as
            :func:`render_block`; each names the template and the line.
    """
    blocks = loaded.template.blocks
    budget = budget_for(context, current_limits() if limits is None else limits)
    token = budget.start()
    rendered: list[tuple[str, str]] = []
    try:
        output, limit = budget.output, budget.limits.output_length
        for name in names:
            render = blocks.get(name)
            if render is None:
                continue
            parts: list[str] = []
            for chunk in render(context):
                output += len(chunk)
                if output > limit:
                    budget.output = output
                    budget.check_output()
                parts.append(chunk)
            budget.output = output
            # Work that can take long (loops, calls, filters, operators) checks
            # the clock as it runs; the blocks' own text is bounded by the file.
            budget.check_time()
            rendered.append((name, "".join(parts)))
    except MissingContextError as exc:
        if exc.template is not None:
            raise
        error = MissingContextError(exc.variable, template=loaded.name, lang=loaded.lang)
        _raise_rewritten(loaded, error)
    except TemplateSecurityError as exc:
        if exc.template is not None:
            raise
        _raise_rewritten(
            loaded, TemplateSecurityError(exc.message, template=loaded.name, kind=exc.kind)
        )
    except SecurityError as exc:
        _raise_rewritten(loaded, TemplateSecurityError(str(exc), template=loaded.name))
    except (RecursionError, MemoryError) as exc:
        _raise_rewritten(loaded, TemplateSecurityError(**describe(exc), template=loaded.name))
    except ReplykitError:
        loaded.template.environment.handle_exception()
    except Exception as exc:
        # A template's own mistake ({{ 1/0 }}, a filter given the wrong type)
        # must not reach the host application as an arbitrary exception.
        message = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        _raise_rewritten(loaded, TemplateRuntimeError(message[:300], template=loaded.name))
    finally:
        budget.stop(token)
    return rendered


def _raise_rewritten(
    loaded: LoadedTemplate,
    error: MissingContextError | TemplateSecurityError | TemplateRuntimeError,
) -> NoReturn:
    """Raise ``error`` with the template's line, and a traceback that points at its lines."""
    error.line = _template_line(loaded.template, sys.exc_info()[2])
    try:
        loaded.template.environment.handle_exception()
    except BaseException:
        raise error.with_traceback(sys.exc_info()[2]) from None


def _template_line(template: Template, tb: TracebackType | None) -> int | None:
    """The line of ``template`` (not of a template it includes) where the traceback ends."""
    line = None
    while tb is not None:
        if tb.tb_frame.f_globals.get("__jinja_template__") is template:
            line = template.get_corresponding_lineno(tb.tb_lineno)
        tb = tb.tb_next
    return line


def _source_path(env: BoundedEnvironment, name: str) -> str:
    loader = env.loader
    if isinstance(loader, FileSystemLoader) and loader.searchpath:
        return str(Path(loader.searchpath[0]) / name)
    return name

"""A Jinja environment that cannot escape or run away.

Jinja's immutable sandbox refuses internals (``__class__``, ``mro``...) and
mutation, but lets ``'x' * 10**9`` build a gigabyte and nested loops run for
hours. :class:`BoundedEnvironment` adds the rest: every operation that can
build a large value (repetition, powers, concatenation, ``%`` and
``str.format``, padding, ``join``, ``replace``...) is checked *before* it
runs, and each render has a :class:`Budget` of loop iterations, output, built
values, call depth, template loads and time, set by :class:`Limits`. Going
over any of them raises :class:`~replykit.errors.TemplateSecurityError`, whose
``kind`` says which resource ran out; nothing is truncated silently.

The module knows nothing of replies: the drafting engine
(:mod:`replykit.templating`) and the template linter both render through it,
with their own limits.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import sys
import threading
import types
import weakref
from collections import ChainMap
from collections.abc import Callable, ItemsView, Iterable, Iterator, KeysView, Mapping, ValuesView
from contextvars import ContextVar, Token
from dataclasses import dataclass
from decimal import Decimal
from functools import wraps
from time import perf_counter
from typing import Any, Literal, NoReturn

from jinja2 import Environment, Template, Undefined, nodes, pass_context, pass_environment
from jinja2.compiler import CodeGenerator, Frame, optimizeconst
from jinja2.filters import do_attr
from jinja2.runtime import Context, LoopContext, markup_join, str_join
from jinja2.sandbox import ImmutableSandboxedEnvironment, SandboxedFormatter
from jinja2.utils import Namespace, generate_lorem_ipsum
from markupsafe import EscapeFormatter, Markup

from .errors import TemplateSecurityError

__all__ = [
    "DEFAULT_LIMITS",
    "BoundedEnvironment",
    "Budget",
    "Limits",
    "Record",
    "active_limits",
    "budget_for",
        "describe",
]

# -- limits ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Limits:
    """How much one render may ask for.

    Each field bounds one resource; the defaults (:data:`DEFAULT_LIMITS`) are
    the drafting engine's, documented with the ``MAX_*`` constants of
    :mod:`replykit.templating`. A render reads them once, when it starts.
    """

    #: Longest string, list or tuple one operation may build.
    string_length: int = 100_000
    #: Largest integer, in bits, that ``*`` and ``**`` may produce; also the precision of ``round``.
    number_bits: int = 4_096
    #: Characters one render may output, or capture in a macro, ``{% set %}`` or
    #: ``{% filter %}`` block; also the text of any one value printed.
    output_length: int = 1_000_000
    #: Characters (or items) all checked operations of one render may build together.
    built_length: int = 10_000_000
    #: Loop iterations per render; also the longest ``range``.
    iterations: int = 100_000
    #: Wall-clock seconds per render, counted only while it renders.
    render_seconds: float = 2.0
    #: Macro, ``caller()``, recursive-loop and function calls nested in each other.
    call_depth: int = 64
    #: ``{% include %}``, ``{% import %}`` and ``{% extends %}`` per render.
    template_loads: int = 100
    #: How deep a value stored in a ``namespace()`` may nest.
    nesting: int = 100


DEFAULT_LIMITS = Limits()

#: What ran out: ``time`` (the clock, loop iterations, template loads), ``size``
#: (a value, the output, or what was built), ``depth`` (nested calls).
_Kind = Literal["time", "size", "depth"]


# -- the render budget ----------------------------------------------------------------


def _refuse(message: str, kind: _Kind = "size") -> NoReturn:
    raise TemplateSecurityError(message, kind=kind)


def _limit(
    what: str, size: int, limit: int, unit: str = "characters", *, about: bool = False
) -> None:
    """Refuse ``what`` when ``size`` is over ``limit``: "<what> of N <unit> exceeds ..."."""
    if size > limit:
        _refuse(f"{what} of {'about ' if about else ''}{size} {unit} exceeds the limit of {limit}")


class Budget:
    """What one render has used so far, against its :class:`Limits`.

    The blocks of one draft share one budget. The clock runs only while a
    block is being rendered (between :meth:`resume` and :meth:`pause`), so the
    time between two blocks of a draft is not counted.
    """

    __slots__ = (
        "built",
        "deadline",
        "depth",
        "iterations",
        "limits",
        "loads",
        "output",
        "resumed",
        "spent",
    )

    def __init__(self, limits: Limits = DEFAULT_LIMITS) -> None:
        self.limits = limits
        self.iterations = 0
        self.output = 0
        self.built = 0
        self.depth = 0
        self.loads = 0
        self.spent = 0.0
        self.resumed = 0.0
        self.deadline = math.inf

    def resume(self) -> None:
        self.resumed = perf_counter()
        self.deadline = self.resumed + self.limits.render_seconds - self.spent

    def pause(self) -> None:
        self.spent += perf_counter() - self.resumed
        self.deadline = math.inf

    def check_time(self) -> None:
        if perf_counter() > self.deadline:
            _refuse(
                f"rendering took longer than the limit of {self.limits.render_seconds} seconds",
                "time",
            )

    def iterate(self) -> None:
        self.iterations += 1
        if self.iterations > self.limits.iterations:
            _refuse(
                f"loop iterations exceed the limit of {self.limits.iterations} per render", "time"
            )
        if not self.iterations & 0xFF:
            self.check_time()

    def check_output(self) -> None:
        """Refuse when the output counted in ``output`` or the clock is over its limit."""
        if self.output > self.limits.output_length:
            _refuse(
                f"the output exceeds the limit of {self.limits.output_length} characters per render"
            )
        self.check_time()

    def build(self, value: object) -> None:
        """Count a value an operation built towards the limit of what a render builds."""
        if isinstance(value, _SIZED):
            self.built += len(value)
            if self.built > self.limits.built_length:
                _refuse(
                    f"values built exceed the limit of {self.limits.built_length} "
                    "characters per render"
                )

    def enter(self) -> None:
        """Count one more nested call (the caller decrements ``depth`` when it returns)."""
        self.depth += 1
        if self.depth > self.limits.call_depth:
            _refuse(
                f"calls nested {self.depth} deep exceed the limit of {self.limits.call_depth}",
                "depth",
            )
        self.check_time()

    def load(self, name: str) -> None:
        self.loads += 1
        if self.loads > self.limits.template_loads:
            _refuse(
                f"loading {name!r}: includes, imports and extends exceed the limit of "
                f"{self.limits.template_loads} per render",
                "time",
            )

    def start(self) -> Token[Budget | None]:
        """Make this the budget of the render running in this thread (or task), clock running."""
        token = _ACTIVE.set(self)
        self.resume()
        return token

    def stop(self, token: Token[Budget | None]) -> None:
        """Stop the clock and restore the budget that was active before :meth:`start`."""
        self.pause()
        _ACTIVE.reset(token)


_SIZED = (str, bytes, list, tuple, dict, set, frozenset)
_SEQUENCES = (str, bytes, list, tuple)
#: The budget of the render running in this thread (or task), if any.
_ACTIVE: ContextVar[Budget | None] = ContextVar("replykit_render_budget", default=None)
# One budget per render context, so that the blocks of a draft share it.
_BUDGETS: weakref.WeakKeyDictionary[Context, Budget] = weakref.WeakKeyDictionary()
_BUDGETS_LOCK = threading.Lock()


def budget_for(context: Context, limits: Limits = DEFAULT_LIMITS) -> Budget:
    """The budget of the render that ``context`` belongs to (made with ``limits`` if new)."""
    budget = _BUDGETS.get(context) if _BUDGETS else None
    if budget is None:
        with _BUDGETS_LOCK:
            budget = _BUDGETS.setdefault(context, Budget(limits))
    return budget


def active_limits() -> Limits:
    """The limits of the render running in this thread, or the defaults outside one."""
    budget = _ACTIVE.get()
    return DEFAULT_LIMITS if budget is None else budget.limits


def _tick() -> Budget | None:
    """The active budget, after checking its clock (``None`` outside a render)."""
    budget = _ACTIVE.get()
    if budget is not None:
        budget.check_time()
    return budget


def _built(value: object) -> None:
    budget = _ACTIVE.get()
    if budget is not None:
        budget.build(value)


# -- sizes, predicted before the work is done -----------------------------------------


def _shape(value: object, limit: int) -> tuple[int, int]:
    """An upper estimate of ``len(str(value))`` and the nesting depth, without building it.

    Containers are walked without recursion (a list nested 100,000 deep is
    fine) and the walk stops as soon as the size passes ``limit``, so it costs
    no more than the text it stands for. A shared item counts each time it
    appears, as it would be printed each time: ``[big] * 1000`` is big.
    """
    size = 0
    depth = 0
    stack: list[tuple[object, int]] = [(value, 1)]
    while stack and size <= limit:
        item, level = stack.pop()
        depth = max(depth, level)
        if isinstance(item, str | bytes):
            size += len(item) + (4 if level > 1 else 0)  # quotes and a separator
        elif isinstance(item, bool) or item is None:
            size += 6
        elif isinstance(item, int):
            size += item.bit_length() // 3 + 2
        elif isinstance(item, float | Decimal | dt.date | dt.time | dt.timedelta):
            size += 40
        elif isinstance(item, Mapping):
            size += 2
            stack.extend((key, level + 1) for key in item)
            stack.extend((item_value, level + 1) for item_value in item.values())
        elif isinstance(item, list | tuple | set | frozenset | KeysView | ValuesView | ItemsView):
            size += 2
            stack.extend((element, level + 1) for element in item)
        elif isinstance(item, Namespace):
            size += 12
            stack.append((_namespace_attributes(item), level + 1))
        elif isinstance(item, Record):
            size += 12 + len(item._name)
            stack.append((item._fields, level + 1))
        else:  # a generator, a macro, a datetime-like object: a short repr
            size += 80
    return size, depth


def _text_size(value: object, limit: int) -> int:
    """``len(str(value))``, exactly for a string, estimated for anything else."""
    if isinstance(value, str):
        return len(value)
    return _shape(value, limit)[0]


def _check_text(value: object, what: str, limit: int | None = None) -> int:
    """Refuse turning ``value`` into text longer than ``limit`` (the output limit)."""
    limit = active_limits().output_length if limit is None else limit
    size = _text_size(value, limit)
    _limit(what, size, limit, about=not isinstance(value, str))
    return size


def _check_growth(
    what: str, size: int, before: int, unit: str = "characters", *, about: bool = False
) -> None:
    """Refuse an operation that would make a value longer than the ``string_length`` limit.

    ``before`` is the length of its longest input: an operation that does not
    make its input longer (centring a long context value in a narrow width) is
    let through, so a long context value can still be used.
    """
    limit = active_limits().string_length
    if size > limit and size > before:
        _refuse(f"{what} of {'about ' if about else ''}{size} {unit} exceeds the limit of {limit}")


def _number(digits: str) -> int:
    """A width or precision written in a format; absurdly long ones count as huge."""
    return int(digits) if len(digits) <= 12 else 10**13


def _kind(value: object) -> tuple[str, str]:
    """How a sequence is named in a message, and its unit."""
    if isinstance(value, str):
        return "string", "characters"
    if isinstance(value, bytes):
        return "bytes", "bytes"
    return type(value).__name__, "items"


def _check_multiply(left: Any, right: Any) -> None:
    for sequence, times in ((left, right), (right, left)):
        if isinstance(sequence, _SEQUENCES) and isinstance(times, int):
            kind, unit = _kind(sequence)
            _check_growth(f"{kind} repetition", len(sequence) * max(times, 0), len(sequence), unit)
            return
    if isinstance(left, int) and isinstance(right, int):
        bits = left.bit_length() + right.bit_length()
        _limit("an integer product", bits, active_limits().number_bits, "bits", about=True)


def _check_power(base: Any, exponent: Any) -> None:
    if not (isinstance(base, int) and isinstance(exponent, int)):
        return  # float powers overflow quickly on their own
    if exponent <= 0 or abs(base) <= 1:
        return
    if exponent.bit_length() > 64:
        _refuse(
            f"an integer power with a {exponent.bit_length()}-bit exponent exceeds the "
            f"limit of {active_limits().number_bits} bits"
        )
    bits = math.ceil(exponent * math.log2(abs(base)))
    _limit("an integer power", bits, active_limits().number_bits, "bits", about=True)


def _check_concatenation(left: Any, right: Any) -> None:
    if isinstance(left, _SEQUENCES) and isinstance(right, _SEQUENCES):
        kind, unit = _kind(left)
        size = len(left) + len(right)
        _check_growth(f"{kind} concatenation", size, max(len(left), len(right)), unit)


_FLOAT_TYPES = frozenset("eEfFgG")
_PERCENT_SPEC = re.compile(r"[#0\- +]*(\*|\d+)?(?:\.(\*|\d*))?[hlL]?(.?)", re.DOTALL)


def _percent_directives(text: str) -> Iterator[tuple[str, str, str]]:
    """``(width, precision, type)`` of each ``%`` directive, as Python's ``%`` reads them.

    A mapping key may hold balanced parentheses (``%(a(b))5s``), which no
    regular expression matches, so the key is skipped by counting them.
    """
    position = text.find("%")
    while position != -1:
        position += 1
        if position < len(text) and text[position] == "(":
            depth = 1
            position += 1
            while position < len(text) and depth:
                depth += {"(": 1, ")": -1}.get(text[position], 0)
                position += 1
        spec = _PERCENT_SPEC.match(text, position)
        assert spec is not None  # every part of the pattern is optional
        width, precision, kind = spec.groups()
        yield width or "", precision or "", kind
        position = text.find("%", spec.end())


def _check_percent(template: str | bytes, arguments: Any, what: str = "%-formatting") -> None:
    """Bound ``template % arguments`` by its widths, precisions and the arguments' text.

    An upper estimate: each directive may print its widest argument padded to
    its width, ``*`` widths take the largest integer argument, and a float
    in ``%f`` may have 309 digits before the point.
    """
    text = template.decode("latin-1") if isinstance(template, bytes) else template
    if isinstance(arguments, tuple):
        values: list[Any] = list(arguments)
    elif isinstance(arguments, Mapping):
        values = [arguments, *arguments.values()]
    else:
        values = [arguments]
    widest = max((_text_size(v, active_limits().output_length) for v in values), default=0)
    largest = max(
        (abs(v) for v in values if isinstance(v, int) and not isinstance(v, bool)), default=0
    )
    size = len(text)
    for width, precision, kind in _percent_directives(text):
        if kind == "%":
            continue
        width_size = largest if width == "*" else _number(width or "0")
        precision_size = largest if precision == "*" else _number(precision or "0")
        for number in (width_size, precision_size):
            _limit(f"{what}: a width or precision", number, active_limits().string_length)
        size += width_size + precision_size + widest + (310 if kind in _FLOAT_TYPES else 0)
        if size > active_limits().string_length:
            break
    _check_growth(what, size, len(text), about=True)


def _check_format_spec(spec: str) -> None:
    """Widths and precisions in a ``str.format`` spec (``{:>999999999}``)."""
    for digits in re.findall(r"\d+", spec):
        _limit("a format width or precision", _number(digits), active_limits().string_length)


# -- filters, globals and methods that can build large values ------------------------


def _param(
    args: tuple[Any, ...], kwargs: Mapping[str, Any], index: int, name: str, default: Any
) -> Any:
    if len(args) > index:
        return args[index]
    return kwargs.get(name, default)


def _int_param(
    args: tuple[Any, ...], kwargs: Mapping[str, Any], index: int, name: str, default: int
) -> int | None:
    value = _param(args, kwargs, index, name, default)
    return value if isinstance(value, int) else None


def _text_of(value: Any) -> str | None:
    return value if isinstance(value, str) else None


_Guard = Callable[[Any, tuple[Any, ...], dict[str, Any]], Any]


def _guard_center(value: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    width = _int_param(args, kwargs, 0, "width", 80)
    if width is not None:
        size = _text_size(value, active_limits().output_length)
        _check_growth("the center filter's result", max(size, width), size)


def _guard_indent(value: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    width = _param(args, kwargs, 0, "width", 4)
    step = len(width) if isinstance(width, str) else width if isinstance(width, int) else 0
    text = _text_of(value)
    size = len(text) if text is not None else _text_size(value, active_limits().output_length)
    lines = text.count("\n") + 1 if text is not None else size + 1
    _check_growth("the indent filter's result", size + lines * max(step, 0), size)


def _guard_wordwrap(value: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    # textwrap's time grows with the square of a long word's length: bound the input too.
    size = _check_text(value, "text to wrap", active_limits().string_length)
    width = _int_param(args, kwargs, 0, "width", 79) or 1
    wrapstring = _param(args, kwargs, 2, "wrapstring", None)
    breaks = size // max(width, 1) + (_text_of(value) or "").count("\n") + 1
    extra = breaks * len(wrapstring) if isinstance(wrapstring, str) else breaks
    _check_growth("the wordwrap filter's result", size + extra, size)


def _guard_format(value: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    text = _text_of(value)
    if text is not None:
        _check_percent(text, kwargs or args, "the format filter")


def _guard_join(value: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> list[Any]:
    items = list(value)  # a generator is read once, here, and handed on as a list
    separator = _param(args, kwargs, 0, "d", "")
    step = len(separator) if isinstance(separator, str) else 0
    size = max(len(items) - 1, 0) * step
    for item in items:
        size += _text_size(item, active_limits().string_length)
        if size > active_limits().string_length:
            break
    _check_growth("the join filter's result", size, 0, about=True)
    return items


def _replaced_size(text: str | bytes, old: Any, new: Any, count: Any) -> int:
    """The length of ``text.replace(old, new, count)``, from a count of ``old``."""
    kind = str if isinstance(text, str) else bytes
    if not (isinstance(old, kind) and isinstance(new, kind)) or len(new) <= len(old):
        return len(text)
    found = text.count(old) if old else len(text) + 1  # type: ignore[arg-type]
    if isinstance(count, int) and count >= 0:
        found = min(found, count)
    return len(text) + found * (len(new) - len(old))


def _guard_replace(value: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    text = value if isinstance(value, str) else None
    if text is None:
        return
    old = _param(args, kwargs, 0, "old", "")
    new = _param(args, kwargs, 1, "new", "")
    count = _param(args, kwargs, 2, "count", None)
    _check_growth("the replace filter's result", _replaced_size(text, old, new, count), len(text))


def _guard_batch(value: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    if _param(args, kwargs, 1, "fill_with", None) is not None:
        count = _int_param(args, kwargs, 0, "linecount", 0)
        if count is not None:
            _limit("a padded batch", count, active_limits().string_length, "items")


def _guard_slice(value: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    count = _int_param(args, kwargs, 0, "slices", 0)
    if count is not None:
        _limit("the slice filter's result", count, active_limits().string_length, "slices")


def _guard_sum(value: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> list[Any]:
    items = list(value)
    start = _param(args, kwargs, 1, "start", 0)
    if isinstance(start, _SEQUENCES):
        # Adding sequences copies the running total each time: bound the result and the copying.
        size = len(start)
        copied = 0
        for item in items:
            size += len(item) if isinstance(item, _SIZED) else 0
            copied += size
            _check_growth("the sum filter's result", size, len(start), "items")
            _limit("the sum filter's copying", copied, active_limits().built_length, "items")
    return items


def _guard_round(value: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    precision = _int_param(args, kwargs, 0, "precision", 0)
    if precision is not None:
        # round(5, -10**9) computes 10 ** 10**9.
        _limit("a round precision", abs(precision), active_limits().number_bits, "digits")


def _guard_urlize(value: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    size = _text_size(value, active_limits().output_length)
    text = _text_of(value) or ""
    words = text.count(" ") + text.count("\n") + 1
    extra = 80 + sum(
        len(part)
        for part in (_param(args, kwargs, 2, "target", None), _param(args, kwargs, 3, "rel", None))
        if isinstance(part, str)
    )
    _check_growth("the urlize filter's result", 3 * size + words * extra, size, about=True)


def _check_pretty(name: str, value: Any, indent: int) -> None:
    """Bound ``pprint``/``tojson`` text: at most one line per item, indented by its depth."""
    size, depth = _shape(value, active_limits().output_length)
    _limit(
        f"the {name} filter's text",
        size * (1 + depth * indent),
        active_limits().output_length,
        about=True,
    )


def _guard_pprint(value: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    _check_pretty("pprint", value, 1)


def _guard_tojson(value: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    indent = _param(args, kwargs, 0, "indent", None)
    step = len(indent) if isinstance(indent, str) else indent if isinstance(indent, int) else 0
    _check_pretty("tojson", value, max(step, 0))


_FILTER_GUARDS: dict[str, _Guard] = {
    "center": _guard_center,
    "indent": _guard_indent,
    "wordwrap": _guard_wordwrap,
    "format": _guard_format,
    "join": _guard_join,
    "replace": _guard_replace,
    "batch": _guard_batch,
    "slice": _guard_slice,
    "sum": _guard_sum,
    "round": _guard_round,
    "urlize": _guard_urlize,
    "pprint": _guard_pprint,
    "tojson": _guard_tojson,
}
# Filters that turn their value into text: the text may not outgrow the output.
_TEXT_FILTERS = frozenset(
    "string e escape forceescape safe upper lower title capitalize trim striptags urlencode "
    "wordcount truncate xmlattr center indent wordwrap format replace urlize isolate".split()
)


def _guard_filter(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap a filter: clock check, its own guard, text size of its value, built size.

    :func:`functools.wraps` keeps Jinja's ``pass_context``-style marker, so the
    wrapper receives the same leading argument as the filter.
    """
    guard = _FILTER_GUARDS.get(name)
    as_text = name in _TEXT_FILTERS
    skip = 1 if hasattr(func, "jinja_pass_arg") else 0

    @wraps(func)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        budget = _ACTIVE.get()
        if budget is not None and perf_counter() > budget.deadline:
            budget.check_time()
        if len(args) > skip:
            value = args[skip]
            if as_text and (
                not isinstance(value, str)
                or len(value) > (DEFAULT_LIMITS if budget is None else budget.limits).output_length
            ):
                _check_text(value, f"the text of a value given to the {name} filter")
            if guard is not None:
                replaced = guard(value, args[skip + 1 :], kwargs)
                if replaced is not None:
                    args = (*args[:skip], replaced, *args[skip + 1 :])
        result = func(*args, **kwargs)
        if budget is not None and isinstance(result, _SIZED):
            budget.build(result)
        return result

    return guarded


def _lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:
    """``lipsum()`` with a bounded number of words (about 12 characters each)."""
    _tick()
    if isinstance(n, int) and isinstance(max, int):
        _limit("lorem ipsum text", 12 * n * max, active_limits().string_length, about=True)
    return generate_lorem_ipsum(n, html, min, max)


def _guard_str_method(
    owner: str | bytes, name: str, args: tuple[Any, ...], kwargs: Mapping[str, Any]
) -> tuple[Any, ...]:
    """Predict the length of a string method's result; ``join`` gets its items as a list."""
    what = f"{type(owner).__name__}.{name}()"
    if name in ("center", "ljust", "rjust", "zfill"):
        width = _param(args, kwargs, 0, "width", 0)
        if isinstance(width, int):
            _check_growth(f"the result of {what}", width, len(owner))
    elif name == "expandtabs":
        tabsize = _param(args, kwargs, 0, "tabsize", 8)
        if isinstance(tabsize, int):
            tabs = owner.count("\t") if isinstance(owner, str) else owner.count(b"\t")
            size = len(owner) + tabs * (tabsize - 1)  # each tab becomes at most tabsize spaces
            _check_growth(f"the result of {what}", size, len(owner))
    elif name == "replace":
        count = _param(args, kwargs, 2, "count", -1)
        size = _replaced_size(
            owner, _param(args, kwargs, 0, "old", ""), _param(args, kwargs, 1, "new", ""), count
        )
        _check_growth(f"the result of {what}", size, len(owner))
    elif name == "join" and args:
        items = list(args[0])
        size = len(owner) * max(len(items) - 1, 0)
        size += sum(len(item) for item in items if isinstance(item, str | bytes))
        _check_growth(f"the result of {what}", size, 0)
        return (items, *args[1:])
    elif name == "translate" and args and isinstance(owner, str):
        table = args[0]
        values = (
            table.values()
            if isinstance(table, Mapping)
            else table
            if isinstance(table, list | tuple)
            else ()
        )
        widest = max((len(v) for v in values if isinstance(v, str | bytes)), default=1)
        _check_growth(f"the result of {what}", len(owner) * widest, len(owner))
    return args


def _guard_call(obj: Any, args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> tuple[Any, ...]:
    """Predict the size of a method call's result (``'x'.ljust(10**9)``, ``(1).to_bytes(10**9)``)."""
    owner = getattr(obj, "__self__", None)
    if isinstance(owner, str | bytes):
        return _guard_str_method(owner, obj.__name__, args, kwargs)
    if isinstance(owner, int) and obj.__name__ == "to_bytes":
        length = _param(args, kwargs, 0, "length", 1)
        if isinstance(length, int):
            _limit("int.to_bytes()", length, active_limits().string_length, "bytes")
    return args


class _BoundedFormatter(SandboxedFormatter):
    """``str.format`` in the sandbox, with widths and the result's length bounded."""

    _length = 0

    def vformat(self, format_string: str, args: Any, kwargs: Any) -> str:
        _tick()
        self._length = len(format_string)
        return super().vformat(format_string, args, kwargs)

    def convert_field(self, value: Any, conversion: str | None) -> Any:
        if conversion is not None:  # !r, !s and !a print the value
            _check_text(
                value, "the text of a value given to str.format", active_limits().string_length
            )
        return super().convert_field(value, conversion)

    def format_field(self, value: Any, format_spec: str) -> Any:
        _check_format_spec(format_spec)
        if not isinstance(value, int | float | Decimal | dt.date | dt.time):
            _check_text(
                value, "the text of a value given to str.format", active_limits().string_length
            )
        result = super().format_field(value, format_spec)
        self._length += len(result)
        # The format string's length stands in for its literal text: an upper bound.
        _limit("the result of str.format", self._length, active_limits().string_length, about=True)
        return result


class _BoundedEscapeFormatter(_BoundedFormatter, EscapeFormatter):
    """The same, for ``Markup.format``, which escapes its arguments."""


def _children(item: object) -> Iterable[object] | None:
    """The items a container holds, or ``None`` for anything that holds no values."""
    if isinstance(item, str | bytes | int | float | Decimal | dt.date | dt.time | Undefined):
        return None
    if isinstance(item, Mapping):
        return [*item.keys(), *item.values()]
    if isinstance(item, list | tuple | set | frozenset | KeysView | ValuesView | ItemsView):
        return item
    if isinstance(item, Namespace):
        return _namespace_attributes(item).values()
    if isinstance(item, Record):
        return item._fields.values()
    return None


def _check_nesting(value: object, known: dict[int, int]) -> int:
    """How deep ``value`` nests, refused past the ``nesting`` limit.

    ``known`` maps the ``id`` of live containers whose depth is known to that
    depth; it starts with the values already stored, so ``ns.x = [ns.x]``
    costs one step, and collects every container met, so a value shared many
    times in a tree is measured once. The recursion is as deep as the value,
    which is what is bounded.
    """
    children = _children(value)
    if children is None:
        return 0
    found = known.get(id(value))
    if found is not None:
        return found
    budget = _ACTIVE.get()
    if budget is not None:
        budget.check_time()
    deepest = 0
    for child in children:
        deepest = max(deepest, _check_nesting(child, known))
        if deepest >= active_limits().nesting:
            _refuse(f"a value nested more than {active_limits().nesting} deep exceeds the limit")
    known[id(value)] = deepest + 1
    return deepest + 1


class _Namespace(Namespace):
    """``namespace()`` for templates: what it stores may not nest past the ``nesting`` limit.

    The depth of each stored value is kept beside it, so storing a value built
    from the stored ones does not measure them again.
    """

    def __init__(*args: Any, **kwargs: Any) -> None:  # Jinja's own signature
        Namespace.__init__(*args, **kwargs)
        self = args[0]
        depths: dict[str, tuple[Any, int]] = {}
        known: dict[int, int] = {}
        for name, value in _namespace_attributes(self).items():
            depths[name] = (value, _check_nesting(value, known))
        object.__setattr__(self, "_replykit_depths", depths)

    def __setitem__(self, name: str, value: Any) -> None:
        depths: dict[str, tuple[Any, int]] = object.__getattribute__(self, "_replykit_depths")
        depth = 0
        if _children(value) is not None:
            known = {id(stored): stored_depth for stored, stored_depth in depths.values()}
            depth = _check_nesting(value, known)
        super().__setitem__(name, value)
        depths[name] = (value, depth)


def _namespace_attributes(namespace: Namespace) -> dict[str, Any]:
    attributes: dict[str, Any] = object.__getattribute__(namespace, "_Namespace__attrs")
    return attributes


class _Range:
    """``range`` for templates: each step counts towards the render's iterations."""

    __slots__ = ("_range",)

    def __init__(self, steps: range) -> None:
        self._range = steps

    def __iter__(self) -> Iterator[int]:
        budget = _ACTIVE.get()
        if budget is None:
            yield from self._range
            return
        for value in self._range:
            budget.iterate()
            yield value

    def __reversed__(self) -> Iterator[int]:
        return iter(_Range(self._range[::-1]))

    def __len__(self) -> int:
        return len(self._range)

    def __bool__(self) -> bool:
        return bool(self._range)

    def __contains__(self, value: object) -> bool:
        return value in self._range

    def __getitem__(self, index: int | slice) -> Any:
        found = self._range[index]
        return _Range(found) if isinstance(found, range) else found

    def __repr__(self) -> str:
        return repr(self._range)


def _range(*args: int) -> _Range:
    """The template global ``range``: at most the ``iterations`` limit items."""
    _tick()
    steps = range(*args)
    try:
        length = len(steps)
    except OverflowError:  # longer than sys.maxsize
        length = sys.maxsize
    _limit("a range", length, active_limits().iterations, "items")
    return _Range(steps)


class _Counted:
    """A loop's iterable whose steps count towards the render's iterations.

    ``len()`` is passed through, so ``loop.length`` and ``loop.last`` do not
    read the iterable ahead of the loop.
    """

    __slots__ = ("_items",)

    def __init__(self, items: Iterable[Any]) -> None:
        self._items = items

    def __iter__(self) -> Iterator[Any]:
        budget = _ACTIVE.get()
        iterator = iter(self._items)
        return iterator if budget is None else _counting(iterator, budget)

    def __len__(self) -> int:
        return len(self._items)  # type: ignore[arg-type]  # TypeError when unsized, as Jinja expects


def _counting(iterator: Iterator[Any], budget: Budget) -> Iterator[Any]:
    for item in iterator:
        budget.iterate()
        yield item


# Attribute names that reach the interpreter's internals. Jinja already refuses
# names starting with "_" and most of these on the objects where they exist;
# refusing them by name also covers objects where they are missing (so the
# answer is a security error, not "undefined") and Python 2 spellings.
_INTERNAL_ATTRIBUTES = frozenset(
    "mro func_globals func_code func_closure func_defaults func_dict im_class im_func "
    "im_self gi_frame gi_code gi_yieldfrom cr_frame cr_code cr_await ag_frame ag_code "
    "ag_await f_globals f_locals f_builtins f_back f_code tb_frame tb_next co_code".split()
)
_LOOP_HOOK = "_replykit_counted"
_CONCAT_HOOK = "_replykit_concat"


def _internal(name: object) -> bool:
    return isinstance(name, str) and (name.startswith("_") or name in _INTERNAL_ATTRIBUTES)


class _CodeGenerator(CodeGenerator):
    """Jinja's code generator, with every loop counted and ``~`` bounded.

    Each ``{% for %}`` iterates its iterable through the environment's
    counting hook, so a loop whose body prints nothing still spends the
    budget; each ``~`` goes through a hook that checks the joined length
    before joining.
    """

    def visit_For(self, node: nodes.For, frame: Frame) -> None:
        iterable = node.iter
        counted = (
            isinstance(iterable, nodes.Call)
            and isinstance(iterable.node, nodes.EnvironmentAttribute)
            and iterable.node.name == _LOOP_HOOK
        )
        if not counted:
            hook = nodes.EnvironmentAttribute(_LOOP_HOOK, lineno=iterable.lineno)
            node.iter = nodes.Call(hook, [iterable], [], None, None, lineno=iterable.lineno)
            node.iter.set_environment(self.environment)
        super().visit_For(node, frame)

    @optimizeconst
    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        if frame.eval_ctx.volatile:
            markup = "context.eval_ctx.volatile"  # as Jinja decides between its two joins
        else:
            markup = "True" if frame.eval_ctx.autoescape else "False"
        self.write(f"environment.{_CONCAT_HOOK}((")
        for argument in node.nodes:
            self.visit(argument, frame)
            self.write(", ")
        self.write(f"), {markup})")


class BudgetTemplate(Template):
    """A template whose :meth:`render` runs under a fresh budget when none is active."""

    environment: BoundedEnvironment

    def new_context(
        self,
        vars: dict[str, Any] | None = None,
        shared: bool = False,
        locals: Mapping[str, Any] | None = None,
    ) -> Context:
        """Jinja's context, made without walking the globals' ``ChainMap`` in Python.

        Jinja copies the template's globals (a ``ChainMap`` over the
        environment's) twice per render through ``ChainMap``'s pure-Python
        iteration, which costs more than rendering a short block. Flattening
        the maps with ``dict.update`` gives the same keys, order and values.
        """
        if shared or locals:
            return super().new_context(vars, shared, locals)
        scope = self.globals
        flat: dict[str, Any] = {}
        if isinstance(scope, ChainMap):
            for mapping in reversed(scope.maps):
                flat.update(mapping)
        else:
            flat.update(scope)
        parent = {**flat, **vars} if vars else dict(flat)
        return self.environment.context_class(
            self.environment, parent, self.name, self.blocks, globals=flat
        )

    def render(self, *args: Any, **kwargs: Any) -> str:
        if _ACTIVE.get() is not None:
            return super().render(*args, **kwargs)
        budget = Budget(self.environment.limits())
        token = budget.start()
        try:
            return super().render(*args, **kwargs)
        except (RecursionError, MemoryError) as exc:
            raise TemplateSecurityError(**describe(exc), template=self.name) from None
        finally:
            budget.stop(token)


def describe(exc: RecursionError | MemoryError) -> dict[str, Any]:
    """The :class:`~replykit.errors.TemplateSecurityError` arguments for a render that gave out."""
    if isinstance(exc, RecursionError):
        return {"message": "rendering recursed too deep", "kind": "depth"}
    return {"message": "rendering ran out of memory", "kind": "size"}


def _bounded_finalize(finalize: Callable[..., Any] | None) -> Callable[..., Any]:
    """Wrap the environment's ``finalize``: what is printed may not outgrow the output limit.

    The check runs before ``str()`` builds the text, so a list holding one
    long string a thousand times is refused without being joined. A plain
    string, what templates print most, is checked inline.
    """
    # Jinja's pass_context / pass_eval_context / pass_environment marker, by name.
    passes = getattr(getattr(finalize, "jinja_pass_arg", None), "name", None)
    inner: Callable[[Context, Any], Any] | None
    if finalize is None or passes == "context":
        inner = finalize
    elif passes == "eval_context":
        inner = lambda context, value: finalize(context.eval_ctx, value)  # noqa: E731
    elif passes == "environment":
        inner = lambda context, value: finalize(context.environment, value)  # noqa: E731
    else:
        inner = lambda context, value: finalize(value)  # noqa: E731

    @pass_context
    def finalized(context: Context, value: Any) -> Any:
        if inner is not None:
            value = inner(context, value)
        if type(value) is str:
            budget = _ACTIVE.get()
            limit = (DEFAULT_LIMITS if budget is None else budget.limits).output_length
            if len(value) > limit:
                _limit("printing a value", len(value), limit)
        else:
            _check_text(value, "printing a value")
        return value

    return finalized


class BoundedEnvironment(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, with every operation that can grow a value bounded.

    Immutable: ``list.append`` and friends are refused, so a template cannot
    grow a list in place (or make one contain itself). Every filter, the given
    ones and Jinja's own, is guarded; ``range``, ``lipsum`` and ``namespace``
    are replaced by bounded ones.

    Args:
        limits: called when a render starts without a budget of its own
            (``Template.render``), for the limits to give it; the owner of the
            environment decides them, so a host may change them between renders.
        filters: filters to add to Jinja's.
        globals: globals to add (after the bounded ones, so they may not replace them).
        trusted: ``pass_context`` functions among ``globals`` that do a small,
            bounded amount of work and call nothing back: they are called
            without the sandbox's per-call checks, which cost more than they do.
        **options: Jinja's own environment options.
    """

    code_generator_class = _CodeGenerator
    template_class = BudgetTemplate
    # Unary operators are not intercepted: ``-x`` and ``+x`` never make a value longer.
    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(
        self,
        *,
        limits: Callable[[], Limits] = lambda: DEFAULT_LIMITS,
        filters: Mapping[str, Callable[..., Any]] | None = None,
        globals: Mapping[str, Any] | None = None,
        trusted: Iterable[Callable[..., Any]] = (),
        **options: Any,
    ) -> None:
        options["finalize"] = _bounded_finalize(options.get("finalize"))
        super().__init__(**options)
        self.limits = limits
        self.filters.update({"attr": _attr_filter, **(filters or {})})
        self.filters = {name: _guard_filter(name, func) for name, func in self.filters.items()}
        bounded = {"range": _range, "lipsum": _lipsum, "namespace": _Namespace}
        self.globals.update({**(globals or {}), **bounded})
        # Ids of functions that stay alive as long as the module: an id seen here is theirs.
        self._trusted = frozenset(id(func) for func in trusted)

    def compile(self, *args: Any, **kwargs: Any) -> Any:
        """Compile under the owner's limits: Jinja folds constant filter calls while compiling."""
        if _ACTIVE.get() is not None:
            return super().compile(*args, **kwargs)
        budget = Budget(self.limits())
        token = budget.start()
        try:
            return super().compile(*args, **kwargs)
        finally:
            budget.stop(token)

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        budget = _ACTIVE.get()
        if budget is not None and perf_counter() > budget.deadline:
            budget.check_time()
        if operator == "*":
            _check_multiply(left, right)
        elif operator == "**":
            _check_power(left, right)
        elif operator == "+":
            _check_concatenation(left, right)
        elif operator == "%" and isinstance(left, str | bytes):
            _check_percent(left, right)
        result = self.binop_table[operator](left, right)
        if budget is not None and isinstance(result, _SIZED):
            budget.build(result)
        return result

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        if id(__obj) in __self._trusted:
            # Trusted functions take the context first (``pass_context``); Jinja
            # derives one holding a loop's or a block's own variables, if any.
            loop_vars = kwargs.pop("_loop_vars", None)
            block_vars = kwargs.pop("_block_vars", None)
            if loop_vars or block_vars:
                return __context.call(
                    __obj, *args, _loop_vars=loop_vars, _block_vars=block_vars, **kwargs
                )
            return __obj(__context, *args, **kwargs)
        if isinstance(__obj, types.BuiltinMethodType):
            args = _guard_call(__obj, args, kwargs)
        elif isinstance(__obj, LoopContext) and args:  # a recursive loop's next level
            args = (_Counted(args[0]), *args[1:])
        budget = _ACTIVE.get()
        if budget is None:
            return super().call(__context, __obj, *args, **kwargs)
        try:
            budget.enter()
            result = super().call(__context, __obj, *args, **kwargs)
        finally:
            budget.depth -= 1
        if isinstance(result, _SIZED):
            budget.build(result)
        return result

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if _internal(attr):
            return False
        # Every attribute of a namespace or a record is a value stored in it. Asking
        # ``type()`` avoids isinstance checks, which read a namespace's __class__ slowly.
        if issubclass(type(obj), Namespace | Record):
            return True
        return super().is_safe_attribute(obj, attr, value)

    def getattr(self, obj: Any, attribute: str) -> Any:
        if _internal(attribute):
            return self.unsafe_undefined(obj, attribute)
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        if _internal(argument) and not isinstance(obj, Mapping | Record):
            return self.unsafe_undefined(obj, argument)
        return super().getitem(obj, argument)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """``str.format`` and ``format_map``, sandboxed and bounded (see :class:`_BoundedFormatter`)."""
        if not isinstance(
            value, types.MethodType | types.BuiltinMethodType
        ) or value.__name__ not in (
            "format",
            "format_map",
        ):
            return None
        owner: Any = value.__self__
        if not isinstance(owner, str):
            return None
        formatter: _BoundedFormatter
        if isinstance(owner, Markup):
            formatter = _BoundedEscapeFormatter(self, escape=owner.escape)
        else:
            formatter = _BoundedFormatter(self)
        text_type = type(owner)
        is_map = value.__name__ == "format_map"

        @wraps(value)
        def bounded_format(*args: Any, **kwargs: Any) -> str:
            if is_map:
                if kwargs or len(args) != 1:
                    raise TypeError("format_map() takes exactly one positional argument")
                kwargs, args = args[0], ()
            return text_type(formatter.vformat(owner, args, kwargs))

        return bounded_format

    def concat(self, chunks: Iterable[str]) -> str:
        """Join captured output (a macro's body, a ``{% set %}`` block), within the output limit."""
        parts: list[str] = []
        size = 0
        limit = active_limits().output_length
        for chunk in chunks:
            size += len(chunk)
            if size > limit:
                _refuse(f"captured output exceeds the limit of {limit} characters")
            parts.append(chunk)
        text = "".join(parts)
        _built(text)
        return text

    def _replykit_concat(self, values: tuple[Any, ...], markup: bool) -> str:
        """``a ~ b``: the joined length is checked before anything is joined."""
        _tick()
        size = 0
        longest = 0
        limit = active_limits().output_length
        for value in values:
            length = _text_size(value, limit)
            size += length
            longest = max(longest, length)
        _check_growth("a concatenation (~)", size, longest, about=True)
        text: str = markup_join(values) if markup else str_join(values)
        _built(text)
        return text

    def _replykit_counted(self, iterable: Any) -> Any:
        """A loop's iterable, counted (a ``range`` counts itself)."""
        return iterable if isinstance(iterable, _Range | _Counted) else _Counted(iterable)

    def _load_template(self, name: str, globals: Any) -> Template:
        budget = _ACTIVE.get()
        if budget is not None:
            budget.load(name)
        return super()._load_template(name, globals)


class Record:
    """A context object (``incident``) whose missing fields are undefined by name.

    Absent fields are left out, so ``incident.cause`` is undefined when no cause
    was given and an error can say ``incident.cause``. It has no public
    attributes or methods of its own (unlike a ``dict``'s ``items``), so every
    dotted name in a template means a field.
    """

    __slots__ = ("_fields", "_name")

    def __init__(self, name: str, fields: Mapping[str, Any]) -> None:
        self._name = name
        self._fields = dict(fields)

    def __getitem__(self, key: str) -> Any:
        return self._fields[key]

    def __contains__(self, key: object) -> bool:
        return key in self._fields

    def __iter__(self) -> Iterator[str]:
        return iter(self._fields)

    def __len__(self) -> int:
        return len(self._fields)

    def __repr__(self) -> str:
        return f"Record({self._name!r}, {self._fields!r})"


@pass_environment
def _attr_filter(environment: Environment, obj: Any, name: Any) -> Any:
    """``attr``, refusing internals by name even where the object lacks them."""
    if _internal(name) and isinstance(environment, BoundedEnvironment):
        return environment.unsafe_undefined(obj, name)
    return do_attr(environment, obj, name)

"""The environment the linter parses and renders templates in, and its budget.

The linter renders templates written by anyone, so a template must not be
able to hang it or exhaust its memory. Two lines of defence:

1. :class:`BudgetEnvironment` mirrors the drafting engine's sandboxed
   environment (same filters, globals, undefined values and finalizer, so a
   template renders exactly as :func:`replykit.draft` renders it) and adds a
   budget: a deadline checked on every call, attribute lookup and ``range``
   step; ``*``, ``**``, ``%`` and ``+`` intercepted so that a sequence or a
   number that would outgrow the size budget is refused before it is built
   (intercepting them also stops Jinja from folding ``"x" * 10**10`` at
   compile time); filter and function arguments and results measured.
2. :func:`unbounded_reason` proves most templates harmless before they are
   compiled: a template that stays within the constructs reply templates use
   (blocks, ``if``, loops over context lists, the engine's filters, ``g()``)
   does work proportional to its size. Any other template (macros, ranges,
   arithmetic, includes...) is compiled and rendered in a separate process
   with a memory limit and a timeout (:mod:`replykit.linter.worker`), because
   no in-process check can interrupt a long C-level operation.
"""

from __future__ import annotations

import math
import re
import time
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from functools import lru_cache, wraps
from pathlib import Path
from typing import Any, Literal

from jinja2 import nodes
from jinja2.runtime import Context
from jinja2.sandbox import MAX_RANGE, ImmutableSandboxedEnvironment

__all__ = [
    "DEFAULT_SIZE_BUDGET",
    "DEFAULT_TIME_BUDGET",
    "BudgetEnvironment",
    "BudgetExceeded",
    "budget",
    "lint_environment",
    "unbounded_reason",
]

#: Seconds a template may take to compile and render all its drafts.
DEFAULT_TIME_BUDGET = 5.0
#: Characters a rendered draft, or any value built while rendering, may hold.
#: The longest reply a person reads is a few thousand characters.
DEFAULT_SIZE_BUDGET = 100_000

_DEADLINE: ContextVar[float] = ContextVar("replykit_lint_deadline", default=math.inf)
_SIZE: ContextVar[int] = ContextVar("replykit_lint_size", default=DEFAULT_SIZE_BUDGET)
_RANGE_CHECK_EVERY = 256  # range steps between two looks at the clock
# %-format width or precision ("%1000000000s"), which builds a string that long.
_PERCENT_WIDTH = re.compile(r"%[-#0 +]*(\d+)?(?:\.(\d+))?")


class BudgetExceeded(Exception):
    """A template went over its time or size budget while compiling or rendering."""

    def __init__(self, kind: Literal["time", "size"], detail: str) -> None:
        self.kind = kind
        self.detail = detail
        super().__init__(detail)


class budget:
    """Run the enclosed rendering under a deadline and a size limit.

    Examples:
        >>> with budget(seconds=1.0, size=10):
        ...     _check_size("x" * 11)
        Traceback (most recent call last):
        ...
        replykit.linter.sandbox.BudgetExceeded: a value of 11 characters is over the size budget of 10
    """

    def __init__(self, *, seconds: float, size: int) -> None:
        self.seconds = seconds
        self.size = size
        self._tokens: tuple[Any, Any] | None = None

    def __enter__(self) -> budget:
        deadline = time.perf_counter() + self.seconds
        self._tokens = (_DEADLINE.set(deadline), _SIZE.set(self.size))
        return self

    def __exit__(self, *exc: object) -> None:
        if self._tokens is not None:
            _DEADLINE.reset(self._tokens[0])
            _SIZE.reset(self._tokens[1])


def _tick() -> None:
    if time.perf_counter() > _DEADLINE.get():
        raise BudgetExceeded("time", "rendering went over its time budget")


def _check_size(value: object) -> None:
    limit = _SIZE.get()
    if isinstance(value, str | bytes | list | tuple | dict | set | frozenset):
        size = len(value)
        if size > limit:
            raise BudgetExceeded(
                "size", f"a value of {size} characters is over the size budget of {limit}"
            )
    elif isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 4096:
        raise BudgetExceeded("size", "a number of more than 4096 bits is over the size budget")


def _check_count(count: object) -> None:
    """Refuse an argument that asks for a huge result (``center(10**9)``, ``lipsum(10**6)``)."""
    if isinstance(count, int) and not isinstance(count, bool) and abs(count) > _SIZE.get():
        raise BudgetExceeded(
            "size", f"an argument of {count} asks for more than the size budget of {_SIZE.get()}"
        )


def _predict_binop(operator: str, left: Any, right: Any) -> None:
    """Refuse an operation whose result would go over the size budget, before computing it."""
    limit = _SIZE.get()
    sized = (str, bytes, list, tuple)
    if operator == "*":
        for seq, times in ((left, right), (right, left)):
            if isinstance(seq, sized) and isinstance(times, int) and len(seq) * times > limit:
                raise BudgetExceeded(
                    "size", f"repeating a value {times} times is over the size budget of {limit}"
                )
        if (
            isinstance(left, int)
            and isinstance(right, int)
            and left.bit_length() + right.bit_length() > 4096
        ):
            raise BudgetExceeded("size", "a product of more than 4096 bits")
    elif operator == "**":
        if (
            isinstance(left, int)
            and isinstance(right, int)
            and abs(left) > 1
            and right > 0
            and right * max(abs(left).bit_length(), 1) > 4096
        ):
            raise BudgetExceeded("size", f"{left} ** {right} has more than 4096 bits")
    elif operator == "+":
        if isinstance(left, sized) and isinstance(right, sized) and len(left) + len(right) > limit:
            raise BudgetExceeded("size", f"joining two values is over the size budget of {limit}")
    elif operator == "%" and isinstance(left, str):
        for width, precision in _PERCENT_WIDTH.findall(left):
            for number in (width, precision):
                if number and int(number) > limit:
                    raise BudgetExceeded("size", f"a format width of {number} characters")


class _BudgetRange:
    """``range`` for templates: at most ``MAX_RANGE`` items, and a clock check as it runs."""

    __slots__ = ("_range",)

    def __init__(self, *args: int) -> None:
        for arg in args:
            _check_count(arg)
        self._range = range(*args)
        if len(self._range) > MAX_RANGE:
            raise BudgetExceeded(
                "size", f"a range of {len(self._range)} items (at most {MAX_RANGE})"
            )

    def __iter__(self) -> Iterator[int]:
        for i, value in enumerate(self._range):
            if i % _RANGE_CHECK_EVERY == 0:
                _tick()
            yield value

    def __len__(self) -> int:
        return len(self._range)

    def __getitem__(self, index: Any) -> Any:
        return self._range[index]

    def __repr__(self) -> str:
        return repr(self._range)


def _budgeted(func: Callable[..., Any], *, leading: int = 0) -> Callable[..., Any]:
    """Wrap a filter or global function: clock check, argument and result sizes.

    ``leading`` positional arguments are not counts (a filter's value, and the
    context that Jinja passes first to a ``pass_context`` function).
    :func:`functools.wraps` copies Jinja's ``pass_context`` marker, so the
    wrapped function still receives the context.
    """
    skip = leading + (1 if hasattr(func, "jinja_pass_arg") else 0)

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        _tick()
        for arg in (*args[skip:], *kwargs.values()):
            _check_count(arg)
        result = func(*args, **kwargs)
        _check_size(result)
        return result

    return wrapper


class BudgetEnvironment(ImmutableSandboxedEnvironment):
    """A sandboxed environment that keeps a template within a time and size budget."""

    intercepted_binops = frozenset({"*", "**", "%", "+"})

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        _tick()
        _predict_binop(operator, left, right)
        return super().call_binop(context, operator, left, right)

    def getattr(self, obj: Any, attribute: str) -> Any:
        _tick()
        value = super().getattr(obj, attribute)
        _check_size(value)
        return value

    def getitem(self, obj: Any, argument: Any) -> Any:
        _tick()
        value = super().getitem(obj, argument)
        _check_size(value)
        return value

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        _tick()
        for arg in (*args, *kwargs.values()):
            _check_count(arg)
        result = super().call(__context, __obj, *args, **kwargs)
        _check_size(result)
        return result


# Settings copied from the engine's environment so that parsing and rendering
# behave exactly as in drafting.
_MIRRORED = (
    "block_start_string",
    "block_end_string",
    "variable_start_string",
    "variable_end_string",
    "comment_start_string",
    "comment_end_string",
    "line_statement_prefix",
    "line_comment_prefix",
    "trim_blocks",
    "lstrip_blocks",
    "newline_sequence",
    "keep_trailing_newline",
    "autoescape",
    "optimized",
    "finalize",
    "undefined",
)


def lint_environment(root: str | Path) -> BudgetEnvironment:
    """The linter's environment for a template tree (cached per tree).

    It has the engine's filters, tests and globals, so an unknown filter is
    one the engine does not know either.
    """
    return _lint_environment(str(Path(root).resolve()))


@lru_cache(maxsize=8)
def _lint_environment(root: str) -> BudgetEnvironment:
    from ..templating import environment

    engine = environment(root)
    settings = {name: getattr(engine, name) for name in _MIRRORED}
    env = BudgetEnvironment(
        loader=engine.loader,
        extensions=[type(ext) for ext in engine.extensions.values()],
        cache_size=0,
        auto_reload=False,
        **settings,
    )
    env.filters = {name: _budgeted(func, leading=1) for name, func in engine.filters.items()}
    env.tests = dict(engine.tests)
    env.globals = {
        name: _budgeted(value) if callable(value) and not isinstance(value, type) else value
        for name, value in engine.globals.items()
    }
    env.globals["range"] = _BudgetRange
    return env


# -- the bounded subset ----------------------------------------------------

# Filters whose work is proportional to their input: the engine's own and the
# few plain Jinja filters a reply template may use.
_LINEAR_FILTERS = frozenset(
    "datetime date time number isolate default d length count upper lower capitalize title "
    "trim string e escape first last join list abs int float round striptags".split()
)
_TESTS = frozenset(
    "defined undefined none sameas eq equalto == ne != true false boolean string number "
    "integer float mapping sequence iterable lower upper odd even in lt gt le ge < > <= >= "
    "lessthan greaterthan".split()
)
_PLAIN = (
    nodes.Output,
    nodes.TemplateData,
    nodes.Const,
    nodes.Name,
    nodes.Getattr,
    nodes.If,
    nodes.Block,
    nodes.Compare,
    nodes.Operand,
    nodes.And,
    nodes.Or,
    nodes.Not,
    nodes.CondExpr,
    nodes.Concat,
    nodes.Keyword,
    nodes.List,
    nodes.Tuple,
    nodes.Pair,
    nodes.Dict,
    nodes.Add,
    nodes.Sub,
    nodes.Div,
    nodes.FloorDiv,
    nodes.Neg,
    nodes.Pos,
)


def unbounded_reason(template: nodes.Template) -> tuple[str, int] | None:
    """Why rendering ``template`` is not provably cheap, or ``None`` when it is.

    The bounded subset: text, output, ``if``, blocks, a top-level ``{% set
    name = constant %}``, ``for`` over a context value (no ``recursive``),
    the engine's filters and a few linear Jinja filters, tests, comparisons,
    ``and``/``or``/``not``, conditional expressions, ``~``, ``+``, ``-``,
    ``/`` and calls of ``g()``. Within it, the work is proportional to the
    template's size times the context's, and nothing is folded at compile
    time that could blow up.

    Returns:
        ``(what, line)`` naming the first construct outside the subset.
    """
    for node in template.body:
        if isinstance(node, nodes.Assign):
            if not isinstance(node.node, nodes.Const) or not isinstance(node.target, nodes.Name):
                return "a {% set %} of a computed value", node.lineno
            continue
        found = _outside(node)
        if found is not None:
            return found
    return None


def _outside(node: nodes.Node) -> tuple[str, int] | None:
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, nodes.For):
            if item.recursive:
                return "a recursive loop", item.lineno
            if not isinstance(item.iter, nodes.Name | nodes.Getattr):
                return "a loop over a computed value", item.lineno
        elif isinstance(item, nodes.Filter):
            if item.name not in _LINEAR_FILTERS:
                return f"the filter {item.name!r}", item.lineno
        elif isinstance(item, nodes.Test):
            if item.name not in _TESTS:
                return f"the test {item.name!r}", item.lineno
        elif isinstance(item, nodes.Call):
            if not (isinstance(item.node, nodes.Name) and item.node.name == "g"):
                return "a call other than g()", item.lineno
        elif isinstance(item, nodes.Getitem):
            if not isinstance(item.arg, nodes.Const):
                return "an index that is computed", item.lineno
        elif isinstance(item, nodes.Const):
            value = item.value
            if (
                isinstance(value, int)
                and not isinstance(value, bool)
                and abs(value) > DEFAULT_SIZE_BUDGET
            ):
                return f"the number {value}", item.lineno
        elif not isinstance(item, _PLAIN):
            return f"{{% {type(item).__name__.lower()} %}}", getattr(item, "lineno", 1)
        stack.extend(item.iter_child_nodes())
    return None

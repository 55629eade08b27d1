"""The sandboxed Jinja environment that renders reply templates.

Templates live in a tree ``<lang>/<archetype>.txt.j2``. :func:`find_templates`
is the one place that knows where the built-in tree is: inside the package in
a wheel install, at the top of the repository in a source checkout or an
editable install. Callers may pass their own tree with the same layout.

Rendering happens in Jinja's sandbox with autoescape off (the output is plain
text; :meth:`replykit.models.Draft.to_html` escapes). Context values are passed
as data, never compiled, so a customer called ``{{ 7*7 }}`` stays so. A value
that was not given is *undefined*: templates may test it (``{% if x %}``,
``is defined``, ``| default``), but printing, iterating, calling it or taking
an attribute raises :class:`~replykit.errors.MissingContextError`.
"""

from __future__ import annotations

import datetime as dt
import sys
import weakref
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any, NoReturn

from jinja2 import FileSystemLoader, Template, TemplateNotFound, Undefined, nodes, pass_context
from jinja2 import TemplateSyntaxError as JinjaSyntaxError
from jinja2.exceptions import SecurityError
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment

from .errors import (
    MissingContextError,
    TemplateSecurityError,
    TemplatesNotFoundError,
    TemplateSyntaxError,
)
from .formatting import Formatter

__all__ = [
    "FORMATTER_VARIABLE",
    "TEMPLATE_SUFFIX",
    "ContextUndefined",
    "LoadedTemplate",
    "Record",
    "environment",
    "find_templates",
    "load_template",
    "render_block",
    "template_name",
]

TEMPLATE_SUFFIX = ".txt.j2"
#: The render variable holding the draft's :class:`Formatter`; the filters read it.
FORMATTER_VARIABLE = "_replykit_formatter"
_CACHE_SIZE = 8  # template trees kept compiled at once
_TEMPLATES_PER_TREE = 64


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
    found = context.get(FORMATTER_VARIABLE)
    if isinstance(found, Formatter):
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
    gender = context.get("customer_gender")
    if gender == "female":
        return female
    if gender == "male":
        return male
    return male if neutral is None else neutral


@pass_context
def _finalize(context: Context, value: Any) -> Any:
    """Print dates and numbers the way the ``datetime``/``number`` filters would."""
    if isinstance(value, dt.datetime):
        return _formatter(context).datetime(value)
    if isinstance(value, dt.date):
        return _formatter(context).date(value)
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return _formatter(context).number(value)
    return value


_FILTERS: dict[str, Callable[..., str]] = {
    "datetime": _datetime_filter,
    "date": _date_filter,
    "time": _time_filter,
    "number": _number_filter,
    "isolate": _isolate_filter,
}


@lru_cache(maxsize=_CACHE_SIZE)
def _environment(root: str) -> SandboxedEnvironment:
    env = SandboxedEnvironment(
        loader=FileSystemLoader(root, encoding="utf-8"),
        autoescape=False,
        undefined=ContextUndefined,
        finalize=_finalize,
        keep_trailing_newline=False,
        cache_size=_TEMPLATES_PER_TREE,
        auto_reload=True,
    )
    env.filters.update(_FILTERS)
    env.globals["g"] = _gendered
    return env


def environment(templates: str | Path | None = None) -> SandboxedEnvironment:
    """The sandboxed environment for a template tree (the built-in one by default).

    Environments are cached per tree, a few trees at a time; each keeps a
    bounded cache of compiled templates and recompiles a file that changed.
    """
    root = Path(templates) if templates is not None else find_templates()
    return _environment(str(root.resolve()))


class LoadedTemplate:
    """A compiled template with what the engine needs to know about it."""

    __slots__ = ("archetype", "lang", "name", "template", "variants")

    def __init__(self, template: Template, *, archetype: str, lang: str, variants: int) -> None:
        self.template = template
        self.archetype = archetype
        self.lang = lang
        self.name = template.name or template_name(archetype, lang)
        self.variants = variants


_VARIANTS: weakref.WeakKeyDictionary[Template, int] = weakref.WeakKeyDictionary()


def _count_variants(env: SandboxedEnvironment, template: Template) -> int:
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

    Raises:
        TemplatesNotFoundError: the tree has no such file.
        TemplateSyntaxError: Jinja cannot parse it, or it declares no variants.
    """
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
    return LoadedTemplate(
        template, archetype=archetype, lang=lang, variants=_count_variants(env, template)
    )


def render_block(loaded: LoadedTemplate, block: str, context: Context) -> str:
    """Render one named block of ``loaded`` in ``context``.

    Raises:
        MissingContextError: the block printed a value that was not given.
        TemplateSecurityError: the block tried something the sandbox refuses.
    """
    render = loaded.template.blocks[block]
    try:
        return "".join(render(context))
    except MissingContextError as exc:
        if exc.template is not None:
            raise
        error = MissingContextError(exc.variable, template=loaded.name, lang=loaded.lang)
        _raise_rewritten(loaded, error)
    except TemplateSecurityError as exc:
        if exc.template is not None:
            raise
        _raise_rewritten(loaded, TemplateSecurityError(str(exc), template=loaded.name))
    except SecurityError as exc:
        _raise_rewritten(loaded, TemplateSecurityError(str(exc), template=loaded.name))
    except Exception:
        loaded.template.environment.handle_exception()


def _raise_rewritten(loaded: LoadedTemplate, error: Exception) -> NoReturn:
    """Raise ``error`` with a traceback that points at the template's lines."""
    try:
        loaded.template.environment.handle_exception()
    except BaseException:
        raise error.with_traceback(sys.exc_info()[2]) from None

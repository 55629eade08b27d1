"""Static analysis of one template's syntax tree, shared by the rule families.

Three analyses, each one walk of the tree:

- **Names**: which context fields, engine names and attributes a template
  reads, and where (variables and parity rules).
- **Guards**: whether every optional value is tested before it is printed.
  A value that was not given is *undefined*; printing it, iterating it,
  passing it to a filter other than ``default`` or taking an attribute of it
  raises :class:`~replykit.errors.MissingContextError`. The walk carries the
  set of values known to be defined at each point: ``{% if agent_name %}``
  adds ``agent_name`` to its body, ``{% if not x %}...{% else %}`` to its
  else branch, ``a and b`` to ``b``, ``a or b`` knows nothing of ``a`` in
  ``b``, ``x | default(...)`` needs nothing. Blocks start knowing nothing,
  because the engine renders each block on its own.
- **Variants**: each block's reachable content when ``variant`` is ``1..N``,
  resolving the ``{% if variant == k %}`` tests and keeping every branch of
  any other test: a block that has no reachable text for a variant is empty;
  two variants that reach the same content everywhere are the same wording.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

from jinja2 import nodes

if TYPE_CHECKING:
    from .tree import TemplateFile

__all__ = [
    "ENGINE_NAMES",
    "LOOP_ATTRIBUTES",
    "LTR_FIELDS",
    "MAX_VARIANTS",
    "POLICY_FIELDS",
    "TemplateFacts",
    "Unguarded",
    "analyse",
    "context_fields",
    "incident_fields",
]

#: Names the drafting engine passes besides the context fields.
ENGINE_NAMES = frozenset({"variant", "lang", "archetype"})
#: Context fields consumed by the filters and never passed to a template.
POLICY_FIELDS = frozenset({"timezone", "digits", "calendar"})
#: Always defined: ``channel`` defaults to ``"email"``; the engine names.
_ALWAYS_DEFINED = frozenset({"channel"}) | ENGINE_NAMES
#: Values that are often left-to-right (ids, addresses, Latin names): an
#: Arabic or Persian template isolates them with ``| isolate``.
LTR_FIELDS = frozenset(
    {"ticket_id", "direct_contact", "company_name", "customer_name", "agent_name", "signatory"}
)
LOOP_ATTRIBUTES = frozenset(
    "index index0 revindex revindex0 first last length cycle depth depth0 previtem nextitem "
    "changed".split()
)
#: Names Jinja itself provides inside templates.
_JINJA_SPECIAL = frozenset({"loop", "self", "super", "caller", "varargs", "kwargs"})
#: Variants beyond this are not analysed or rendered (the contract asks for 2+;
#: a template with dozens is a mistake, and a huge number must not cost time).
MAX_VARIANTS = 20
#: Tests that read a value without failing on an undefined one.
_QUIET_TESTS = frozenset(
    "defined undefined none sameas eq equalto == ne != true false boolean string number "
    "integer float mapping callable".split()
)
_DEFAULT_FILTERS = frozenset({"default", "d"})

Mode = Literal["use", "test", "default"]


@lru_cache(maxsize=1)
def context_fields() -> frozenset[str]:
    """The :class:`~replykit.context.ReplyContext` field names."""
    from ..context import ReplyContext

    return frozenset(ReplyContext.model_fields)


@lru_cache(maxsize=1)
def incident_fields() -> frozenset[str]:
    """The :class:`~replykit.context.Incident` field names."""
    from ..context import Incident

    return frozenset(Incident.model_fields)


@dataclass(frozen=True, slots=True)
class Unguarded:
    """An optional value used where it may be undefined."""

    #: the value that may be undefined (``agent_name``, ``incident.cause``)
    path: str
    line: int
    #: ``use``: printed, iterated or filtered; ``attribute``: an attribute taken
    kind: Literal["use", "attribute"]
    #: for ``attribute``: the attribute that was taken
    attribute: str | None = None


@dataclass
class TemplateFacts:
    """What the analyses found in one template."""

    #: the declared number of variants, when the declaration is usable
    variants: int | None = None
    variants_line: int | None = None
    #: what is wrong with the declaration, if anything
    variants_problem: str | None = None
    #: ``(name, line)`` of every block, in the order of the file
    blocks: list[tuple[str, int]] = field(default_factory=list)
    #: context fields and ``incident.<attr>`` paths read, with their first line
    fields: dict[str, int] = field(default_factory=dict)
    #: variant -> the fields that variant can read (``fields`` narrowed by
    #: the ``variant`` tests around them), with their first line
    variant_fields: dict[int, dict[str, int]] = field(default_factory=dict)
    #: names that are neither context fields, engine names nor assigned
    unknown_names: list[tuple[str, int]] = field(default_factory=list)
    #: ``incident.<x>`` and ``loop.<x>`` attributes that do not exist
    unknown_attributes: list[tuple[str, int]] = field(default_factory=list)
    unguarded: list[Unguarded] = field(default_factory=list)
    #: left-to-right values printed without ``| isolate``
    unisolated: list[tuple[str, int]] = field(default_factory=list)
    filters: list[tuple[str, int]] = field(default_factory=list)
    tests: list[tuple[str, int]] = field(default_factory=list)
    #: ``variant`` compared with a number outside ``1..variants``
    dead_variant_tests: list[tuple[int, int]] = field(default_factory=list)
    #: block name -> variants for which it has no reachable content
    empty_blocks: dict[str, list[int]] = field(default_factory=dict)
    #: ``(variant, same_as)``: a variant whose content repeats an earlier one
    repeated_variants: list[tuple[int, int]] = field(default_factory=list)
    #: ``(text, line)`` of string constants that can reach the output (the
    #: arguments of ``g()``, both ends of ``a if b else c``, ``default`` values)
    printed_strings: list[tuple[str, int]] = field(default_factory=list)


def analyse(file: TemplateFile) -> TemplateFacts:
    """Run the analyses on a parsed template."""
    tree = file.ast
    assert tree is not None
    facts = TemplateFacts()
    _declaration(tree, facts)
    facts.blocks = [(block.name, block.lineno) for block in tree.find_all(nodes.Block)]
    _names(tree, facts, file)
    guards = _Guards()
    guards.stmts(tree.body, frozenset())
    facts.unguarded = _dedupe(guards.found)
    for output in tree.find_all(nodes.Output):
        for child in output.nodes:
            facts.unisolated.extend(_unisolated(child))
            if not isinstance(child, nodes.TemplateData):
                facts.printed_strings.extend(_printed_strings(child))
    if facts.variants is not None:
        _variants(tree, facts)
    return facts


def _dedupe(items: Iterable[Unguarded]) -> list[Unguarded]:
    seen: dict[tuple[str, int], Unguarded] = {}
    for item in items:
        seen.setdefault((item.path, item.line), item)
    return list(seen.values())


# -- declaration and names ---------------------------------------------------


def _declaration(tree: nodes.Template, facts: TemplateFacts) -> None:
    first_statement = True
    for node in tree.body:
        if isinstance(node, nodes.Output) and all(
            isinstance(child, nodes.TemplateData) and not child.data.strip() for child in node.nodes
        ):
            continue
        if (
            isinstance(node, nodes.Assign)
            and isinstance(node.target, nodes.Name)
            and node.target.name == "variants"
        ):
            facts.variants_line = node.lineno
            value = node.node.value if isinstance(node.node, nodes.Const) else None
            if not isinstance(value, int) or isinstance(value, bool):
                facts.variants_problem = "'variants' must be a whole number, such as 2"
            elif value < 2:
                facts.variants_problem = (
                    f"{{% set variants = {value} %}}: a template needs at least 2 variants"
                )
                facts.variants = value if value >= 1 else None
            elif value > MAX_VARIANTS:
                facts.variants_problem = (
                    f"{{% set variants = {value} %}}: more than {MAX_VARIANTS} variants"
                )
            else:
                facts.variants = value
                if not first_statement:
                    facts.variants_problem = (
                        "{% set variants = N %} must be the first statement of the file"
                    )
            return
        first_statement = False
    facts.variants_problem = "no top-level {% set variants = N %}: the engine cannot draft it"


def _path(node: nodes.Node) -> str | None:
    """``incident.cause`` for ``Getattr(Name('incident'), 'cause')``; ``None`` otherwise."""
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        parent = _path(node.node)
        return f"{parent}.{node.attr}" if parent is not None else None
    return None


def _names(tree: nodes.Template, facts: TemplateFacts, file: TemplateFile) -> None:
    fields = context_fields()
    incident = incident_fields()
    env = file.environment
    known = fields | ENGINE_NAMES | _JINJA_SPECIAL | frozenset(env.globals)
    undeclared = _loaded(tree) - _assigned(tree) - known
    reported: set[tuple[str, int]] = set()
    for node in tree.find_all((nodes.Name, nodes.Getattr, nodes.Filter, nodes.Test)):
        if isinstance(node, nodes.Filter):
            facts.filters.append((node.name, node.lineno))
        elif isinstance(node, nodes.Test):
            facts.tests.append((node.name, node.lineno))
        elif isinstance(node, nodes.Name):
            if node.ctx != "load":
                continue
            if node.name in fields:
                facts.fields.setdefault(node.name, node.lineno)
            elif node.name in undeclared and (node.name, node.lineno) not in reported:
                reported.add((node.name, node.lineno))
                facts.unknown_names.append((node.name, node.lineno))
        elif isinstance(node, nodes.Getattr) and isinstance(node.node, nodes.Name):
            owner = node.node.name
            path = f"{owner}.{node.attr}"
            if owner == "incident" and node.attr in incident:
                facts.fields.setdefault(path, node.lineno)
            elif (
                owner == "incident" or (owner == "loop" and node.attr not in LOOP_ATTRIBUTES)
            ) and (path, node.lineno) not in reported:
                reported.add((path, node.lineno))
                facts.unknown_attributes.append((path, node.lineno))


def _loaded(tree: nodes.Template) -> set[str]:
    return {node.name for node in tree.find_all(nodes.Name) if node.ctx == "load"}


def _assigned(tree: nodes.Template) -> set[str]:
    """Names the template assigns anywhere (``set``, loop targets, macro arguments, imports).

    Scoping is ignored: a name assigned in one place counts as declared
    everywhere, so an unknown name is never reported wrongly (rendering
    finds a name used outside its scope).
    """
    names: set[str] = set()
    for node in tree.find_all(nodes.Name):
        if node.ctx in ("store", "param"):
            names.add(node.name)
    for macro in tree.find_all(nodes.Macro):
        names.add(macro.name)
    for imported in tree.find_all((nodes.Import, nodes.FromImport)):
        if isinstance(imported, nodes.Import):
            names.add(imported.target)
        elif isinstance(imported, nodes.FromImport):
            for item in imported.names:
                names.add(item[1] if isinstance(item, tuple) else item)
    return names


def _printed_strings(node: nodes.Node) -> Iterator[tuple[str, int]]:
    """String constants of an output expression that can be printed: wording, too."""
    if isinstance(node, nodes.Const):
        if isinstance(node.value, str) and node.value:
            yield node.value, node.lineno
    elif isinstance(node, nodes.Call):
        for arg in _arguments(node):
            yield from _printed_strings(arg)
    elif isinstance(node, nodes.CondExpr):
        yield from _printed_strings(node.expr1)
        if node.expr2 is not None:
            yield from _printed_strings(node.expr2)
    elif isinstance(node, nodes.Filter):
        if node.name == "isolate":
            return  # a value set apart from the wording, such as a Latin name
        if node.node is not None:
            yield from _printed_strings(node.node)
        if node.name in _DEFAULT_FILTERS:
            for arg in node.args:
                yield from _printed_strings(arg)
    elif isinstance(node, nodes.Concat):
        for child in node.nodes:
            yield from _printed_strings(child)
    elif isinstance(node, nodes.And | nodes.Or):
        yield from _printed_strings(node.left)
        yield from _printed_strings(node.right)


def _unisolated(node: nodes.Node) -> Iterator[tuple[str, int]]:
    """Left-to-right values that reach the output without passing through ``isolate``."""
    if isinstance(node, nodes.Name):
        if node.name in LTR_FIELDS:
            yield node.name, node.lineno
    elif isinstance(node, nodes.Filter):
        if node.name != "isolate" and node.node is not None:
            yield from _unisolated(node.node)
    elif isinstance(node, nodes.CondExpr):
        yield from _unisolated(node.expr1)
        if node.expr2 is not None:
            yield from _unisolated(node.expr2)
    elif isinstance(node, nodes.Concat):
        for child in node.nodes:
            yield from _unisolated(child)
    elif isinstance(node, nodes.Or):
        yield from _unisolated(node.left)
        yield from _unisolated(node.right)


# -- guards ------------------------------------------------------------------


def _optional(path: str) -> bool:
    """Whether ``path`` may be undefined: an optional context field or an incident attribute."""
    root, _, attr = path.partition(".")
    if not attr:
        return root in context_fields() and root not in _ALWAYS_DEFINED | POLICY_FIELDS
    return root == "incident" and "." not in attr


def _chain(path: str) -> list[str]:
    parts = path.split(".")
    return [".".join(parts[: i + 1]) for i in range(len(parts))]


def _defined(node: nodes.Node) -> frozenset[str]:
    """Paths that evaluating ``node`` proves defined (it would have raised otherwise)."""
    path = _path(node)
    return frozenset(_chain(path)) if path is not None else frozenset()


def _truthy(node: nodes.Node) -> frozenset[str]:
    """Paths known to be defined where ``node`` tested true."""
    if _path(node) is not None:
        return _defined(node)
    if isinstance(node, nodes.And):
        return _truthy(node.left) | _truthy(node.right)
    if isinstance(node, nodes.Or):
        return _truthy(node.left) & _truthy(node.right)
    if isinstance(node, nodes.Not):
        return _falsy(node.node)
    if isinstance(node, nodes.Test):
        return frozenset() if node.name == "undefined" else _defined(node.node)
    if isinstance(node, nodes.Filter):
        if node.name in _DEFAULT_FILTERS or node.node is None:
            return frozenset()
        return _defined(node.node)
    if isinstance(node, nodes.Compare) and len(node.ops) == 1:
        op = node.ops[0]
        left, right = node.expr, op.expr
        if op.op in ("eq", "in"):
            # Undefined equals nothing but another undefined value.
            return (
                _defined(left)
                if isinstance(right, nodes.Const | nodes.List | nodes.Tuple)
                else (_defined(right) if isinstance(left, nodes.Const) else frozenset())
            )
        if op.op in ("lt", "lteq", "gt", "gteq"):
            return _defined(left) | _defined(right)
    return frozenset()


def _falsy(node: nodes.Node) -> frozenset[str]:
    """Paths known to be defined where ``node`` tested false."""
    if isinstance(node, nodes.Not):
        return _truthy(node.node)
    if isinstance(node, nodes.Or):
        return _falsy(node.left) | _falsy(node.right)
    if isinstance(node, nodes.And):
        return _falsy(node.left) & _falsy(node.right)
    if isinstance(node, nodes.Test) and node.name == "undefined":
        return _defined(node.node)
    if (
        isinstance(node, nodes.Filter)
        and node.node is not None
        and node.name not in _DEFAULT_FILTERS
        and node.name not in ("length", "count")
    ):
        return _defined(node.node)
    if isinstance(node, nodes.Compare) and len(node.ops) == 1:
        op = node.ops[0]
        if op.op == "ne" and isinstance(op.expr, nodes.Const):
            return _defined(node.expr)
        if op.op in ("lt", "lteq", "gt", "gteq"):
            return _defined(node.expr) | _defined(op.expr)
    return frozenset()


_STRONGER = {"use": 2, "test": 1, "default": 0}


class _Guards:
    """The walk that finds optional values used where they may be undefined."""

    def __init__(self) -> None:
        self.found: list[Unguarded] = []

    def stmts(self, body: Sequence[nodes.Node], facts: frozenset[str]) -> None:
        for node in body:
            self.stmt(node, facts)

    def stmt(self, node: nodes.Node, facts: frozenset[str]) -> None:
        if isinstance(node, nodes.Output):
            for child in node.nodes:
                if not isinstance(child, nodes.TemplateData):
                    self.expr(child, facts, "use")
        elif isinstance(node, nodes.If):
            self.expr(node.test, facts, "test")
            self.stmts(node.body, facts | _truthy(node.test))
            known = _falsy(node.test)
            for branch in node.elif_:
                self.expr(branch.test, facts | known, "test")
                self.stmts(branch.body, facts | known | _truthy(branch.test))
                known = known | _falsy(branch.test)
            self.stmts(node.else_, facts | known)
        elif isinstance(node, nodes.For):
            self.expr(node.iter, facts, "use")
            if node.test is not None:
                self.expr(node.test, facts, "test")
            self.stmts(node.body, facts)
            self.stmts(node.else_, facts)
        elif isinstance(node, nodes.Block | nodes.Macro):
            # Rendered on their own: nothing tested outside holds inside.
            self.stmts(node.body, frozenset())
        elif isinstance(node, nodes.CallBlock):
            self.expr(node.call, facts, "use")
            self.stmts(node.body, frozenset())
        elif isinstance(node, nodes.Assign):
            self.expr(node.node, facts, "test")
        elif isinstance(node, nodes.With):
            for value in node.values:
                self.expr(value, facts, "test")
            self.stmts(node.body, facts)
        elif isinstance(node, nodes.ExprStmt):
            self.expr(node.node, facts, "use")
        else:
            for part in node.iter_child_nodes():
                if isinstance(part, nodes.Expr):
                    self.expr(part, facts, "use")
                else:
                    self.stmt(part, facts)

    def require(self, path: str, line: int, facts: frozenset[str], mode: Mode) -> None:
        chain = _chain(path)
        for i, step in enumerate(chain):
            last = i == len(chain) - 1
            if last and mode != "use":
                return
            if not _optional(step) or step in facts:
                continue
            if last:
                self.found.append(Unguarded(step, line, "use"))
            else:
                attribute = chain[i + 1].rsplit(".", 1)[1]
                self.found.append(Unguarded(step, line, "attribute", attribute))
            return

    def expr(self, node: nodes.Node, facts: frozenset[str], mode: Mode) -> None:
        path = _path(node)
        if path is not None:
            self.require(path, node.lineno, facts, mode)
            return
        if isinstance(node, nodes.Const | nodes.TemplateData):
            return
        if isinstance(node, nodes.Filter | nodes.Test):
            self._filter_or_test(node, facts)
        elif isinstance(node, nodes.Compare):
            self._compare(node, facts)
        elif isinstance(node, nodes.And):
            self.expr(node.left, facts, mode)
            self.expr(node.right, facts | _truthy(node.left), mode)
        elif isinstance(node, nodes.Or):
            # "a or b" prints b when a is falsy: a is only tested.
            self.expr(node.left, facts, "test" if mode != "default" else mode)
            self.expr(node.right, facts | _falsy(node.left), mode)
        elif isinstance(node, nodes.Not):
            self.expr(node.node, facts, "test")
        elif isinstance(node, nodes.CondExpr):
            self.expr(node.test, facts, "test")
            self.expr(node.expr1, facts | _truthy(node.test), mode)
            if node.expr2 is not None:
                self.expr(node.expr2, facts | _falsy(node.test), mode)
        elif isinstance(node, nodes.Call):
            self.expr(node.node, facts, "test")
            for arg in _arguments(node):
                self.expr(arg, facts, "use")
        else:
            for child in node.iter_child_nodes():
                self.expr(child, facts, "use")

    def _filter_or_test(self, node: nodes.Filter | nodes.Test, facts: frozenset[str]) -> None:
        if node.node is not None:
            if isinstance(node, nodes.Filter):
                mode: Mode = "default" if node.name in _DEFAULT_FILTERS else "use"
            else:
                mode = "test" if node.name in _QUIET_TESTS else "use"
            self.expr(node.node, facts, mode)
        for arg in _arguments(node):
            self.expr(arg, facts, "use")

    def _compare(self, node: nodes.Compare, facts: frozenset[str]) -> None:
        operands = [node.expr, *(op.expr for op in node.ops)]
        modes: list[Mode] = ["test"] * len(operands)
        for i, op in enumerate(node.ops):
            if op.op in ("eq", "ne"):
                pair: tuple[Mode, Mode] = ("test", "test")
            elif op.op in ("in", "notin"):
                pair = ("test", "use")
            else:
                pair = ("use", "use")
            for j, wanted in ((i, pair[0]), (i + 1, pair[1])):
                if _STRONGER[wanted] > _STRONGER[modes[j]]:
                    modes[j] = wanted
        for operand, mode in zip(operands, modes, strict=True):
            self.expr(operand, facts, mode)


def _arguments(node: nodes.Filter | nodes.Test | nodes.Call) -> list[nodes.Node]:
    found: list[nodes.Node] = list(node.args)
    found.extend(keyword.value for keyword in node.kwargs)
    for extra in (node.dyn_args, node.dyn_kwargs):
        if extra is not None:
            found.append(extra)
    return found


# -- variants ----------------------------------------------------------------


def _variant_test(node: nodes.Node, variant: int) -> bool | None:
    """The value of a test when ``variant`` is known, or ``None`` when it depends on more."""
    if isinstance(node, nodes.Const):
        return bool(node.value)
    if isinstance(node, nodes.Not):
        inner = _variant_test(node.node, variant)
        return None if inner is None else not inner
    if isinstance(node, nodes.And):
        left, right = _variant_test(node.left, variant), _variant_test(node.right, variant)
        if left is False or right is False:
            return False
        return True if left is True and right is True else None
    if isinstance(node, nodes.Or):
        left, right = _variant_test(node.left, variant), _variant_test(node.right, variant)
        if left is True or right is True:
            return True
        return False if left is False and right is False else None
    if isinstance(node, nodes.Compare) and len(node.ops) == 1:
        return _variant_compare(node.expr, node.ops[0].op, node.ops[0].expr, variant)
    return None


_FLIP = {"eq": "eq", "ne": "ne", "lt": "gt", "gt": "lt", "lteq": "gteq", "gteq": "lteq"}


def _variant_compare(left: nodes.Node, op: str, right: nodes.Node, variant: int) -> bool | None:
    if _is_variant(right) and isinstance(left, nodes.Const) and op in _FLIP:
        left, right, op = right, left, _FLIP[op]
    if not _is_variant(left):
        return None
    if op in ("in", "notin") and isinstance(right, nodes.List | nodes.Tuple):
        values = [item.value for item in right.items if isinstance(item, nodes.Const)]
        if len(values) != len(right.items):
            return None
        return (variant in values) == (op == "in")
    if not isinstance(right, nodes.Const) or not isinstance(right.value, int):
        return None
    k = right.value
    results = {
        "eq": variant == k,
        "ne": variant != k,
        "lt": variant < k,
        "gt": variant > k,
        "lteq": variant <= k,
        "gteq": variant >= k,
    }
    return results.get(op)


def _is_variant(node: nodes.Node) -> bool:
    return isinstance(node, nodes.Name) and node.name == "variant"


def _variant_numbers(tree: nodes.Template) -> Iterator[tuple[int, int]]:
    """``(k, line)`` for every ``variant == k`` / ``!= k`` / ``in [k, ...]`` test."""
    for compare in tree.find_all(nodes.Compare):
        if len(compare.ops) != 1:
            continue
        left, op = compare.expr, compare.ops[0]
        right = op.expr
        if _is_variant(right):
            left, right = right, left
        if not _is_variant(left):
            continue
        if op.op in ("eq", "ne") and isinstance(right, nodes.Const):
            if isinstance(right.value, int) and not isinstance(right.value, bool):
                yield right.value, compare.lineno
        elif op.op in ("in", "notin") and isinstance(right, nodes.List | nodes.Tuple):
            for item in right.items:
                if isinstance(item, nodes.Const) and isinstance(item.value, int):
                    yield item.value, compare.lineno


def _variants(tree: nodes.Template, facts: TemplateFacts) -> None:
    count = facts.variants
    assert count is not None
    for k, line in _variant_numbers(tree):
        if not 1 <= k <= count:
            facts.dead_variant_tests.append((k, line))
    blocks = list(tree.find_all(nodes.Block))
    signatures: dict[int, tuple[object, ...]] = {}
    for variant in range(1, count + 1):
        reached: dict[str, int] = {}
        _reached_fields(tree.body, variant, reached)
        facts.variant_fields[variant] = reached
        shape: list[object] = []
        for block in blocks:
            content = _reach(block.body, variant)
            if not _has_text(content):
                facts.empty_blocks.setdefault(block.name, []).append(variant)
            shape.append((block.name, content))
        signature = tuple(shape)
        for earlier, seen in signatures.items():
            if seen == signature:
                facts.repeated_variants.append((variant, earlier))
                break
        else:
            signatures[variant] = signature


def _reach(body: Sequence[nodes.Node], variant: int) -> tuple[object, ...]:
    """The content of ``body`` that ``variant`` can reach, as comparable values."""
    out: list[object] = []
    for node in body:
        if isinstance(node, nodes.If):
            branches = [(node.test, node.body), *((b.test, b.body) for b in node.elif_)]
            taken: tuple[object, ...] | None = None
            open_branches: list[object] = []
            decided = False
            for test, branch in branches:
                value = _variant_test(test, variant)
                if value is False:
                    continue
                if value is True and not open_branches:
                    taken = _reach(branch, variant)
                else:
                    open_branches.append(("if", repr(test), _reach(branch, variant)))
                if value is True:
                    decided = True
                    break
            if not decided:
                if open_branches:
                    open_branches.append(("else", _reach(node.else_, variant)))
                else:
                    taken = _reach(node.else_, variant)
            if taken is not None:
                out.extend(taken)
            else:
                out.append(("choice", tuple(open_branches)))
        elif isinstance(node, nodes.Output):
            for child in node.nodes:
                if isinstance(child, nodes.TemplateData):
                    if child.data.strip():
                        out.append(("text", child.data.strip()))
                else:
                    out.append(("value", repr(child)))
        elif isinstance(node, nodes.Block):
            continue  # a nested block is a section of its own
        elif isinstance(node, nodes.For):
            out.append(
                ("for", repr(node.iter), _reach(node.body, variant), _reach(node.else_, variant))
            )
        else:
            out.append(("node", repr(node)))
    return tuple(out)


def _reached_fields(body: Iterable[nodes.Node], variant: int, out: dict[str, int]) -> None:
    """Record in ``out`` the fields read by the nodes of ``body`` that ``variant`` can reach.

    A test decided by ``variant`` keeps one branch; any other test keeps every
    branch (and is itself read).
    """
    for node in body:
        if isinstance(node, nodes.If):
            branches = [(node.test, node.body), *((b.test, b.body) for b in node.elif_)]
            for test, branch in branches:
                value = _variant_test(test, variant)
                if value is False:
                    continue
                _reached_fields((test,), variant, out)
                _reached_fields(branch, variant, out)
                if value is True:
                    break
            else:
                _reached_fields(node.else_, variant, out)
            continue
        if isinstance(node, nodes.CondExpr):
            value = _variant_test(node.test, variant)
            if value is None:
                _reached_fields((node.test, node.expr1), variant, out)
                if node.expr2 is not None:
                    _reached_fields((node.expr2,), variant, out)
            elif value:
                _reached_fields((node.expr1,), variant, out)
            elif node.expr2 is not None:
                _reached_fields((node.expr2,), variant, out)
            continue
        if isinstance(node, nodes.Getattr) and isinstance(node.node, nodes.Name):
            if node.node.name == "incident" and node.attr in incident_fields():
                out.setdefault(f"incident.{node.attr}", node.lineno)
        elif isinstance(node, nodes.Name) and node.ctx == "load" and node.name in context_fields():
            out.setdefault(node.name, node.lineno)
        _reached_fields(node.iter_child_nodes(), variant, out)


def _has_text(content: Iterable[object]) -> bool:
    for item in content:
        if not isinstance(item, tuple) or not item:
            continue
        kind = item[0]
        if kind in ("text", "value", "node"):
            return True
        if kind == "for" and (_has_text(item[2]) or _has_text(item[3])):
            return True
        if kind == "choice":
            for branch in item[1]:
                if isinstance(branch, tuple) and _has_text(branch[-1]):
                    return True
    return False

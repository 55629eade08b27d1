"""RK4xx coverage and parity: the tree as a whole, and one archetype across languages.

Coverage rules (missing templates, folders that are no locale) need the whole
tree and run when a tree's root is linted. Parity rules compare each template
with the same archetype's template in a reference language (English when the
tree has it, else the first folder), and also run for single files against
their siblings.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ...languages import LANGUAGES, resolve_language
from ..analysis import POLICY_FIELDS
from ..registry import Hit, rule
from ..tree import SUFFIX, TemplateFile, TemplateTree
from .syntax import suggestion

# Fields whose use legitimately differs between languages: Arabic addresses the
# customer through g() rather than customer_gender, and a language may shorten
# for SMS where another does not.
_STYLE_FIELDS = frozenset({"channel", "customer_gender"}) | POLICY_FIELDS


def is_locale(name: str) -> bool:
    """Whether a folder name is a locale Babel knows (``fa``, ``ar_EG``, ``ar-EG``).

    Examples:
        >>> is_locale("fa"), is_locale("ar-EG"), is_locale("english")
        (True, True, False)
    """
    from babel import Locale, UnknownLocaleError

    sep = "-" if "-" in name else "_"
    try:
        Locale.parse(name, sep=sep)
    except (UnknownLocaleError, ValueError, TypeError, LookupError):
        return False
    return True


def _locale_folders(tree: TemplateTree) -> list[Path]:
    return [folder for folder in tree.language_dirs if is_locale(folder.name)]


def _watched_folders(tree: TemplateTree) -> list[Path]:
    """Folders to report on: all of a whole tree, else those holding target files."""
    if tree.whole:
        return tree.language_dirs
    holding = {file.path.parent for file in tree.target_files()}
    return [folder for folder in tree.language_dirs if folder in holding]


@rule("RK401", "coverage.missing-template", "error", scope="tree")
def missing_template(tree: TemplateTree) -> Iterator[Hit]:
    """An archetype has no template in one of the tree's languages.

    Drafting an archetype in a language whose folder lacks its template
    fails. Every language folder of the tree needs one template per known
    archetype (the built-in eight, plus those of ``--rules``). Checked when
    the tree's root is linted.

    **Anti-pattern**: ``fa/`` with seven templates because ``neglected`` was
    never translated.

    **Best practice**: translate every archetype before adding a language
    folder; until then, keep the folder out of the tree used for drafting.
    """
    if not tree.whole:
        return
    present = {(file.lang, file.archetype) for file in tree.files}
    for folder in _locale_folders(tree):
        for archetype in sorted(tree.known_archetypes):
            if (folder.name, archetype) not in present:
                yield Hit(
                    f"no {archetype!r} template in {folder.name!r}: drafts of {archetype} in "
                    f"{folder.name} fail",
                    path=folder / f"{archetype}{SUFFIX}",
                )


@rule("RK402", "coverage.unknown-archetype", "error", scope="tree")
def unknown_archetype(tree: TemplateTree) -> Iterator[Hit]:
    """A template whose file name is no known archetype, or that sits outside a language folder.

    The engine looks templates up as ``<lang>/<archetype>.txt.j2``; a file
    named after no archetype (built-in, or from the rules given with
    ``--rules``) is never used, and usually is a misspelt archetype.

    **Anti-pattern**: ``en/angy.txt.j2``; ``en/refund.txt.j2`` without
    rules that define ``refund``; ``templates/angry.txt.j2`` at the root.

    **Best practice**: ``en/angry.txt.j2``; define new archetypes in a rules
    file and lint with ``--rules``.
    """
    known = tree.known_archetypes
    for file in tree.files:
        if file.archetype not in known:
            yield Hit(
                f"{file.archetype!r} is not a known archetype{suggestion(file.archetype, known)} "
                "(archetypes of your own come from --rules)",
                path=file.path,
            )
    if tree.whole:
        for path in tree.stray_files:
            yield Hit(
                "a template outside a language folder is never used: move it to <lang>/",
                path=path,
            )


@rule("RK403", "coverage.unknown-locale", "error", scope="tree")
def unknown_locale(tree: TemplateTree) -> Iterator[Hit]:
    """A folder of the tree whose name is not a locale.

    Every folder directly under the tree's root is a language: its name must
    be a locale (``en``, ``ar``, ``fa``, or a new one such as ``tr``).
    Anything else is a typo or a folder that does not belong in the tree.
    Folders starting with ``.`` or ``_`` are ignored.

    **Anti-pattern**: ``templates/farsi/``, ``templates/old/``.

    **Best practice**: ``templates/fa/``; keep old templates outside the tree.
    """
    for folder in _watched_folders(tree):
        if not is_locale(folder.name):
            yield Hit(
                f"{folder.name!r} is not a locale: name language folders en, ar, fa...", path=folder
            )


@rule("RK404", "coverage.unused-locale", "warning", scope="tree")
def unused_locale(tree: TemplateTree) -> Iterator[Hit]:
    """A locale folder that the drafting engine never reads.

    The engine drafts in English, Arabic and Persian and reads the folders
    ``en``, ``ar`` and ``fa``: a regional folder such as ``ar-EG`` is never
    used (Egyptian Arabic drafts read ``ar/``), and a language replykit does
    not speak yet (``tr``) is linted with the rules that need no language but
    cannot be drafted.

    **Anti-pattern**: ``templates/fa_IR/`` next to ``templates/fa/``, edited
    in the belief that it is used.

    **Best practice**: one folder per language, named ``en``, ``ar``, ``fa``.
    """
    for folder in _watched_folders(tree):
        name = folder.name
        if not is_locale(name):
            continue
        try:
            language = resolve_language(name)
        except ValueError:
            yield Hit(
                f"replykit cannot draft in {name!r} yet (it speaks {', '.join(LANGUAGES)}): "
                "this folder is never used for drafting",
                path=folder,
            )
            continue
        if language != name:
            yield Hit(
                f"drafts in {name!r} read {language}/: this folder is never used for drafting",
                path=folder,
            )


def _groups(tree: TemplateTree) -> Iterator[tuple[list[TemplateFile], TemplateFile]]:
    """Each archetype's parsed templates (two or more), with the reference one."""
    for files in tree.by_archetype().values():
        usable = [file for file in files if file.facts is not None]
        if len(usable) < 2:
            continue
        reference = next((file for file in usable if file.lang == "en"), usable[0])
        yield usable, reference


def _names(files: list[TemplateFile]) -> str:
    names = [file.name for file in files]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _odd_ones(
    files: list[TemplateFile], reference: TemplateFile, has: dict[TemplateFile, bool]
) -> tuple[list[TemplateFile], list[TemplateFile], bool]:
    """Who differs on one item: ``(odd, others, odd_lack_it)``.

    The majority of languages decides what is expected; on a tie, the
    reference language (English when the tree has it) does. So the
    language that dropped or added something is the one reported.
    """
    having = [file for file in files if has[file]]
    lacking = [file for file in files if not has[file]]
    if not having or not lacking:
        return [], [], False
    if len(having) * 2 > len(files) or (len(having) * 2 == len(files) and has[reference]):
        return lacking, having, True
    return having, lacking, False


@rule("RK405", "parity.variants", "warning", scope="tree")
def parity_variants(tree: TemplateTree) -> Iterator[Hit]:
    """The same archetype declares a different number of variants in two languages.

    The variant is drawn from the ticket id, so with equal counts a ticket
    gets the matching wording in every language; a language with fewer
    variants usually lacks a translation. The count most languages declare
    is expected (English's on a tie).

    **Anti-pattern**: ``en/angry.txt.j2`` and ``ar/angry.txt.j2`` with
    ``variants = 3``, ``fa/angry.txt.j2`` with ``variants = 2``.

    **Best practice**: the same number of variants in every language, each
    a native wording of the same approach.
    """
    for files, reference in _groups(tree):
        counted = [file for file in files if file.facts and file.facts.variants is not None]
        counts: dict[int, list[TemplateFile]] = {}
        for file in counted:
            assert file.facts is not None and file.facts.variants is not None
            counts.setdefault(file.facts.variants, []).append(file)
        if len(counts) < 2:
            continue
        ref_count = reference.facts.variants if reference.facts else None
        expected = max(counts, key=lambda n: (len(counts[n]), n == ref_count))
        for count, odd in counts.items():
            if count == expected:
                continue
            for file in odd:
                if tree.is_target(file):
                    assert file.facts is not None
                    yield Hit(
                        f"declares {count} variants; {_names(counts[expected])} "
                        f"declare{'s' if len(counts[expected]) == 1 else ''} {expected}",
                        file.facts.variants_line,
                        path=file.path,
                    )


@rule("RK406", "parity.sections", "warning", scope="tree")
def parity_sections(tree: TemplateTree) -> Iterator[Hit]:
    """The same archetype has different section blocks in two languages.

    A translation that drops a block drops a move of the method (the
    apology, the refocus); one that adds a block says something the other
    languages do not. What most languages have is expected (English's on a
    tie), so the language that differs is the one reported.

    **Anti-pattern**: ``ar/abusive.txt.j2`` without the ``refocus`` block
    that the English and Persian templates have.

    **Best practice**: the same blocks in every language.
    """
    for files, reference in _groups(tree):
        blocks = {file: dict(reversed(file.facts.blocks)) for file in files if file.facts}
        missing: dict[TemplateFile, list[tuple[str, list[TemplateFile]]]] = {}
        for name in sorted({name for own in blocks.values() for name in own}):
            odd, others, lacking = _odd_ones(
                files, reference, {f: name in blocks[f] for f in files}
            )
            for file in odd:
                if not tree.is_target(file):
                    continue
                if lacking:
                    missing.setdefault(file, []).append((name, others))
                else:
                    yield Hit(
                        f"an extra {name!r} block: {_names(others)} "
                        f"{'has' if len(others) == 1 else 'have'} none",
                        blocks[file][name],
                        path=file.path,
                        section=name,
                    )
        for file, gaps in missing.items():
            holders = gaps[0][1]
            if all(others == holders for _name, others in gaps):
                names = ", ".join(repr(name) for name, _others in gaps)
                noun = "block" if len(gaps) == 1 else "blocks"
                verb = "has" if len(holders) == 1 else "have"
                section = gaps[0][0] if len(gaps) == 1 else None
                yield Hit(
                    f"no {names} {noun}, which {_names(holders)} {verb}",
                    path=file.path,
                    section=section,
                )
                continue
            for name, others in gaps:
                verb = "has" if len(others) == 1 else "have"
                yield Hit(
                    f"no {name!r} block, which {_names(others)} {verb}",
                    path=file.path,
                    section=name,
                )


def _compared_fields(file: TemplateFile, variant: int | None = None) -> dict[str, int]:
    """The fields a template (or one of its variants) uses, as compared across languages.

    ``incident`` alone counts only when no attribute of it is used: testing
    ``incident`` before ``incident.cause`` is not a use of its own.
    """
    assert file.facts is not None
    used = file.facts.fields if variant is None else file.facts.variant_fields.get(variant, {})
    fields = {k: v for k, v in used.items() if k not in _STYLE_FIELDS}
    if any(name.startswith("incident.") for name in fields):
        fields.pop("incident", None)
    return fields


@rule("RK407", "parity.variables", "warning", scope="tree")
def parity_variables(tree: TemplateTree) -> Iterator[Hit]:
    """The same archetype uses different context values in two languages.

    A translation that never prints ``offer`` or
    ``incident.expected_fix_at`` withholds from its customers a fact the
    other languages give. What most languages use is expected (English's on
    a tie). ``channel`` and ``customer_gender`` are left out of the
    comparison: languages address the customer and shorten for SMS
    differently. A ticket gets the same variant number in every language, so
    variants are compared too: variant 2 of one language dropping a fact that
    variant 2 of the others states is reported even when its variant 1 has it.

    **Anti-pattern**: ``fa/service_outage.txt.j2`` without
    ``incident.expected_fix_at``, which the English and Arabic templates
    state; or with it in variant 1 only.

    **Best practice**: every language and every variant uses the same facts,
    each with its own fallback wording.
    """
    for files, reference in _groups(tree):
        used = {file: _compared_fields(file) for file in files}
        reported: set[tuple[TemplateFile, str]] = set()
        yield from _parity(tree, files, reference, used, reported)
        counts = [len(file.facts.variant_fields) for file in files if file.facts is not None]
        if len(counts) < len(files) or min(counts, default=0) < 2:
            continue
        for variant in range(1, min(counts) + 1):
            by_variant = {file: _compared_fields(file, variant) for file in files}
            # What the whole-file comparison reported is not repeated per variant.
            yield from _parity(tree, files, reference, by_variant, reported, variant, used)


def _parity(
    tree: TemplateTree,
    files: list[TemplateFile],
    reference: TemplateFile,
    used: dict[TemplateFile, dict[str, int]],
    reported: set[tuple[TemplateFile, str]],
    variant: int | None = None,
    whole: dict[TemplateFile, dict[str, int]] | None = None,
) -> Iterator[Hit]:
    """RK407 hits of one comparison: whole files, or one variant number (``whole``
    then holds each file's fields over all its variants, to point at a line)."""
    own = "" if variant is None else f"variant {variant} "
    theirs = "" if variant is None else f"variant {variant} of "
    for name in sorted({name for fields in used.values() for name in fields}):
        odd, others, lacking = _odd_ones(files, reference, {f: name in used[f] for f in files})
        for file in odd:
            if (file, name) in reported:
                continue
            reported.add((file, name))
            if not tree.is_target(file):
                continue
            if lacking:
                yield Hit(
                    f"{own}never uses {name}, which {theirs}{_names(others)} "
                    f"{'uses' if len(others) == 1 else 'use'}"
                    + ("" if whole is None else " (this file's other variants do)"),
                    None if whole is None else whole[file].get(name),
                    path=file.path,
                )
            else:
                yield Hit(
                    f"{own}uses {name}, which {theirs}{_names(others)} "
                    f"{'does' if len(others) == 1 else 'do'} not",
                    used[file][name],
                    path=file.path,
                )

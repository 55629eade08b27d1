"""Output formats of ``replykit lint``: a registry of small reporter classes.

A reporter turns findings into the text a reader or a CI system expects; it
knows nothing about how findings were made. ``text`` is for people
(``path:line:col: RK201 message``), ``json`` for scripts, ``github`` for
GitHub Actions annotations, ``sarif`` (2.1.0) for code-scanning uploads. A
line or column that is not known is left out, never invented.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path, PurePath
from typing import Any, ClassVar
from urllib.parse import quote

from ..models import Finding
from .registry import Rule

__all__ = [
    "REPORTERS",
    "GithubReporter",
    "JsonReporter",
    "Reporter",
    "SarifReporter",
    "TextReporter",
    "get_reporter",
]

SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
SARIF_VERSION = "2.1.0"


class Reporter:
    """Base class: format a list of findings."""

    name: ClassVar[str] = ""

    def __init__(self, *, version: str | None = None) -> None:
        if version is None:
            from .. import __version__ as version
        self.version = version

    def format(self, findings: Sequence[Finding], rules: Mapping[str, Rule]) -> str:
        raise NotImplementedError


#: Reporters by format name.
REPORTERS: dict[str, type[Reporter]] = {}


def _register(cls: type[Reporter]) -> type[Reporter]:
    REPORTERS[cls.name] = cls
    return cls


def get_reporter(name: str, *, version: str | None = None) -> Reporter:
    """The reporter for a format name.

    Raises:
        ValueError: no such format; the message lists the formats.
    """
    try:
        return REPORTERS[name](version=version)
    except KeyError:
        raise ValueError(
            f"unknown format {name!r}: expected one of {', '.join(sorted(REPORTERS))}"
        ) from None


def _by_place(findings: Sequence[Finding]) -> list[Finding]:
    return sorted(findings, key=Finding.sort_key)


@_register
class TextReporter(Reporter):
    """``path:line:col: CODE message``, one finding a line, by place.

    Examples:
        >>> f = Finding(code="RK201", severity="error", message="no 'apology' block",
        ...             path="t/en/angry.txt.j2", line=3)
        >>> print(TextReporter(version="0").format([f], {}), end="")
        t/en/angry.txt.j2:3: RK201 no 'apology' block
    """

    name = "text"

    def format(self, findings: Sequence[Finding], rules: Mapping[str, Rule]) -> str:
        lines = []
        for f in _by_place(findings):
            where = ":".join(
                str(part) for part in (f.path or "-", f.line, f.column if f.line else None) if part
            )
            message = " ".join(f.message.splitlines())  # one finding, one line
            lines.append(f"{where}: {f.code} {message}")
        return "".join(f"{line}\n" for line in lines)


@_register
class JsonReporter(Reporter):
    """A JSON list of ``{path, line, column, code, name, severity, message}``.

    Sorted by path, line and code; an unknown line or column is ``null``.
    """

    name = "json"

    def format(self, findings: Sequence[Finding], rules: Mapping[str, Rule]) -> str:
        ordered = sorted(
            findings, key=lambda f: (f.path or "", f.line or 0, f.code, f.column or 0, f.message)
        )
        items = [
            {
                "path": f.path,
                "line": f.line,
                "column": f.column,
                "code": f.code,
                "name": f.name,
                "severity": f.severity,
                "message": f.message,
            }
            for f in ordered
        ]
        return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


_GITHUB_LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


@_register
class GithubReporter(Reporter):
    """GitHub Actions workflow commands: ``::error file=…,line=…,col=…,title=…::message``.

    Examples:
        >>> f = Finding(code="RK501", severity="error", name="language.arabic-letters-in-persian",
        ...             message="Arabic letters", path="t/fa/angry.txt.j2", line=4, column=7)
        >>> print(GithubReporter(version="0").format([f], {}), end="")
        ::error file=t/fa/angry.txt.j2,line=4,col=7,title=RK501 language.arabic-letters-in-persian::Arabic letters
    """

    name = "github"

    def format(self, findings: Sequence[Finding], rules: Mapping[str, Rule]) -> str:
        lines = []
        for f in _by_place(findings):
            props = []
            if f.path:
                props.append(f"file={_escape_property(f.path)}")
            if f.line:
                props.append(f"line={f.line}")
                if f.column:
                    props.append(f"col={f.column}")
            title = f"{f.code} {f.name}".strip()
            props.append(f"title={_escape_property(title)}")
            level = _GITHUB_LEVELS[f.severity]
            lines.append(f"::{level} {','.join(props)}::{_escape_data(f.message)}")
        return "".join(f"{line}\n" for line in lines)


_SARIF_LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def _uri(path: str) -> str:
    """A SARIF artifact URI: relative paths as URI references, absolute ones as ``file:`` URIs."""
    pure = PurePath(path)
    if pure.is_absolute():
        return Path(path).as_uri()
    return quote(pure.as_posix(), safe="/")


@_register
class SarifReporter(Reporter):
    """A SARIF 2.1.0 log with one run, for code scanning (GitHub, Azure DevOps...).

    The rules that findings refer to are listed in the tool's driver, with
    their documentation as help; columns count Unicode code points.
    """

    name = "sarif"

    def format(self, findings: Sequence[Finding], rules: Mapping[str, Rule]) -> str:
        ordered = _by_place(findings)
        used = sorted({f.code for f in ordered})
        index = {code: i for i, code in enumerate(used)}
        descriptors = [self._descriptor(code, rules.get(code), ordered) for code in used]
        results = [self._result(f, index[f.code]) for f in ordered]
        log = {
            "$schema": SARIF_SCHEMA,
            "version": SARIF_VERSION,
            "runs": [
                {
                    "tool": {
                        "driver": {
                            "name": "replykit",
                            "version": self.version,
                            "rules": descriptors,
                        }
                    },
                    "columnKind": "unicodeCodePoints",
                    "results": results,
                }
            ],
        }
        return json.dumps(log, ensure_ascii=False, indent=2) + "\n"

    @staticmethod
    def _descriptor(code: str, entry: Rule | None, findings: Sequence[Finding]) -> dict[str, Any]:
        if entry is None:
            sample = next(f for f in findings if f.code == code)
            return {
                "id": code,
                "name": sample.name or code,
                "defaultConfiguration": {"level": _SARIF_LEVELS[sample.severity]},
            }
        return {
            "id": entry.code,
            "name": entry.name,
            "shortDescription": {"text": entry.summary},
            "fullDescription": {"text": entry.doc},
            "help": {"text": entry.doc, "markdown": entry.doc},
            "defaultConfiguration": {"level": _SARIF_LEVELS[entry.severity]},
            "properties": {"tags": [entry.family]},
        }

    @staticmethod
    def _result(f: Finding, rule_index: int) -> dict[str, Any]:
        result: dict[str, Any] = {
            "ruleId": f.code,
            "ruleIndex": rule_index,
            "level": _SARIF_LEVELS[f.severity],
            "message": {"text": f.message},
        }
        if f.path:
            location: dict[str, Any] = {"artifactLocation": {"uri": _uri(f.path)}}
            if f.line:
                region: dict[str, int] = {"startLine": f.line}
                if f.column:
                    region["startColumn"] = f.column
                location["region"] = region
            result["locations"] = [{"physicalLocation": location}]
        return result

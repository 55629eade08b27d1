"""Compiled term indexes kept on disk, so a process loads its index instead of building it.

Building the index from the shipped lexicons means parsing 20,000 terms of
TOML, folding and inflecting each one and filling the deletion index: about
half a second. A built index is plain builtins (see
:meth:`replykit.matcher.Index.state`), so it is stored with :mod:`marshal`,
which loads it in a few tens of milliseconds and, unlike pickle, cannot run
code while loading.

An entry is named by a digest of everything that decides its content: the
rules (the bytes of the built-in rule files, or the content of a user's
:class:`~replykit.rules.Rules`), the source of the modules that fold, tokenise
and index terms, the replykit and Python versions. Nothing is ever looked up
by a stale name, so there is nothing to invalidate.

The folder is ``$REPLYKIT_CACHE_DIR`` when set (an empty value turns the cache
off), else the platform's user cache folder. Every failure to read or write
it (read-only home, full disk, a damaged file, a concurrent writer) falls back
to building in memory: the cache can make replykit faster, never wrong.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
import tempfile
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .rules import Rules

__all__ = ["ENV_VAR", "builtin_key", "cache_dir", "load", "rules_key", "store"]

ENV_VAR = "REPLYKIT_CACHE_DIR"
_MAGIC = b"replykit-index\n"
_SUFFIX = ".index"
# Entries kept per folder: older ones are removed when a new one is written.
_KEEP = 8
# The modules whose code decides what an index holds.
_SOURCES = ("normalizer.py", "tokens.py", "matcher.py", "classifier.py", "rules.py", "index_cache.py")


def cache_dir() -> Path | None:
    """Where indexes are kept, or ``None`` when caching is off."""
    configured = os.environ.get(ENV_VAR)
    if configured is not None:
        return Path(configured).expanduser() if configured.strip() else None
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "replykit" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "replykit"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "replykit"


_CODE_DIGEST: bytes | None = None


def _code_digest() -> bytes:
    global _CODE_DIGEST
    if _CODE_DIGEST is None:
        from . import __version__

        h = hashlib.blake2b(digest_size=16)
        h.update(f"{__version__}|{sys.version_info[:2]}|{marshal.version}".encode())
        package = resources.files("replykit")
        for name in _SOURCES:
            try:
                h.update(package.joinpath(name).read_bytes())
            except OSError:
                h.update(name.encode())  # no source beside the bytecode: the version decides
        _CODE_DIGEST = h.digest()
    return _CODE_DIGEST


def builtin_key() -> str:
    """The name of the index of the built-in rules: read from the files' bytes, not parsed."""
    h = hashlib.blake2b(_code_digest(), digest_size=20)
    root = resources.files("replykit") / "data" / "rules"
    for entry in sorted((e for e in root.iterdir() if e.name.endswith(".toml")), key=lambda e: e.name):
        h.update(entry.name.encode() + b"\0" + entry.read_bytes() + b"\0")
    return "builtin-" + h.hexdigest()


def rules_key(rules: Rules) -> str:
    """The name of the index of ``rules``, from their content.

    The term lists are hashed as JSON arrays (canonical, and encoded at C
    speed); a full ``model_dump`` of a large rule set would cost more than
    loading its index. (Not ``marshal``: its bytes depend on how objects are
    shared in memory, so equal rules could get different names.)
    """
    import json

    h = hashlib.blake2b(_code_digest(), digest_size=20)
    h.update(json.dumps(rules.model_dump(exclude={"lexicons"}), sort_keys=True).encode())
    for code, lex in rules.lexicons.items():
        h.update(json.dumps([code, lex.lang, lex.negators_before, lex.negators_after, lex.no_fuzzy]).encode())
        for name, tiers in lex.archetypes.items():
            h.update(json.dumps([name, tiers.strong, tiers.cue, tiers.hint, tiers.against, tiers.neutral]).encode())
    return "rules-" + h.hexdigest()


def load(key: str) -> Any | None:
    """The value stored under ``key``, or ``None`` when there is none that can be read."""
    folder = cache_dir()
    if folder is None:
        return None
    path = folder / (key + _SUFFIX)
    try:
        data = path.read_bytes()
    except OSError:
        return None
    header = _MAGIC + key.encode() + b"\n"
    if not data.startswith(header):
        return None
    import gc

    # Tens of thousands of containers come out of one call, none of them cyclic.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return marshal.loads(memoryview(data)[len(header):])
    except (ValueError, EOFError, TypeError):
        return None
    finally:
        if enabled:
            gc.enable()


def store(key: str, value: Any) -> bool:
    """Write ``value`` under ``key`` atomically; ``False`` when the folder cannot take it."""
    folder = cache_dir()
    if folder is None:
        return False
    try:
        payload = marshal.dumps(value)
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(_MAGIC + key.encode() + b"\n")
                fh.write(payload)
            Path(tmp).replace(folder / (key + _SUFFIX))
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        _prune(folder)
    except (OSError, ValueError):
        return False
    return True


def _prune(folder: Path) -> None:
    entries = []
    for path in folder.glob("*" + _SUFFIX):
        try:
            entries.append((path.stat().st_mtime, path))
        except OSError:
            continue
    entries.sort(reverse=True)
    for _, path in entries[_KEEP:]:
        path.unlink(missing_ok=True)

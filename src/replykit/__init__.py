"""replykit: classify customer complaints and draft CARP/LAST replies in en, ar and fa.

Examples:
    >>> import replykit
    >>> replykit.classify("The site is down and nobody answers the phone!").primary
    'service_outage'
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# Names and the module that holds them; modules load on first use so that
# ``import replykit`` stays light and classification never imports Jinja or Babel.
_EXPORTS: dict[str, str] = {
    "Archetype": "archetypes",
    "ArchetypeScore": "models",
    "Classification": "models",
    "Classifier": "classifier",
    "Draft": "models",
    "Evidence": "models",
    "Finding": "models",
    "Incident": "context",
    "InputTooLargeError": "errors",
    "Policy": "policy",
    "ReplyContext": "context",
    "VariantError": "errors",
    "check_text": "validator",
    "draft": "drafting",
    "find_templates": "templating",
    "reply": "drafting",
    "validate": "validator",
    "MissingContextError": "errors",
    "PRECEDENCE": "archetypes",
    "ReplykitError": "errors",
    "Rules": "rules",
    "RulesError": "errors",
    "Section": "models",
    "TemplateRuntimeError": "errors",
    "TemplateSecurityError": "errors",
    "TemplateSyntaxError": "errors",
    "TemplatesNotFoundError": "errors",
    "UnknownArchetypeError": "errors",
    "UnknownLanguageError": "errors",
    "builtin_rules": "rules",
    "classify": "classifier",
    "detect_language": "languages",
    "fold": "normalizer",
    "lint": "linter",
    "load_rules": "rules",
}

__all__ = sorted([*_EXPORTS, "__version__"])


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'replykit' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__


if TYPE_CHECKING:
    from .archetypes import PRECEDENCE as PRECEDENCE
    from .archetypes import Archetype as Archetype
    from .classifier import Classifier as Classifier
    from .classifier import classify as classify
    from .context import Incident as Incident
    from .context import ReplyContext as ReplyContext
    from .drafting import draft as draft
    from .drafting import reply as reply
    from .errors import InputTooLargeError as InputTooLargeError
    from .errors import MissingContextError as MissingContextError
    from .errors import ReplykitError as ReplykitError
    from .errors import RulesError as RulesError
    from .errors import TemplateRuntimeError as TemplateRuntimeError
    from .errors import TemplateSecurityError as TemplateSecurityError
    from .errors import TemplatesNotFoundError as TemplatesNotFoundError
    from .errors import TemplateSyntaxError as TemplateSyntaxError
    from .errors import UnknownArchetypeError as UnknownArchetypeError
    from .errors import UnknownLanguageError as UnknownLanguageError
    from .errors import VariantError as VariantError
    from .languages import detect_language as detect_language
    from .linter.runner import lint as lint
    from .models import ArchetypeScore as ArchetypeScore
    from .models import Classification as Classification
    from .models import Draft as Draft
    from .models import Evidence as Evidence
    from .models import Finding as Finding
    from .models import Section as Section
    from .normalizer import fold as fold
    from .policy import Policy as Policy
    from .rules import Rules as Rules
    from .rules import builtin_rules as builtin_rules
    from .rules import load_rules as load_rules
    from .templating import find_templates as find_templates
    from .validator import check_text as check_text
    from .validator import validate as validate

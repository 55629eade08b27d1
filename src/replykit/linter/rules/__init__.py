"""The rule families of ``replykit lint``, one module each.

Importing a module registers its rules (:func:`replykit.linter.registry.rule`).
"""

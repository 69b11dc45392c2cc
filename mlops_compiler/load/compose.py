"""PyYAML's composer with every implicit tag replaced by a sentinel, so explicit tags stand out."""

from __future__ import annotations

from typing import Any

import yaml

IMPLICIT = "mlops:implicit"
"""The tag of every node written without one."""

_BaseLoader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _MarkingLoader(_BaseLoader):  # type: ignore[misc]
    """Composes nodes only; every implicit tag becomes a sentinel so explicit tags stand out."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        return IMPLICIT

    # The composer calls these two around every node, for path resolvers, which this loader
    # never has: C builtins that take the same arguments and do nothing instead of PyYAML's
    # Python methods (a tenth of composing a 1,000-stage spec, and again for its dvc.yaml).
    descend_resolver = dict[Any, Any]().get  # (parent, index) -> ignored
    ascend_resolver = tuple  # () -> ignored


def compose_marked(text: str) -> yaml.Node | None:
    """The node tree of ``text``; an untagged node's tag is ``IMPLICIT``. Raises YAMLError."""
    root: yaml.Node | None = yaml.compose(text, Loader=_MarkingLoader)
    return root

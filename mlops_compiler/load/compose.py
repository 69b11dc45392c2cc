"""PyYAML's composer with every implicit tag replaced by a sentinel, so explicit tags stand out.

It also counts nodes as it makes them: a spec is written by people, and a 1 MiB flow mapping of
short keys is 300,000 nodes that would take seconds and hundreds of MiB to build and validate.
The count stops the C composer at the node past the budget, before the rest is composed.
"""

from __future__ import annotations

from typing import Any

import yaml

IMPLICIT = "mlops:implicit"
"""The tag of every node written without one."""

MAX_NODES = 200_000
"""Keys, values and items a spec (or a file `mlops import` reads) may hold. A 10,000-stage
pipeline is about 140,000; composing and building 200,000 costs about a second."""

_BaseLoader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class NodeBudgetError(yaml.YAMLError):
    """The document has more than ``MAX_NODES`` nodes; ``mark`` is where the next one is."""

    def __init__(self, mark: yaml.Mark, budget: int) -> None:
        self.mark = mark
        self.budget = budget
        super().__init__(f"more than {budget} keys, values and items")


class _MarkingLoader(_BaseLoader):  # type: ignore[misc]
    """Composes nodes only; every implicit tag becomes a sentinel so explicit tags stand out."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        return IMPLICIT

    # The composer calls these two around every node, for path resolvers, which this loader
    # never has: C builtins that take the same arguments and do nothing instead of PyYAML's
    # Python methods (a tenth of composing a 1,000-stage spec, and again for its dvc.yaml).
    # ``compose_marked`` replaces the first with a counter when it is given a budget.
    descend_resolver = dict[Any, Any]().get  # (parent, index) -> ignored
    ascend_resolver = tuple  # () -> ignored


def compose_marked(text: str, max_nodes: int | None = None) -> yaml.Node | None:
    """The node tree of ``text``; an untagged node's tag is ``IMPLICIT``. Raises YAMLError,
    ``NodeBudgetError`` once more than ``max_nodes`` nodes are composed (None: no budget)."""
    loader = _MarkingLoader(text)
    if max_nodes is not None:
        loader.descend_resolver = _counter(max_nodes)  # type: ignore[method-assign]
    try:
        root: yaml.Node | None = loader.get_single_node()
    finally:
        loader.dispose()
    return root


def _counter(budget: int) -> Any:
    """A ``descend_resolver`` that raises at the node past ``budget``, pointing at it.

    The composer calls it before each node with the collection it goes into and, in a
    mapping, the key node of the value about to be composed (None for the key itself)."""
    left = budget

    def descend(parent: yaml.Node | None, index: Any) -> None:
        nonlocal left
        left -= 1
        if left < 0:
            near = index if isinstance(index, yaml.Node) else parent
            assert near is not None  # the root is the first node, never past a budget
            raise NodeBudgetError(near.start_mark, budget)

    return descend

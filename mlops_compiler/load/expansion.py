"""How big a composed YAML document becomes once its aliases are expanded, found without
expanding it.

PyYAML's composer shares an aliased node instead of copying it, so a billion-laughs document
composes in microseconds; it is the first walk over the data that blows up. Counting each
distinct node's expanded size once (memoized by identity) costs time linear in the document,
so an alias bomb is refused before anything walks it.
"""

from __future__ import annotations

import yaml

from mlops_compiler.errors import Loc


def alias_bomb(root: yaml.Node, budget: int, max_depth: int) -> tuple[Loc, yaml.Node] | None:
    """Where the aliases of ``root`` expand past ``budget`` extra nodes, or None.

    The place is the first key (at most two levels down) whose value alone is over the budget,
    and that key's node (for its position).
    """
    sizes: dict[int, int] = {}
    total = _size(root, 0, max_depth, sizes, set())
    if total - len(sizes) <= budget:
        return None
    loc: Loc = ()
    node, key_node = root, root
    for _ in range(2):
        found = next(
            (
                (part, key, child)
                for part, key, child in _children(node)
                if sizes.get(id(child), 1) > budget
            ),
            None,
        )
        if found is None:
            break
        part, key_node, node = found
        loc = (*loc, part)
    return loc, key_node


def _size(
    node: yaml.Node, depth: int, max_depth: int, sizes: dict[int, int], active: set[int]
) -> int:
    """1 + the expanded size of the children; deeper than ``max_depth`` or cyclic counts 1
    (the loader refuses those on its own)."""
    known = sizes.get(id(node))
    if known is not None:
        return known
    if depth > max_depth or id(node) in active:
        return 1
    active.add(id(node))
    total = 1 + sum(
        _size(child, depth + 1, max_depth, sizes, active) for _p, _k, child in _children(node)
    )
    if isinstance(node, yaml.MappingNode):
        total += len(node.value)  # the keys
    active.discard(id(node))
    sizes[id(node)] = total
    return total


def _children(node: yaml.Node) -> list[tuple[str | int, yaml.Node, yaml.Node]]:
    """(location part, node to point at, child) for each child value."""
    if isinstance(node, yaml.SequenceNode):
        return [(index, item, item) for index, item in enumerate(node.value)]
    if isinstance(node, yaml.MappingNode):
        return [(str(key.value), key, value) for key, value in node.value]
    return []

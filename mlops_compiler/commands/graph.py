"""`mlops graph`: the pipeline's stages and what flows between them, as text or Mermaid.

A stage depends on another when one of its `deps` is, contains or lies inside an output (out,
metric or plot) of the other. ``${...}`` is DVC's to resolve; here it matches any one path
segment part, so `models/${item}.pkl` is read as coming from `models/${key}.pkl`.
"""

from __future__ import annotations

import posixpath
import re
from fnmatch import fnmatchcase

from mlops_compiler import ir
from mlops_compiler.dataclass import dataclass

_INTERPOLATION = re.compile(r"\$\{[^}]*\}")


@dataclass(frozen=True)
class Edge:
    """``downstream`` reads ``paths`` that ``upstream`` writes."""

    upstream: str
    downstream: str
    paths: tuple[str, ...]


@dataclass(frozen=True)
class Graph:
    """Stages in run order (ties in spec order), and the edges between them."""

    stages: tuple[ir.Stage, ...]
    edges: tuple[Edge, ...]


def pipeline_graph(pipeline: ir.Pipeline) -> Graph:
    """The DAG of ``pipeline`` (the spec was checked for cycles already)."""
    outputs = {stage.name: _outputs(stage.body) for stage in pipeline.stages}
    edges: list[Edge] = []
    for stage in pipeline.stages:
        deps = [_normal(stage.body.wdir, dep) for dep in stage.body.deps]
        for other in pipeline.stages:
            if other.name == stage.name:
                continue
            paths = tuple(d for d in deps if any(_touches(d, out) for out in outputs[other.name]))
            if paths:
                edges.append(Edge(other.name, stage.name, paths))
    order = _run_order(pipeline.stages, edges)
    rank = {stage.name: index for index, stage in enumerate(order)}
    edges.sort(key=lambda edge: (rank[edge.downstream], rank[edge.upstream]))
    return Graph(order, tuple(edges))


def graph_text(graph: Graph) -> str:
    """One line per stage in run order, with the stages it reads from and through which paths."""
    width = max((len(_label(stage)) for stage in graph.stages), default=0)
    lines = []
    for stage in graph.stages:
        upstream = [edge for edge in graph.edges if edge.downstream == stage.name]
        reads = ", ".join(f"{edge.upstream} ({', '.join(edge.paths)})" for edge in upstream)
        lines.append(f"{_label(stage):<{width}}  <- {reads}" if reads else _label(stage))
    return "\n".join(lines) + "\n"


def graph_mermaid(graph: Graph) -> str:
    """A Mermaid flowchart (paste into Markdown as a ```mermaid block)."""
    ids = {stage.name: f"s{index}" for index, stage in enumerate(graph.stages)}
    lines = ["flowchart TD"]
    lines += [f'  {ids[stage.name]}["{_mermaid(_label(stage))}"]' for stage in graph.stages]
    for edge in graph.edges:
        label = _mermaid(", ".join(edge.paths))
        lines.append(f'  {ids[edge.upstream]} -- "{label}" --> {ids[edge.downstream]}')
    return "\n".join(lines) + "\n"


def _label(stage: ir.Stage) -> str:
    if stage.form == "foreach":
        items = stage.foreach
        count = f"{len(items)} items" if isinstance(items, list | dict) else str(items)
        return f"{stage.name} [foreach: {count}]"
    if stage.form == "matrix":
        return f"{stage.name} [matrix: {' x '.join(stage.matrix or {})}]"
    return stage.name


def _mermaid(text: str) -> str:
    """Mermaid's entity codes for what would end a quoted label."""
    return text.replace("#", "#35;").replace('"', "#quot;")


def _outputs(body: ir.StageBody) -> list[str]:
    entries = (*body.outs, *body.metrics, *body.plots)
    return [_normal(body.wdir, entry.path) for entry in entries]


def _normal(wdir: str | None, path: str) -> str:
    return posixpath.normpath(posixpath.join(wdir, path) if wdir else path).rstrip("/")


def _touches(dep: str, out: str) -> bool:
    """``dep`` is ``out``, inside it, or holds it (``${...}`` matching any text)."""
    left, right = dep.split("/"), out.split("/")
    shorter = min(len(left), len(right))
    return all(_same_part(a, b) for a, b in zip(left[:shorter], right[:shorter], strict=True))


def _same_part(a: str, b: str) -> bool:
    if a == b:
        return True
    pattern_a, pattern_b = _INTERPOLATION.sub("*", a), _INTERPOLATION.sub("*", b)
    return fnmatchcase(b, pattern_a) or fnmatchcase(a, pattern_b) or pattern_a == pattern_b


def _run_order(stages: tuple[ir.Stage, ...], edges: list[Edge]) -> tuple[ir.Stage, ...]:
    """Kahn's algorithm, taking ready stages in spec order."""
    waiting = {
        stage.name: {e.upstream for e in edges if e.downstream == stage.name} for stage in stages
    }
    order: list[ir.Stage] = []
    while len(order) < len(stages):
        ready = [s for s in stages if s not in order and not waiting[s.name]]
        if not ready:  # a cycle: lowering refuses these, but never loop forever
            ready = [s for s in stages if s not in order]
        order.append(ready[0])
        for names in waiting.values():
            names.discard(ready[0].name)
    return tuple(order)

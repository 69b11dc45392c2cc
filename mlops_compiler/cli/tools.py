"""The editor and discovery commands: `mlops init`, `graph`, `explain` and `verify`.

Part of the CLI layer (with cli.py, the only modules that print). Errors are raised, and
``cli.main`` turns them into messages and exit codes like any other command's.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from mlops_compiler.errors import UsageError

TOOL_COMMANDS = ("init", "graph", "explain", "verify")
EXIT_OK, EXIT_FAILED = 0, 1


def add_tool_commands(commands: Any) -> None:
    """Register the commands on the `mlops` subparsers."""
    init = commands.add_parser("init", help="write a starter mlops.yaml for this repository")
    init.add_argument("folder", nargs="?", default=".", type=Path, help="default: this folder")
    init.add_argument(
        "--schema",
        metavar="REF",
        help="what the `$schema=` line points at (default: the schema installed with mlops)",
    )

    graph = commands.add_parser("graph", help="print the pipeline's stages and their edges")
    _spec(graph)
    graph.add_argument("--mermaid", action="store_true", help="print a Mermaid flowchart")

    explain = commands.add_parser(
        "explain", help="show which spec key and template produced a generated file or line"
    )
    explain.add_argument("target", metavar="FILE[:LINE]", help="a generated file, e.g. dvc.yaml:12")
    explain.add_argument(
        "-f",
        "--file",
        dest="spec",
        type=Path,
        help="the spec (default: mlops.yaml next to FILE, else ./mlops.yaml)",
    )

    verify = commands.add_parser(
        "verify", help="run the tools that own each format (DVC, MLflow, linters) on the output"
    )
    _spec(verify)
    verify.add_argument(
        "--require-tools", action="store_true", help="a missing tool fails the run (for CI)"
    )
    verify.add_argument("--timeout", type=float, default=300.0, help="seconds per tool run")


def _spec(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-f", "--file", dest="spec", default=Path("mlops.yaml"), type=Path, help="the spec"
    )


def run_tool_command(arguments: argparse.Namespace) -> int:
    """Run one of ``TOOL_COMMANDS``; return the exit code."""
    command = {"init": _init, "graph": _graph, "explain": _explain, "verify": _verify}
    return command[arguments.command](arguments)


def _init(arguments: argparse.Namespace) -> int:
    from mlops_compiler.commands.starter import inspect_folder, starter_spec
    from mlops_compiler.write.new_file import create_new

    folder: Path = arguments.folder
    if not folder.is_dir():
        raise UsageError(f"{folder} is not a folder")
    findings = inspect_folder(folder)
    text = starter_spec(findings, arguments.schema or _schema_ref(folder))
    create_new(folder / "mlops.yaml", text.encode("utf-8"))
    arguments.result["written"] = [str(folder / "mlops.yaml")]
    if not arguments.schema and _schema_ref(folder) == SCHEMA_COPY:
        _copy_schema(folder)
    found = [f"python {findings.python[0]} ({findings.python[1] or 'this interpreter'})"]
    found += [findings.requirements or ""] + [f"{name}/" for name in findings.data]
    found += [findings.script or ""]
    print(f"created {folder / 'mlops.yaml'}: " + ", ".join(item for item in found if item))
    print("next: edit it, then `mlops validate` and `mlops compile`")
    return EXIT_OK


SCHEMA_COPY = ".mlops/mlops.schema.json"
"""Where `mlops init` copies the schema when the installed one is outside the repository."""


def _schema_ref(folder: Path) -> str:
    """A modeline target that works in every clone: relative to the repository, never absolute.

    The installed schema is used when it lies inside the folder (a checkout of mlops-compiler
    itself); otherwise the repository gets its own copy, committed with mlops.yaml.
    """
    from mlops_compiler.resources import schema_path

    schema, root = schema_path().resolve(), folder.resolve()
    if schema.is_relative_to(root):
        return Path(os.path.relpath(schema, root)).as_posix()
    return SCHEMA_COPY


def _copy_schema(folder: Path) -> None:
    from mlops_compiler.resources import schema_path
    from mlops_compiler.write.new_file import create_new

    target = folder / SCHEMA_COPY
    if target.exists():
        return  # a copy from an earlier init: the user's file now, never overwritten
    target.parent.mkdir(exist_ok=True)
    create_new(target, schema_path().read_bytes())


def _graph(arguments: argparse.Namespace) -> int:
    from mlops_compiler.commands.graph import graph_mermaid, graph_text, pipeline_graph
    from mlops_compiler.compiler import check_spec

    project, _warnings = check_spec(arguments.spec)
    pipelines = ([project.pipeline] if project.pipeline else []) + list(project.layout.pipelines)
    if not pipelines:
        raise UsageError(
            f"{arguments.spec} has no `pipeline:` and no `pipelines:`; there is no graph to draw"
        )
    shown = []
    for pipeline in pipelines:  # one graph per dvc.yaml: DVC runs each file's DAG on its own
        graph = pipeline_graph(pipeline)
        text = graph_mermaid(graph) if arguments.mermaid else graph_text(graph)
        shown.append(f"# {pipeline.path}\n{text}" if len(pipelines) > 1 else text)
        arguments.result.setdefault("pipelines", []).append(
            {
                "path": pipeline.path,
                "stages": [stage.name for stage in graph.stages],
                "edges": [
                    {"from": e.upstream, "to": e.downstream, "paths": list(e.paths)}
                    for e in graph.edges
                ],
            }
        )
    sys.stdout.write("\n".join(shown))
    return EXIT_OK


def _explain(arguments: argparse.Namespace) -> int:
    from mlops_compiler.commands.explain import explanation, parse_target

    spec: Path | None = arguments.spec
    if spec is None:
        name = arguments.target.rpartition(":")[0] or arguments.target
        folders = [*Path(name).absolute().parents, Path.cwd()]
        spec = next((f / "mlops.yaml" for f in folders if (f / "mlops.yaml").is_file()), None)
        spec = spec or Path("mlops.yaml")
    text, record = explanation(spec, parse_target(arguments.target, spec.parent))
    arguments.result["explanation"] = record
    sys.stdout.write(text)
    return EXIT_OK


def _verify(arguments: argparse.Namespace) -> int:
    from mlops_compiler.commands.verify import verify

    progress = _progress_line(arguments)
    results = verify(arguments.spec, timeout=arguments.timeout, progress=progress)
    if progress is not None:
        progress("")
    arguments.result["results"] = [
        {"path": r.path, "tool": r.tool, "status": r.status, "detail": r.detail} for r in results
    ]
    width = max((len(result.path) for result in results), default=0)
    for result in results:
        print(f"{result.status:<8} {result.path:<{width}}  {result.detail}")
    counts = {status: sum(r.status == status for r in results) for status in ("PASS", "FAIL")}
    missing = sorted({r.tool for r in results if r.status == "MISSING"})
    summary = f"mlops verify: {counts['PASS']} passed, {counts['FAIL']} failed"
    print(summary + (f"; not installed: {', '.join(missing)}" if missing else ""))
    failed = counts["FAIL"] > 0 or (arguments.require_tools and bool(missing))
    return EXIT_FAILED if failed else EXIT_OK


def _progress_line(arguments: argparse.Namespace) -> Any:
    """A one-line progress display on a terminal's stderr (verify runs for up to a minute or
    more); None when stderr is not a terminal or under `-q`, so logs get no carriage returns."""
    isatty = getattr(sys.stderr, "isatty", None)
    if getattr(arguments, "verbosity", 0) < 0 or not (isatty and isatty()):
        return None

    def show(step: str) -> None:
        text = f"mlops verify: {step}..." if step else ""
        sys.stderr.write("\r\033[K" + text)
        sys.stderr.flush()

    return show

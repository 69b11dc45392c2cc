"""The façade: one call from a spec path to everything it generates, writing nothing."""

from __future__ import annotations

import posixpath
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from mlops_compiler import ir
from mlops_compiler.collector import without_cycle_collector
from mlops_compiler.errors import Diagnostic, Severity, Span, SpecError
from mlops_compiler.families.layout.checks import params_path
from mlops_compiler.load.loader import LoadedDocument, load_spec_file
from mlops_compiler.lower import lower_spec
from mlops_compiler.validate import validate_document

if TYPE_CHECKING:  # rendering (and Jinja) loads in compile_spec: `mlops validate` needs neither
    from mlops_compiler.render.engine import OutputTree


def check_spec(spec_path: Path, *, strict: bool = False) -> tuple[ir.Project, list[Diagnostic]]:
    """Every check compile makes: the IR and the warnings, in line order.

    Errors raise ``SpecError`` carrying every diagnostic found, warnings included (except a
    warning about a value that also has an error: one message per mistake). With ``strict``,
    warnings are errors.
    """
    return check_document(load_spec_file(spec_path), strict=strict)


def check_document(
    document: LoadedDocument, *, strict: bool = False
) -> tuple[ir.Project, list[Diagnostic]]:
    """``check_spec`` of a spec already loaded: a command reads its spec once."""
    with without_cycle_collector():
        return _check_document(document, strict=strict)


def _check_document(
    document: LoadedDocument, *, strict: bool
) -> tuple[ir.Project, list[Diagnostic]]:
    warnings = list(document.warnings)
    try:
        project = lower_spec(validate_document(document), document, warnings)
    except SpecError as exc:
        raise with_warnings(exc, document.warnings, strict=strict) from None
    if strict:
        warnings += [document.position(warning) for warning in _relaxed(project)]
    if strict and warnings:
        raise with_warnings(SpecError(document.path, document.lines, []), warnings, strict=True)
    return project, sorted(warnings, key=_line_order)


def compile_spec(spec_path: Path, *, strict: bool = False) -> OutputTree:
    """Every file ``spec_path`` generates, rendered and verified in memory (and the warnings)."""
    return compile_document(load_spec_file(spec_path), strict=strict)[1]


def compile_document(
    document: LoadedDocument, *, strict: bool = False
) -> tuple[ir.Project, OutputTree]:
    """The IR and the output tree of a spec already loaded (read once, by the caller)."""
    from mlops_compiler.render.engine import render_project
    from mlops_compiler.render.overrides import PatchError

    project, warnings = check_document(document, strict=strict)
    try:
        with without_cycle_collector():
            tree = render_project(project)
    except PatchError as exc:
        positioned = [document.position(diagnostic) for diagnostic in exc.diagnostics]
        raise SpecError(document.path, document.lines, positioned) from None
    inputs = input_files(project, document.path)
    read = {document.path.name: document.source_hash} if document.source_hash else {}
    tree = replace(
        tree,
        warnings=tuple(warnings),
        inputs=inputs,
        source_lines=document.lines,
        input_hashes=read,
        up=project.placement.up,
    )
    return project, tree


def input_files(project: ir.Project, spec_path: Path) -> tuple[str, ...]:
    """The spec and every file compile read to check it (params files, the requirements)."""
    found = [spec_path.name]
    for stage in project.pipeline.stages if project.pipeline else ():
        found += [ref.file for ref in stage.body.params if ref.file and "${" not in ref.file]
    env = project.mlflow.python_env or project.mlflow.conda if project.mlflow else None
    requirements = env.dependencies if isinstance(env, ir.PythonEnvFile) else env.pip if env else ()
    found += [line[3:] for line in requirements if line.startswith("-r ")]
    found += pipeline_inputs(project)  # every dvc.yaml's, relative to its stages' `wdir`
    return tuple(dict.fromkeys(found))


def _relaxed(project: ir.Project) -> list[Diagnostic]:
    """`--strict` names every security rule the spec relaxes (`allow:`)."""
    return [
        Diagnostic(
            f"the spec relaxes the security rule `{rule}`",
            loc=("allow", index),
            severity=Severity.WARNING,
            hint="remove it from `allow:` once the files no longer need it",
        )
        for index, rule in enumerate(project.allow)
    ]


def with_warnings(error: SpecError, warnings: list[Diagnostic], *, strict: bool) -> SpecError:
    """``error`` with ``warnings`` added (errors first at a place); with ``strict``, as errors."""
    diagnostics = list(error.diagnostics)
    taken = {(d.loc, d.span) for d in diagnostics if d.severity is Severity.ERROR}
    taken_locs = {loc for loc, _ in taken if loc}
    for warning in warnings:
        if warning.loc not in taken_locs and (warning.loc, warning.span) not in taken:
            diagnostics.append(warning)
    if strict:
        diagnostics = [replace(d, severity=Severity.ERROR) for d in dict.fromkeys(diagnostics)]
    return SpecError(error.source_path, error.source_lines, list(dict.fromkeys(diagnostics)))


def _line_order(diagnostic: Diagnostic) -> tuple[Span, str]:
    return (diagnostic.span or Span(0, 0, 0, 0), diagnostic.dotted_path)


def pipeline_inputs(project: ir.Project) -> list[str]:
    """The params files the checks read from disk (not generated by the spec), relative to
    mlops.yaml: a change to one can change what `mlops validate` says."""
    generated = {"params.yaml", *(params.path for params in project.layout.params_files)}
    pipelines = [project.pipeline] if project.pipeline else []
    found = []
    for pipeline in [*pipelines, *project.layout.pipelines]:
        folder = posixpath.dirname(pipeline.path)
        for stage in pipeline.stages:
            wdir = stage.body.wdir
            if wdir is not None and "${" in wdir:
                continue
            base = posixpath.normpath(posixpath.join(folder, wdir or "."))
            for ref in stage.body.params:
                file = ref.file or "params.yaml"
                if "${" not in file:
                    found.append(params_path(base, file))
    return [
        path
        for path in dict.fromkeys(found)
        if path not in generated and not path.startswith(("/", "../")) and path != ".."
    ]

"""Names that would collide once they become file, job or resource names.

Stage, entry-point and remote names (and the project's name) end up in file names (workflow
files, Dockerfiles, manifests), CI job ids and Kubernetes resources. macOS and Windows file
systems and Kubernetes (lowercase DNS names) do not tell `Train` from `train`, and Windows cannot
create a file whose base name is a device name (`nul.yml`, `CON.Dockerfile`). The pattern of
``spec.base.Name`` already keeps out `/`, `..`, dots and spaces; this catches the rest.
"""

from __future__ import annotations

from collections.abc import Iterable

from mlops_compiler.errors import Diagnostic, Loc
from mlops_compiler.spec import MlopsSpec

WINDOWS_DEVICE_NAMES = frozenset(
    ["con", "prn", "aux", "nul"]
    + [f"{port}{digit}" for port in ("com", "lpt") for digit in "0123456789"]
)
"""Base names Windows reserves for devices, in any letter case and with any extension."""


def check_names(model: MlopsSpec) -> list[Diagnostic]:
    """Names differing only in case within one kind, and Windows device names."""
    diagnostics = _reserved("project name", ("project",), [model.project.name], key=False)
    for noun, parent, names in _namespaces(model):
        diagnostics += _reserved(noun, parent, names, key=True)
        diagnostics += _case_collisions(noun, parent, names)
    return diagnostics


def _namespaces(model: MlopsSpec) -> Iterable[tuple[str, Loc, list[str]]]:
    if model.pipeline is not None:
        yield "stage", ("pipeline", "stages"), list(model.pipeline.stages)
    if model.entry_points:
        yield "entry point", ("entry_points",), list(model.entry_points)
    if model.data is not None:
        yield "remote", ("data", "remotes"), list(model.data.remotes)


def _reserved(noun: str, parent: Loc, names: list[str], *, key: bool) -> list[Diagnostic]:
    return [
        Diagnostic(
            f"{noun} `{name}` is a device name that Windows reserves",
            loc=(*parent, name) if key else (*parent, "name"),
            on_key=key,
            hint=f"names become file names, and Windows cannot create `{name}.yml`;"
            " choose another name",
        )
        for name in names
        if name.lower() in WINDOWS_DEVICE_NAMES
    ]


def _case_collisions(noun: str, parent: Loc, names: list[str]) -> list[Diagnostic]:
    first: dict[str, str] = {}
    diagnostics = []
    for name in names:
        folded = name.casefold()
        if folded not in first:
            first[folded] = name
            continue
        diagnostics.append(
            Diagnostic(
                f"{noun} `{name}` differs from {noun} `{first[folded]}` only in letter case",
                loc=(*parent, name),
                on_key=True,
                hint="names become file and resource names, which macOS, Windows and"
                " Kubernetes do not tell apart by case; rename one of them",
            )
        )
    return diagnostics

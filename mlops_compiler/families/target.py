"""One generated file as a family declares it: its path, template, section, format and data.

Every family's target table is made of these; the render stage loops over them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Literal

from mlops_compiler.dataclass import dataclass

if TYPE_CHECKING:  # for annotations only: the project IR is built from the families' parts
    from mlops_compiler import ir

Format = Literal["yaml", "ini", "dockerfile", "lines", "json", "python"]


@dataclass(frozen=True)
class Target:
    """One generated file."""

    path: str
    """Where it goes, relative to the folder holding mlops.yaml (POSIX separators)."""
    template: str
    """The Jinja template that renders it, relative to templates/."""
    section: str
    """The spec section it comes from (for messages and the manifest)."""
    format: Format
    """How it is parsed back after rendering."""
    applies: Callable[[ir.Project], bool]
    """Whether the spec asks for this file."""
    context: Callable[[ir.Project], dict[str, Any]]
    """The template's variables (IR objects only)."""
    document: Callable[[ir.Project], Any]
    """The data the rendered file must parse back to."""
    path_of: Callable[[ir.Project], str] | None = None
    """Where it goes when the spec names the path (`images.serve.dockerfile`)."""
    mode: Literal["managed", "seed"] = "managed"
    """`seed`: written once, then another writer's (a release file cd.yml rewrites); an
    `overrides:` entry of the spec still decides."""

    def resolved(self, project: ir.Project) -> Target:
        """This target with its path as the spec names it."""
        return self if self.path_of is None else replace(self, path=self.path_of(project))


def _always(_project: ir.Project) -> bool:
    return True


def fixed_target(
    path: str,
    template: str,
    section: str,
    fmt: Format,
    context: dict[str, Any],
    document: Any,
    mode: Literal["managed", "seed"] = "managed",
) -> Target:
    """A target made for one project's entry: it always applies, its data already built."""
    return Target(
        path=path,
        template=template,
        section=section,
        format=fmt,
        applies=_always,
        context=lambda _p: context,
        document=lambda _p: document,
        mode=mode,
    )

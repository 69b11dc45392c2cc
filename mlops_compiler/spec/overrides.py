"""`overrides`: the escape hatch for what the spec cannot say, kept in the spec so it survives.

Per generated file: an ownership mode, and patches applied to the file's data before it is
serialized (YAML and JSON outputs). A patch path is dotted (`stages.train.deps[0]`) or a JSON
Pointer (`/stages/train/deps/0`, needed when a key contains a dot).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Discriminator, Field, JsonValue, Tag

from mlops_compiler.spec.base import SpecModel, empty_list

PatchPath = Annotated[str, Field(min_length=1, max_length=1000)]


class SetPatch(SpecModel):
    """Set a value, creating the key if its parent exists."""

    set: PatchPath = Field(examples=["stages.train.cmd"])
    """Where: a dotted path or a JSON Pointer into the generated file's data."""
    value: JsonValue = Field(examples=["python src/train.py --fast"])
    """The value to put there."""


class DeletePatch(SpecModel):
    """Remove a key or a list item."""

    delete: PatchPath = Field(examples=["stages.train.desc"])
    """Where: a dotted path or a JSON Pointer into the generated file's data."""


class AppendPatch(SpecModel):
    """Add an item at the end of a list."""

    append: PatchPath = Field(examples=["stages.train.deps"])
    """The list: a dotted path or a JSON Pointer into the generated file's data."""
    value: JsonValue = Field(examples=["data/extra.csv"])
    """The item to add."""


def _patch_kind(value: Any) -> str:
    if isinstance(value, dict):
        for kind in ("set", "delete", "append"):
            if kind in value:
                return kind
    return "set"


Patch = Annotated[
    Annotated[SetPatch, Tag("set")]
    | Annotated[DeletePatch, Tag("delete")]
    | Annotated[AppendPatch, Tag("append")],
    Discriminator(_patch_kind),
]


class FileOverride(SpecModel):
    """How one generated file departs from what the spec alone would produce."""

    mode: Literal["managed", "seed"] = "managed"
    """`managed`: regenerated on every compile. `seed`: written once, then the file is yours."""
    patches: list[Patch] = Field(default_factory=empty_list)
    """Changes applied, in order, to the file's data before it is written."""

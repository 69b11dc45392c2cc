"""The one base model every section of the spec inherits from."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, StringConstraints


class SpecModel(BaseModel):
    """Strict and immutable; attribute docstrings become schema descriptions (see ``schema``)."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        # Not use_attribute_docstrings: it parses each model's source at import (~80 ms a run);
        # schema.describe_fields reads the docstrings only when the schema is generated.
        strict=False,
        str_strip_whitespace=False,
        # Build a model's validator on first use rather than at import: validating the root
        # builds what it needs once (`mlops validate` on quickstart: 468 -> 442 ms).
        defer_build=True,
    )


NAME_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_-]*$"
NAME_RE = re.compile(NAME_PATTERN)

Name = Annotated[str, StringConstraints(pattern=NAME_PATTERN, max_length=100)]
"""A name that is safe as a key, a file name and a CLI argument."""

RelativePath = Annotated[str, StringConstraints(min_length=1, max_length=4096)]
"""A path relative to the folder that holds mlops.yaml (checked further in lowering)."""

Text = Annotated[str, StringConstraints(max_length=10_000)]
"""Free text: descriptions and commands."""


def empty_list() -> list[Any]:
    """`default_factory=list` without its start-up cost.

    Pydantic reads each factory's signature; a builtin's comes from tokenizing its text
    signature, which compiles tokenize's large regex first (~3.6 ms of every run).
    """
    return []


def empty_dict() -> dict[Any, Any]:
    """`default_factory=dict`, for the same reason as ``empty_list``."""
    return {}

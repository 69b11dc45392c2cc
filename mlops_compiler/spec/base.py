"""The one base model every section of the spec inherits from."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints


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


@dataclass(frozen=True)
class Explained:
    """What a constrained type says when a value breaks it: the problem, and how to fix it.

    Kept in the type's ``Annotated`` metadata, so that validation chooses the words by the
    field's type, never by its key name: an SSH remote's `port` and a server's `port` break the
    same bounds and need different advice.
    """

    hint: str
    problem: str | None = None
    """The message, with ``{value}`` for the value given; Pydantic's wording when None."""


NAME_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_-]*$"
NAME_RE = re.compile(NAME_PATTERN)

Name = Annotated[str, StringConstraints(pattern=NAME_PATTERN, max_length=100)]
"""A name that is safe as a key, a file name and a CLI argument."""

RelativePath = Annotated[str, StringConstraints(min_length=1, max_length=4096)]
"""A path relative to the folder that holds mlops.yaml (checked further in lowering)."""

Text = Annotated[str, StringConstraints(max_length=10_000)]
"""Free text: descriptions and commands."""

_PORT_PROBLEM = "port {value} is not between 1 and 65535"

Port = Annotated[
    int,
    Field(ge=1, le=65535),
    Explained(problem=_PORT_PROBLEM, hint="the TCP port the process listens on, such as 8080"),
]
"""A TCP port a server listens on."""

SshPort = Annotated[
    int,
    Field(ge=1, le=65535),
    Explained(problem=_PORT_PROBLEM, hint="SSH listens on port 22 unless configured otherwise"),
]
"""The port of an SSH server."""


def empty_list() -> list[Any]:
    """`default_factory=list` without its start-up cost.

    Pydantic reads each factory's signature; a builtin's comes from tokenizing its text
    signature, which compiles tokenize's large regex first (~3.6 ms of every run).
    """
    return []


def empty_dict() -> dict[Any, Any]:
    """`default_factory=dict`, for the same reason as ``empty_list``."""
    return {}

"""Types shared by the CI/CD sections: secret and variable names, commands, action pins."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

from mlops_compiler.spec.base import SpecModel

SECRET_PATTERN = r"^[A-Za-z_][A-Za-z0-9_]{0,99}$"
SecretName = Annotated[str, StringConstraints(pattern=SECRET_PATTERN)]
"""The name of a GitHub Actions secret (never its value)."""

EnvName = Annotated[str, StringConstraints(pattern=r"^[A-Za-z_][A-Za-z0-9_]{0,99}$")]
"""An environment variable name."""

Command = Annotated[str, StringConstraints(min_length=1, max_length=10_000)]
"""A shell command, run by bash in a workflow step."""

Commands = Annotated[list[Command], Field(min_length=1)]
"""Commands run one after the other; the step fails at the first that fails."""

ImageCommand = Annotated[list[Annotated[str, StringConstraints(min_length=1)]], Field(min_length=1)]
"""A command in exec form: the program, then its arguments, no shell in between."""


class ActionPin(SpecModel):
    """A GitHub Action pinned to a full commit SHA, with the release it is."""

    sha: str = Field(examples=["d23441a48e516b6c34aea4fa41551a30e30af803"])
    """The 40-hex commit the release tag points at (a tag can be moved; a commit cannot)."""
    version: Annotated[str, StringConstraints(pattern=r"^v[0-9]+(\.[0-9]+){0,2}$")] = Field(
        examples=["v6.1.0"]
    )
    """The release, `vX.Y.Z`, written as a comment next to the SHA for reviewers and Dependabot."""

"""`files`: files mlops.yaml carries as they are (workflows and Dockerfiles it does not generate).

`mlops import` puts the GitHub workflows and Dockerfiles no section models here, so that they
live in mlops.yaml with everything else; compile writes each back after the generated-file
header (after a Dockerfile's parser directives). `overrides: {PATH: {mode: seed}}` makes one a
seed instead: written once, then left to you.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

from mlops_compiler.spec.base import SpecModel

FileText = Annotated[str, StringConstraints(max_length=1_000_000)]


class VerbatimFile(SpecModel):
    """A file written as it is."""

    text: FileText = Field(examples=["FROM python:3.11-slim\nCOPY . /app\n"])
    """The file's text: a GitHub workflow (`.github/workflows/*.yml`) or a Dockerfile."""

"""`project`: what the ML project is called and what Python it runs on."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

from mlops_compiler.spec.base import Name, RelativePath, SpecModel, Text

PYTHON_PATTERN = r"^3\.[0-9]{1,2}(\.[0-9]{1,2})?$"
PythonVersion = Annotated[str, StringConstraints(pattern=PYTHON_PATTERN)]
RepositoryRoot = Annotated[str, StringConstraints(pattern=r"^(\.|\.\.(/\.\.){0,15})$")]
Requirement = Annotated[str, StringConstraints(min_length=1, max_length=500, pattern=r"^[^\s#]")]


class Project(SpecModel):
    """What the project is called, and the Python it runs on."""

    name: Name = Field(examples=["churn-model"])
    """The project's name: used for the MLflow project, default experiment and image names."""

    description: Text | None = Field(default=None, examples=["Predict customer churn"])
    """One line saying what the project does."""

    python: PythonVersion = Field(default="3.11", examples=["3.11"])
    """The Python version, as a quoted string (`"3.10"`, not `3.10`, which YAML reads as 3.1)."""

    dependencies: list[Requirement] | None = Field(
        default=None, examples=[["scikit-learn>=1.4", "mlflow>=2.12"]]
    )
    """Python requirements written inline (pip syntax). Use this or `requirements`."""

    requirements: RelativePath | None = Field(default=None, examples=["requirements.txt"])
    """A pip requirements file, relative to mlops.yaml. Use this or `dependencies`."""

    repository_root: RepositoryRoot | None = Field(default=None, examples=["..", "."])
    """The git repository's root, relative to mlops.yaml: `.`, `..`, `../..`. GitHub runs only
    the workflows in the root's `.github/workflows/`, so a spec below the root writes its
    workflows there, named `<project name>-ci.yml` (and so on), each filtered by `paths:` to
    this folder and running its steps in it. Default: the nearest folder holding `.git` at or
    above mlops.yaml, else mlops.yaml's folder. `.` keeps every file in mlops.yaml's folder."""

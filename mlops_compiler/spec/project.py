"""`project`: what the ML project is called and what Python it runs on."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints, model_validator

from mlops_compiler.spec.base import Name, RelativePath, SpecModel, Text

PythonVersion = Annotated[str, StringConstraints(pattern=r"^3\.[0-9]{1,2}(\.[0-9]{1,2})?$")]
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

    @model_validator(mode="after")
    def _one_source_of_dependencies(self) -> Project:
        if self.dependencies is not None and self.requirements is not None:
            raise ValueError("give either `dependencies` or `requirements`, not both")
        return self

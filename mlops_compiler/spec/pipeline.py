"""`pipeline`: DVC stages, in DVC's own vocabulary; `${}` interpolation passes through untouched."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Discriminator, Field, JsonValue, Tag

from mlops_compiler.spec.base import Name, RelativePath, SpecModel, Text


class Out(SpecModel):
    """An output with options; a bare string is an output with DVC's defaults."""

    path: RelativePath = Field(examples=["models/model.pkl"])
    """The output path, relative to the stage's `wdir`."""
    cache: bool | None = None
    """Store the output in the DVC cache (DVC's default: true)."""
    persist: bool | None = None
    """Keep the output when the stage re-runs instead of deleting it first."""
    remote: Name | None = None
    """Push this output to this remote instead of the default."""
    push: bool | None = None
    """Push this output with `dvc push` (DVC's default: true)."""
    desc: Text | None = None
    """What the output is."""


class Metric(SpecModel):
    """A metrics file (JSON, YAML, TOML or CSV)."""

    path: RelativePath = Field(examples=["metrics.json"])
    """The metrics file, relative to the stage's `wdir`."""
    cache: bool | None = None
    """Store it in the DVC cache; metrics are usually small and committed to git (`false`)."""
    persist: bool | None = None
    """Keep the file when the stage re-runs."""
    desc: Text | None = None
    """What the metrics are."""


class Plot(SpecModel):
    """A plots file with how to draw it."""

    path: RelativePath = Field(examples=["plots/confusion.csv"])
    """The data file (CSV, TSV, JSON, YAML) or image, relative to the stage's `wdir`."""
    cache: bool | None = None
    """Store it in the DVC cache."""
    persist: bool | None = None
    """Keep the file when the stage re-runs."""
    template: str | None = Field(default=None, examples=["confusion"])
    """A DVC plot template (linear, scatter, smooth, confusion, bar_horizontal, ...) or a path."""
    x: str | None = None
    """The field for the x axis."""
    y: str | None = None
    """The field for the y axis."""
    title: str | None = None
    """The plot's title."""
    x_label: str | None = None
    """The x axis label."""
    y_label: str | None = None
    """The y axis label."""
    header: bool | None = None
    """Whether a CSV/TSV file has a header row."""


ParamsFileKeys = dict[RelativePath, list[str]]
"""Keys read from another params file: `{config/train.yaml: [lr, epochs]}`."""


class StageBody(SpecModel):
    """What a stage runs, reads and writes."""

    cmd: Text | list[Text] = Field(examples=["python src/train.py"])
    """The command, or a list of commands run in order."""
    wdir: RelativePath | None = None
    """The folder the command runs in, relative to mlops.yaml."""
    deps: list[RelativePath] = Field(default_factory=list)
    """Files and folders the stage reads; a change re-runs it."""
    params: list[str | ParamsFileKeys] = Field(default_factory=list)
    """Keys of params.yaml the stage reads (`train.lr`), or `{file: [keys]}` for another file."""
    outs: list[RelativePath | Out] = Field(default_factory=list)
    """Files and folders the stage writes."""
    metrics: list[RelativePath | Metric] = Field(default_factory=list)
    """Metrics files the stage writes."""
    plots: list[RelativePath | Plot] = Field(default_factory=list)
    """Plots files the stage writes."""
    frozen: bool | None = None
    """Never re-run this stage (DVC `frozen`)."""
    always_changed: bool | None = None
    """Always re-run this stage."""
    desc: Text | None = None
    """What the stage does."""
    meta: dict[str, JsonValue] | None = None
    """Free-form data DVC keeps but ignores."""


class MatrixStage(StageBody):
    """A stage run once per combination of the matrix's values."""

    matrix: dict[Name, list[JsonValue] | str] = Field(min_length=1)
    """Axes and their values (or a `${var}` that holds them); use `${item.axis}` in the body."""


class ForeachStage(SpecModel):
    """A stage run once per item of a list or mapping."""

    foreach: list[JsonValue] | dict[str, JsonValue] | str
    """The items (or a `${var}` that holds them); use `${item}` / `${key}` in `do`."""
    do: StageBody
    """The stage body repeated for each item."""


def _stage_form(value: Any) -> str:
    """Pick the stage model by shape; the tags cannot collide with data keys in error paths."""
    if isinstance(value, dict):
        if "foreach" in value:
            return "stage:foreach"
        if "matrix" in value:
            return "stage:matrix"
    return "stage:plain"


Stage = Annotated[
    Annotated[StageBody, Tag("stage:plain")]
    | Annotated[MatrixStage, Tag("stage:matrix")]
    | Annotated[ForeachStage, Tag("stage:foreach")],
    Discriminator(_stage_form),
]

VarsEntry = RelativePath | dict[str, JsonValue]


class Pipeline(SpecModel):
    """The DVC pipeline: written to dvc.yaml."""

    vars: list[VarsEntry] | None = None
    """DVC variables: params files to read (`config.yaml`, `file.yaml:key`) or inline mappings."""
    stages: dict[Name, Stage] = Field(min_length=1)
    """Stages by name, in the order they should appear in dvc.yaml."""

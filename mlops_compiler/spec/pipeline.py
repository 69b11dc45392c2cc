"""`pipeline`: DVC stages, in DVC's own vocabulary; `${}` interpolation passes through untouched."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Discriminator, Field, JsonValue, Tag

from mlops_compiler.spec.base import Name, RelativePath, SpecModel, Text, empty_dict, empty_list


class Out(SpecModel):
    """An output with options; a bare string is an output with DVC's defaults."""

    path: RelativePath = Field(examples=["models/model.pkl"])
    """The output path, relative to the stage's `wdir`."""
    cache: bool | None = Field(default=None, examples=[False])
    """Store the output in the DVC cache (DVC's default: true)."""
    persist: bool | None = Field(default=None, examples=[True])
    """Keep the output when the stage re-runs instead of deleting it first."""
    remote: Name | None = Field(default=None, examples=["archive"])
    """Push this output to this remote instead of the default."""
    push: bool | None = Field(default=None, examples=[False])
    """Push this output with `dvc push` (DVC's default: true)."""
    desc: Text | None = Field(default=None, examples=["The trained model, pickled"])
    """What the output is."""
    type: str | None = Field(default=None, examples=["model"])
    """What kind of artifact it is (`model`, `dataset`, ...), for DVC's model registry."""
    labels: list[str] | None = Field(default=None, examples=[["classifier"]])
    """Labels for DVC's model registry."""
    meta: JsonValue = Field(default=None, examples=[{"owner": "ml-team"}])
    """Free-form data DVC keeps but ignores."""


class Metric(SpecModel):
    """A metrics file (JSON, YAML, TOML or CSV)."""

    path: RelativePath = Field(examples=["metrics.json"])
    """The metrics file, relative to the stage's `wdir`."""
    cache: bool | None = Field(default=None, examples=[False])
    """Store it in the DVC cache; metrics are usually small and committed to git (`false`)."""
    persist: bool | None = Field(default=None, examples=[True])
    """Keep the file when the stage re-runs."""
    remote: Name | None = Field(default=None, examples=["archive"])
    """Push this file to this remote instead of the default."""
    push: bool | None = Field(default=None, examples=[False])
    """Push this file with `dvc push` (DVC's default: true)."""
    desc: Text | None = Field(default=None, examples=["Accuracy and F1 on the test split"])
    """What the metrics are."""
    type: str | None = Field(default=None, examples=["model"])
    """What kind of artifact it is (`model`, `dataset`, ...), for DVC's model registry."""
    labels: list[str] | None = Field(default=None, examples=[["classifier"]])
    """Labels for DVC's model registry."""
    meta: JsonValue = Field(default=None, examples=[{"owner": "ml-team"}])
    """Free-form data DVC keeps but ignores."""


class Plot(SpecModel):
    """A plots file with how to draw it."""

    path: RelativePath = Field(examples=["plots/confusion.csv"])
    """The data file (CSV, TSV, JSON, YAML) or image, relative to the stage's `wdir`."""
    cache: bool | None = Field(default=None, examples=[False])
    """Store it in the DVC cache."""
    persist: bool | None = Field(default=None, examples=[True])
    """Keep the file when the stage re-runs."""
    template: str | None = Field(default=None, examples=["confusion"])
    """A DVC plot template (linear, scatter, smooth, confusion, bar_horizontal, ...) or a path."""
    x: str | None = Field(default=None, examples=["actual"])
    """The field for the x axis."""
    y: str | None = Field(default=None, examples=["predicted"])
    """The field for the y axis."""
    title: str | None = Field(default=None, examples=["Confusion matrix"])
    """The plot's title."""
    x_label: str | None = Field(default=None, examples=["True class"])
    """The x axis label."""
    y_label: str | None = Field(default=None, examples=["Predicted class"])
    """The y axis label."""
    header: bool | None = Field(default=None, examples=[True])
    """Whether a CSV/TSV file has a header row."""
    remote: Name | None = Field(default=None, examples=["archive"])
    """Push this file to this remote instead of the default."""
    push: bool | None = Field(default=None, examples=[False])
    """Push this file with `dvc push` (DVC's default: true)."""
    desc: Text | None = Field(default=None, examples=["Where the classifier gets confused"])
    """What the plot shows."""
    type: str | None = Field(default=None, examples=["model"])
    """What kind of artifact it is (`model`, `dataset`, ...), for DVC's model registry."""
    labels: list[str] | None = Field(default=None, examples=[["classifier"]])
    """Labels for DVC's model registry."""
    meta: JsonValue = Field(default=None, examples=[{"owner": "ml-team"}])
    """Free-form data DVC keeps but ignores."""


VarsEntry = RelativePath | dict[str, JsonValue]
"""A params file to read variables from (`config.yaml`, `file.yaml:key`) or inline values."""

ParamsFileKeys = dict[RelativePath, list[str] | None]
"""Keys read from another params file: `{config/train.yaml: [lr, epochs]}`; `null`: all of it."""


class StageBody(SpecModel):
    """What a stage runs, reads and writes."""

    cmd: Text | Annotated[list[Text], Field(min_length=1)] = Field(examples=["python src/train.py"])
    """The command, or a list of commands run in order (at least one)."""
    wdir: RelativePath | None = Field(default=None, examples=["src"])
    """The folder the command runs in, relative to mlops.yaml."""
    deps: list[RelativePath] = Field(
        default_factory=empty_list, examples=[["src/train.py", "data/prepared"]]
    )
    """Files and folders the stage reads; a change re-runs it."""
    params: list[str | ParamsFileKeys] = Field(
        default_factory=empty_list, examples=[["train.lr", {"config/train.yaml": ["epochs"]}]]
    )
    """Keys of params.yaml the stage reads (`train.lr`), or `{file: [keys]}` for another file."""
    outs: list[RelativePath | Out] = Field(
        default_factory=empty_list,
        examples=[["models/model.pkl", {"path": "data/big", "cache": True}]],
    )
    """Files and folders the stage writes."""
    metrics: list[RelativePath | Metric] = Field(
        default_factory=empty_list, examples=[[{"path": "metrics.json", "cache": False}]]
    )
    """Metrics files the stage writes."""
    plots: list[RelativePath | Plot] = Field(
        default_factory=empty_list,
        examples=[[{"path": "plots/roc.csv", "x": "fpr", "y": "tpr", "template": "linear"}]],
    )
    """Plots files the stage writes."""
    frozen: bool | None = Field(default=None, examples=[True])
    """Never re-run this stage (DVC `frozen`)."""
    always_changed: bool | None = Field(default=None, examples=[True])
    """Always re-run this stage."""
    desc: Text | None = Field(default=None, examples=["Fit the model on the training split"])
    """What the stage does."""
    meta: dict[str, JsonValue] | None = Field(default=None, examples=[{"owner": "ml-team"}])
    """Free-form data DVC keeps but ignores."""
    vars: list[VarsEntry] | None = Field(default=None, examples=[["config/train.yaml"]])
    """Variables for this stage only (DVC's stage-level `vars`), read relative to `wdir`."""


class MatrixStage(StageBody):
    """A stage run once per combination of the matrix's values."""

    matrix: dict[Name, list[JsonValue] | str] = Field(
        min_length=1, examples=[{"model": ["logreg", "forest"], "seed": [0, 1]}]
    )
    """Axes and their values (or a `${var}` that holds them); use `${item.axis}` in the body."""


class ForeachStage(SpecModel):
    """A stage run once per item of a list or mapping."""

    foreach: list[JsonValue] | dict[str, JsonValue] | str = Field(
        examples=[["logreg", "forest"], "${models}"]
    )
    """The items (or a `${var}` that holds them); use `${item}` / `${key}` in `do`."""
    do: StageBody = Field(examples=[{"cmd": "python src/train.py --model ${item}"}])
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


class PlotDefinition(SpecModel):
    """A plot drawn from one or more files (dvc.yaml's top-level `plots`)."""

    x: str | dict[str, str] | None = Field(default=None, examples=["epoch"])
    """The x field, or `{file: field}`."""
    y: str | list[str] | dict[str, str | list[str]] | None = Field(
        default=None, examples=[{"logs/train.tsv": ["loss", "val_loss"]}]
    )
    """The y field(s), or `{file: field or fields}`."""
    x_label: str | None = Field(default=None, examples=["Epoch"])
    """The x axis label."""
    y_label: str | None = Field(default=None, examples=["Loss"])
    """The y axis label."""
    title: str | None = Field(default=None, examples=["Training and validation loss"])
    """The plot's title."""
    template: str | None = Field(default=None, examples=["linear"])
    """A DVC plot template or a path to one."""


class Artifact(SpecModel):
    """A model or data set in DVC's model registry (dvc.yaml's top-level `artifacts`)."""

    path: RelativePath = Field(examples=["models/model.pkl"])
    """Where it is, relative to dvc.yaml."""
    type: str | None = Field(default=None, examples=["model"])
    """What kind of artifact it is."""
    desc: Text | None = Field(default=None, examples=["Churn classifier, retrained weekly"])
    """What it is."""
    labels: list[str] | None = Field(default=None, examples=[["classifier", "churn"]])
    """Labels for the registry."""
    meta: JsonValue = Field(default=None, examples=[{"owner": "ml-team"}])
    """Free-form data DVC keeps but ignores."""


class Pipeline(SpecModel):
    """The DVC pipeline: written to dvc.yaml."""

    vars: list[VarsEntry] | None = Field(
        default=None, examples=[["config/models.yaml", {"seeds": [0, 1, 2]}]]
    )
    """DVC variables: params files to read (`config.yaml`, `file.yaml:key`) or inline mappings."""
    stages: dict[Name, Stage] = Field(
        min_length=1,
        examples=[{"train": {"cmd": "python src/train.py", "outs": ["models/model.pkl"]}}],
    )
    """Stages by name, in the order they should appear in dvc.yaml."""
    params: list[RelativePath] | None = Field(default=None, examples=[["config/extra.yaml"]])
    """Params files `dvc params diff` shows besides those the stages read (top-level `params`)."""
    metrics: list[RelativePath] | None = Field(default=None, examples=[["dvclive/metrics.json"]])
    """Metrics files no stage writes, for `dvc metrics show` (top-level `metrics`)."""
    plots: list[RelativePath | dict[str, PlotDefinition | None]] | None = Field(
        default=None, examples=[[{"loss": {"x": "step", "y": {"logs/train.tsv": "loss"}}}]]
    )
    """Plots of files, by path or by plot id with how to draw them (top-level `plots`)."""
    artifacts: dict[str, Artifact] | None = Field(
        default=None,
        examples=[{"churn-classifier": {"path": "models/model.pkl", "type": "model"}}],
    )
    """Models and data sets for DVC's model registry, by name (top-level `artifacts`)."""
    datasets: list[dict[str, JsonValue]] | None = Field(
        default=None,
        examples=[[{"name": "raw-images", "type": "url", "url": "s3://my-bucket/raw/images"}]],
    )
    """Datasets stages can depend on (`ds://name`), as DVC writes them (top-level `datasets`)."""


class PipelineFile(Pipeline):
    """One more dvc.yaml, in a folder of its own (DVC reads every dvc.yaml of a repository)."""

    stages: dict[Name, Stage] = Field(
        default_factory=empty_dict,
        examples=[{"fetch": {"cmd": "python fetch.py", "outs": ["raw"]}}],
    )
    """Stages by name; a dvc.yaml may hold only top-level `plots`, `metrics` or `artifacts`."""

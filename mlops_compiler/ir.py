"""The intermediate model: what every generator needs, resolved, checked and frozen.

Each family of generated files defines its part (``families/*/ir.py``); ``Project`` holds them
all. The DVC and MLflow parts are re-exported here, as the names most stages use. Templates see
only these classes.
"""

from __future__ import annotations

from dataclasses import field
from typing import TYPE_CHECKING, Any, Literal

from mlops_compiler.dataclass import dataclass
from mlops_compiler.families.delivery.ir import Delivery
from mlops_compiler.families.dvc.ir import (
    DvcConfig as DvcConfig,
)
from mlops_compiler.families.dvc.ir import (
    ParamsRef as ParamsRef,
)
from mlops_compiler.families.dvc.ir import (
    PathEntry as PathEntry,
)
from mlops_compiler.families.dvc.ir import (
    Pipeline as Pipeline,
)
from mlops_compiler.families.dvc.ir import (
    Remote as Remote,
)
from mlops_compiler.families.dvc.ir import (
    Stage as Stage,
)
from mlops_compiler.families.dvc.ir import (
    StageBody as StageBody,
)
from mlops_compiler.families.dvc.ir import (
    StageForm as StageForm,
)
from mlops_compiler.families.layout.ir import Layout
from mlops_compiler.families.mlflow.ir import (
    CondaFile as CondaFile,
)
from mlops_compiler.families.mlflow.ir import (
    DockerEnv as DockerEnv,
)
from mlops_compiler.families.mlflow.ir import (
    EntryPoint as EntryPoint,
)
from mlops_compiler.families.mlflow.ir import (
    EnvKind as EnvKind,
)
from mlops_compiler.families.mlflow.ir import (
    MlflowProject as MlflowProject,
)
from mlops_compiler.families.mlflow.ir import (
    Parameter as Parameter,
)
from mlops_compiler.families.mlflow.ir import (
    PythonEnvFile as PythonEnvFile,
)
from mlops_compiler.load.repository import Placement

if TYPE_CHECKING:  # imported by the lowering only for a spec with `monitoring` or `deploy`
    from mlops_compiler.families.deploy.ir import Deploy
    from mlops_compiler.families.monitoring.ir import Monitoring


PatchOp = Literal["set", "delete", "append"]


@dataclass(frozen=True)
class Patch:
    """One change to a generated file's data; ``path`` is as written in the spec."""

    op: PatchOp
    path: str
    value: Any


@dataclass(frozen=True)
class FileOverride:
    """A generated file's ownership mode and patches (`overrides.<path>` in the spec)."""

    path: str
    mode: Literal["managed", "seed"]
    patches: tuple[Patch, ...]


@dataclass(frozen=True)
class Project:
    """Everything the generators need from one mlops.yaml."""

    spec_name: str
    name: str
    description: str | None
    python: str
    params: dict[str, Any]
    pipeline: Pipeline | None
    dvc_config: DvcConfig | None
    mlflow: MlflowProject | None
    overrides: tuple[FileOverride, ...] = ()
    monitoring: Monitoring | None = None
    """`monitoring`, lowered (see families/monitoring/ir.py)."""
    deploy: Deploy | None = None
    """`deploy`, lowered (see families/deploy/ir.py)."""
    delivery: Delivery | None = None
    """Workflows and Dockerfiles from `ci`, `cd`, `retraining`, `images` (see ir_delivery.py)."""
    families: tuple[str, ...] = ()
    """The names of the families this spec uses (``families/table.py``), in lowering order."""
    layout: Layout = field(default_factory=Layout)
    """More dvc.yaml files, params files and MLprojects, in folders (see ir_layout.py)."""
    allow: tuple[str, ...] = ()
    """The security rules the spec relaxes (`allow:`, see render/policy.py)."""
    placement: Placement = field(default_factory=Placement)
    """Where mlops.yaml sits in its git repository (load/repository.py)."""

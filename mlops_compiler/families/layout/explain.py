"""Where each line of a dvc.yaml, params file or MLproject in a folder came from."""

from __future__ import annotations

import functools
from typing import Any

from mlops_compiler.errors import Loc
from mlops_compiler.families.dvc.explain import dvc_yaml
from mlops_compiler.families.origins import Rule


def rule(generated: str, spec: Any) -> Rule | None:
    """`pipelines:`, `params_files:` and `mlflow_projects:` entries, keyed by their path."""
    sections = spec if isinstance(spec, dict) else {}
    if generated in (sections.get("pipelines") or {}):
        return functools.partial(_in_layout_pipeline, section=("pipelines", generated))
    for section in ("params_files", "mlflow_projects"):
        if generated in (sections.get(section) or {}):
            return functools.partial(_in_layout_file, section=(section, generated))
    return None


def _in_layout_pipeline(path: Loc, output: Any, spec: Any, *, section: Loc) -> Loc:
    return dvc_yaml(path, output, spec, section)


def _in_layout_file(path: Loc, output: Any, spec: Any, *, section: Loc) -> Loc:
    return (*section, *path)

"""The tool that owns the Kubernetes manifests: kubernetes-validate, against the cluster schemas."""

from __future__ import annotations

from mlops_compiler.families.linters import Linter, has_keys

LINTERS: tuple[Linter, ...] = (
    Linter(
        "kubernetes-validate",
        ("kubernetes-validate",),
        ("--strict", "--quiet"),
        "pip install kubernetes-validate",
        has_keys("apiVersion", "kind"),
    ),
)

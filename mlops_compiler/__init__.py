"""mlops-compiler: one mlops.yaml in; DVC, MLflow and the rest of an ML repo's config out.

The public names are imported lazily so that `mlops --help` does not pay for Pydantic and Jinja.
"""

from __future__ import annotations

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: importing typing costs the fast path ~4 ms

__version__ = "0.1.0"

__all__ = ["CompilerError", "Diagnostic", "OutputTree", "SpecError", "__version__", "compile_spec"]

if TYPE_CHECKING:
    from typing import Any

    from mlops_compiler.compiler import compile_spec
    from mlops_compiler.errors import CompilerError, Diagnostic, SpecError
    from mlops_compiler.render.engine import OutputTree

_HOMES = {
    "compile_spec": "mlops_compiler.compiler",
    "CompilerError": "mlops_compiler.errors",
    "Diagnostic": "mlops_compiler.errors",
    "SpecError": "mlops_compiler.errors",
    "OutputTree": "mlops_compiler.render.engine",
}


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        import importlib

        return getattr(importlib.import_module(_HOMES[name]), name)
    raise AttributeError(f"module 'mlops_compiler' has no attribute {name!r}")

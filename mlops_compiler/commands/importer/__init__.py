"""`mlops import`: take over an existing repository's dvc.yaml, params, MLproject files.

``import_repository(root)`` reads the repository in place and builds, in memory, a spec whose
compile reproduces every file it takes over exactly, as data (what the spec cannot model is
carried verbatim under `overrides:`); ``write_import`` writes mlops.yaml and the manifest;
``import_report`` says what happened. DVC and MLflow are never imported: files are read with
the same YAML and INI rules those tools use.
"""

from __future__ import annotations

from mlops_compiler.commands.importer.adopt import write_import
from mlops_compiler.commands.importer.report import failed, import_report
from mlops_compiler.commands.importer.session import ImportResult, import_repository

__all__ = ["ImportResult", "failed", "import_report", "import_repository", "write_import"]

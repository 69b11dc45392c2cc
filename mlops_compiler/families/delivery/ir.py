"""The intermediate model of the CI/CD outputs: workflows, Dockerfiles, .dockerignore.

Lowering decides every job, step, script and instruction; templates only lay them out. Values
that a workflow evaluates (``${{ secrets.NAME }}``) are built here from validated names only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from mlops_compiler.dataclass import dataclass
from mlops_compiler.families.delivery.pins import Pin

if TYPE_CHECKING:  # built by the deploy family, which only a spec with `deploy` loads
    from mlops_compiler.families.deploy.release import ReleaseSettings


@dataclass(frozen=True)
class Permission:
    """One scope a job's token is granted, and why (zizmor wants the reason written down)."""

    scope: str
    level: Literal["read", "write"]
    reason: str


@dataclass(frozen=True)
class Step:
    """A workflow step: an action (``uses``) or a bash script (``run``), never both."""

    name: str
    id: str | None = None
    if_: str | None = None
    uses: Pin | None = None
    with_: tuple[tuple[str, Any], ...] = ()
    env: tuple[tuple[str, str], ...] = ()
    run: str | None = None


@dataclass(frozen=True)
class Job:
    """A workflow job."""

    id: str
    name: str
    runs_on: str
    timeout_minutes: int
    permissions: tuple[Permission, ...]
    steps: tuple[Step, ...]
    needs: tuple[str, ...] = ()
    if_: str | None = None
    environment: tuple[str, str | None] | None = None
    """(name, url) of the GitHub environment the job deploys to."""
    outputs: tuple[tuple[str, str], ...] = ()
    shell: str | None = None
    """`defaults.run.shell` (a login shell for conda)."""
    working_directory: str | None = None
    """`defaults.run.working-directory`: the project's folder in a monorepo (see relocate.py)."""


@dataclass(frozen=True)
class Workflow:
    """One file under .github/workflows/."""

    path: str
    name: str
    on: dict[str, Any]
    concurrency_group: str
    cancel_in_progress: bool
    jobs: tuple[Job, ...]
    output: str | None = None
    """Where the file goes, relative to mlops.yaml, when not at ``path``: the repository root's
    `.github/workflows/` for a spec below the root (``path`` stays the name targets look up)."""


@dataclass(frozen=True)
class Dockerfile:
    """A two-stage Dockerfile: a build stage fills a venv, the runtime stage copies it."""

    name: Literal["train", "serve"]
    path: str
    base: str
    """The base image of both stages, ``repository:tag`` and optionally ``@sha256:...``."""
    requirements_file: str | None
    packages: tuple[str, ...]
    copies: tuple[tuple[str, str], ...]
    """(source in the build context, destination under /app) copied into the runtime stage."""
    uid: int
    env: tuple[tuple[str, str], ...]
    port: int | None
    healthcheck: tuple[str, ...] | None
    command: tuple[str, ...]
    dvc_no_scm: bool = False
    """Configure DVC to run without git (the build context leaves .git out)."""

    @property
    def passwd_entry(self) -> str:
        """/etc/passwd's line for the numeric user (HOME is /tmp, as the image's ENV says)."""
        return f"mlops:x:{self.uid}:{self.uid}:mlops:/tmp:/usr/sbin/nologin"

    @property
    def group_entry(self) -> str:
        return f"mlops:x:{self.uid}:"

    @property
    def pip_arguments(self) -> tuple[str, ...]:
        """What follows ``pip install --no-cache-dir`` (the requirements file is copied to
        ``requirements.txt`` in the build stage's folder)."""
        file = ("-r", "requirements.txt") if self.requirements_file else ()
        return (*file, *self.packages)


@dataclass(frozen=True)
class Renovate:
    """The opt-in Renovate config (`ci.renovate`)."""

    path: str
    extends: tuple[str, ...]


@dataclass(frozen=True)
class Delivery:
    """Everything the CI/CD generators need."""

    workflows: tuple[Workflow, ...]
    dockerfiles: tuple[Dockerfile, ...]
    dockerignore: tuple[str, ...]
    """The .dockerignore patterns (empty: no images, no file)."""
    gate: bool = False
    """A workflow runs the gate script (.github/scripts/gate.py)."""
    release: ReleaseSettings | None = None
    """What .github/scripts/release.py writes, when cd.yml releases to overlays."""
    renovate: Renovate | None = None
    """The Renovate config that bumps the `ci.actions` pins in the spec (`ci.renovate`)."""

"""Lower `platform`, `images`, `ci`, `cd`, `retraining` and `tracking.registry` to the IR.

Cross-checks live in ``crosscheck_delivery.py``; this module builds, and assumes they passed
(lowering still completes when they did not, so that every problem is reported at once).
"""

from __future__ import annotations

import posixpath
import shlex
from dataclasses import replace
from typing import TYPE_CHECKING

from mlops_compiler.errors import Diagnostic, Severity
from mlops_compiler.families.delivery import scripts
from mlops_compiler.families.delivery.cd_workflow import cd_workflow
from mlops_compiler.families.delivery.checks import check_delivery
from mlops_compiler.families.delivery.context import Context, secret, tracking_env
from mlops_compiler.families.delivery.ir import Delivery, Dockerfile, Renovate
from mlops_compiler.families.delivery.pins import PINS, Pin
from mlops_compiler.families.delivery.retrain_workflow import retrain_workflow
from mlops_compiler.families.delivery.workflows import ci_workflow
from mlops_compiler.families.dvc import ir as dvc_ir
from mlops_compiler.load.loader import LoadedDocument
from mlops_compiler.spec import MlopsSpec
from mlops_compiler.spec.images import Images, MlflowServer
from mlops_compiler.spec.platform import DagshubPlatform

if TYPE_CHECKING:  # annotations only: the project IR sits above the families
    from mlops_compiler.ir import Project

DOCKERIGNORE = (
    ".git",
    ".github",
    ".venv",
    "venv",
    "**/__pycache__",
    "**/*.py[cod]",
    ".dvc/cache",
    ".dvc/tmp",
    ".dvc/config.local",
    "mlruns",
    "mlartifacts",
    "mlflow.db",
    ".env",
    ".env.*",
    "*.pem",
    "*.key",
)
"""Kept out of every build context: history, caches, local stores and anything secret."""

MODEL_URI_ARGUMENT = (
    '--model-uri "${MODEL_URI:?is not set: deploy this image with MODEL_URI=models:/NAME/VERSION}"'
)
"""The served model: the pinned version the deployment names (an unset one stops the start)."""

DVC_CONFIG = "/opt/venv/etc/dvc"
"""DVC's system config folder in the images: inside the venv, so the runtime stage has it."""

DEFAULT_CREDENTIALS: dict[str, tuple[str, ...]] = {
    "s3": ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"),
    "gs": ("GOOGLE_APPLICATION_CREDENTIALS_JSON",),
    "azure": ("AZURE_STORAGE_CONNECTION_STRING",),
    "http": ("DVC_REMOTE_USER", "DVC_REMOTE_PASSWORD"),
    "ssh": ("DVC_SSH_KEY",),
    "local": (),
}
"""The variables each remote kind's credentials come in, named after the secret by default."""


def with_delivery(
    model: MlopsSpec, document: LoadedDocument, project: Project
) -> tuple[Project, list[Diagnostic]]:
    """``project`` with its CI/CD outputs (and the platform's DVC remote), and the problems
    the CI/CD sections have; nothing is lowered when there are any."""
    diagnostics = check_delivery(model, document)
    if any(d.severity is Severity.ERROR for d in diagnostics):
        return project, diagnostics
    delivery, dvc_config = lower_delivery(model, project)
    return replace(project, delivery=delivery, dvc_config=dvc_config), diagnostics


def lower_delivery(
    model: MlopsSpec, project: Project
) -> tuple[Delivery | None, dvc_ir.DvcConfig | None]:
    """The CI/CD IR, and the DVC config with the platform's remote added when it needs one."""
    dvc_config = _platform_remote(model, project.dvc_config)
    if not (model.images or model.ci or model.cd or model.retraining):
        return None, dvc_config
    context = _context(model, dvc_config)
    workflows = []
    if model.ci is not None:
        workflows.append(ci_workflow(context))
    if model.cd is not None:
        workflows.append(cd_workflow(context, _image_names(model)))
    if model.retraining is not None:
        workflows.append(retrain_workflow(context, _pr_paths(project)))
    dockerfiles = _dockerfiles(model, model.images, dvc_config) if model.images else ()
    ignore = DOCKERIGNORE if dockerfiles else ()
    gate = any(
        step.run == scripts.GATE for flow in workflows for job in flow.jobs for step in job.steps
    )
    release = None
    if model.cd is not None and model.deploy is not None:
        # Only a spec with `deploy` loads that family (tests/unit/test_lazy_imports.py).
        from mlops_compiler.families.deploy.lower import release_settings

        release = release_settings(model)
    renovate = model.ci.renovate if model.ci is not None else None
    bot = Renovate(renovate.path, tuple(renovate.extends)) if renovate is not None else None
    return Delivery(tuple(workflows), dockerfiles, ignore, gate, release, bot), dvc_config


def remote_access(
    model: MlopsSpec, dvc_config: dvc_ir.DvcConfig | None
) -> tuple[tuple[str, str] | None, tuple[tuple[str, str], ...]]:
    """(name, kind) of the remote the workflows pull from, and the step env that reaches it
    (`DVC_REMOTE` and the credential variables, from their declared secrets), as CI uses them."""
    remote = _remote(model, _platform_remote(model, dvc_config))
    return remote, _remote_env(model, remote) if remote else ()


def dagshub_remote_url(platform: DagshubPlatform) -> str:
    """DagsHub's DVC remote of the repository."""
    return f"https://dagshub.com/{platform.owner}/{platform.repo}.dvc"


def _platform_remote(model: MlopsSpec, config: dvc_ir.DvcConfig | None) -> dvc_ir.DvcConfig | None:
    platform = model.platform
    if not isinstance(platform, DagshubPlatform):
        return config
    url = dagshub_remote_url(platform)
    if config is not None and any(dict(r.options).get("url") == url for r in config.remotes):
        return config
    remote = dvc_ir.Remote(platform.remote, (("url", url), ("auth", "basic")))
    if config is None:
        return dvc_ir.DvcConfig(default_remote=platform.remote, remotes=(remote,))
    return dvc_ir.DvcConfig(config.default_remote, (*config.remotes, remote))


def _context(model: MlopsSpec, dvc_config: dvc_ir.DvcConfig | None) -> Context:
    ci = model.ci
    pins = dict(PINS)
    for action, pin in (ci.actions if ci else {}).items():
        pins[action] = Pin(action, pin.sha, pin.version)
    remote = _remote(model, dvc_config)
    return Context(
        model=model,
        pins=pins,
        runs_on=ci.runs_on if ci else "ubuntu-latest",
        timeout=ci.timeout_minutes if ci else 60,
        remote=remote,
        remote_env=_remote_env(model, remote) if remote else (),
        tracking_env=tracking_env(model),
        install=_install(model, dvc_config),
        conda=model.environment is not None and model.environment.kind == "conda",
    )


def _remote(model: MlopsSpec, config: dvc_ir.DvcConfig | None) -> tuple[str, str] | None:
    if config is None:
        return None
    name = config.default_remote
    if name is None:
        return None
    declared = model.data.remotes.get(name) if model.data else None
    return name, declared.kind if declared is not None else "http"


def _remote_env(model: MlopsSpec, remote: tuple[str, str]) -> tuple[tuple[str, str], ...]:
    name, kind = remote
    names = {variable: variable for variable in DEFAULT_CREDENTIALS[kind]}
    platform = model.platform
    if isinstance(platform, DagshubPlatform) and kind == "http":
        url = _remote_url(model, name)
        if url in (None, dagshub_remote_url(platform)):
            names = {"DVC_REMOTE_USER": platform.user_secret}
            names["DVC_REMOTE_PASSWORD"] = platform.token_secret
    if model.ci is not None and model.ci.remote_credentials is not None:
        names = dict(model.ci.remote_credentials)
    return (("DVC_REMOTE", name), *((var, secret(s)) for var, s in names.items()))


def _remote_url(model: MlopsSpec, name: str) -> str | None:
    remote = model.data.remotes.get(name) if model.data else None
    return remote.url if remote is not None else None


DVC_EXTRAS = {"s3": "s3", "gs": "gs", "azure": "azure", "ssh": "ssh"}
"""The DVC extra each remote kind needs (http and local are in DVC itself)."""


def dvc_package(model: MlopsSpec, config: dvc_ir.DvcConfig | None) -> str | None:
    """`dvc[s3]` (or `dvc`) when the project has a pipeline: what runs `dvc` must have it.
    pip keeps a DVC the requirements already installed and adds the remote's plugin."""
    if model.pipeline is None:
        return None
    kinds = sorted({DVC_EXTRAS[k] for k in _remote_kinds(model, config) if k in DVC_EXTRAS})
    return (f"dvc[{','.join(kinds)}]" if kinds else "dvc") + ">=3"


def _remote_kinds(model: MlopsSpec, config: dvc_ir.DvcConfig | None) -> list[str]:
    declared = model.data.remotes if model.data else {}
    names = [remote.name for remote in config.remotes] if config else []
    return [declared[name].kind if name in declared else "http" for name in names]


def _install(model: MlopsSpec, config: dvc_ir.DvcConfig | None = None) -> tuple[str, ...]:
    dvc = dvc_package(model, config)
    extra = (f"python -m pip install {shlex.quote(dvc)}",) if dvc else ()
    if model.ci is not None and model.ci.install is not None:
        return (*model.ci.install, *extra)
    project = model.project
    if model.environment is not None and model.environment.kind == "conda":
        return ()  # conda.yaml (with the pip requirements) builds the environment
    if project.requirements is not None:
        return (f"python -m pip install -r {shlex.quote(project.requirements)}", *extra)
    if project.dependencies:
        packages = " ".join(map(shlex.quote, project.dependencies))
        return (f"python -m pip install {packages}", *extra)
    return extra


def _image_names(model: MlopsSpec) -> tuple[tuple[str, str], ...]:
    """(image, path in the registry) for each image cd pushes."""
    assert model.cd is not None
    images = model.images or Images()
    registry = images.registry
    namespace = registry.namespace
    if namespace is None:
        namespace = "${{ github.repository_owner }}"
    return tuple(
        (name, f"{registry.host}/{namespace}/{model.project.name}-{name}")
        for name in model.cd.images
    )


def _pr_paths(project: Project) -> tuple[str, ...]:
    """dvc.lock and the metrics and plots files git keeps: what a retraining PR commits."""
    paths = ["dvc.lock"]
    if project.pipeline is None:
        return tuple(paths)
    inline: dict[str, str] = {}
    for item in project.pipeline.vars:
        if isinstance(item, dict):
            inline.update({k: v for k, v in item.items() if isinstance(v, str)})
    for stage in project.pipeline.stages:
        body = stage.body
        for entry in (*body.metrics, *body.plots):
            path = resolve_path(posixpath.join(body.wdir or "", entry.path), inline)
            if path and path not in paths:
                paths.append(path)
    return tuple(paths)


def resolve_path(path: str, variables: dict[str, str]) -> str:
    """``path`` with inline ``${var}`` resolved, cut before the first part still interpolated."""
    for key, value in variables.items():
        path = path.replace("${" + key + "}", value)
    parts = posixpath.normpath(path).split("/")
    static = []
    for part in parts:
        if "${" in part:
            break
        static.append(part)
    return "/".join(static).strip(".") if static != ["."] else ""


def _dockerfiles(
    model: MlopsSpec, images: Images, config: dvc_ir.DvcConfig | None
) -> tuple[Dockerfile, ...]:
    project = model.project
    base = images.base or f"python:{project.python}-slim"
    if images.base_digest:
        base = f"{base}@{images.base_digest}"
    requirements = project.requirements
    packages = tuple(project.dependencies or ())
    env: list[tuple[str, str]] = [
        ("PATH", "/opt/venv/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"),
        ("HOME", "/tmp"),
        ("PYTHONDONTWRITEBYTECODE", "1"),
        ("PYTHONUNBUFFERED", "1"),
    ]
    env += [(k, v) for k, v in tracking_env(model) if "${{" not in v]
    files: list[Dockerfile] = []
    if images.train is not None:
        files.append(
            Dockerfile(
                name="train",
                path=images.train.dockerfile,
                base=base,
                requirements_file=requirements,
                packages=(*packages, *filter(None, [dvc_package(model, config)])),
                copies=((".", "/app/"),),
                uid=images.uid,
                env=(*env, ("DVC_NO_ANALYTICS", "1"), ("DVC_SYSTEM_CONFIG_DIR", DVC_CONFIG)),
                port=None,
                healthcheck=None,
                command=tuple(images.train.command),
                dvc_no_scm=True,
            )
        )
    if images.serve is not None:
        serve = images.serve
        port = serve.port
        copies = tuple(_copy(path) for path in serve.copy_paths)
        serve_packages = packages
        if isinstance(serve.server, MlflowServer):
            # The model is pinned where it is deployed (MODEL_URI=models:/NAME/VERSION, from
            # the release or the deploy hook), never resolved from an alias when a pod starts:
            # a restart must not change the model.
            served = "mlflow models serve"
            options = f"--host 0.0.0.0 --port {port} --env-manager local"
            health = "/ping"
            if model.monitoring is not None:
                # `mlflow models serve` answers 404 on /metrics: the same app, wrapped.
                from mlops_compiler.families.monitoring import exporters

                wrapper = exporters.MLFLOW_WRAPPER
                served = f"python /app/{wrapper}"
                options = f"--host 0.0.0.0 --port {port}"
                copies = (*copies, (wrapper, f"/app/{wrapper}"))
                serve_packages = (*packages, exporters.WRAPPER_REQUIREMENT)
            command: tuple[str, ...] = ("sh", "-c", f"exec {served} {MODEL_URI_ARGUMENT} {options}")
        else:
            command, health = tuple(serve.server.command), serve.server.health_path
        probe = (
            "import urllib.request; "
            f"urllib.request.urlopen('http://127.0.0.1:{port}{health}', timeout=4)"
        )
        files.append(
            Dockerfile(
                name="serve",
                path=serve.dockerfile,
                base=base,
                requirements_file=requirements,
                packages=serve_packages,
                copies=copies,
                uid=images.uid,
                env=tuple(env),
                port=port,
                healthcheck=("python", "-c", probe),
                command=command,
            )
        )
    return tuple(files)


def _copy(path: str) -> tuple[str, str]:
    clean = posixpath.normpath(path)
    if clean == ".":
        return ".", "/app/"
    return path, f"/app/{clean}/" if path.endswith("/") else f"/app/{clean}"

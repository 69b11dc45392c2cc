"""Checks of the CI/CD sections that GitHub or Docker would only report at run time, or never.

Secrets written into the spec, expressions in commands, actions not pinned to a commit, cron
syntax, images and registries that are not declared, a gate whose metric no stage writes, a
base image whose Python is not the project's.
"""

from __future__ import annotations

import posixpath
import re

from mlops_compiler.errors import Diagnostic, Loc, Severity
from mlops_compiler.families.cron import cron_problem
from mlops_compiler.families.delivery.context import tracking_env
from mlops_compiler.families.delivery.pins import PINS
from mlops_compiler.families.deploy.release import released_environments
from mlops_compiler.families.images import unpinned_image
from mlops_compiler.load.loader import LoadedDocument
from mlops_compiler.spec import MlopsSpec
from mlops_compiler.spec.images import MlflowServer
from mlops_compiler.spec.pipeline import ForeachStage

_SHA = re.compile(r"^[0-9a-f]{40}$")


def check_delivery(model: MlopsSpec, document: LoadedDocument) -> list[Diagnostic]:
    """Every problem of the CI/CD sections (secrets anywhere in the spec: ``crosscheck``)."""
    diagnostics = _expressions(model)
    diagnostics += _environments(model)
    diagnostics += _pins(model)
    if model.retraining is not None:
        problem = cron_problem(model.retraining.schedule)
        if problem is not None:
            message, needle = problem
            diagnostics.append(
                Diagnostic(
                    message,
                    loc=("retraining", "schedule"),
                    needle=needle,
                    hint="minute hour day-of-month month day-of-week, in UTC: `0 3 * * 1`",
                )
            )
    diagnostics += _images(model)
    diagnostics += _registry(model)
    diagnostics += _dvc_plugins(model)
    return diagnostics


DVC_PLUGIN_KINDS = ("s3", "gs", "azure", "ssh")
"""Remote kinds DVC reaches only through a plugin (`dvc-s3`, the `dvc[s3]` extra, ...)."""


def _dvc_plugins(model: MlopsSpec) -> list[Diagnostic]:
    """The workflows and the train image install `dvc[<kind>]`; the project's own dependencies
    (what a person installs on their machine) should say so too."""
    dependencies = model.project.dependencies
    if model.pipeline is None or model.data is None or not dependencies:
        return []
    names = [re.split(r"[<>=!~;\s]", item.lower(), maxsplit=1)[0] for item in dependencies]
    if not any(name == "dvc" or name.startswith("dvc[") for name in names):
        return []  # DVC is not one of them: the person installs it their own way
    found = []
    for kind in sorted({r.kind for r in model.data.remotes.values()} & set(DVC_PLUGIN_KINDS)):
        has = any(
            name == f"dvc-{kind}" or (name.startswith("dvc[") and kind in name[4:].rstrip("]"))
            for name in names
        )
        if not has:
            found.append(
                Diagnostic(
                    f"the {kind} remote needs DVC's {kind} plugin, and `project.dependencies`"
                    f" does not install it (the generated workflows and images add"
                    f' `dvc[{kind}]`; `dvc pull` elsewhere fails with "{kind} is supported,'
                    f" but requires 'dvc-{kind}' to be installed\")",
                    loc=("project", "dependencies"),
                    severity=Severity.WARNING,
                    hint=f"add `dvc[{kind}]` (or `dvc-{kind}`) to `project.dependencies`",
                )
            )
    return found


def _commands(model: MlopsSpec) -> list[tuple[Loc, str]]:
    found: list[tuple[Loc, str]] = []
    if model.ci is not None:
        for field in ("install", "lint", "test"):
            for index, command in enumerate(getattr(model.ci, field) or []):
                found.append((("ci", field, index), command))
    if model.cd is not None:
        for index, deployment in enumerate(model.cd.deploy):
            if deployment.command is not None:
                found.append((("cd", "deploy", index, "command"), deployment.command))
    # values the workflows paste into `run:` or hand to pip: an expression is as bad there
    for index, requirement in enumerate(model.project.dependencies or []):
        found.append((("project", "dependencies", index), requirement))
    if model.project.requirements is not None:
        found.append((("project", "requirements"), model.project.requirements))
    if model.ci is not None and isinstance(model.ci.check_generated, str):
        found.append((("ci", "check_generated"), model.ci.check_generated))
    if model.retraining is not None and model.retraining.refresh is not None:
        found.append((("retraining", "refresh"), model.retraining.refresh))
    return found


def _environments(model: MlopsSpec) -> list[Diagnostic]:
    seen: set[str] = set()
    released = released_environments(model)
    diagnostics = []
    for index, deployment in enumerate(model.cd.deploy if model.cd else []):
        if deployment.environment in seen:
            diagnostics.append(
                Diagnostic(
                    f"`{deployment.environment}` is deployed to twice",
                    loc=("cd", "deploy", index, "environment"),
                    hint="each environment appears once, in the order of the rollout",
                )
            )
        seen.add(deployment.environment)
        if deployment.command is None and deployment.environment not in released:
            diagnostics.append(_nothing_to_deploy(model, index, deployment.environment))
    return diagnostics


def _nothing_to_deploy(model: MlopsSpec, index: int, environment: str) -> Diagnostic:
    """A deployment with no hook is released through its overlay, so it must have one."""
    if model.deploy is None:
        why, hint = "there is no `deploy` section to release to", "add `command:`"
    elif environment not in model.deploy.environments:
        known = ", ".join(f"`{e}`" for e in model.deploy.environments)
        why = f"`{environment}` is not an environment of `deploy` ({known})"
        hint = "name one of them, or add `command:`"
    else:
        why = "cd.yml does not push the serving image (`cd.images` lacks `serve`)"
        hint = "add `serve` to `cd.images`, or add `command:`"
    return Diagnostic(
        f"`{environment}` has no deploy `command`, and {why}: nothing would deploy it",
        loc=("cd", "deploy", index),
        hint=hint,
    )


def _expressions(model: MlopsSpec) -> list[Diagnostic]:
    diagnostics = []
    for loc, command in _commands(model):
        if "${{" not in command:
            continue
        event = "${{ github.event" in command.replace("${{github", "${{ github")
        diagnostics.append(
            Diagnostic(
                "a `${{ github.event.* }}` expression in a command: a pull request's title,"
                " branch or body would run as shell code"
                if event
                else "a `${{ }}` expression in a command: GitHub pastes its value into the"
                " script before the shell reads it",
                loc=loc,
                needle="${{",
                hint="use the environment instead (`$GITHUB_REF_NAME`, `$GITHUB_SHA`, ...);"
                " the generated steps pass values through `env:`",
            )
        )
    return diagnostics


def _pins(model: MlopsSpec) -> list[Diagnostic]:
    if model.ci is None:
        return []
    diagnostics = []
    for action, pin in model.ci.actions.items():
        if action not in PINS:
            diagnostics.append(
                Diagnostic(
                    f"`{action}` is not an action the workflows use",
                    loc=("ci", "actions", action),
                    on_key=True,
                    hint="pins can be overridden for: " + ", ".join(f"`{a}`" for a in PINS),
                )
            )
        if not _SHA.match(pin.sha):
            diagnostics.append(
                Diagnostic(
                    f"`{pin.sha}` is not a full commit SHA: a tag or branch can be moved to"
                    " other code after review",
                    loc=("ci", "actions", action, "sha"),
                    hint="give the 40-hex commit the release tag points at"
                    f" (the built-in pin is `{PINS[action].sha}` for {PINS[action].version})"
                    if action in PINS
                    else "give the 40-hex commit the release tag points at",
                )
            )
    return diagnostics


def _images(model: MlopsSpec) -> list[Diagnostic]:
    images, project = model.images, model.project
    diagnostics = []
    if model.cd is not None:
        written = "images" in model.cd.model_fields_set
        for index, name in enumerate(model.cd.images):
            if images is None or getattr(images, name) is None:
                diagnostics.append(
                    Diagnostic(
                        f"cd pushes the `{name}` image, which `images` does not declare",
                        loc=("cd", "images", index) if written else ("cd",),
                        on_key=not written,
                        hint=f"add `images: {{{name}: {{}}}}`, or list the images cd pushes"
                        " under `cd.images`",
                    )
                )
    if images is None:
        return diagnostics
    if images.train is None and images.serve is None:
        diagnostics.append(
            Diagnostic(
                "`images` declares no image",
                loc=("images",),
                on_key=True,
                hint="add `train: {}` or `serve: {}`",
            )
        )
    if project.requirements is None and not project.dependencies:
        diagnostics.append(
            Diagnostic(
                "the images install the project's pip requirements, and it declares none",
                loc=("images",),
                on_key=True,
                hint="set `project.requirements` or `project.dependencies`",
            )
        )
    for index, requirement in enumerate(project.dependencies or []):
        if not requirement.isprintable():
            diagnostics.append(
                Diagnostic(
                    "a requirement cannot hold line breaks or control characters",
                    loc=("project", "dependencies", index),
                )
            )
    diagnostics += _base_python(model)
    if images.base is not None:
        diagnostics += unpinned_image(images.base, ("images", "base"))
    serve = images.serve
    registered = model.tracking.registered_model if model.tracking else None
    if serve is not None and isinstance(serve.server, MlflowServer) and registered is None:
        diagnostics.append(
            Diagnostic(
                "the serving image serves the registered model, and none is named",
                loc=("images", "serve"),
                on_key=True,
                hint="set `tracking.registered_model`, or serve with `server: {kind: command}`",
            )
        )
    registry = images.registry
    if registry.host != "ghcr.io" and not (registry.username_secret and registry.password_secret):
        diagnostics.append(
            Diagnostic(
                f"pushing to `{registry.host}` needs credentials",
                loc=("images", "registry", "host"),
                hint="name the secrets: `username_secret: ...` and `password_secret: ...`",
            )
        )
    return diagnostics


def _base_python(model: MlopsSpec) -> list[Diagnostic]:
    images = model.images
    if images is None or images.base is None:
        return []
    repository, _, tag = images.base.rpartition(":")
    version = re.match(r"^(3\.[0-9]+)", tag)
    wanted = ".".join(model.project.python.split(".")[:2])
    if posixpath.basename(repository) != "python" or version is None:
        return []
    if version.group(1) == wanted:
        return []
    return [
        Diagnostic(
            f"the base image has Python {version.group(1)}, the project declares {wanted}",
            loc=("images", "base"),
            needle=version.group(1),
            hint=f"use `python:{wanted}-slim`, or change `project.python`",
        )
    ]


def _registry(model: MlopsSpec) -> list[Diagnostic]:

    tracking = model.tracking
    diagnostics = []
    users: list[Loc] = []
    if model.cd is not None and model.cd.promote:
        users.append(("cd",))
    if model.retraining is not None:
        users.append(("retraining",))
    for loc in users:
        if tracking is None or tracking.registered_model is None:
            diagnostics.append(
                Diagnostic(
                    f"`{loc[0]}` registers and promotes the model, and no registered model is"
                    " named",
                    loc=loc,
                    on_key=True,
                    hint="set `tracking.registered_model`"
                    + (", or `promote: false` under `cd`" if loc == ("cd",) else ""),
                )
            )
        elif not tracking_env(model):
            diagnostics.append(
                Diagnostic(
                    f"`{loc[0]}` uses the model registry, and `tracking.uri` is local to a"
                    " machine: a workflow's runner cannot share it",
                    loc=loc,
                    on_key=True,
                    hint="add `tracking.server: {uri_secret: MLFLOW_TRACKING_URI}`, use a"
                    " remote `tracking.uri`, or `platform: {kind: dagshub, ...}`",
                )
            )
    gate = tracking.registry.gate if tracking and tracking.registry else None
    if tracking is not None and tracking.registry is not None and tracking.registered_model is None:
        diagnostics.append(
            Diagnostic(
                "`registry` promotes versions of the registered model, and none is named",
                loc=("tracking", "registry"),
                on_key=True,
                hint="set `tracking.registered_model`",
            )
        )
    if gate is not None:
        produced = _metrics_files(model)
        wanted = posixpath.normpath(gate.metrics_file)
        if wanted not in produced:
            shown = ", ".join(f"`{p}`" for p in produced) or "none"
            diagnostics.append(
                Diagnostic(
                    f"no pipeline stage writes the metrics file `{gate.metrics_file}`",
                    loc=("tracking", "registry", "gate", "metrics_file"),
                    hint=f"metrics files of the pipeline: {shown}",
                )
            )
    return diagnostics


def _metrics_files(model: MlopsSpec) -> list[str]:
    """Every stage's metrics paths that resolve without a per-item value."""
    if model.pipeline is None:
        return []
    inline: dict[str, str] = {}
    for item in model.pipeline.vars or []:
        if isinstance(item, dict):
            inline.update({k: v for k, v in item.items() if isinstance(v, str)})
    files = []
    for stage in model.pipeline.stages.values():
        body = stage.do if isinstance(stage, ForeachStage) else stage
        for metric in body.metrics:
            path = metric if isinstance(metric, str) else metric.path
            for key, value in inline.items():
                path = path.replace("${" + key + "}", value)
            if "${" not in path:
                files.append(posixpath.normpath(posixpath.join(body.wdir or "", path)))
    return files

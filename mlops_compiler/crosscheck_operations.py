"""Cross-checks of `monitoring` and `deploy`: what Prometheus, Alertmanager, Argo CD or the
cluster would only reveal later (or never: an alert that cannot fire), found now.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from mlops_compiler.errors import Diagnostic, Loc
from mlops_compiler.families.cron import cron_problem
from mlops_compiler.spec import MlopsSpec
from mlops_compiler.spec import deploy as d
from mlops_compiler.spec import monitoring as m

PAGE_FACTOR = Decimal("14.4")
_SECRET_FIELDS = {
    "slack": ("api_url",),
    "pagerduty": ("routing_key",),
    "webhook": ("bearer_token",),
    "email": ("auth_password",),
}


def check_operations(model: MlopsSpec) -> list[Diagnostic]:
    """Every problem of the operations sections, in no particular order."""
    diagnostics: list[Diagnostic] = []
    if model.monitoring is not None:
        diagnostics += _objectives(model.monitoring)
        diagnostics += _quality(model.monitoring)
        diagnostics += _drift(model, model.monitoring)
        if model.monitoring.alerting is not None:
            diagnostics += _alerting(model.monitoring.alerting)
    if model.deploy is not None:
        diagnostics += _deploy(model, model.deploy)
    return diagnostics


# -- monitoring -----------------------------------------------------------------------------


def _objectives(spec: m.Monitoring) -> list[Diagnostic]:
    found = []
    o = spec.objectives
    targets: list[tuple[str, str, float | None]] = [
        ("availability", "target", o.availability.target if o.availability else None),
        ("error_rate", "target", o.error_rate.target if o.error_rate else None),
        ("latency", "percentile", o.latency.percentile if o.latency else None),
    ]
    for name, field, target in targets:
        if target is None:
            continue
        budget = (Decimal(100) - Decimal(repr(target))) / 100
        if budget * PAGE_FACTOR >= 1:
            lowest = (1 - 1 / PAGE_FACTOR) * 100
            found.append(
                Diagnostic(
                    f"an objective of {target:g}% leaves an error budget of"
                    f" {float(budget * 100):g}%: the page alert (a {PAGE_FACTOR}x burn, an error"
                    f" ratio of {float(budget * PAGE_FACTOR * 100):g}%) could never fire",
                    loc=("monitoring", "objectives", name, field),
                    hint=f"use a {field} of at least {lowest:.2f}",
                )
            )
    return found


def _quality(spec: m.Monitoring) -> list[Diagnostic]:
    found = []
    q = spec.quality
    statistic = spec.drift.statistic if spec.drift else "psi"
    bounded = {"missing_values": "a share of values (0 to 1)"}
    if statistic == "ks":
        bounded["feature_drift"] = bounded["prediction_shift"] = "a KS statistic (0 to 1)"
    signals = {
        "feature_drift": q.feature_drift,
        "prediction_shift": q.prediction_shift,
        "missing_values": q.missing_values,
    }
    for name, signal in signals.items():
        if signal is not None and name in bounded and signal.threshold >= 1:
            found.append(
                Diagnostic(
                    f"threshold {signal.threshold:g} can never be crossed: the signal is"
                    f" {bounded[name]}",
                    loc=("monitoring", "quality", name, "threshold"),
                    hint="use a value between 0 and 1",
                )
            )
    has_signal = any(signal is not None for signal in signals.values())
    if has_signal and spec.drift is None:
        found.append(
            Diagnostic(
                "quality signals come from the drift job, and there is none",
                loc=("monitoring", "quality"),
                on_key=True,
                hint="add `drift:` under `monitoring:` (schedule, reference, current)",
            )
        )
    if spec.drift is not None and not has_signal:
        found.append(
            Diagnostic(
                "the drift job has no signal to publish or to trigger retraining on",
                loc=("monitoring", "drift"),
                on_key=True,
                hint="add `quality: {feature_drift: {threshold: 0.2}}` under `monitoring:`",
            )
        )
    if spec.drift is not None and spec.drift.prediction is None and q.prediction_shift:
        found.append(
            Diagnostic(
                "`prediction_shift` needs the column that holds the predictions",
                loc=("monitoring", "quality", "prediction_shift"),
                on_key=True,
                hint="add `prediction: <column>` under `monitoring.drift`",
            )
        )
    return found


def _drift(model: MlopsSpec, spec: m.Monitoring) -> list[Diagnostic]:
    drift = spec.drift
    if drift is None:
        return []
    found = []
    problem = cron_problem(drift.schedule)
    if problem is not None:
        message, needle = problem
        found.append(
            Diagnostic(
                message,
                loc=("monitoring", "drift", "schedule"),
                needle=needle,
                hint="minute hour day-of-month month day-of-week, in UTC: `17 6 * * *`",
            )
        )
    if drift.fetch is not None and "${{" in drift.fetch:
        found.append(
            Diagnostic(
                "`${{` in a workflow command is expanded by GitHub before the shell runs it",
                loc=("monitoring", "drift", "fetch"),
                needle="${{",
                hint="read secrets and inputs from environment variables instead",
            )
        )
    retraining: Any = getattr(model, "retraining", None)
    if retraining is None:
        found.append(
            Diagnostic(
                "the drift job triggers retrain.yml, which `retraining:` generates",
                loc=("monitoring", "drift"),
                on_key=True,
                hint="add a `retraining:` section (schedule, ...)",
            )
        )
    elif drift.retrain_event is not None and drift.retrain_event != retraining.dispatch_type:
        found.append(
            Diagnostic(
                f"retrain.yml listens for `{retraining.dispatch_type}`,"
                f" not `{drift.retrain_event}`",
                loc=("monitoring", "drift", "retrain_event"),
                hint="remove `retrain_event` (it defaults to `retraining.dispatch_type`)",
            )
        )
    return found


def _alerting(alerting: m.Alerting) -> list[Diagnostic]:
    found = []
    names = list(alerting.receivers)
    known = ", ".join(f"`{name}`" for name in names)
    base: Loc = ("monitoring", "alerting")
    if alerting.default is None and len(names) > 1:
        found.append(
            Diagnostic(
                "several receivers and no default",
                loc=(*base, "receivers"),
                on_key=True,
                hint=f"add `default: {names[0]}` under `alerting:`",
            )
        )
    references = [((*base, "default"), alerting.default)]
    references += [((*base, "routes", sev), name) for sev, name in alerting.routes.items()]
    for loc, name in references:
        if name is not None and name not in alerting.receivers:
            found.append(
                Diagnostic(f"receiver `{name}` is not declared", loc=loc, hint=f"declared: {known}")
            )
    for name, receiver in alerting.receivers.items():
        for field in _SECRET_FIELDS[receiver.kind]:
            if isinstance(getattr(receiver, field), str):
                found.append(
                    Diagnostic(
                        f"`{field}` is a secret: it must not be written in mlops.yaml",
                        loc=(*base, "receivers", name, field),
                        on_key=True,
                        redact=True,
                        hint=f"mount it as a file and write `{field}: {{file:"
                        f" /etc/alertmanager/secrets/{name}-{field.replace('_', '-')}}}`",
                    )
                )
    return found


# -- deploy ---------------------------------------------------------------------------------


def image_problem(reference: str) -> str | None:
    """Why an image reference is not pinned, or None."""
    rest, _, digest = reference.partition("@")
    tag = rest[rest.rfind(":") + 1 :] if rest.rfind(":") > rest.rfind("/") else None
    if digest:
        return None if digest.startswith("sha256:") and len(digest) == 71 else "a bad digest"
    if tag is None:
        return "no tag or digest"
    if tag == "latest":
        return "the tag `latest`, which moves"
    return None


def _deploy(model: MlopsSpec, spec: d.DeploymentServing | d.KServeServing) -> list[Diagnostic]:
    found = []
    images: list[tuple[Loc, str]] = [(("deploy", "image"), spec.image)]
    images += [
        (("deploy", "environments", env, "image"), values.image)
        for env, values in spec.environments.items()
        if values.image is not None
    ]
    for loc, image in images:
        problem = image_problem(image)
        if problem is not None:
            found.append(
                Diagnostic(
                    f"image `{image}` is not pinned: it has {problem}",
                    loc=loc,
                    hint="pin the tag or digest the CD workflow pushed"
                    " (`name:1.4.2` or `name@sha256:...`)",
                )
            )
    scalings: list[tuple[Loc, d.Autoscaling | None]] = [
        (("deploy", "autoscaling"), spec.autoscaling)
    ]
    scalings += [
        (("deploy", "environments", env, "autoscaling"), values.autoscaling)
        for env, values in spec.environments.items()
    ]
    for loc, scaling in scalings:
        if scaling is not None and scaling.min_replicas > scaling.max_replicas:
            found.append(
                Diagnostic(
                    f"`min_replicas` {scaling.min_replicas} is above `max_replicas`"
                    f" {scaling.max_replicas}",
                    loc=(*loc, "min_replicas"),
                    hint="swap them, or raise `max_replicas`",
                )
            )
        if scaling is not None and loc[1] == "environments" and spec.autoscaling is None:
            found.append(
                Diagnostic(
                    "an environment can change autoscaling only when `deploy.autoscaling` is set",
                    loc=loc,
                    on_key=True,
                    hint="add `autoscaling:` under `deploy:`, or use `replicas:` here",
                )
            )
    found += _namespaces(spec)
    found += _training(model, spec)
    found += _delivered_image(model, spec)
    return found


def _delivered_image(
    model: MlopsSpec, spec: d.DeploymentServing | d.KServeServing
) -> list[Diagnostic]:
    """The serving image must be the one cd.yml pushes, listening on the port it exposes."""
    images, cd = model.images, model.cd
    if images is None or images.serve is None:
        return []
    found = []
    if images.serve.port != spec.port:
        found.append(
            Diagnostic(
                f"the serving image listens on port {images.serve.port} (`images.serve.port`),"
                f" not {spec.port}",
                loc=("deploy", "port"),
                on_key="port" not in spec.model_fields_set,  # then point at `deploy:`
                hint=f"set `port: {images.serve.port}` under `deploy:`",
            )
        )
    registry = images.registry
    if cd is not None and "serve" in cd.images and registry.namespace is not None:
        pushed = f"{registry.host}/{registry.namespace}/{model.project.name}-serve"
        rest = spec.image.partition("@")[0]
        repository = rest[: rest.rfind(":")] if rest.rfind(":") > rest.rfind("/") else rest
        if repository != pushed:
            found.append(
                Diagnostic(
                    f"cd.yml pushes the serving image to `{pushed}`, not `{repository}`",
                    loc=("deploy", "image"),
                    hint=f"deploy `{pushed}:<tag>` (the tag or digest cd.yml pushed)",
                )
            )
    return found


def _namespaces(spec: d.DeploymentServing | d.KServeServing) -> list[Diagnostic]:
    found = []
    seen: dict[str, str] = {}
    for env, values in spec.environments.items():
        if values.namespace is None:
            continue
        if values.namespace in seen:
            found.append(
                Diagnostic(
                    f"namespace `{values.namespace}` is also the namespace of"
                    f" `{seen[values.namespace]}`",
                    loc=("deploy", "environments", env, "namespace"),
                    hint="two environments in one namespace overwrite each other's resources",
                )
            )
        seen.setdefault(values.namespace, env)
    return found


def _training(model: MlopsSpec, spec: d.DeploymentServing | d.KServeServing) -> list[Diagnostic]:
    if spec.training is None:
        return []
    found = []
    if spec.training.repository.partition("@")[0].rsplit("/", 1)[-1].count(":"):
        found.append(
            Diagnostic(
                "`repository` is where MLflow pushes the images it builds: no tag",
                loc=("deploy", "training", "repository"),
                hint="MLflow tags each image with the git commit it was built from",
            )
        )
    if model.environment is None or model.environment.kind != "docker" or not model.entry_points:
        found.append(
            Diagnostic(
                "MLflow's Kubernetes backend runs projects with a docker environment only",
                loc=("deploy", "training"),
                on_key=True,
                hint="set `environment: {kind: docker, image: ...}` and declare `entry_points:`",
            )
        )
    return found

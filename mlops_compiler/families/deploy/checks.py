"""Cross-checks of `deploy`: what Argo CD or the cluster would only reveal later, found now."""

from __future__ import annotations

from mlops_compiler.errors import Diagnostic, Loc
from mlops_compiler.spec import MlopsSpec
from mlops_compiler.spec import deploy as d
from mlops_compiler.spec.images import MlflowServer


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


def check_deploy(model: MlopsSpec, spec: d.DeploymentServing | d.KServeServing) -> list[Diagnostic]:
    """Every problem of `deploy`, in no particular order."""
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
    images = model.images
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
    if isinstance(images.serve.server, MlflowServer) and not (
        spec.env_from or "MLFLOW_TRACKING_URI" in {*spec.env, *spec.secret_env}
    ):
        found.append(
            Diagnostic(
                "`mlflow models serve` loads the model from the registry at start, but the"
                " serving pods get no MLFLOW_TRACKING_URI: they fail with `Registered Model"
                " ... not found`",
                loc=("deploy",),
                on_key=True,
                hint="add `secret_env: {MLFLOW_TRACKING_URI: {name: mlflow, key: uri}}` (and"
                " the credentials) or `env_from: [mlflow]` under `deploy:`",
            )
        )
    found += [
        problem for loc, image in _images(spec) for problem in _pushed_repository(model, loc, image)
    ]
    return found


def _images(spec: d.DeploymentServing | d.KServeServing) -> list[tuple[Loc, str]]:
    """`deploy.image` and each environment's own image, where the spec writes them."""
    images: list[tuple[Loc, str]] = [(("deploy", "image"), spec.image)]
    images += [
        (("deploy", "environments", env, "image"), values.image)
        for env, values in spec.environments.items()
        if values.image is not None
    ]
    return images


def _pushed_repository(model: MlopsSpec, loc: Loc, image: str) -> list[Diagnostic]:
    """An image deployed anywhere must be the repository cd.yml pushes the serving image to."""
    images, cd = model.images, model.cd
    if images is None or images.serve is None:
        return []
    found = []
    registry = images.registry
    rest = image.partition("@")[0]
    repository = rest[: rest.rfind(":")] if rest.rfind(":") > rest.rfind("/") else rest
    if cd is not None and "serve" in cd.images and registry.namespace is None:
        # GHCR's namespace is the repository owner, known only on the runner: host and name.
        host, _, path = repository.partition("/")
        name = f"{model.project.name}-serve"
        if host != registry.host or path.count("/") != 1 or path.split("/")[1] != name:
            found.append(
                Diagnostic(
                    f"cd.yml pushes the serving image to `{registry.host}/<owner>/{name}`,"
                    f" not `{repository}`",
                    loc=loc,
                    hint=f"deploy `{registry.host}/<owner>/{name}:<tag>` (what cd.yml pushed)",
                )
            )
    if cd is not None and "serve" in cd.images and registry.namespace is not None:
        pushed = f"{registry.host}/{registry.namespace}/{model.project.name}-serve"
        if repository != pushed:
            found.append(
                Diagnostic(
                    f"cd.yml pushes the serving image to `{pushed}`, not `{repository}`",
                    loc=loc,
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

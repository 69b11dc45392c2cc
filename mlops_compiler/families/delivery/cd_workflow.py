"""cd.yml: build and push the images, gate the model trained from this commit, deploy
environment by environment (each pinned to one image digest and one model version)."""

from __future__ import annotations

from mlops_compiler.families.delivery import scripts as scripts
from mlops_compiler.families.delivery.context import Context
from mlops_compiler.families.delivery.ir import Job, Permission, Step, Workflow
from mlops_compiler.families.delivery.workflows import (
    READ_CONTENTS,
    _candidate,
    _champion,
    _checkout,
    _environment_steps,
    _fail_on_gate,
    _gate_step,
    _job,
    _pipeline_steps,
    _script,
)
from mlops_compiler.families.deploy.release import release_branch, released_environments
from mlops_compiler.spec.cd import Deployment


def cd_workflow(context: Context, images: tuple[tuple[str, str], ...]) -> Workflow:
    """Build and push images, gate and promote the model, deploy through environments."""
    cd = context.model.cd
    assert cd is not None
    jobs = [_image_job(context, image, path) for image, path in images]
    if cd.promote:
        steps = [
            _checkout(context),
            *_environment_steps(context, cache=False),
            *_pipeline_steps(context),
            # With deployments, the gate only marks the candidate: @champion moves when
            # production has deployed it (the last deploy job).
            _gate_step(
                context,
                _candidate(context) if cd.deploy else _champion(context),
                fail=_fail_on_gate(context),
                adopt_locked=True,
            ),
        ]
        jobs.append(
            _job(
                context,
                "promote",
                "Register and promote the model",
                steps,
                permissions=(READ_CONTENTS,),
                outputs=(
                    ("trained", "${{ steps.gate.outputs.trained }}"),
                    ("promoted", "${{ steps.gate.outputs.promoted }}"),
                    ("version", "${{ steps.gate.outputs.version }}"),
                    ("model_uri", "${{ steps.gate.outputs.model_uri }}"),
                ),
            )
        )
    upstream = tuple(job.id for job in jobs)
    previous: tuple[str, ...] = ()
    for index, deployment in enumerate(cd.deploy):
        last = index == len(cd.deploy) - 1
        job = _deploy_job(context, deployment, (*upstream, *previous), last=last)
        jobs.append(job)
        previous = (job.id,)
    on = {
        "push": {"branches": [cd.branch], "tags": list(cd.tags)},
        "workflow_dispatch": None,
    }
    return Workflow(
        path=".github/workflows/cd.yml",
        name="cd",
        on=on,
        concurrency_group="${{ github.workflow }}-${{ github.ref }}",
        cancel_in_progress=False,
        jobs=tuple(jobs),
    )


def _image_job(context: Context, image: str, name: str) -> Job:
    model = context.model
    assert model.images is not None
    registry = model.images.registry
    spec = getattr(model.images, image)
    ghcr = registry.host == "ghcr.io" and registry.username_secret is None
    if ghcr:
        login = (("username", "${{ github.actor }}"), ("password", "${{ github.token }}"))
    else:
        login = (
            ("username", "${{ secrets." + str(registry.username_secret) + " }}"),
            ("password", "${{ secrets." + str(registry.password_secret) + " }}"),
        )
    tags = "type=sha,format=long\ntype=ref,event=branch\ntype=semver,pattern={{version}}\n"
    steps = [
        _checkout(context),
        Step(
            "Log in to the registry",
            uses=context.pins["docker/login-action"],
            with_=(("registry", registry.host), *login),
        ),
        Step(
            "Image tags and labels",
            id="meta",
            uses=context.pins["docker/metadata-action"],
            with_=(("images", name), ("tags", tags)),
        ),
        Step(
            "Build and push",
            id="build",
            uses=context.pins["docker/build-push-action"],
            with_=(
                ("context", "."),
                ("file", spec.dockerfile),
                ("push", True),
                ("tags", "${{ steps.meta.outputs.tags }}"),
                ("labels", "${{ steps.meta.outputs.labels }}"),
            ),
        ),
        Step(
            "Image reference",
            id="ref",
            env=(("IMAGE_NAME", name), ("DIGEST", "${{ steps.build.outputs.digest }}")),
            run=scripts.IMAGE_REF,
        ),
    ]
    permissions = [READ_CONTENTS]
    if ghcr:
        permissions.append(Permission("packages", "write", "to push the image to GHCR"))
    return _job(
        context,
        f"image-{image}",
        f"Build and push the {image} image",
        steps,
        permissions=tuple(permissions),
        outputs=(("ref", "${{ steps.ref.outputs.ref }}"),),
        conda=False,
    )


def _deploy_job(
    context: Context, deployment: Deployment, needs: tuple[str, ...], *, last: bool
) -> Job:
    """A job in the deployment's GitHub environment, after the images, the gate and the
    previous environment (its outputs are read through `needs`). Every environment gets the
    same image digest and the same model version. An environment of `deploy` is released the
    GitOps way first: the digest and version are committed to its overlay, which Argo CD syncs;
    the hook (`command`), when there is one, runs after that commit, with it as an input. A
    deployment with a `url` is smoke-checked before the next one starts; the last one moves the
    champion alias."""
    model = context.model
    promote = model.cd is not None and model.cd.promote
    released = deployment.environment in released_environments(model)
    env: list[tuple[str, str]] = [("ENVIRONMENT", deployment.environment)]
    if model.cd is not None and "serve" in model.cd.images:
        env.append(("IMAGE", "${{ needs.image-serve.outputs.ref }}"))
    if model.tracking is not None and model.tracking.registered_model:
        env.append(("MODEL_NAME", model.tracking.registered_model))
    if promote:
        env.append(("MODEL_VERSION", "${{ needs.promote.outputs.version }}"))
        env.append(("MODEL_URI", "${{ needs.promote.outputs.model_uri }}"))
    steps = [_checkout(context, ref=release_branch(model) if released else None)]
    permissions = [READ_CONTENTS]
    if released:
        steps.append(
            Step(
                "Commit the release to the overlay",
                id="release",
                env=(
                    *env,
                    ("BRANCH", release_branch(model)),
                    ("GH_TOKEN", "${{ github.token }}"),
                ),
                run=scripts.RELEASE,
            )
        )
        permissions = [
            Permission("contents", "write", "to commit the release to the overlay Argo CD syncs")
        ]
        env.append(("RELEASE_COMMIT", "${{ steps.release.outputs.commit }}"))
    if deployment.command is not None:
        env += [(var, "${{ secrets." + name + " }}") for var, name in deployment.secrets.items()]
        steps.append(Step("Deploy", env=tuple(env), run=_script([deployment.command])))
    if deployment.url:
        steps.append(Step("Smoke check", env=(("URL", deployment.url),), run=scripts.SMOKE_CHECK))
    conda = False
    if promote and last and model.tracking is not None and model.tracking.registered_model:
        conda = True
        steps += _environment_steps(context, cache=False)
        steps.append(
            Step(
                f"Move @{_champion(context)} to the deployed version",
                env=(
                    *context.tracking_env,
                    ("MODEL_NAME", model.tracking.registered_model),
                    ("ALIAS", _champion(context)),
                    ("PROMOTE_VERSION", "${{ needs.promote.outputs.version }}"),
                ),
                run=scripts.GATE,
            )
        )
    return _job(
        context,
        f"deploy-{deployment.environment}",
        f"Deploy to {deployment.environment}",
        steps,
        permissions=tuple(permissions),
        needs=needs,
        if_="needs.promote.outputs.version != ''" if promote else None,
        environment=(deployment.environment, deployment.url),
        conda=conda,
    )

"""Build the three workflows (ci, cd, retrain) as jobs and steps of the IR.

Every `run:` script is fixed text from ``workflow_scripts`` or a command the spec declares
(checked to hold no `${{`); every value a script needs is passed in the step's `env:`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from mlops_compiler.families.delivery import scripts as scripts
from mlops_compiler.families.delivery.context import Context
from mlops_compiler.families.delivery.ir import Job, Permission, Step, Workflow
from mlops_compiler.spec.cd import Deployment

READ_CONTENTS = Permission("contents", "read", "to check out the repository")
SAME_REPO = "github.event.pull_request.head.repo.full_name == github.repository"
CONDA_SHELL = "bash -el {0}"


def _checkout(context: Context, *, history: bool = False) -> Step:
    with_: list[tuple[str, Any]] = [("persist-credentials", False)]
    if history:
        with_.append(("fetch-depth", 0))
    return Step("Check out", uses=context.pins["actions/checkout"], with_=tuple(with_))


def _environment_steps(context: Context, *, cache: bool) -> list[Step]:
    model = context.model
    if context.conda:
        setup = Step(
            "Set up the conda environment",
            uses=context.pins["conda-incubator/setup-miniconda"],
            with_=(
                ("environment-file", "conda.yaml"),
                ("activate-environment", model.project.name),
                ("python-version", model.project.python),
                ("auto-activate", False),
            ),
        )
    else:
        with_: list[tuple[str, Any]] = [("python-version", model.project.python)]
        if cache:
            dependency_file = model.project.requirements or "mlops.yaml"
            with_ += [("cache", "pip"), ("cache-dependency-path", dependency_file)]
        setup = Step("Set up Python", uses=context.pins["actions/setup-python"], with_=tuple(with_))
    steps = [setup]
    if context.install:
        steps.append(Step("Install dependencies", run=_script(context.install)))
    return steps


def _script(commands: tuple[str, ...] | list[str]) -> str:
    return "".join(command.rstrip("\n") + "\n" for command in commands)


def _dvc_step(context: Context, name: str, command: str) -> Step:
    assert context.remote is not None
    credentials = scripts.DVC_CREDENTIALS[context.remote[1]]
    return Step(name, env=context.remote_env, run=credentials + command)


WORKFLOW_RUN = "${{ github.run_id }}.${{ github.run_attempt }}"
RUN_CONTEXT = (
    '{"mlops.git_commit": "${{ github.sha }}", "mlops.workflow_run": "' + WORKFLOW_RUN + '"}'
)
"""MLflow tags every run the pipeline starts with these (`MLFLOW_RUN_CONTEXT`): the gate finds
the versions this workflow run trained by them, never by "newest"."""
CI_TRACKING_URI = "sqlite:///${{ runner.temp }}/mlflow.db"
"""ci.yml's MLflow store: a throw-away file on the runner, never the production registry."""


def _pipeline_steps(context: Context, *, ci: bool = False, if_: str | None = None) -> list[Step]:
    """Pull and reproduce. In ci.yml MLflow writes to a store on the runner (a pull request never
    reaches the production registry); in cd and retrain every run is tagged for the gate."""
    steps = []
    if context.remote is not None:
        pull = _dvc_step(context, "Pull data and models", scripts.DVC_PULL)
        steps.append(replace(pull, if_=if_))
    env: tuple[tuple[str, str], ...]
    if ci:
        env = (("MLFLOW_TRACKING_URI", CI_TRACKING_URI),) if context.tracking_env else ()
    else:
        env = (*context.tracking_env, ("MLFLOW_RUN_CONTEXT", RUN_CONTEXT))
    steps.append(Step("Reproduce the pipeline", if_=if_, env=env, run=scripts.DVC_REPRO))
    return steps


def _job(context: Context, id_: str, name: str, steps: list[Step], **extra: Any) -> Job:
    conda = extra.pop("conda", True) and context.conda
    return Job(
        id=id_,
        name=name,
        runs_on=context.runs_on,
        timeout_minutes=context.timeout,
        steps=tuple(steps),
        shell=CONDA_SHELL if conda else None,
        **extra,
    )


# -- ci -------------------------------------------------------------------------------------


def _check_generated(requirement: str) -> Step:
    """--no-fast: in CI the manifest is not trusted, every file is rendered and compared."""
    return Step(
        "Check the generated files are current",
        env=(("MLOPS_COMPILER", requirement),),
        run=_script(
            [
                'python -m pip install --no-cache-dir "$MLOPS_COMPILER"',
                "mlops compile --check --no-fast --format github",
            ]
        ),
    )


def ci_workflow(context: Context) -> Workflow:
    """Lint, test, reproduce; comment the metrics and params diff on same-repository PRs."""
    ci = context.model.ci
    assert ci is not None
    reproduce = ci.reproduce and context.model.pipeline is not None
    steps = [_checkout(context, history=reproduce), *_environment_steps(context, cache=True)]
    if ci.check_generated:
        steps.append(_check_generated(ci.check_generated))
    if ci.lint:
        steps.append(Step("Lint", run=_script(ci.lint)))
    if ci.test:
        steps.append(Step("Test", run=_script(ci.test)))
    permissions = [READ_CONTENTS]
    if reproduce:
        # With cd, a push to the branch trains in cd.yml only: one job trains per commit.
        delivers = context.model.cd is not None
        steps += _pipeline_steps(
            context, ci=True, if_="github.event_name == 'pull_request'" if delivers else None
        )
        steps.append(
            Step(
                "Comment the metrics and params diff",
                if_=f"github.event_name == 'pull_request' && {SAME_REPO}",
                env=(
                    ("GH_TOKEN", "${{ github.token }}"),
                    ("GH_REPO", "${{ github.repository }}"),
                    ("BASE_REF", "${{ github.base_ref }}"),
                    ("PR_NUMBER", "${{ github.event.pull_request.number }}"),
                ),
                run=scripts.REPORT,
            )
        )
        permissions.append(Permission("pull-requests", "write", "to comment the metrics diff"))
    done = [w for w, on in (("lint", ci.lint), ("test", ci.test), ("reproduce", reproduce)) if on]
    name = " and ".join(filter(None, [", ".join(done[:-1]), done[-1]])) if done else "install"
    job = _job(context, "pipeline", name.capitalize(), steps, permissions=tuple(permissions))
    branches = list(ci.branches)
    return Workflow(
        path=".github/workflows/ci.yml",
        name="ci",
        on={"pull_request": {"branches": branches}, "push": {"branches": branches}},
        concurrency_group="${{ github.workflow }}-${{ github.ref }}",
        cancel_in_progress=True,
        jobs=(job,),
    )


# -- gate ------------------------------------------------------------------------------------


def _gate_step(context: Context, alias: str, *, fail: bool, adopt_locked: bool) -> Step:
    tracking = context.model.tracking
    assert tracking is not None
    registry = tracking.registry
    gate = registry.gate if registry else None
    env: list[tuple[str, str]] = [
        *context.tracking_env,
        ("MODEL_NAME", tracking.registered_model or ""),
        ("ALIAS", alias),
        ("CHAMPION_ALIAS", _champion(context)),
        ("GIT_COMMIT", "${{ github.sha }}"),
        ("WORKFLOW_RUN", WORKFLOW_RUN),
        ("FAIL_ON_GATE", "true" if fail else "false"),
        ("ADOPT_LOCKED", "true" if adopt_locked else "false"),
    ]
    if gate is not None:
        env += [
            ("GATE_METRICS_FILE", gate.metrics_file),
            ("GATE_METRIC", gate.metric),
            ("GATE_THRESHOLD", repr(gate.threshold)),
            ("GATE_DIRECTION", gate.direction),
            ("GATE_BEAT_CHAMPION", "true" if gate.beat_champion else "false"),
        ]
    return Step("Gate the model this run trained", id="gate", env=tuple(env), run=scripts.GATE)


def _fail_on_gate(context: Context) -> bool:
    tracking = context.model.tracking
    registry = tracking.registry if tracking else None
    return registry.fail_on_gate if registry else True


# -- cd --------------------------------------------------------------------------------------


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


def _champion(context: Context) -> str:
    tracking = context.model.tracking
    registry = tracking.registry if tracking else None
    return registry.alias if registry else "champion"


def _candidate(context: Context) -> str:
    tracking = context.model.tracking
    registry = tracking.registry if tracking else None
    return registry.candidate_alias if registry else "challenger"


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
    same image digest and the same model version; a deployment with a `url` is smoke-checked
    before the next one starts; the last one moves the champion alias."""
    model = context.model
    promote = model.cd is not None and model.cd.promote
    env: list[tuple[str, str]] = [("ENVIRONMENT", deployment.environment)]
    if model.cd is not None and "serve" in model.cd.images:
        env.append(("IMAGE", "${{ needs.image-serve.outputs.ref }}"))
    if model.tracking is not None and model.tracking.registered_model:
        env.append(("MODEL_NAME", model.tracking.registered_model))
    if promote:
        env.append(("MODEL_VERSION", "${{ needs.promote.outputs.version }}"))
        env.append(("MODEL_URI", "${{ needs.promote.outputs.model_uri }}"))
    env += [(var, "${{ secrets." + name + " }}") for var, name in deployment.secrets.items()]
    steps = [_checkout(context), Step("Deploy", env=tuple(env), run=_script([deployment.command]))]
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
        permissions=(READ_CONTENTS,),
        needs=needs,
        if_="needs.promote.outputs.version != ''" if promote else None,
        environment=(deployment.environment, deployment.url),
        conda=conda,
    )


# -- retrain ---------------------------------------------------------------------------------


def retrain_workflow(context: Context, pr_paths: tuple[str, ...]) -> Workflow:
    """Reproduce, gate (the candidate alias), push data and models, open a pull request."""
    retraining = context.model.retraining
    assert retraining is not None
    pipeline = _pipeline_steps(context)
    if retraining.refresh is not None:
        # Fresh data first: after the pull (it may update what was pulled), before the repro.
        refresh = Step(
            "Refresh the data",
            env=(*context.remote_env, *context.tracking_env),
            run=retraining.refresh.rstrip("\n") + "\n",
        )
        pipeline.insert(len(pipeline) - 1, refresh)
    steps = [
        _checkout(context),
        *_environment_steps(context, cache=False),
        *pipeline,
        Step("Did the pipeline change anything", id="changes", run=scripts.CHANGED),
    ]
    changed = "steps.changes.outputs.changed == 'true'"
    if context.model.tracking is not None and context.model.tracking.registered_model:
        registry = context.model.tracking.registry
        candidate = registry.candidate_alias if registry else "challenger"
        gate = _gate_step(context, candidate, fail=True, adopt_locked=False)
        steps.append(replace(gate, if_=changed))
    if context.remote is not None:
        push = _dvc_step(context, "Push data and models", scripts.DVC_PUSH)
        steps.append(replace(push, if_=changed))
    token = (
        "${{ secrets." + retraining.token_secret + " }}"
        if retraining.token_secret
        else "${{ github.token }}"
    )
    steps.append(
        Step(
            "Open a pull request",
            env=(
                ("GH_TOKEN", token),
                ("GH_REPO", "${{ github.repository }}"),
                ("BASE", retraining.base),
                ("BRANCH", retraining.branch),
                ("PR_PATHS", "".join(path + "\n" for path in pr_paths)),
                ("TITLE", "Retrain the model"),
                ("BODY", "The retraining workflow reproduced the pipeline and the gate passed."),
            ),
            run=scripts.OPEN_PULL_REQUEST,
            if_=changed,
        )
    )
    jobs = [
        _job(
            context,
            "retrain",
            "Retrain, gate and propose",
            steps,
            permissions=(
                Permission("contents", "write", "to push the pull request's branch"),
                Permission("pull-requests", "write", "to open the pull request"),
            ),
        )
    ]
    if retraining.keepalive:
        jobs.append(
            _job(
                context,
                "keepalive",
                "Keep the schedule enabled",
                [
                    Step(
                        "Re-enable this workflow",
                        env=(("GH_TOKEN", "${{ github.token }}"), ("WORKFLOW", "retrain.yml")),
                        run=scripts.KEEPALIVE,
                    )
                ],
                permissions=(Permission("actions", "write", "to re-enable this workflow"),),
                if_="github.event_name == 'schedule'",
                conda=False,
            )
        )
    on = {
        "schedule": [{"cron": retraining.schedule}],
        "workflow_dispatch": None,
        "repository_dispatch": {"types": [retraining.dispatch_type]},
    }
    return Workflow(
        path=".github/workflows/retrain.yml",
        name="retrain",
        on=on,
        concurrency_group="${{ github.workflow }}",
        cancel_in_progress=False,
        jobs=tuple(jobs),
    )

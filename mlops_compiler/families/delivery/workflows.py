"""Build ci.yml as jobs and steps of the IR, and the steps every workflow shares (cd.yml is
``cd_workflow``, retrain.yml ``retrain_workflow``).

Every `run:` script is fixed text from ``workflow_scripts`` or a command the spec declares
(checked to hold no `${{`); every value a script needs is passed in the step's `env:`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from mlops_compiler.families.delivery import scripts as scripts
from mlops_compiler.families.delivery.context import Context
from mlops_compiler.families.delivery.ir import Job, Permission, Step, Workflow

READ_CONTENTS = Permission("contents", "read", "to check out the repository")
SAME_REPO = "github.event.pull_request.head.repo.full_name == github.repository"
CONDA_SHELL = "bash -el {0}"


def _checkout(context: Context, *, history: bool = False, ref: str | None = None) -> Step:
    with_: list[tuple[str, Any]] = [("persist-credentials", False)]
    if ref is not None:
        with_.append(("ref", ref))
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


def _champion(context: Context) -> str:
    tracking = context.model.tracking
    registry = tracking.registry if tracking else None
    return registry.alias if registry else "champion"


def _candidate(context: Context) -> str:
    tracking = context.model.tracking
    registry = tracking.registry if tracking else None
    return registry.candidate_alias if registry else "challenger"

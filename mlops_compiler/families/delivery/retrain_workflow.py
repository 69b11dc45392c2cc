"""retrain.yml: on a schedule or a drift dispatch, refresh the data, reproduce the pipeline,
gate, and propose what changed."""

from __future__ import annotations

from dataclasses import replace

from mlops_compiler.families.delivery import scripts as scripts
from mlops_compiler.families.delivery.context import Context
from mlops_compiler.families.delivery.ir import Permission, Step, Workflow
from mlops_compiler.families.delivery.workflows import (
    _checkout,
    _dvc_step,
    _environment_steps,
    _gate_step,
    _job,
    _pipeline_steps,
)


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

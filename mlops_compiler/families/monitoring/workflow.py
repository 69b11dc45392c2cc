"""monitor.yml: measure drift on a schedule, publish the scores, trigger retrain.yml.

Built from the same workflow IR as the CI/CD workflows (``ir_delivery``), so it gets the same
hardening: no top-level permissions, one least-privilege token per job, actions pinned by commit,
no persisted credentials, and values reaching scripts only through `env:`.
"""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING

from mlops_compiler.families.delivery.ir import Job, Permission, Step, Workflow
from mlops_compiler.families.delivery.lower import DVC_EXTRAS, remote_access
from mlops_compiler.families.delivery.pins import PINS, Pin
from mlops_compiler.families.delivery.scripts import DVC_CREDENTIALS
from mlops_compiler.spec import MlopsSpec
from mlops_compiler.spec.monitoring import Monitoring
from mlops_compiler.spec.pipeline import ForeachStage

if TYPE_CHECKING:
    from mlops_compiler.families.dvc.ir import DvcConfig

DRIFT_SCRIPT = "monitoring/drift.py"
DRIFT_REQUIREMENT = "numpy>=1.26,<3"

INSTALL = 'python -m pip install "$DRIFT_REQUIREMENT"\n'
INSTALL_DVC = 'python -m pip install "$DRIFT_REQUIREMENT" "$DVC_REQUIREMENT"\n'
PULL_BOTH = 'dvc pull --remote "$DVC_REMOTE" "$REFERENCE" "$CURRENT"\n'
PULL_REFERENCE = 'dvc pull --remote "$DVC_REMOTE" "$REFERENCE"\n'
PULL_CURRENT = 'dvc pull --remote "$DVC_REMOTE" "$CURRENT"\n'
PRESENT = """\
for file in "$REFERENCE" "$CURRENT"; do
  if [ ! -s "$file" ]; then
    echo "::error file=$file::$file is missing or empty: there is nothing to measure drift on"
    exit 1
  fi
done
"""

MEASURE = """\
python monitoring/drift.py \\
  --model "$MODEL" --statistic "$STATISTIC" \\
  --reference "$REFERENCE" --current "$CURRENT" --prediction "$PREDICTION" \\
  --thresholds "$THRESHOLDS" \\
  --min-samples "$MIN_SAMPLES" --significance "$SIGNIFICANCE" \\
  --metrics drift.prom --summary "$GITHUB_STEP_SUMMARY" --github-output "$GITHUB_OUTPUT"
"""

PUSH = """\
if [ -z "$PUSHGATEWAY_URL" ]; then
  echo "::warning::the Pushgateway secret is empty; the scores were not published"
  exit 0
fi
curl --fail --silent --show-error --max-time 30 --data-binary @drift.prom \\
  "${PUSHGATEWAY_URL%/}/metrics/job/mlops-drift/model/$MODEL"
"""

DISPATCH = """\
gh api --method POST "repos/$REPOSITORY/dispatches" \\
  -f "event_type=$EVENT_TYPE" -f "client_payload[reason]=drift" \\
  -f "client_payload[signals]=$SIGNALS" -f "client_payload[run_id]=$RUN_ID"
"""


def _pins(model: MlopsSpec) -> dict[str, Pin]:
    """The pin table with the spec's overrides (`ci.actions`), as the CI/CD workflows use it."""
    pins = dict(PINS)
    for action, pin in (model.ci.actions if model.ci else {}).items():
        pins[action] = Pin(action, pin.sha, pin.version)
    return pins


def dvc_requirement(kind: str) -> str:
    """DVC with the plugin of a remote kind, as pip reads it."""
    extra = DVC_EXTRAS.get(kind)
    return f"dvc[{extra}]>=3.30,<4" if extra else "dvc>=3.30,<4"


def produced(model: MlopsSpec) -> dict[str, str]:
    """{path relative to mlops.yaml: stage} of every out of the root pipeline."""
    found: dict[str, str] = {}
    if model.pipeline is None:
        return found
    for name, stage in model.pipeline.stages.items():
        body = stage.do if isinstance(stage, ForeachStage) else stage
        for out in body.outs:
            path = out if isinstance(out, str) else out.path
            found[posixpath.normpath(posixpath.join(body.wdir or ".", path))] = name
    return found


def _data_steps(
    model: MlopsSpec, spec: Monitoring, dvc_config: DvcConfig | None
) -> tuple[list[Step], str | None]:
    """Pull what DVC tracks of `reference` and `current`, then the declared fetch, with the
    remote's credentials; and the DVC requirement these steps need, if any."""
    drift = spec.drift
    assert drift is not None
    remote, remote_env = remote_access(model, dvc_config)
    outs = produced(model)
    tracked = [path in outs for path in (drift.reference, drift.current)]
    uses_dvc = drift.fetch is not None and "dvc" in drift.fetch
    steps: list[Step] = []
    requirement = None
    if remote is not None and (any(tracked) or uses_dvc):
        requirement = dvc_requirement(remote[1])
        data = (("REFERENCE", drift.reference), ("CURRENT", drift.current))
        credentials = DVC_CREDENTIALS[remote[1]]
        if any(tracked):
            pull = {(True, True): PULL_BOTH, (True, False): PULL_REFERENCE}.get(
                (tracked[0], tracked[1]), PULL_CURRENT
            )
            steps.append(
                Step(
                    "Pull the reference and current data",
                    env=(*remote_env, *data),
                    run=credentials + pull,
                )
            )
            credentials = ""  # written to .dvc/config.local, which the next steps read
        if drift.fetch is not None:
            fetch = credentials + drift.fetch.rstrip("\n") + "\n"
            steps.append(Step("Fetch the recent data", env=remote_env, run=fetch))
    elif drift.fetch is not None:
        if uses_dvc:
            requirement = "dvc>=3.30,<4"
        steps.append(Step("Fetch the recent data", run=drift.fetch.rstrip("\n") + "\n"))
    steps.append(
        Step(
            "Check the data is there",
            env=(("REFERENCE", drift.reference), ("CURRENT", drift.current)),
            run=PRESENT,
        )
    )
    return steps, requirement


def monitor_workflow(
    model: MlopsSpec, spec: Monitoring, dvc_config: DvcConfig | None = None
) -> Workflow:
    """The scheduled drift job and the job that starts retraining when a signal is over."""
    drift = spec.drift
    assert drift is not None
    data_steps, dvc = _data_steps(model, spec, dvc_config)
    pins = _pins(model)
    runs_on = model.ci.runs_on if model.ci else "ubuntu-latest"
    retraining = model.retraining
    event = drift.retrain_event or (retraining.dispatch_type if retraining else "retrain")
    thresholds = ",".join(
        f"{name}={signal.threshold!r}"
        for name, signal in (
            ("feature_drift", spec.quality.feature_drift),
            ("prediction_shift", spec.quality.prediction_shift),
            ("missing_values", spec.quality.missing_values),
        )
        if signal is not None
    )
    steps = [
        Step("Check out", uses=pins["actions/checkout"], with_=(("persist-credentials", False),)),
        Step(
            "Set up Python",
            uses=pins["actions/setup-python"],
            with_=(("python-version", model.project.python),),
        ),
        Step(
            "Install the drift job's requirements",
            env=(
                ("DRIFT_REQUIREMENT", DRIFT_REQUIREMENT),
                *((("DVC_REQUIREMENT", dvc),) if dvc else ()),
            ),
            run=INSTALL_DVC if dvc else INSTALL,
        ),
        *data_steps,
    ]
    steps.append(
        Step(
            "Measure drift",
            id="measure",
            env=(
                ("MODEL", model.project.name),
                ("STATISTIC", drift.statistic),
                ("REFERENCE", drift.reference),
                ("CURRENT", drift.current),
                ("PREDICTION", drift.prediction or ""),
                ("THRESHOLDS", thresholds),
                ("MIN_SAMPLES", str(drift.min_samples)),
                ("SIGNIFICANCE", repr(drift.significance)),
            ),
            run=MEASURE,
        )
    )
    if drift.pushgateway_secret is not None:
        steps.append(
            Step(
                "Publish the scores to the Pushgateway",
                env=(
                    ("PUSHGATEWAY_URL", "${{ secrets." + drift.pushgateway_secret + " }}"),
                    ("MODEL", model.project.name),
                ),
                run=PUSH,
            )
        )
    measure = Job(
        id="drift",
        name="Measure drift",
        runs_on=runs_on,
        timeout_minutes=30,
        permissions=(Permission("contents", "read", "to check out the repository"),),
        steps=tuple(steps),
        outputs=(
            ("drifted", "${{ steps.measure.outputs.drifted }}"),
            ("signals", "${{ steps.measure.outputs.signals }}"),
        ),
    )
    trigger = Job(
        id="retrain",
        name="Trigger retraining",
        runs_on=runs_on,
        timeout_minutes=5,
        permissions=(
            Permission("contents", "write", "to send the repository_dispatch event of retrain.yml"),
        ),
        needs=("drift",),
        if_="needs.drift.outputs.drifted == 'true'",
        steps=(
            Step(
                "Start retrain.yml",
                env=(
                    ("GH_TOKEN", "${{ github.token }}"),
                    ("REPOSITORY", "${{ github.repository }}"),
                    ("EVENT_TYPE", event),
                    ("SIGNALS", "${{ needs.drift.outputs.signals }}"),
                    ("RUN_ID", "${{ github.run_id }}"),
                ),
                run=DISPATCH,
            ),
        ),
    )
    return Workflow(
        path=".github/workflows/monitor.yml",
        name="monitor",
        on={"schedule": [{"cron": drift.schedule}], "workflow_dispatch": {}},
        concurrency_group="monitor",
        cancel_in_progress=False,
        jobs=(measure, trigger),
    )

"""`monitoring`: service objectives, model-quality signals, the drift job and alert routing.

Credentials never live here: a receiver's secret is a reference to a file Alertmanager reads.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from mlops_compiler.spec.base import Name, RelativePath, SpecModel, Text, empty_dict

DURATION_PATTERN = r"^([0-9]+(ms|s|m|h|d|w|y))+$"
Duration = Annotated[str, StringConstraints(pattern=DURATION_PATTERN)]
"""A Prometheus duration: `30s`, `15m`, `1h`, `1h30m`."""

Severity = Literal["critical", "warning", "info"]
MetricName = Annotated[str, StringConstraints(pattern=r"^[a-zA-Z_:][a-zA-Z0-9_:]*$")]
LabelValue = Annotated[str, StringConstraints(min_length=1, max_length=200)]
Cron = Annotated[str, StringConstraints(min_length=1, max_length=200)]
ABSOLUTE_PATH_PATTERN = r"^/[^\s]*$"
AbsolutePath = Annotated[str, StringConstraints(pattern=ABSOLUTE_PATH_PATTERN, max_length=4096)]


class RatioObjective(SpecModel):
    """An objective over a 30-day window, alerted on by its error-budget burn rate."""

    target: float = Field(gt=0, lt=100, examples=[99.9])
    """The percentage of good events over 30 days (`99.9` leaves a 0.1% error budget)."""


class LatencyObjective(SpecModel):
    """`percentile`% of requests answer within `threshold` seconds, over 30 days."""

    percentile: float = Field(gt=0, lt=100, examples=[99])
    """The percentage of requests that must be fast: `99` is a p99 objective."""
    threshold: float = Field(gt=0, examples=[0.25])
    """Seconds; must be a bucket boundary (`le`) of the serving app's latency histogram."""


class Objectives(SpecModel):
    """Service-level objectives; each gets multi-window, multi-burn-rate alerts."""

    availability: RatioObjective | None = None
    """The share of time the serving app's targets are up (Prometheus `up`)."""
    error_rate: RatioObjective | None = None
    """The share of requests answered without a 5xx status."""
    latency: LatencyObjective | None = None
    """How fast requests are answered."""


class QualitySignal(SpecModel):
    """An alert when a model-quality gauge of the drift job stays above a threshold."""

    threshold: float = Field(gt=0, examples=[0.2])
    """The value above which the signal is bad (and a retraining is triggered)."""
    duration: Duration = Field(default="1h", alias="for", examples=["1h"])
    """How long the value must stay above the threshold before the alert fires."""
    severity: Severity = "warning"
    """The alert's `severity` label (used for routing)."""


class Quality(SpecModel):
    """Model-quality signals, exported by the drift job (README: "Serving, monitoring and ...")."""

    feature_drift: QualitySignal | None = None
    """The drift score of each input feature (PSI or Kolmogorov-Smirnov)."""
    prediction_shift: QualitySignal | None = None
    """The drift score of the prediction column."""
    missing_values: QualitySignal | None = None
    """The share of missing values in each feature of the recent data (0 to 1)."""


class Drift(SpecModel):
    """The scheduled drift job (.github/workflows/monitor.yml running monitoring/drift.py)."""

    schedule: Cron = Field(examples=["17 6 * * *"])
    """When to run, as a five-field cron expression (UTC)."""
    statistic: Literal["psi", "ks"] = "psi"
    """Population stability index, or the two-sample Kolmogorov-Smirnov statistic."""
    reference: RelativePath = Field(examples=["data/reference.csv"])
    """The CSV the model was trained on (or a sample of it)."""
    current: RelativePath = Field(examples=["data/current.csv"])
    """The CSV of recent inputs (and predictions) to compare with it."""
    prediction: str | None = Field(default=None, min_length=1, examples=["prediction"])
    """The column of `current` and `reference` that holds the model's predictions."""
    min_samples: int = Field(default=100, ge=2, le=10_000_000)
    """Rows of `current` (and `reference`) below which the job reports "not enough data"
    instead of a verdict."""
    significance: float = Field(default=0.01, gt=0, lt=0.5)
    """How often two samples of one distribution may be taken for drift: a score counts only
    over the noise level this leaves (a permutation test over all columns at once)."""
    fetch: Text | None = Field(default=None, examples=["dvc pull data/current.csv"])
    """A command that brings `current` (and `reference`) up to date before the comparison."""
    retrain_event: Name | None = Field(default=None, examples=["retrain"])
    """The `repository_dispatch` event type that starts retrain.yml; defaults to
    `retraining.dispatch_type`."""
    pushgateway_secret: Annotated[str, StringConstraints(pattern=r"^[A-Z_][A-Z0-9_]*$")] | None = (
        Field(default=None, examples=["PUSHGATEWAY_URL"])
    )
    """The GitHub secret holding a Pushgateway URL the scores are pushed to, if any."""


class SecretFile(SpecModel):
    """A secret Alertmanager reads from a file at run time (a mounted Kubernetes Secret)."""

    file: AbsolutePath = Field(examples=["/etc/alertmanager/secrets/slack-api-url"])
    """The absolute path of the file holding the secret."""


Secret = SecretFile | Annotated[str, StringConstraints(min_length=1)]
"""A `{file: ...}` reference; an inline string is refused with a hint (secrets stay out of git)."""


NoTemplate = Annotated[str, StringConstraints(min_length=1, pattern=r"^[^{}]+$")]
"""Alertmanager expands `{{ }}` in these fields at run time: a template there breaks the
notification or leaks alert labels, so a value is plain text (no `{` or `}`)."""
LabelName = Annotated[str, StringConstraints(pattern=r"^(\.\.\.|[a-zA-Z_][a-zA-Z0-9_]*)$")]
"""A Prometheus label name, or `...` (group by every label), as amtool accepts in `group_by`."""


class SlackReceiver(SpecModel):
    """Post to a Slack channel through an incoming webhook."""

    kind: Literal["slack"]
    """Receiver type."""
    channel: NoTemplate = Field(examples=["#ml-alerts"])
    """The channel to post to."""
    api_url: Secret
    """The webhook URL: `{file: /path}`."""


class PagerDutyReceiver(SpecModel):
    """Open a PagerDuty incident (Events API v2)."""

    kind: Literal["pagerduty"]
    """Receiver type."""
    routing_key: Secret
    """The integration's routing key: `{file: /path}`."""


class WebhookReceiver(SpecModel):
    """POST Alertmanager's JSON to a URL."""

    kind: Literal["webhook"]
    """Receiver type."""
    url: str = Field(pattern=r"^https?://[^\s@]+$", examples=["https://hooks.example.com/ml"])
    """The URL; no credentials in it (Alertmanager 0.25 reads no webhook URL from a file)."""
    bearer_token: Secret | None = None
    """A bearer token sent in the `Authorization` header: `{file: /path}`."""


class EmailReceiver(SpecModel):
    """Send an email through an SMTP server."""

    kind: Literal["email"]
    """Receiver type."""
    to: NoTemplate = Field(min_length=3, examples=["ml-team@example.com"])
    """The recipient."""
    sender: NoTemplate = Field(alias="from", min_length=3, examples=["alertmanager@example.com"])
    """The sender address."""
    smarthost: str = Field(pattern=r"^[^\s:]+:[0-9]+$", examples=["smtp.example.com:587"])
    """The SMTP server, `host:port`."""
    auth_username: NoTemplate | None = Field(default=None, examples=["alertmanager"])
    """The SMTP login name."""
    auth_password: Secret | None = None
    """The SMTP password: `{file: /path}`."""


Receiver = Annotated[
    SlackReceiver | PagerDutyReceiver | WebhookReceiver | EmailReceiver,
    Field(discriminator="kind"),
]


class Alerting(SpecModel):
    """Alertmanager routes and receivers."""

    receivers: dict[Name, Receiver] = Field(
        min_length=1,
        examples=[
            {
                "team": {
                    "kind": "slack",
                    "channel": "#ml-alerts",
                    "api_url": {"file": "/etc/alertmanager/secrets/slack-api-url"},
                }
            }
        ],
    )
    """Receivers by name."""
    default: Name | None = Field(default=None, examples=["team"])
    """The receiver of alerts no route matches; may be omitted when there is one receiver."""
    routes: dict[Severity, Name] = Field(
        default_factory=empty_dict, examples=[{"critical": "pager"}]
    )
    """A receiver per `severity`: `{critical: pager}`."""
    group_by: list[LabelName] = Field(
        default_factory=lambda: ["alertname", "model", "environment"],
        examples=[["alertname", "model", "environment"]],
    )
    """Labels that group alerts into one notification."""
    repeat_interval: Duration = "4h"
    """How long to wait before notifying again about a firing alert."""


class ServingMetrics(SpecModel):
    """The names of the metrics the serving app exports (Prometheus client conventions)."""

    requests: MetricName = "http_requests_total"
    """A counter of requests with the HTTP status in a `code` label."""
    latency: MetricName = "http_request_duration_seconds"
    """A histogram of request durations in seconds."""


class Monitoring(SpecModel):
    """Prometheus rules, their unit tests, Alertmanager, a Grafana dashboard and the drift job."""

    job: LabelValue | None = Field(default=None, examples=["serving-digits"])
    """The Prometheus `job` label of the serving app's targets; defaults to the project name."""
    metrics: ServingMetrics = Field(
        default_factory=ServingMetrics.model_construct,
        examples=[{"requests": "http_requests_total", "latency": "http_request_duration_seconds"}],
    )
    """The serving app's metric names."""
    objectives: Objectives = Field(
        default_factory=Objectives.model_construct,
        examples=[
            {"error_rate": {"target": 99.9}, "latency": {"percentile": 99, "threshold": 0.25}}
        ],
    )
    """Service-level objectives."""
    quality: Quality = Field(
        default_factory=Quality.model_construct,
        examples=[{"feature_drift": {"threshold": 0.2, "for": "1h"}}],
    )
    """Model-quality signals and their thresholds."""
    drift: Drift | None = None
    """The scheduled drift job that publishes the quality signals and triggers retraining."""
    alerting: Alerting | None = Field(
        default=None,
        examples=[
            {
                "receivers": {
                    "team": {
                        "kind": "webhook",
                        "url": "https://hooks.example.com/ml",
                        "bearer_token": {"file": "/etc/alertmanager/secrets/hook-token"},
                    }
                }
            }
        ],
    )
    """Where alerts go."""

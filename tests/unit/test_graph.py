"""`mlops graph`: stages in run order with what they read from whom, as text and Mermaid."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import run_cli, write_tree

SPEC = """\
version: 1
project: {name: demo}
pipeline:
  stages:
    report:
      cmd: python report.py
      deps: [metrics, models/model.pkl]
      outs: [report.html]
    prepare:
      cmd: python prepare.py
      outs: [data/prepared]
    train:
      foreach: [a, b]
      do:
        cmd: python train.py ${item}
        deps: [data/prepared/train.csv]
        outs:
          - models/${item}.pkl
        metrics:
          - metrics/${item}.json
    end:
      cmd: echo "done"
      deps: [report.html]
"""


@pytest.fixture
def spec(tmp_path: Path) -> Path:
    return write_tree(tmp_path, {"mlops.yaml": SPEC}) / "mlops.yaml"


def test_text_lists_stages_in_run_order_with_their_inputs(
    spec: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = run_cli(capsys, "graph", "-f", str(spec))
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "prepare\n"
        "train [foreach: 2 items]  <- prepare (data/prepared/train.csv)\n"
        "report                    <- train (metrics, models/model.pkl)\n"
        "end                       <- report (report.html)\n"
    )


def test_mermaid_uses_safe_ids_so_a_stage_named_end_cannot_break_the_chart(
    spec: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = run_cli(capsys, "graph", "--mermaid", "-f", str(spec))
    assert result.stdout == (
        "flowchart TD\n"
        '  s0["prepare"]\n'
        '  s1["train [foreach: 2 items]"]\n'
        '  s2["report"]\n'
        '  s3["end"]\n'
        '  s0 -- "data/prepared/train.csv" --> s1\n'
        '  s1 -- "metrics, models/model.pkl" --> s2\n'
        '  s2 -- "report.html" --> s3\n'
    )


def test_a_spec_without_a_pipeline_has_no_graph(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"mlops.yaml": "version: 1\nproject: {name: demo}\n"})
    result = run_cli(capsys, "graph", "-f", str(tmp_path / "mlops.yaml"))
    assert result.exit_code == 2
    assert "has no `pipeline:` and no `pipelines:`; there is no graph to draw" in result.stderr


def test_an_invalid_spec_is_reported_as_by_validate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "mlops.yaml": SPEC.replace(
                "deps: [report.html]", "deps: [end.txt]\n      outs: [report.html]"
            )
        },
    )
    result = run_cli(capsys, "graph", "-f", str(tmp_path / "mlops.yaml"))
    assert result.exit_code == 2
    assert "output `report.html` is already declared by stage `report`" in result.stderr

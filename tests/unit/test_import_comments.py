"""Comments of imported files move to mlops.yaml, beside what they describe (rule: comments.py).

Generated files carry only the generated-file header, so the place a comment can survive is the
spec: an end-of-line comment stays on the line of its key or list item, a whole-line comment
goes above the next key or item, comments after the last key go above the file's section, and
a comment on a part the spec models differently goes to the nearest enclosing key.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from support import write_tree

from mlops_compiler.commands.importer import import_repository, specwriter
from mlops_compiler.commands.importer.comments import read_comments, yaml_comment_lines
from mlops_compiler.load.loader import load_spec_bytes

DVC = """\
# The pipeline of the demo.
stages:
  # Split first.
  prepare:
    cmd: |
      python prepare.py  # not a comment: text of the command
      # not one either
    outs:
      - data/prepared  # the split data
  train:
    cmd: python train.py
    outs:
      - model.pkl:  # the model
          cache: true
# the end
"""

PARAMS = """\
train:
  lr: 0.1  # the learning rate
  # more epochs overfit
  epochs: 10
"""


def _imported(tmp_path: Path) -> str:
    write_tree(tmp_path, {"dvc.yaml": DVC, "params.yaml": PARAMS})
    return import_repository(tmp_path).spec_text


def test_comments_are_read_from_comment_tokens_not_from_block_scalars() -> None:
    assert sorted(yaml_comment_lines(DVC)) == [0, 2, 8, 12, 14]
    comments = read_comments(DVC)
    assert comments.above == {
        ("stages",): ["The pipeline of the demo."],
        ("stages", "prepare"): ["Split first."],
        (): ["the end"],
    }
    assert comments.beside == {
        ("stages", "prepare", "outs", 0): "the split data",
        ("stages", "train", "outs", 0): "the model",  # the first node on its line
    }


def test_comments_land_beside_what_they_describe_in_mlops_yaml(tmp_path: Path) -> None:
    text = _imported(tmp_path)
    params = text[text.index("params:") : text.index("pipeline:")]
    assert params == (
        "params:  # from params.yaml\n"
        "  train:\n"
        "    lr: 0.1 # the learning rate\n"
        "    # more epochs overfit\n"
        "    epochs: 10\n"
        "# the end\n"  # after the last key of dvc.yaml: above its section
    )
    assert text[text.index("pipeline:") :] == (
        "pipeline:  # from dvc.yaml\n"
        "  # The pipeline of the demo.\n"
        "  stages:\n"
        "    # Split first.\n"
        "    prepare:\n"
        "      cmd: |\n"
        "        python prepare.py  # not a comment: text of the command\n"
        "        # not one either\n"
        "      outs:\n"
        "        - data/prepared  # the split data\n"
        "    train:\n"
        "      cmd: python train.py\n"
        "      outs:\n"
        "        # the model\n"  # its item is a mapping in the spec: above it
        "        - {path: model.pkl, cache: true}\n"
    )


def test_commented_mlops_yaml_reads_back_as_the_same_spec(tmp_path: Path) -> None:
    text = _imported(tmp_path)
    data = load_spec_bytes(text.encode(), tmp_path / "mlops.yaml").data
    assert data["params"] == {"train": {"lr": 0.1, "epochs": 10}}
    assert data["pipeline"]["stages"]["prepare"]["cmd"].startswith("python prepare.py  # not")
    for line in ("# not a comment", "# not one either"):
        assert sum(line in row for row in text.splitlines()) == 1  # only inside the cmd


def test_comments_that_would_not_read_back_are_left_out_not_the_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = specwriter._reads_back

    def refuse_own_comments(text: str, data: dict[str, Any]) -> bool:
        return "own" not in text and real(text, data)

    monkeypatch.setattr(specwriter, "_reads_back", refuse_own_comments)
    data = {"version": 1, "project": {"name": "x"}, "params": {"a": 1, "b": 2}}
    text = specwriter.write_spec(
        data,
        {("params",): "from params.yaml"},
        above={("params", "b"): ["own, above"]},
        beside={("params", "a"): "own, beside"},
    )
    assert "params:  # from params.yaml\n  a: 1\n  b: 2\n" in text

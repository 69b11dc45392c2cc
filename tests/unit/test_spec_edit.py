"""The in-place spec editor: only the edited characters or lines change (issue 15, finding 3)."""

from __future__ import annotations

from mlops_compiler.commands.spec_edit import SpecEditor

SPEC = """\
version: 1   # the format
params:
  train:
    n_estimators: 100   # trees
    name: 'forest'
metrics:
- {path: metrics.json}
ci:
  lint: [ruff check .]
cd:
  deploy:
  - environment: staging
    command: ./deploy.sh
"""


def test_a_scalar_keeps_its_comment_and_quotes_and_nothing_else_moves() -> None:
    editor = SpecEditor(SPEC)
    editor.set(("params", "train", "n_estimators"), 30)
    editor.set(("params", "train", "name"), "trees")
    assert editor.result == SPEC.replace("100   # trees", "30   # trees").replace(
        "'forest'", "'trees'"
    )


def test_new_keys_and_items_follow_the_files_own_layout() -> None:
    editor = SpecEditor(SPEC)
    editor.append(("ci", "lint"), "mypy")
    editor.set(("ci", "actions", "actions/checkout"), {"sha": "0" * 40, "version": "v6.0.2"})
    editor.append(("overrides", "dvc.yaml", "patches"), {"set": "x", "value": 1})
    pin = f'  actions:\n    actions/checkout:\n      sha: "{"0" * 40}"\n      version: v6.0.2\n'
    assert editor.result == SPEC.replace("[ruff check .]", "[ruff check ., mypy]").replace(
        "cd:\n", pin + "cd:\n"
    ) + ("overrides:\n  dvc.yaml:\n    patches:\n    - {set: x, value: 1}\n")


def test_a_bom_and_the_missing_final_newline_are_kept() -> None:
    editor = SpecEditor("\ufeffversion: 1\nparams: {a: 1}")
    editor.set(("params", "a"), 2)
    assert editor.result == "\ufeffversion: 1\nparams: {a: 2}"

"""`mlops import` on every repository of the real-world corpus: import, compile, compare.

The corpus (``../shared/corpus`` beside the project's root, see its README) holds the
configuration files of 21 public repositories. For each repository folder:

- every file the import takes over compiles back to the same data, read as its owning tool reads
  it (ruamel for dvc.yaml and params files, PyYAML for MLproject, configobj rules for
  .dvc/config), and every corpus file is either taken over or listed below with the reason;
- a git repository of it, imported with `mlops import` and compiled with `mlops compile`, has
  an empty `git diff` as data on every adopted file (and no other file changed);
- DVC's own loader resolves the same stages from the original and the compiled dvc.yaml files,
  and MLflow's own loader the same projects from the original and compiled MLprojects.

The corpus is read in place and never copied into the project; the tests skip when it is absent,
saying how to fetch it (`scripts/fetch_corpus.py`).
"""

from __future__ import annotations

import csv
import functools
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from owning_tools import ToolEnv, dvc_stage_definitions, mlflow_project_definitions
from support import without_root

from mlops_compiler.cli.main import main
from mlops_compiler.commands.importer import ImportResult, import_repository
from mlops_compiler.commands.importer.carry import same_data
from mlops_compiler.commands.importer.readers import parse_text, read_file
from mlops_compiler.commands.importer.specwriter import common_readings
from mlops_compiler.load.loader import load_spec_bytes

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
REPOS = sorted(p.name for p in CORPUS.iterdir() if p.is_dir()) if CORPUS.is_dir() else []
README = Path(__file__).resolve().parents[2] / "README.md"
MEASURED_KINDS = ("dvc.yaml", "MLproject")
TARGET = 0.90

CORPUS_MISSING = (
    f"no import corpus at {CORPUS} (a test-data folder, not a tool): fetch it with"
    " `python scripts/fetch_corpus.py`, which downloads the files listed in"
    " tests/data/corpus-sources.tsv"
)
"""The skip message; `.ci/run` tells a missing corpus from a missing tool by its start."""

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason=CORPUS_MISSING)

_TEMPLATE = "a cookiecutter template (Jinja `{% ... %}` / `{{ ... }}`), not YAML until rendered"
EXPECTED_FAILURES = {
    "BA-SPM__2026_UDACITY_Project__Build_ML_Pipeline/cookie-mlflow-step/"
    "{{cookiecutter.step_name}}/MLproject": _TEMPLATE,
    "udacity__nd0821-c2-build-model-workflow-starter/cookie-mlflow-step/"
    "{{cookiecutter.step_name}}/MLproject": _TEMPLATE,
    "mlf-core__mlf-core/mlf_core/create/templates/mlflow/mlflow_pytorch/"
    "{{ cookiecutter.project_slug }}/MLproject": _TEMPLATE,
    "mlf-core__mlf-core/mlf_core/create/templates/mlflow/mlflow_tensorflow/"
    "{{ cookiecutter.project_slug }}/MLproject": _TEMPLATE,
    "mlf-core__mlf-core/mlf_core/create/templates/mlflow/mlflow_xgboost/"
    "{{ cookiecutter.project_slug }}/MLproject": _TEMPLATE,
    "remla25-team14__model-training/.dvc/config": "it holds an access key and a secret key;"
    " credentials never go in mlops.yaml (they belong in .dvc/config.local)",
    "aai540-group3__project/pipeline/params.yaml": "a database URL in it carries a password"
    " (`feast:feast@`); the secret scan refuses to copy it into mlops.yaml",
}
"""Corpus files that `mlops import` reads but does not take over, with the reason."""

_UNUSED_ENV = "a conda file no MLproject names (MLflow never reads it)"
_UNUSED_PARAMS = "a params.yaml no dvc.yaml reads"
_OWN_REPO = "the .dvc/config of a DVC repository in a subfolder; `mlops import SUBFOLDER` takes it"
LEFT_ALONE = {
    "BA-SPM__2026_UDACITY_Project__Build_ML_Pipeline/conda.yml": _UNUSED_ENV,
    "BA-SPM__2026_UDACITY_Project__Build_ML_Pipeline/components/conda.yml": _UNUSED_ENV,
    "BA-SPM__2026_UDACITY_Project__Build_ML_Pipeline/cookie-mlflow-step/"
    "{{cookiecutter.step_name}}/conda.yml": _UNUSED_ENV,
    "udacity__nd0821-c2-build-model-workflow-starter/components/conda.yml": _UNUSED_ENV,
    "udacity__nd0821-c2-build-model-workflow-starter/cookie-mlflow-step/"
    "{{cookiecutter.step_name}}/conda.yml": _UNUSED_ENV,
    "rapidsai__cloud-ml-examples/mlflow/docker_environment/envs/conda.yaml": _UNUSED_ENV,
    "rapidsai__cloud-ml-examples/optuna/notebooks/jupytercon_demo/conda/conda.yaml": _UNUSED_ENV,
    "blakeNaccarato__boilercv/tests/root/params.yaml": _UNUSED_PARAMS,
    "iterative__example-repos-dev/example-get-started/code/params.yaml": _UNUSED_PARAMS,
    "iterative__example-repos-dev/example-get-started-experiments/code/params.yaml": _UNUSED_PARAMS,
    "iterative__magnetic-tiles-defect/training/params.yaml": _UNUSED_PARAMS,
    "aai540-group3__project/.archive/models/autogluon/artifacts/metrics/params.yaml": "in a"
    " hidden folder, which import does not search (and no dvc.yaml reads it)",
    "aai540-group3__project/.archive/models/logistic_regression/artifacts/metrics/params.yaml": (
        "in a hidden folder, which import does not search (and no dvc.yaml reads it)"
    ),
    "aai540-group3__project/.archive/models/neural_network/artifacts/metrics/params.yaml": "in a"
    " hidden folder, which import does not search (and no dvc.yaml reads it)",
    "aai540-group3__project/pipeline/.dvc/config": _OWN_REPO,
    "iterative__pipeline-conifguration/multi-params-files/.dvc/config": _OWN_REPO,
    "iterative__pipeline-conifguration/multi-validation-datasets/.dvc/config": _OWN_REPO,
    "iterative__pipeline-conifguration/single-params-file/.dvc/config": _OWN_REPO,
    "iterative__pipeline-conifguration/.dvc/config": "empty: there is nothing to model",
}
"""Corpus files that are not part of what mlops.yaml models, with the reason."""


@functools.cache
def _imported(repo: str) -> ImportResult:
    return import_repository(CORPUS / repo)


@functools.cache
def _corpus_files() -> dict[str, str]:
    """``{"repo/path": kind}`` for every file the corpus's SOURCES.tsv lists."""
    with (CORPUS / "SOURCES.tsv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return {f"{row['repo'].replace('/', '__')}/{row['path']}": row["kind"] for row in rows}


def _adopted(repo: str) -> set[str]:
    return {f"{repo}/{source.path}" for source in _imported(repo).adopted}


@pytest.mark.parametrize("repo", REPOS)
def test_every_imported_file_compiles_back_to_the_same_data(repo: str) -> None:
    result = _imported(repo)
    for source in result.adopted:
        if source.kind == "image":
            continue  # modelled anew by `images`, stricter: tests/unit/test_import_images.py
        original = read_file(CORPUS / repo, source.path, source.reader)
        compiled = parse_text(result.tree.files[source.path].text, source.path, source.reader)
        assert same_data(compiled, original), source.path


@pytest.mark.parametrize("repo", REPOS)
def test_every_corpus_file_is_taken_over_or_listed_with_a_reason(repo: str) -> None:
    listed = {path for path in _corpus_files() if path.startswith(f"{repo}/")}
    skipped = {f"{repo}/{item.path}": item.verdict for item in _imported(repo).skipped}
    expected = {path for path in EXPECTED_FAILURES if path.startswith(f"{repo}/")}
    left = {path for path in LEFT_ALONE if path.startswith(f"{repo}/")}
    assert listed - _adopted(repo) == expected | left
    assert {path for path, verdict in skipped.items() if verdict != "left"} == expected
    assert expected.isdisjoint(left)


def round_trip_figures() -> dict[str, tuple[int, int]]:
    """``{kind: (round-tripped, total)}`` over the corpus, for the kinds the README reports."""
    adopted = set().union(*(_adopted(repo) for repo in REPOS)) if REPOS else set()
    figures = {}
    for kind in sorted(set(_corpus_files().values())):
        files = [path for path, k in _corpus_files().items() if k == kind]
        figures[kind] = (sum(1 for path in files if path in adopted), len(files))
    return figures


def test_the_round_trip_holds_for_90_percent_and_the_readme_says_so() -> None:
    figures = round_trip_figures()
    done = sum(figures[kind][0] for kind in MEASURED_KINDS)
    total = sum(figures[kind][1] for kind in MEASURED_KINDS)
    assert done / total >= TARGET, figures
    readme = README.read_text(encoding="utf-8")
    for kind, (ok, count) in figures.items():
        assert f"| {kind} | {ok} / {count} |" in readme, f"README: update the row for {kind}"
    assert f"**{done} / {total} ({done / total:.1%})**" in readme


# -- import, compile, git diff ------------------------------------------------------------------


def _git(repo: Path, *args: str, home: Path) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(
        HOME=str(home),
        GIT_CONFIG_GLOBAL=str(home / "gitconfig"),
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME="import-test",
        GIT_AUTHOR_EMAIL="import-test@example.invalid",
        GIT_COMMITTER_NAME="import-test",
        GIT_COMMITTER_EMAIL="import-test@example.invalid",
    )
    git = shutil.which("git")
    if git is None:
        pytest.fail("git is not on PATH")
    done = subprocess.run(
        [git, *args], cwd=repo, env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


@pytest.mark.parametrize("repo", REPOS)
def test_import_then_compile_leaves_git_diff_empty_as_data(
    repo: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / repo
    shutil.copytree(CORPUS / repo, copy)
    home = tmp_path / "home"
    home.mkdir()
    _git(copy, "init", "-q", home=home)
    _git(copy, "add", "-A", home=home)
    _git(copy, "commit", "-q", "-m", "as found", home=home)
    assert main(["import", str(copy)]) == 0, capsys.readouterr().err
    assert main(["compile", "-f", str(copy / "mlops.yaml")]) == 0, capsys.readouterr().err
    assert main(["compile", "--check", "-f", str(copy / "mlops.yaml")]) == 0
    changed = set(_git(copy, "diff", "--name-only", home=home).split())
    adopted = {source.path: source.reader for source in _imported(repo).adopted}
    # an empty .dvc/config (as `dvc init` leaves it) is compile's to take over: still no settings
    blank = {path for path in changed - set(adopted) if not (CORPUS / repo / path).read_bytes()}
    assert blank <= {".dvc/config"}
    assert changed - blank <= set(adopted)
    modelled_anew = {source.path for source in _imported(repo).adopted if source.kind == "image"}
    for path in sorted(changed - modelled_anew - blank):
        before = parse_text(_git(copy, "show", f"HEAD:{path}", home=home), path, adopted[path])
        after = read_file(copy, path, adopted[path])
        assert same_data(after, before), path


def _crlf_copy(repo: str, target: Path) -> Path:
    """A copy of ``repo`` with every line end CRLF, as a Windows checkout (autocrlf) has it."""
    shutil.copytree(CORPUS / repo, target)
    for path in sorted(target.rglob("*")):
        path.chmod(0o755 if path.is_dir() else 0o644)
        if path.is_file():
            data = path.read_bytes().replace(b"\r\n", b"\n")
            path.write_bytes(data.replace(b"\n", b"\r\n"))
    return target


@pytest.mark.parametrize("repo", REPOS)
def test_crlf_copies_import_compile_and_check_like_the_originals(
    repo: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = _crlf_copy(repo, tmp_path / repo)
    assert main(["import", str(copy)]) == 0, capsys.readouterr().err
    assert main(["compile", "-f", str(copy / "mlops.yaml")]) == 0, capsys.readouterr().err
    assert main(["compile", "--check", "-f", str(copy / "mlops.yaml")]) == 0
    assert {source.path for source in import_repository(copy).adopted} == {
        source.path for source in _imported(repo).adopted
    }


@pytest.mark.parametrize("repo", REPOS)
def test_the_imported_spec_reads_the_same_with_every_common_yaml_reader(repo: str) -> None:
    text = _imported(repo).spec_text
    data = load_spec_bytes(text.encode("utf-8"), CORPUS / repo / "mlops.yaml").data
    readings = common_readings(text)
    assert len(readings) == 4  # PyYAML pure and libyaml, ruamel pure and C
    assert all(same_data(reading, data) for reading in readings)


def _figures_module() -> Any:
    """``scripts/import_figures.py``, the script the README tells people to run."""
    import importlib.util

    path = Path(__file__).resolve().parents[2] / "scripts" / "import_figures.py"
    spec = importlib.util.spec_from_file_location("import_figures", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_comments_are_kept_for_95_percent_and_the_readme_states_every_figure() -> None:
    figures = _figures_module()
    measured = figures.figures(CORPUS, run_cli=False)  # the exits are the tests above
    assert measured.comments_kept / measured.comment_lines >= 0.95, measured
    readme = README.read_text(encoding="utf-8")
    for row in figures.report(measured).splitlines():
        if "exit 70" not in row:
            assert row in readme, f"README: update the row {row!r}"
    assert "| exit 70 (import, compile, --check), as found | 0 |" in readme
    assert "| exit 70, CRLF copies | 0 |" in readme


# -- the owning tools --------------------------------------------------------------------------


@pytest.fixture(scope="session")
def corpus_trees(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    """Per repository: a copy as found, and a copy with every compiled file written over it.

    `.dvc/` folders are left out of both: DVC's loader needs no remote configuration to read
    stages, and the remotes are compared as data above.
    """
    base = tmp_path_factory.mktemp("import-corpus")
    trees = {}
    for repo in REPOS:
        original, compiled = base / "original" / repo, base / "compiled" / repo
        ignore = shutil.ignore_patterns(".dvc")
        shutil.copytree(CORPUS / repo, original, ignore=ignore)
        shutil.copytree(CORPUS / repo, compiled, ignore=ignore)
        for path, output in _imported(repo).tree.files.items():
            if not path.startswith(".dvc/"):
                (compiled / path).parent.mkdir(parents=True, exist_ok=True)
                (compiled / path).write_text(output.text, encoding="utf-8")
        trees[repo] = (original, compiled)
    return trees


def _kinds(repo: str, kind: str) -> list[str]:
    return [source.path for source in _imported(repo).adopted if source.kind == kind]


@pytest.fixture(scope="session")
def dvc_views(
    corpus_trees: dict[str, tuple[Path, Path]], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Any]:
    env = ToolEnv.create(tmp_path_factory.mktemp("dvc-env"))
    targets = [
        (root, path)
        for repo, roots in corpus_trees.items()
        for path in _kinds(repo, "pipeline")
        for root in roots
    ]
    views, result = dvc_stage_definitions(targets, env=env)
    assert result.ok, result
    return views


@pytest.fixture(scope="session")
def mlflow_views(
    corpus_trees: dict[str, tuple[Path, Path]], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Any]:
    env = ToolEnv.create(tmp_path_factory.mktemp("mlflow-env"))
    folders = [
        root / path
        for repo, roots in corpus_trees.items()
        for path in (str(Path(p).parent) for p in _kinds(repo, "mlproject"))
        for root in roots
    ]
    views, result = mlflow_project_definitions(folders, env=env)
    assert result.ok, result
    return views


@pytest.mark.tools
@pytest.mark.parametrize("repo", REPOS)
def test_dvc_loads_the_same_stages_from_the_compiled_files(
    repo: str, corpus_trees: dict[str, tuple[Path, Path]], dvc_views: dict[str, Any]
) -> None:
    original, compiled = corpus_trees[repo]
    for path in _kinds(repo, "pipeline"):
        before = without_root(dvc_views[f"{original}:{path}"], original)
        after = without_root(dvc_views[f"{compiled}:{path}"], compiled)
        assert after == before, path
        assert "error" not in before, (path, before)


@pytest.mark.tools
@pytest.mark.parametrize("repo", REPOS)
def test_mlflow_loads_the_same_projects_from_the_compiled_files(
    repo: str, corpus_trees: dict[str, tuple[Path, Path]], mlflow_views: dict[str, Any]
) -> None:
    original, compiled = corpus_trees[repo]
    for path in _kinds(repo, "mlproject"):
        folder = str(Path(path).parent)
        before = without_root(mlflow_views[str(original / folder)], original)
        after = without_root(mlflow_views[str(compiled / folder)], compiled)
        assert after == before, path
        assert before["entry_points"], (path, before["errors"])

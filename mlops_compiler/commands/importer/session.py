"""Import a repository: model what the spec can, carry the rest verbatim, prove the round trip.

The loop settles in a few rounds. Each round assembles the spec from the sources, writes it,
and compiles it in memory. A spec the compiler rejects has the rejected parts pruned from their
fragments (they come back verbatim as patches); a compiled file that differs from its original
gets the patches that make it equal. A file that still cannot be reproduced is not taken over,
with the reason, and the rest is imported.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from mlops_compiler.commands.importer import mlflow
from mlops_compiler.commands.importer.carry import CannotCarryError, carry_verbatim, patch_path
from mlops_compiler.commands.importer.collect import read_sources
from mlops_compiler.commands.importer.discovery import discover
from mlops_compiler.commands.importer.draft import Assembled, assemble, owner_of, prune, slug
from mlops_compiler.commands.importer.roundtrip import compare, compile_text
from mlops_compiler.commands.importer.sources import Skipped, Source, Sources
from mlops_compiler.commands.importer.specwriter import write_spec
from mlops_compiler.dataclass import dataclass
from mlops_compiler.errors import Diagnostic, InternalError, Loc, Severity, SpecError
from mlops_compiler.render.engine import OutputTree
from mlops_compiler.render.overrides import PatchError
from mlops_compiler.write.shared_files import ADOPTED_WHEN_BLANK

MAX_ROUNDS = 60

ALLOW_NOTE = "actions used by a tag or a branch, as the workflows had them: pin them, delete this"
OWN_DOCKERIGNORE = (
    "builds with the repository's .dockerignore, kept as it is (`mode: seed`), not the one"
    " `images` writes (which also keeps history, local stores and secrets out of the context)"
)
SEED_NOTE = "not imported, and compile would replace it: compile keeps it as it is (`seed`)"
"""The comment beside the `allow:` import writes (see ``_Session._relax``)."""
UNWRITABLE = (
    "mlops.yaml cannot hold its data so that every YAML reader reads it back the same (a"
    " character mlops.yaml refuses, say); it stays as it is"
)
FALLBACK_NAME = "imported-project"


@dataclass(frozen=True)
class ImportResult:
    """What `mlops import` found, took over, and left alone."""

    root: Path
    spec_text: str
    adopted: tuple[Source, ...]
    """Files mlops.yaml now models; compile reproduces each one exactly, as data."""
    skipped: tuple[Skipped, ...]
    tree: OutputTree
    """Everything compile would write from the spec."""
    created: tuple[str, ...]
    """Files compile would write that the repository does not have yet."""
    allowed: tuple[str, ...] = ()
    """Security rules the spec relaxes (`allow:`) to carry what the files already did."""
    seeded: tuple[str, ...] = ()
    """Files compile would write over that import did not take over: `mode: seed` keeps them."""


def import_repository(root: Path, *, keep_behaviour: bool = False) -> ImportResult:
    """Import the repository at ``root``, in memory; nothing is written.

    ``keep_behaviour``: carry verbatim the Dockerfiles whose generated version would differ.
    """
    root = root.resolve()
    sources = read_sources(root, discover(root), keep_behaviour=keep_behaviour)
    return _Session(root, slug(root.name), sources).settle()


class _Session:
    def __init__(self, root: Path, name: str, sources: Sources):
        self.root = root
        self.name = name
        self.adopted = list(sources.adopted)
        self.skipped = list(sources.skipped)
        self.patched: set[str] = set()
        self.allow: set[str] = set()
        """Policy rules the carried files break that import relaxes rather than drop them."""
        self.seeded: set[str] = set()
        """Existing files compile would replace that import did not take over (see
        ``_conflicts``)."""

    def settle(self) -> ImportResult:
        text = ""
        for _ in range(MAX_ROUNDS):
            assembled = assemble(self.name, self.adopted)
            if self.allow:
                assembled.spec["allow"] = sorted(self.allow)
                assembled.comments[("allow",)] = ALLOW_NOTE
            for path in sorted(self.seeded):
                assembled.spec.setdefault("overrides", {})[path] = {"mode": "seed"}
                assembled.comments[("overrides", path)] = SEED_NOTE
            if self._unreproduced(assembled):
                continue
            written = self._write(assembled)
            if written is None:
                continue
            text = written
            try:
                tree = compile_text(text, self.root)
            except (SpecError, PatchError) as exc:
                if self._relax(exc.diagnostics):
                    continue
                self._prune(assembled, exc.diagnostics)
                continue
            if self._reconcile(tree):
                continue
            adopted = {source.path for source in self.adopted}
            created = tuple(
                path for path in sorted(tree.files) if path not in adopted | self.seeded
            )
            return ImportResult(
                self.root,
                text,
                tuple(self.adopted),
                tuple(self.skipped),
                tree,
                created,
                tuple(sorted(self.allow)),
                tuple(sorted(self.seeded)),
            )
        raise InternalError("mlops import did not settle on a spec", [text])

    def _relax(self, diagnostics: list[Diagnostic]) -> bool:
        """Whether an action used by a tag or a branch is all that stops a carried file.

        Import cannot pin them (a commit is looked up online, and it never goes online), and
        most repositories use `actions/checkout@v4`: leaving each such workflow where it is
        would take nothing over. So the spec says `allow: [unpinned_actions]`, with a comment
        and a line in the report, and `mlops compile --strict` reports it until they are
        pinned. Every other rule still leaves the file where it is.
        """
        rule = "unpinned_actions"
        if rule in self.allow:
            return False
        errors = [d for d in diagnostics if d.severity is Severity.ERROR]
        if not errors or not all(d.message.endswith(f"(policy `{rule}`)") for d in errors):
            return False
        self.allow.add(rule)
        return True

    def _write(self, assembled: Assembled) -> str | None:
        """The spec's text; or ``None`` once the sources it cannot be written with are dropped.

        One file holding what mlops.yaml cannot hold must not stop the import of the rest, so
        each source is tried alone to find the ones at fault.
        """
        try:
            return write_spec(assembled.spec, assembled.comments, assembled.above, assembled.beside)
        except InternalError:
            faulty = [source for source in self.adopted if not self._writable(source)]
            if not faulty:
                raise
        for source in faulty:
            self._drop(source, UNWRITABLE)
        return None

    def _writable(self, source: Source) -> bool:
        alone = [source, *(other for other in self.adopted if other.parent == source.path)]
        assembled = assemble(self.name, alone)
        try:
            write_spec(assembled.spec, assembled.comments)
        except InternalError:
            return False
        return True

    def _prune(self, assembled: Assembled, diagnostics: list[Diagnostic]) -> None:
        found: dict[int, tuple[Source, set[Loc], list[str]]] = {}
        for diagnostic in diagnostics:
            if diagnostic.severity is not Severity.ERROR:
                continue
            if self._unmodel_image(diagnostic) or self._unmodel_workflow(diagnostic):
                continue
            if diagnostic.loc[:1] == ("project",) and self.name != FALLBACK_NAME:
                self.name = FALLBACK_NAME  # the folder's name makes a bad project name (`con`)
                continue
            owner = owner_of(assembled, diagnostic.loc)
            if owner is None:
                raise InternalError(
                    f"mlops import wrote a spec it cannot place: {diagnostic.dotted_path}:"
                    f" {diagnostic.message}"
                )
            source, rest = owner
            if diagnostic.loc[:1] == ("overrides",):
                rest = ()
            entry = found.setdefault(id(source), (source, set(), []))
            entry[1].add(rest)
            entry[2].append(
                f"{_dotted(rest)}: {diagnostic.message}" if rest else diagnostic.message
            )
        for source, rests, messages in found.values():
            if () in rests:
                self._drop(source, messages[0])
                continue
            for rest in sorted(rests, key=_sort_key, reverse=True):
                if not prune(source.fragment, rest):
                    self._drop(source, messages[0])
                    break
            else:
                source.reasons += messages

    def _unmodel_image(self, diagnostic: Diagnostic) -> bool:
        """A problem in what `images` says: the Dockerfiles it models are carried instead."""
        loc = diagnostic.loc
        if loc[:1] != ("images",) and loc[:2] not in (
            ("project", "requirements"),
            ("project", "dependencies"),
        ):
            return False
        images = [s for s in self.adopted if s.kind == "image"]
        named = [s for s in images if s.image is not None and loc[1:2] == (s.image.name,)]
        for source in named or images:
            source.carry_verbatim(f"`images` would not compile: {diagnostic.message}")
        return bool(images)

    def _unmodel_workflow(self, diagnostic: Diagnostic) -> bool:
        """A problem in what `ci`, `cd` or `retraining` says (or in the steps carried on the
        workflow it generates): the workflow it models is carried instead."""
        loc = diagnostic.loc
        hit = False
        for source in list(self.adopted):  # every workflow of the section (merged into one ci)
            model = source.workflow
            if model is None:
                continue
            if loc[:1] == (model.section,) or loc[:2] == ("overrides", model.target):
                source.carry_verbatim(f"`{model.section}` would not compile: {diagnostic.message}")
                hit = True
        return hit

    def _unreproduced(self, assembled: Assembled) -> bool:
        """A workflow that runs `dvc repro` is modelled only if the spec has the root pipeline
        (`ci.reproduce` and `retraining` run that one)."""
        changed = False
        for source in self.adopted:
            model = source.workflow
            if model is not None and model.reproduces and "pipeline" not in assembled.spec:
                source.carry_verbatim(
                    f"it runs `dvc repro`, and `{model.section}` reproduces the root `pipeline`,"
                    " which this import does not write (no root dvc.yaml with its params.yaml)"
                )
                changed = True
        return changed

    def _reconcile(self, tree: OutputTree) -> bool:
        changed = False
        for source in list(self.adopted):
            if source not in self.adopted:
                continue
            if source.kind == "image":  # generated anew, stricter: its differences are listed
                if source.path not in tree.files:
                    source.carry_verbatim("compile does not write it from `images`")
                    changed = True
                continue
            if source.workflow is not None:  # generated anew, at its section's path
                if source.workflow.target not in tree.files:
                    source.carry_verbatim(
                        f"compile does not write it from `{source.workflow.section}`"
                    )
                    changed = True
                continue
            result = compare(tree, source.path, source.reader, source.data)
            if result.exact:
                continue
            changed = True
            if source.reader == "ini" or source.path in self.patched:
                self._drop(source, f"compile would not reproduce it ({result.difference})")
                continue
            try:
                source.patches += carry_verbatim(result.compiled, source.data)
            except CannotCarryError as exc:
                self._drop(source, f"compile would not reproduce it: {exc}")
            self.patched.add(source.path)
        return changed or self._conflicts(tree)  # a changed draft makes this tree stale

    def _conflicts(self, tree: OutputTree) -> bool:
        """A generated file that exists but is not imported: its generator is not taken over.

        Or, when no imported file makes compile write it (any pipeline makes the DVC project,
        .dvc/config included, whether or not the repository's was taken over: it may hold
        credentials), `overrides: {PATH: {mode: seed}}` keeps the file as it is.
        """
        adopted = {source.path for source in self.adopted} | self.seeded
        changed = False
        for path, output in tree.files.items():
            if path in adopted or not (self.root / path).exists():
                continue
            if _same_bytes(self.root / path, output.text):
                continue  # compile writes what is there (DVC's .dvc/.gitignore): nothing replaced
            if path in ADOPTED_WHEN_BLANK and _blank(self.root / path):
                continue  # `dvc init` left it empty: compile takes it over, nothing is lost
            images = [s for s in self.adopted if s.image is not None]
            if images and path == ".dockerignore":
                # The original images were built with it: keep it, and say what that forgoes.
                self.seeded.add(path)
                for source in images:
                    if source.image is not None:
                        differences = (*source.image.differences, OWN_DOCKERIGNORE)
                        source.image = replace(source.image, differences=differences)
                changed = True
                continue
            owners = [
                s
                for s in self.adopted
                if s.kind == "mlproject" and mlflow.env_file(s.path, s.data) == path
            ]
            if not owners:
                self.seeded.add(path)
                changed = True
                continue
            self._drop(owners[0], f"compile would replace {path}, which is not imported")
            changed = True
        return changed

    def _drop(self, source: Source, reason: str) -> None:
        if source not in self.adopted:
            return
        self.adopted.remove(source)
        self.skipped.append(Skipped(source.path, reason, "refused"))
        for other in list(self.adopted):
            if other.parent == source.path or source.parent == other.path:
                self._drop(other, f"it goes with {source.path}, which is not taken over")


def _same_bytes(path: Path, text: str) -> bool:
    """Whether ``path`` holds ``text`` already, whatever its line ends (a Windows checkout)."""
    try:
        return path.read_bytes().replace(b"\r\n", b"\n") == text.encode()
    except OSError:
        return False


def _blank(path: Path) -> bool:
    try:
        return not path.read_bytes().strip()
    except OSError:
        return False


def _dotted(loc: Loc) -> str:
    try:
        return patch_path(list(loc))
    except CannotCarryError:
        return ".".join(str(part) for part in loc)


def _sort_key(loc: Loc) -> tuple[tuple[int, int, str], ...]:
    return tuple((1, part, "") if isinstance(part, int) else (0, 0, part) for part in loc)

"""The package's dataclasses take their methods from bytecode written by `make regen`.

The committed module must hold every method text the package's classes produce (else a
compile pays to compile them again), and a class made this way must be the standard library's
class in every behaviour the package uses.
"""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest

from mlops_compiler import compile_dataclasses
from mlops_compiler.dataclass import dataclass
from mlops_compiler.errors import Span

ROOT = Path(__file__).resolve().parents[2]


def _python(program: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", program], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return done.stdout


def test_the_committed_module_is_what_the_classes_compile_to() -> None:
    fresh = _python(
        "from mlops_compiler import compile_dataclasses as c\n"
        "print(c.module_text(c.recorded_texts()), end='')"
    )
    committed = compile_dataclasses.TARGET.read_text(encoding="utf-8")
    assert committed == fresh, "run `make regen` (python -m mlops_compiler.compile_dataclasses)"


def test_a_compile_compiles_no_dataclass_method() -> None:
    """Every class a compile imports finds its methods in the module: no `exec` is left."""
    misses = _python(
        "import mlops_compiler.compiled_dataclasses as compiled\n"
        "misses = []\n"
        "class Watched(dict):\n"
        "    def get(self, text, default=None):\n"
        "        if text not in self:\n"
        "            misses.append(text.split('(', 2)[1])\n"
        "        return super().get(text, default)\n"
        "compiled.FACTORIES = Watched(compiled.FACTORIES)\n"
        "import mlops_compiler.cli.main, mlops_compiler.compiler, mlops_compiler.render.engine\n"
        "import mlops_compiler.write.writer, mlops_compiler.families.monitoring.family\n"
        "import mlops_compiler.families.deploy.family\n"
        "print(len(misses), sorted(set(misses)))"
    )
    assert misses.strip() == "0 []"


def test_a_class_the_module_does_not_know_is_compiled_as_before() -> None:
    @dataclass(frozen=True)
    class Unheard:
        a_field_no_package_class_has: int = 3

    assert Unheard() == Unheard(3) and repr(Unheard()) == (
        f"{Unheard.__qualname__}(a_field_no_package_class_has=3)"
    )


def test_a_class_from_bytecode_behaves_as_the_standard_librarys() -> None:
    """Span's methods came from the module (frozen, ordered): the standard library's class
    made from the same definition agrees on every operation."""

    @dataclasses.dataclass(frozen=True, order=True)
    class Reference:
        line: int
        column: int
        end_line: int
        end_column: int

    span, same = Span(1, 2, 3, 4), Reference(1, 2, 3, 4)
    assert Span.__init__.__code__.co_filename.endswith("compiled_dataclasses.py")
    assert Span.__init__.__qualname__ == "Span.__init__"
    assert dataclasses.astuple(span) == dataclasses.astuple(same)
    assert repr(span).removeprefix("Span") == repr(same).removeprefix(Reference.__qualname__)
    assert (span < Span(1, 2, 3, 5)) == (same < Reference(1, 2, 3, 5))
    assert hash(span) == hash(Span(1, 2, 3, 4)) and span == Span(1, 2, 3, 4)
    assert dataclasses.replace(span, line=9).line == 9
    assert [f.name for f in dataclasses.fields(span)] == [f.name for f in dataclasses.fields(same)]
    with pytest.raises(dataclasses.FrozenInstanceError):
        span.line = 5  # type: ignore[misc]

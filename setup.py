"""Compile newsfacts' rule code with Cython where the install can.

The modules below are plain Python, and stay so: a regular install (``pip install .``,
a wheel) compiles them unchanged into C extensions, which run the same rules about
10% faster, measured on news (``bench/throughput.py``). Nothing else changes: same
records, byte for byte (``bench/snapshot.py``), the same tests pass.

An editable install (``pip install -e .``) compiles nothing, so that an edited ``.py``
file is what runs. Without a C compiler, or with ``NEWSFACTS_PURE_PYTHON=1`` set, the
install is plain Python. ``extract.compiled_modules()`` says which modules are compiled.
"""

from __future__ import annotations

import os
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

HERE = Path(__file__).resolve().parent

# The code that runs for every token: the components and what they call. Not the
# pipeline (its time guard stays in the interpreter), the CLI, readers or models.
COMPILED = [
    "extract/build.py",
    "extract/calendar.py",
    "extract/numbers.py",
    "extract/spans.py",
    "extract/tense.py",
    "extract/timegrammar.py",
    "extract/timex.py",
    "extract/tokenarrays.py",
    "extract/tokenizer.py",
    *sorted(p.relative_to(HERE).as_posix() for p in (HERE / "extract" / "components").glob("*.py")),
]


class BuildExtUnlessEditable(build_ext):
    """Cythonizes and builds the extensions, except for an editable install: its ``.py``
    files run."""

    def _editable(self) -> bool:
        return bool(getattr(self, "editable_mode", False))

    def run(self) -> None:
        if self._editable():
            return
        try:
            from Cython.Build import cythonize
        except ImportError:  # a build without its build requirements (--no-build-isolation)
            self.warn("Cython is not installed: newsfacts stays plain Python")
            return
        generated = cythonize(
            self.extensions,
            compiler_directives={"language_level": 3, "annotation_typing": False, "binding": True},
            build_dir=os.path.join(self.build_temp, "cython"),
            nthreads=os.cpu_count() or 1,
            quiet=True,
        )
        sources = {ext.name: ext.sources for ext in generated}
        for ext in self.extensions:  # setuptools' own objects, with the generated C
            ext.sources = sources[ext.name]
            ext.optional = True  # no C compiler: the module stays plain Python
            if os.name == "posix":
                ext.extra_compile_args = ["-O2", "-g0"]
        self.parallel = self.parallel or os.cpu_count() or 1
        super().run()

    def get_outputs(self) -> list[str]:
        return [] if self._editable() else super().get_outputs()

    def get_output_mapping(self) -> dict[str, str]:
        return {} if self._editable() else super().get_output_mapping()


def extensions() -> list[Extension]:
    if os.environ.get("NEWSFACTS_PURE_PYTHON") == "1":
        return []
    return [Extension(name, [name.replace(".", "/") + ".py"]) for name in compiled_module_names()]


def compiled_module_names() -> list[str]:
    """The modules a regular install compiles (what ``extract.compiled_modules()`` lists)."""
    return sorted(path[: -len(".py")].replace("/", ".") for path in COMPILED if not path.endswith("__init__.py"))


if __name__ == "__main__":  # as pip's build backend runs it; a test imports it
    setup(ext_modules=extensions(), cmdclass={"build_ext": BuildExtUnlessEditable})

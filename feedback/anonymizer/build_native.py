"""Compile the anonymizer's rules to C with mypyc into .native/ (see native.py), or type-check them.

    python -m feedback.anonymizer.build_native [--check]

make runs it when a source of the anonymizer changes; lint runs --check, since a type error would
make the build fail (and the Python modules run, slower) without anyone noticing.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

from feedback.anonymizer.native import BUILD, COMPILED, STAMP, stamp

_MYPY_FLAGS = ["--ignore-missing-imports", "--follow-imports=silent"]


def _sources() -> list[str]:
    return [f"feedback/anonymizer/{name}.py" for name in COMPILED]


def check() -> int:
    """Type-check COMPILED as the build does (lint runs it): a type error would make the build fail."""
    from mypy import api

    report, errors, status = api.run([*_MYPY_FLAGS, *(str(BUILD.parent / source) for source in _sources())])
    print(report + errors, end="")
    return status


def build() -> None:
    """Compile COMPILED into a new .native/ and swap it in (a running process keeps the files it loaded)."""
    from mypyc.build import mypycify  # the `native` extra: a build tool, not needed to run
    from setuptools import Distribution

    root = BUILD.parent
    with tempfile.TemporaryDirectory(dir=root, prefix=".native-build-") as work:
        previous = Path.cwd()
        os.chdir(root)  # mypyc names modules after their paths
        try:
            extensions = mypycify(
                [*_MYPY_FLAGS, *_sources()], opt_level="3", target_dir=f"{work}/c", group_name="anonymizer_native"
            )
            distribution = Distribution({"ext_modules": extensions})
            distribution.verbose = False
            command = distribution.get_command_obj("build_ext")
            command.build_lib, command.build_temp = f"{work}/out", f"{work}/objects"
            distribution.run_command("build_ext")
        finally:
            os.chdir(previous)
        Path(work, "out", STAMP).write_text(stamp() + "\n")
        old = Path(work, "old")
        if BUILD.exists():
            BUILD.rename(old)
        Path(work, "out").rename(BUILD)
        shutil.rmtree(old, ignore_errors=True)


if __name__ == "__main__":
    if sys.argv[1:] == ["--check"]:
        sys.exit(check())
    build()
    print(f"Compiled the anonymizer into {BUILD}")

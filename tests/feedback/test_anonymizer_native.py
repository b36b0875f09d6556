"""The anonymizer compiled to C (feedback/anonymizer/native.py): the same output as the Python modules,
and never a build that is stale or does not load."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import feedback.anonymizer
from feedback.anonymizer import native

ROOT = Path(__file__).resolve().parents[2]

# Prints every output of the anonymizer over a corpus and the red team's texts, one JSON line per text.
OUTPUTS = """
import json, sys
import feedback.anonymizer
from feedback.anonymizer import Anonymizer
from tests.corpus.generate import generate
from tests.redteam.generate import generate as red_team

print(json.dumps(feedback.anonymizer.NATIVE))
corpus, world = generate(seed=7, identities=1500, texts=1200), red_team(seed=5, texts=400)
for identities, texts in ((corpus.identities, [s.text for s in corpus.samples]), (world.identities, world.texts)):
    anonymizer = Anonymizer.build(identities)
    for text in texts:
        text = getattr(text, "text", text)
        redaction, kept = anonymizer.redact(text), []
        found = anonymizer.scan(text, kept)
        print(json.dumps([
            redaction.text, [(f.kind, f.start, f.end, f.placeholder) for f in redaction.findings],
            [(f.kind, f.start, f.end) for f in found], kept,
            [(f.kind, f.start, f.end, f.certain) for f in anonymizer.suspicious(text)],
        ]))
"""


def _outputs(native_on: bool) -> tuple[bool, list[str]]:
    environment = {**os.environ, "ANONYMIZER_NATIVE": "1" if native_on else "0"}
    run = subprocess.run(
        [sys.executable, "-c", OUTPUTS], cwd=ROOT, env=environment, capture_output=True, text=True, check=True
    )
    first, *rows = run.stdout.splitlines()
    return json.loads(first), rows


@pytest.mark.skipif(not native.is_fresh(), reason="no compiled build of these sources (make builds one)")
def test_the_compiled_rules_redact_exactly_as_the_python_rules():
    compiled, compiled_rows = _outputs(native_on=True)
    python, python_rows = _outputs(native_on=False)

    assert (compiled, python) == (True, False)
    assert len(python_rows) == 1600
    differing = [index for index, (a, b) in enumerate(zip(compiled_rows, python_rows, strict=True)) if a != b]
    assert differing == []


def test_a_build_of_other_sources_is_never_used(tmp_path, monkeypatch):
    monkeypatch.setattr(native, "BUILD", tmp_path)
    path = ["feedback/anonymizer"]

    assert not native.is_fresh()  # nothing built
    (tmp_path / native.STAMP).write_text("a digest of the rules as they were before an edit\n")
    assert not native.is_fresh()
    assert native.activate(path) is False
    assert path == ["feedback/anonymizer"]

    (tmp_path / native.STAMP).write_text(native.stamp() + "\n")
    assert native.is_fresh()


def test_the_stamp_changes_with_any_source_of_the_package(tmp_path, monkeypatch):
    copy = tmp_path / "anonymizer"
    copy.mkdir()
    for source in native.PACKAGE.glob("*.py"):
        (copy / source.name).write_bytes(source.read_bytes())
    monkeypatch.setattr(native, "PACKAGE", copy)
    before = native.stamp()

    people = copy / "people.py"
    people.write_text(people.read_text() + "\n# an edited rule\n")

    assert native.stamp() != before


# A build stamped for these sources whose engine is not a library: the package must run its Python modules.
BROKEN_BUILD = """
import os, sys, sysconfig
from pathlib import Path
import feedback.anonymizer as package
from feedback.anonymizer import native

build = Path(sys.argv[1])
(build / "feedback" / "anonymizer").mkdir(parents=True)
(build / "feedback" / "anonymizer" / ("engine" + sysconfig.get_config_var("EXT_SUFFIX"))).write_bytes(b"not a library")
(build / native.STAMP).write_text(native.stamp())
native.BUILD = build
os.environ.pop("ANONYMIZER_NATIVE")
for name in native.COMPILED:
    sys.modules.pop("feedback.anonymizer." + name, None)
print(native.activate(package.__path__), str(build) in package.__path__[0])
from feedback.anonymizer.engine import Anonymizer
from feedback.anonymizer.types import Identity
import feedback.anonymizer.engine as engine
anonymizer = Anonymizer.build([Identity(full_name="Ingrid Johansson")])
print(engine.__file__.endswith(".py"), anonymizer.redact("Ingrid Johansson said so.").text)
"""


def test_a_build_that_does_not_load_leaves_the_python_modules_running(tmp_path):
    environment = {**os.environ, "ANONYMIZER_NATIVE": "0"}
    run = subprocess.run(
        [sys.executable, "-c", BROKEN_BUILD, str(tmp_path / "build")],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )

    assert run.stdout.splitlines() == ["False False", "True [a participant] said so."]
    assert "does not load" in run.stderr


def test_the_package_says_whether_it_runs_compiled():
    expected = native.is_fresh() and os.environ.get("ANONYMIZER_NATIVE", "1") != "0"

    assert feedback.anonymizer.NATIVE is expected

"""Run the anonymizer's rules compiled to C (mypyc) when a build of exactly these sources is there.

The compiled modules are the same code, 1.7 times faster (docs/performance.md). `make` builds them
with `python -m feedback.anonymizer.build_native` into `.native/` at the repository's root, stamped with
a digest of the package's sources and the Python they were built for. A build whose stamp differs
(a rule edited since, another Python) or that fails to load is never used: the Python modules run
instead, so an edit always takes effect. ANONYMIZER_NATIVE=0 in the environment turns it off.
"""

from __future__ import annotations

import hashlib
import importlib
import logging
import os
import sys
import sysconfig
from pathlib import Path

# The modules a text goes through; the registry's build (index, derived...) runs once and stays Python.
COMPILED = ("context", "definitions", "engine", "patterns", "people", "signs", "states", "strangers", "text")
PACKAGE = Path(__file__).resolve().parent
BUILD = PACKAGE.parents[1] / ".native"
STAMP = "stamp"
logger = logging.getLogger(__name__)


def stamp() -> str:
    """Return the digest a build must carry to be used: every source of the package, and the Python."""
    digest = hashlib.sha256(f"{sys.implementation.cache_tag} {sysconfig.get_config_var('EXT_SUFFIX')}".encode())
    for source in sorted(PACKAGE.glob("*.py")):
        digest.update(source.name.encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()


def is_fresh() -> bool:
    """Tell whether .native/ holds a build of the sources as they are now."""
    try:
        return (BUILD / STAMP).read_text().strip() == stamp()
    except OSError:
        return False


def activate(package_path: list[str]) -> bool:
    """Put a fresh build first on the package's path (called by the package before its first import)."""
    if os.environ.get("ANONYMIZER_NATIVE", "1") == "0" or not is_fresh():
        return False
    compiled_package = str(BUILD / "feedback" / "anonymizer")
    package_path.insert(0, compiled_package)
    sys.path.append(str(BUILD))  # the compiled modules' shared runtime is a top-level module
    try:
        importlib.import_module("feedback.anonymizer.engine")
    except ImportError as error:
        logger.warning("The compiled anonymizer in %s does not load (%s): running the Python modules.", BUILD, error)
        package_path.remove(compiled_package)
        sys.path.remove(str(BUILD))
        for name in COMPILED:
            sys.modules.pop(f"feedback.anonymizer.{name}", None)
        return False
    return True

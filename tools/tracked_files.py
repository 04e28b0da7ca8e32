"""Copy the files git tracks into another folder: a clean checkout without `git clone`,
used by `make bench` and by the network-free build test."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path


def copy_tracked_files(source: Path, target: Path) -> None:
    """Copy every file git tracks in ``source`` to the same path under ``target``."""
    listing = subprocess.run(
        ["git", "ls-files", "-z"], cwd=source, capture_output=True, check=True
    ).stdout
    for name in filter(None, listing.decode().split("\0")):
        if (source / name).is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source / name, target / name)

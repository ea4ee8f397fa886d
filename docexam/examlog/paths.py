"""Where the log lives: the database file and its image store beside it.

Why: the CLI, the UI and the tests must agree on one rule, and the environment variable
lets a station keep its log on a dedicated (e.g. encrypted, backed-up) volume.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

ENV_VAR = "DOCEXAM_DB"


def default_db_path(explicit: Path | str | None = None) -> Path:
    """explicit > $DOCEXAM_DB > platformdirs.user_data_dir("docexam")/examlog.sqlite."""
    if explicit is not None and str(explicit) != "":
        return Path(explicit).expanduser()
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir("docexam")) / "examlog.sqlite"


def image_store_dir(db: Path) -> Path:
    """``<db>.images``: content-addressed files ``ab/cd/<sha256>`` beside the database."""
    return db.with_name(db.name + ".images")

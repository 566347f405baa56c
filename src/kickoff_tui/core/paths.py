"""Where Kickoff keeps its files: one small module, on platformdirs.

Tests point these at ``tmp_path`` through the environment (``KICKOFF_DB``,
``KICKOFF_CONFIG_DIR``) or by passing paths explicitly.
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_config_path, user_data_path

APP_NAME = "kickoff"

#: Environment variable naming the store's main file (same as ``--db``).
DB_ENV = "KICKOFF_DB"
#: Environment variable naming the folder of user templates (mainly for tests).
CONFIG_ENV = "KICKOFF_CONFIG_DIR"


def data_dir() -> Path:
    """The per-user data folder (not created here)."""
    return user_data_path(APP_NAME, appauthor=False)


def default_db_path() -> Path:
    """The store's main file: ``$KICKOFF_DB`` if set, else ``kickoff.json`` in the data folder."""
    env = os.environ.get(DB_ENV, "").strip()
    if env:
        return Path(env).expanduser()
    return data_dir() / "kickoff.json"


def config_dir() -> Path:
    """The per-user config folder: ``$KICKOFF_CONFIG_DIR`` if set, else platformdirs'."""
    env = os.environ.get(CONFIG_ENV, "").strip()
    if env:
        return Path(env).expanduser()
    return user_config_path(APP_NAME, appauthor=False)


def templates_dir() -> Path:
    """Where user agenda templates (``*.toml``) are looked for."""
    return config_dir() / "templates"

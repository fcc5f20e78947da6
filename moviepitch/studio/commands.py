"""The studio's operator commands: `flask usage` and `flask finetune`."""

from __future__ import annotations

from flask import Flask


def register_studio_commands(app: Flask) -> None:
    """Attach `usage` and `finetune` to `flask`."""

"""`counter-app admin`: the administration window and its headless commands."""

from __future__ import annotations


def register(sub, common) -> None:
    """Add this module's sub-commands to the `counter-app` parser."""

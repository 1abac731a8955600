"""`counter-app audit …`: verify, browse and export the audit trail."""

from __future__ import annotations


def register(sub, common) -> None:
    """Add this module's sub-commands to the `counter-app` parser."""

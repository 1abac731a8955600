"""Use cases: one function = one job = one transaction. No Qt here."""

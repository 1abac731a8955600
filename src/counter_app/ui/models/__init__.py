"""Qt item models over service results (documents checklist, procedure search)."""

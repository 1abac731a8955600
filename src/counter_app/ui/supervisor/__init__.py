"""The supervisor console: live queues and counters, dossier lists, indicators, reports, charts."""

"""PySide6 windows of counter_app; they call counter_app.services, never the database."""

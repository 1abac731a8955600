"""domain layer of counter_app."""

"""ui layer of counter_app."""

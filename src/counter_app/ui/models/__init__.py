"""ui/models layer of counter_app."""

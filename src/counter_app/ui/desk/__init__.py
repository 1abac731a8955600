"""ui/desk layer of counter_app."""

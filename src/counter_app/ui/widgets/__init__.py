"""ui/widgets layer of counter_app."""

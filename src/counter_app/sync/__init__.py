"""sync layer of counter_app."""

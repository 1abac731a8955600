"""store layer of counter_app."""

"""counter_app: the reception desk of a Vietnamese one-stop public service centre."""

__version__ = "0.1.0"

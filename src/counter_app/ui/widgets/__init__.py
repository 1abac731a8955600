"""Widgets shared by the windows: field errors, person fields, picker, banner, print preview."""

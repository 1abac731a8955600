"""Tests of the pure domain layer (a package so module names do not clash with other test folders)."""

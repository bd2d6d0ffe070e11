"""Operator views of the store directory (list, search, edit, probe, CSV import/export)."""

"""Operator views of the metrics dashboard and the dispatch inspector."""

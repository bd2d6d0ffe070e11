"""Blueprints: auth, board (home and public request pages), shopper, store portal, ops."""

"""The documents: one module per kind, wording readable top to bottom; see registry.py."""

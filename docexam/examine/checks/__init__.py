"""Feature checks, one module per family of check methods (see registry.py)."""

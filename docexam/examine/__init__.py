"""Examination: identify a questioned document and check it against its reference specimen."""

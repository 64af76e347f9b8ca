"""Operator maintenance: backup, restore and consistency checks (issue 8)."""

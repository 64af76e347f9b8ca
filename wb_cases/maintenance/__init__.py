"""Operator maintenance: backup, restore and consistency checks."""

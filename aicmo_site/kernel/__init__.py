"""Shared kernel: ids, errors, domain events, the brief context; imports no app."""

"""Orchestration: the saga engine, workflow definitions, run history and executors."""

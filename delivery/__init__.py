"""Delivery: client-ready packages with their artifacts, and execution jobs."""

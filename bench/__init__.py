"""The engine's benchmark (``manage.py bench_workflow``): tooling, not product."""

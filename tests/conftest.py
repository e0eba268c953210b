"""Makes tests/ importable so tests can use the synthetic-report generator (tests/generator)."""

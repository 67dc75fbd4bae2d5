"""Benchmarks: synthetic corpus and measurement harnesses (not part of the test suite)."""

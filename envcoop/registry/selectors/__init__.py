"""Reads from the registry: list and detail queries with their filters and prefetches."""

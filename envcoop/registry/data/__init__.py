"""Data files the project owns (reference data, demo data) and the loader that reads them."""

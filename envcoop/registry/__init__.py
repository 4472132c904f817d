"""The registry of cooperation records: models, services (the only write path), selectors (reads)."""

"""envcoop: the registry and reading room of regional environmental cooperation."""

__version__ = "0.1.0"

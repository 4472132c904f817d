"""Extractors, one module per kind of fact. Each returns claims: a span of the document, a
normalised value, the extractor's name and version, and a confidence."""

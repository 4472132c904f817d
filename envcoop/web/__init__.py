"""Server-rendered pages: dashboard, lists and record pages, in en / th / vi."""

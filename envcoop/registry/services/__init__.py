"""The only write path into the registry: functions named ``<entity>_<verb>``.

Each takes keyword-only arguments, validates everything (raising Django's
ValidationError with a message per field), writes inside one transaction, and
touches nothing when the stored record already says the same thing.
"""

"""Claims to records: is what a document says about a meeting, agreement, project or
organisation about a record the registry has (or one another pending claim proposes)?

    candidates.py  what is compared: the same shape built from a claim or from a record
    rules.py       the rules per kind, each giving a score and its reasons
    resolver.py    the claims of a batch against the registry and each other
"""

"""Reading documents: parsers, normalisation, languages, segmentation, extractors, the pipeline,
and the Document / Passage / Claim records that keep every fact linked to its source span."""

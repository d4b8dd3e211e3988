"""spaCy pipeline: pkuseg tokenizer, sentence boundaries, gazetteer entity ruler."""

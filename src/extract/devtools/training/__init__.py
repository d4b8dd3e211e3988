"""NER training: developer tooling, never imported by the runtime (a contract in ``.importlinter``).

``ner_data`` builds the labelled data from the rule extractors' records (it runs them over the
labelled reports); ``ner`` trains the pipeline's NER from ``training/config.cfg`` and installs the
model the runtime loads (``extract/data/ner_model``, read by ``extract.nlp``). It sits above the
extractors in the layers because it runs them; ``reportx build-ner-data`` / ``train-ner`` call it.
"""

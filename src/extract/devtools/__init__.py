"""Developer tools: evaluation (``reportx eval``), the review page, the extractor scaffold and NER
training. The runtime never imports this package (a contract in ``.importlinter``), and editing it
keeps the flow's extraction cache (``runner.NOT_EXTRACTION``)."""

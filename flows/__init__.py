"""Prefect flows: thin wiring of the library's stages (the library never imports Prefect)."""

"""Shared vocabulary of the rule extractors (products, agencies, organisations)."""

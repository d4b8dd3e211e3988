"""reportx: Chinese healthcare industry reports in, validated and versioned JSON records out."""

__version__ = "0.1.0"

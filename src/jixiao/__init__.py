"""jixiao: budget-performance self-evaluation reports as a public static site."""

__version__ = "0.1.0"

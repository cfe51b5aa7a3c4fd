"""factcheck: a static-site generator for fact-check publishing."""

__version__ = "0.1.0"

"""The files beside the pages: open data, its schema, the search index.

Pure functions of Content or of rendered pages; never writes the output folder itself.
"""

"""Plain values every stage shares: diagnostics, the project's folders, the interface languages.

Knows no stage of the pipeline and imports none of them.
"""

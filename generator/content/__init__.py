"""Reading and checking content: YAML files with positions, the record models, cross-record checks -> Content.

Knows nothing of pages, URLs, templates or caches.
"""

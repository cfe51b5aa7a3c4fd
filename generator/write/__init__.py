"""Writing the output tree: a staging folder swapped in atomically, the build lock, retiring old trees.

Knows paths and bytes only, never pages or records.
"""

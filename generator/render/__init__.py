"""Rendering: the Jinja2 environment and theme files, pages to bytes, share images to PNG.

Never reads content files and never decides URLs.
"""

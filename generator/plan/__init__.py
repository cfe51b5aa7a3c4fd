"""Planning the site: the URL scheme, the routes, and the finished values handed to templates
(Markdown already HTML, JSON-LD already built). No I/O and no Jinja.
"""

"""What editors do around a build: start a record (`new`), bring an archive (`import`), audit a site,
check links, export the interface texts to translate (`messages`).

Each is a plain function returning data; Click is the CLI's business.
"""

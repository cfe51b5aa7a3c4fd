"""`factcheck import`: fact-checks published elsewhere (ClaimReview JSON-LD, saved HTML pages, CSV) made records.

sources reads the files named on the command line into plain review dicts (csvrows for a CSV);
body makes their HTML safe Markdown; ratings finds each one's verdict; convert turns one review
into a claim record naming its people; shape makes that a file to write (drafts left to fill at
their lines); run plans the import and writes it, never over an existing file.
"""

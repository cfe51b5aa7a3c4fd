"""`factcheck import`: fact-checks published elsewhere (ClaimReview JSON-LD, saved HTML pages, CSV) made records.

sources reads the files named on the command line into plain review dicts; body makes their HTML
safe Markdown; convert turns one review into claim and person records; run plans and writes them.
"""

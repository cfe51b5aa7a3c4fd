"""The one build engine: what changed, caches, workers, and the stages in order. `factcheck build`,
`serve`'s quick update and the background build all go through `engine.build`.
"""

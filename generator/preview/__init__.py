"""`factcheck serve`: the preview's state, its HTTP side and the file watcher. Builds only through the engine."""

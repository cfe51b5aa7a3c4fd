"""factcheck's built-in theme. This file holds no code: it makes the folder installable as the package
`generator.theme` (see pyproject.toml), which factcheck finds through importlib without importing it."""

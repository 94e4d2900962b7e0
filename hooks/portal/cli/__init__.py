"""The command line: ``python -m portal check|new|calendar|codeowners|decap|generate``."""

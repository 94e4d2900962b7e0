"""Reading and checking ``plans/``: front matter, loading, privacy, sanitizing, photos, checks."""

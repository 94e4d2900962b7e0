"""Maintainers' tools: benchmark, corpus generator, build comparison (not shipped with the package)."""

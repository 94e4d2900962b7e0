"""The build pipeline: load and check, derive, render pages through an engine, write outputs."""

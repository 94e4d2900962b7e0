"""The preview server (``python -m portal serve``): one full build, then rebuilds of what an edit touches."""

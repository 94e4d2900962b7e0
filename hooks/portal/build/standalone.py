"""A whole build driven by the core alone, for an engine without events of its own.

MkDocs calls the pipeline from its events (hooks/mkdocs_hooks.py). An engine
that can render its chrome on demand (:class:`portal.engine.StandaloneEngine`)
needs no events: every generated page is filled into a shell of that chrome,
the engine's static files are copied, and the pipeline finishes as usual.
The test with a fake engine (tests/build/test_fake_engine.py) is the proof
that MkDocs can be replaced.
"""

from __future__ import annotations

import logging
from pathlib import Path

from ..engine import StandaloneEngine
from ..model.site import Settings
from ..output import filling
from ..output.files import write_files
from ..model.site import Output
from .options import Options
from .pipeline import Build, start

log = logging.getLogger("portal.build")


def build_site(root: Path, site_dir: Path, engine: StandaloneEngine, settings: Settings,
               description: str = "", options: Options = Options()) -> Build:
    """Build the portal of ``root`` into ``site_dir`` with ``engine``; raises pipeline.BuildError."""
    static = engine.static_files()
    build, _ = start(root, settings, site_dir, options, log, docs=set(static), in_nav=set(), prune=False)
    # Every page is filled: the engine renders no page one by one.
    build.filled = sorted([*build.filled, *build.pages.values()], key=lambda p: p.path)
    build.pages.clear()
    build.shells.clear()
    for key in sorted({filling.shell_key(p, f) for p in build.filled for f in filling.forms(p)},
                      key=lambda k: (k[0], k[1], k[2].value)):
        build.shell_html[key] = engine.shell(*key)
    write_files(site_dir, [Output(path, data) for path, data in sorted(static.items())])
    build.engine_paths.extend(path.removesuffix("index.html") for path in static if path.endswith("index.html"))
    build.write_outputs()
    build.finish(engine, settings.site_url or "", description)
    return build

"""Gives Debian's Locust a version its master and workers can agree on.

Debian's python3-locust 2.12.1 ships `version = ''`. A worker announces
that empty string, and the master takes it for a pre-2.0 worker ("An old
(pre 2.0) worker tried to connect") and never starts. Every process that
runs this locustfile, master and workers alike, must set the same non-empty
version before its runner talks to the others.
"""

import importlib.metadata

import locust
import locust.runners


def ensure_version():
    """Sets locust.runners.__version__ when Locust left it empty; returns the version in use."""
    if not locust.runners.__version__:
        try:
            version = importlib.metadata.version("locust")
        except importlib.metadata.PackageNotFoundError:
            version = ""
        locust.runners.__version__ = version or "unknown"
        if not locust.__version__:
            locust.__version__ = locust.runners.__version__
    return locust.runners.__version__

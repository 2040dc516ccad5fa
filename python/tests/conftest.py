"""pytest set-up for loctext's tests: the package comes from the build tree
(PYTHONPATH=<build>/python, set by meson test); Hypothesis keeps no
database and has no deadline (the suite also runs under ASan)."""

import os

try:
    from hypothesis import settings

    settings.register_profile("loctext", database=None, deadline=None,
                              max_examples=int(os.environ.get("LOCTEXT_HYPOTHESIS_EXAMPLES", "200")))
    settings.load_profile("loctext")
except ImportError:  # property tests skip themselves
    pass


import pytest


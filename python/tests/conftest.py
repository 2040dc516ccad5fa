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

# Under UBSan, libloc's translit_icu.c (loc__translit_run) computes
# NULL + 0 when the first token a transform context sees turns into nothing
# (Any-Remove, or Any-Latin on a lone U+309D), and UBSan halts. The release
# build runs these tests in full; the sanitized run skips them until the
# library is fixed.
ubsan_translit_empty = pytest.mark.skipif(
    os.environ.get("LOCTEXT_SANITIZED") == "1",
    reason="libloc translit_icu.c: NULL + 0 on an empty first token (UBSan)")

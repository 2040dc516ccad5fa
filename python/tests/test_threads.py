"""Threads: the GIL is released in library calls and contexts are pooled,
so concurrent calls give the results of sequential ones."""

from concurrent.futures import ThreadPoolExecutor

import loctext
from loctext import idn

TEXTS = ["e\u0301 café", "Москва", "ﬁ①", "नमस्ते दुनिया", "bücher.example", "日本語のテキスト"] * 50


def _run(fn):
    expected = [fn(t) for t in TEXTS]
    with ThreadPoolExecutor(4) as ex:
        for _ in range(3):
            assert list(ex.map(fn, TEXTS)) == expected


def test_normalize_threads():
    _run(lambda t: loctext.normalize(t, "NFKD"))


def test_idn_threads():
    _run(lambda t: idn.to_ascii(t))


def test_translit_threads():
    tr = loctext.Transliterator("Any-Latin")
    _run(tr)


def test_detect_key_check_threads():
    _run(lambda t: loctext.detect(t).lang)
    _run(lambda t: loctext.key(t, folds="all"))
    _run(lambda t: [f.rule for f in loctext.check(t)])

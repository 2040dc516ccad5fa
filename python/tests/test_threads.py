"""Threads: the GIL is released in library calls and contexts are pooled,
so concurrent calls give the results of sequential ones."""

import threading
import time
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


def _ticks_during(call):
    """How far a spinning Python thread gets while call() runs: nowhere if
    the call held the GIL."""
    done = threading.Event()
    ticks = [0]

    def spin():
        while not done.is_set():
            ticks[0] += 1

    t = threading.Thread(target=spin)
    t.start()
    time.sleep(0.02)
    before = ticks[0]
    call()
    during = ticks[0] - before
    done.set()
    t.join()
    return during


def test_the_gil_is_released_in_library_calls():
    big = "e\u0301 Всички " * 300_000
    assert _ticks_during(lambda: loctext.normalize(big, "NFC")) > 100
    names = ["bücher.example", "Москва.рф", "ok.com"] * 20_000
    assert _ticks_during(lambda: idn.to_ascii_many(names)) > 100
    lines = ["\u00e9 \ufb01 \u0439 " * 40] * 20_000  # decomposed: real work in every line
    assert _ticks_during(lambda: loctext.normalize_many(lines, "NFKD")) > 100

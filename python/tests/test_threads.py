"""Threads: the GIL is released in library calls and contexts are pooled,
so concurrent calls give the results of sequential ones."""

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

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
    latin1 = "Ångström café " * 300_000  # a 1-byte str
    assert _ticks_during(lambda: loctext.normalize(latin1, "NFD")) > 100
    names = ["bücher.example", "Москва.рф", "ok.com"] * 20_000
    assert _ticks_during(lambda: idn.to_ascii_many(names)) > 100
    lines = ["\u00e9 \ufb01 \u0439 " * 40] * 20_000  # decomposed: real work in every line
    assert _ticks_during(lambda: loctext.normalize_many(lines, "NFKD")) > 100


def test_big_batches_agree_with_single_calls():
    # Enough text that the bulk helpers encode and decode without the GIL:
    # every kind of str (1, 2 and 4 bytes a character), results of every
    # width, and unchanged items returned as they are.
    items = ["café", "e\u0301", "Всички хора", "😀 e\u0301 \U00010400", "ascii", "ß①"] * 400
    for form in ("NFC", "NFD", "NFKC", "NFKD", "NFKC_CF"):
        assert loctext.normalize_many(items, form) == [loctext.normalize(s, form) for s in items]
    same = loctext.normalize_many(items, "NFC")
    assert same[4] is items[4]
    names = ["bücher.example", "Москва.рф", "ok.com", "-bad.com"] * 600
    assert [r.output for r in idn.to_ascii_many(names)] == [idn.to_ascii(n).output for n in names]


def test_big_batch_with_a_lone_surrogate_names_the_item():
    items = ["Всички хора"] * 1000 + ["ab\udc80"] + ["x"] * 10
    with pytest.raises(ValueError, match=r"item 1000: text has a lone surrogate U\+DC80 at index 2"):
        loctext.normalize_many(items)

"""Threads: the GIL is released in library calls and contexts are pooled,
so concurrent calls give the results of sequential ones."""

import os
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


LINES = ["Всички хора се раждат свободни и равни", "All human beings are born free",
         "Tous les êtres humains naissent libres", "すべての人間は、生まれながらにして自由",
         "सभी मनुष्यों को गौरव और अधिकारों के मामले में", "😀 e\u0301 \U00010400 ß①", ""] * 300


def _two_threads_agree(bulk):
    """bulk() over LINES split between two threads, several times over,
    gives what one thread gets."""
    expected = bulk(LINES)
    half = len(LINES) // 2
    parts = [LINES[:half], LINES[half:]]
    with ThreadPoolExecutor(2) as ex:
        for _ in range(3):
            got = list(ex.map(bulk, parts))
            assert got[0] + got[1] == expected
    return expected


def test_detect_many_and_key_many_in_two_threads():
    expected = _two_threads_agree(lambda L: loctext.detect_many(L, top=3))
    assert expected == [loctext.detect(s, top=3) for s in LINES]
    keyer = loctext.Keyer(folds="all")
    expected = _two_threads_agree(keyer.key_many)
    assert expected == [keyer.key(s) for s in LINES]


NAMES = ["bücher.example", "Москва.рф", "ok.com", "-bad.com", "a\u200db.com", "раураl.com",
         "日本.jp", "", "a..b", "a\u00adb.com", "xn--bcher-kva.example"] * 300


def _idn_fields(r):
    return (r.ok, r.output, r.level, r.label_levels, r.errors, r.warnings, r.truncated)


@pytest.mark.parametrize("kw", [{}, {"profile": "uts46"}, {"max_level": "single-script"}])
def test_check_many_in_two_threads(kw):
    # the levels come with the results, the errors and warnings when read
    expected = [_idn_fields(idn.check(n, **kw)) for n in NAMES]
    with ThreadPoolExecutor(2) as ex:
        for _ in range(2):
            got = list(ex.map(lambda L: idn.check_many(L, **kw), [NAMES[:1650], NAMES[1650:]]))
            assert [_idn_fields(r) for r in got[0] + got[1]] == expected


def test_detect_many_and_key_many_release_the_gil():
    lines = ["Всички хора се раждат свободни и равни по достойнство и права"] * 20_000
    assert _ticks_during(lambda: loctext.detect_many(lines)) > 100
    assert _ticks_during(lambda: loctext.key_many(lines, folds="all")) > 100
    names = ["bücher.example", "Москва.рф", "ok.com"] * 20_000
    assert _ticks_during(lambda: idn.check_many(names)) > 100


@pytest.mark.parametrize("before", [0, 3, 1000, 2500])
def test_bulk_helpers_name_the_item_with_a_lone_surrogate(before):
    # 3: a short call that keeps the GIL; 1000 and 2500: in a later chunk
    items = ["Всички хора"] * before + ["ab\udc80"] + ["x"] * 10
    msg = rf"item {before}: text has a lone surrogate U\+DC80 at index 2"
    with pytest.raises(ValueError, match=msg):
        loctext.detect_many(items)
    with pytest.raises(ValueError, match=msg):
        loctext.key_many(items)
    with pytest.raises(ValueError, match=msg.replace("text", "name")):
        idn.check_many(items)
    # and the thread's buffers are still good afterwards
    assert loctext.detect_many(LINES[:7]) == [loctext.detect(s) for s in LINES[:7]]


def test_bulk_helpers_survive_a_finalizer_that_calls_them():
    # Detection results are tuples the garbage collector tracks: making
    # them can run a finalizer, here one that makes a bulk call of its own
    # on the same thread while the outer call still reads its results.
    import gc

    nested = []

    class Cycle:
        def __init__(self):
            self.me = self

        def __del__(self):
            nested.append(loctext.detect_many(["Bonjour tout le monde"] * 50))
            loctext.key_many(["Ωμέγα"] * 50)
            idn.check_many(["παράδειγμα.δοκιμή"] * 50)

    lines = LINES[:700]
    expected = [loctext.detect(s) for s in lines]
    names_expected = [_idn_fields(idn.check(n)) for n in NAMES[:700]]
    old = gc.get_threshold()
    gc.set_threshold(5)
    try:
        for _ in range(3):
            for _ in range(50):
                Cycle()
            assert loctext.detect_many(lines) == expected
            assert [_idn_fields(r) for r in idn.check_many(NAMES[:700])] == names_expected
    finally:
        gc.set_threshold(*old)
    gc.collect()
    assert nested and all(r == nested[0] for r in nested)


def _rss():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


@pytest.mark.skipif(os.environ.get("LOCTEXT_SANITIZED") == "1" or not os.path.exists("/proc/self/statm"),
                    reason="ASan keeps freed memory in quarantine; needs /proc")
def test_per_thread_buffers_are_freed_when_the_thread_ends():
    # Each thread encodes a 240 kB text into its scratch buffer (detect; just
    # under the size above which the str's own UTF-8 form is used) and
    # fills the bulk buffers; 300 threads one after another would keep
    # some 70 MB if the buffers outlived their threads.
    text = "Всички хора се раждат свободни " * 2600
    lines = [text[:2000]] * 100

    def work():
        loctext.detect(text)
        loctext.key_many(lines)
        loctext.detect_many(lines)

    def threads(k):
        for _ in range(k):
            t = threading.Thread(target=work)
            t.start()
            t.join()

    threads(20)  # warm up: the allocator's own caches
    before = _rss()
    threads(300)
    grown = _rss() - before
    assert grown < 16 << 20, f"RSS grew by {grown >> 20} MiB over 300 threads"

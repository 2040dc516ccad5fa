"""loctext side by side with the Python peers, in one run.

  normalize (a line at a time) vs PyICU's Normalizer2 and unicodedata;
  IDNA ToASCII vs idna (IDNA 2008 with UTS #46 mapping, full checks) and
  PyICU's IDNA; transforms vs PyICU's Transliterator; whole-corpus
  throughput with the bulk helpers; 2 threads against 1 (normalize, IDNA,
  detect, key and a transform).

Usage: bench.py CORPUS_DIR NAMES_FILE [--quick] [--threads-only]
Prints a Markdown table: CPU times, the best of REPEAT passes; the thread
rows the median wall-clock time of THREAD_RUNS runs (1 and 2 threads
alternating, each run at least THREAD_MIN_SECONDS of CPU time for one
thread), with the load average of the machine before and after them; each
2-thread ratio is also given as a share of the control's (hashlib, which
shares nothing), run between that row's runs.
"""

import glob
import hashlib
import os
import statistics
import sys
import threading
import time
import unicodedata

import loctext
from loctext import idn as lidn

try:
    import icu
except ImportError:
    icu = None
try:
    import idna
except ImportError:
    idna = None

corpus_dir, names_file = sys.argv[1], sys.argv[2]
QUICK = "--quick" in sys.argv
REPEAT = 1 if QUICK else 3
THREAD_RUNS = 5 if QUICK else 7
THREADS_ONLY = "--threads-only" in sys.argv

lines = []
for path in sorted(glob.glob(os.path.join(corpus_dir, "*.txt"))):
    with open(path, encoding="utf-8") as f:
        lines.extend(line.rstrip("\n") for line in f)
with open(names_file, encoding="utf-8") as f:
    names = [n.rstrip("\n") for n in f]
if QUICK:
    lines, names = lines[::10], names[:20000]
corpus_bytes = sum(len(s.encode()) for s in lines)


def fresh(items):
    """New str objects: no implementation may reuse a UTF-8 (or other)
    form cached in the str by an earlier pass (bytes are used as they are)."""
    return [s.encode().decode() if isinstance(s, str) else s for s in items]


def best(fn, items, clock=time.process_time):
    """Best of REPEAT timed passes of fn(items) after one untimed warm-up
    pass (transform compilation, caches of the peers), each on fresh copies
    of the items. CPU time of the process by default: the machine is shared,
    and CPU time does not count the time other processes take."""
    prepare = getattr(fn, "prepare", None)
    (prepare() if prepare else fn)(fresh(items))
    t = float("inf")
    for _ in range(REPEAT):
        data = fresh(items)
        run = prepare() if prepare else fn
        t0 = clock()
        run(data)
        t = min(t, clock() - t0)
    return t


rows = []


def row(task, impl, seconds, n, nbytes, base=None):
    rows.append((task, impl, seconds, n, nbytes, base))


def ratio_vs(task, impl):
    for r in rows:
        if r[0] == task and r[1] == impl:
            return r[2]
    return None


names_bytes = sum(len(n.encode()) for n in names)
if not THREADS_ONLY:
    # ---------- normalization, a line at a time ----------
    for form in ("NFC", "NFD", "NFKC_CF"):
        task = f"normalize {form}, per line"
        norm = loctext.normalize
        row(task, "loctext.normalize", best(lambda L: [norm(s, form) for s in L], lines), len(lines), corpus_bytes)
        if icu:
            mode = icu.UNormalizationMode2.DECOMPOSE if form == "NFD" else icu.UNormalizationMode2.COMPOSE
            n2 = icu.Normalizer2.getInstance(None, "nfkc_cf" if form == "NFKC_CF" else "nfc", mode)
            row(task, "PyICU Normalizer2", best(lambda L: [n2.normalize(s) for s in L], lines), len(lines),
                corpus_bytes)
        if form != "NFKC_CF":
            row(task, "unicodedata.normalize",
                best(lambda L: [unicodedata.normalize(form, s) for s in L], lines), len(lines), corpus_bytes)
        row(f"normalize {form}, whole corpus", "loctext.normalize_many",
            best(lambda L: loctext.normalize_many(L, form), lines), len(lines), corpus_bytes)

    # ---------- IDNA ToASCII ----------
    task = "IDNA ToASCII, per name"
    row(task, "loctext.idn.to_ascii", best(lambda L: [lidn.to_ascii(n) for n in L], names), len(names),
        names_bytes)


    def idna_all(L):
        for n in L:
            try:
                idna.encode(n, uts46=True)
            except (idna.IDNAError, UnicodeError, ValueError):
                pass


    if idna:
        row(task, "idna.encode(uts46=True)", best(idna_all, names), len(names), names_bytes)
    if icu:
        uts = icu.IDNA(icu.IDNA.CHECK_NONTRANSITIONAL_TO_ASCII | icu.IDNA.CHECK_BIDI |
                       icu.IDNA.CHECK_CONTEXTJ | icu.IDNA.USE_STD3_RULES)

        def icu_all(L):
            for n in L:
                try:
                    uts.nameToASCII(n)
                except icu.ICUError:
                    pass

        row(task, "PyICU IDNA.nameToASCII", best(icu_all, names), len(names), names_bytes)
    row("IDNA ToASCII, all names", "loctext.idn.to_ascii_many", best(lambda L: lidn.to_ascii_many(L), names),
        len(names), names_bytes)

# ---------- transforms ----------
def corpus_lines(code):
    path = os.path.join(corpus_dir, code + ".txt")
    with open(path, encoding="utf-8") as f:
        return [s.rstrip("\n") for s in f]


transforms = [("Cyrillic-Latin", corpus_lines("rus")), ("Greek-Latin", corpus_lines("ell_monotonic")
              if os.path.exists(os.path.join(corpus_dir, "ell_monotonic.txt")) else corpus_lines("ell")),
              ("Devanagari-Latin", corpus_lines("hin")), ("Any-Latin", lines)]
for tid, tl in ([] if THREADS_ONLY else transforms):
    task = f"transform {tid}, per line"
    nb = sum(len(s.encode()) for s in tl)
    # A new Transliterator per pass (untimed; the compiled transform is
    # shared), so its per-word cache starts empty as it would on new text.
    def per_line():
        tr = loctext.Transliterator(tid)
        return lambda L: [tr(s) for s in L]

    def bulk():
        tr = loctext.Transliterator(tid)
        return lambda L: tr.transliterate_many(L)

    def timed(prepare):
        f = prepare()
        f.prepare = prepare
        return f

    row(task, "loctext.Transliterator", best(timed(per_line), tl), len(tl), nb)
    if icu:
        it = icu.Transliterator.createInstance(tid)
        row(task, "PyICU Transliterator", best(lambda L: [it.transliterate(s) for s in L], tl), len(tl), nb)
    row(f"transform {tid}, all lines", "loctext transliterate_many",
        best(timed(bulk), tl), len(tl), nb)


# ---------- threads ----------
THREAD_MIN_SECONDS = 0.1 if QUICK else 0.3


def threaded(fn, k, reps):
    """fn over the items split into k contiguous parts, one thread each,
    every thread going over its part reps times. Contiguous, as a pipeline
    gives each thread batches of its own: with the items dealt out in turn
    (items[i::k]), neighbouring str objects, which share cache lines, go to
    different threads, and the reference counts written on both sides cost
    two threads about 10% more CPU time than one for the same work."""
    def go(items):
        n = len(items)
        parts = [items[i * n // k:(i + 1) * n // k] for i in range(k)]

        def work(part):
            for _ in range(reps):
                fn(part)

        ts = [threading.Thread(target=work, args=(p,)) for p in parts]
        for t in ts:
            t.start()
        for t in ts:
            t.join()
    return go


def norm_work(chunk):
    for s in chunk:
        loctext.normalize(s, "NFD")


def idn_work(chunk):
    for n in chunk:
        lidn.to_ascii(n)


def norm_bulk(chunk):
    for i in range(0, len(chunk), 1000):
        loctext.normalize_many(chunk[i:i + 1000], "NFD")


def idn_bulk(chunk):
    for i in range(0, len(chunk), 1000):
        lidn.to_ascii_many(chunk[i:i + 1000])


def detect_bulk(chunk):
    for i in range(0, len(chunk), 1000):
        loctext.detect_many(chunk[i:i + 1000])


keyer = loctext.Keyer(folds="all")


def key_bulk(chunk):
    for i in range(0, len(chunk), 1000):
        keyer.key_many(chunk[i:i + 1000])


tr_any = loctext.Transliterator("Cyrillic-Latin", lines=True)  # lines: no word cache
rus = transforms[0][1] * 4


def tr_work(chunk):
    for s in chunk:
        tr_any(s)


# A control: hashlib releases the GIL for the whole digest of a large block
# and shares nothing, so its ratio is what the machine gave two threads
# during the run (other processes on a shared machine take cores).
blocks = [b"%d" % i * (1 << 20) for i in range(24)]


def sha_work(chunk):
    for b in chunk:
        hashlib.sha256(b).digest()


def calibrated(fn, items):
    """threaded(fn, k) for 1 and 2 threads, going over the items as many
    times as it takes one thread THREAD_MIN_SECONDS of CPU time."""
    data = fresh(items)
    c0 = time.process_time()
    fn(data)
    once = time.process_time() - c0
    reps = max(1, int(-(-THREAD_MIN_SECONDS // max(once, 1e-6))))
    return reps, {k: threaded(fn, k, reps) for k in (1, 2)}


def thread_runs(fn, items, control=None):
    """Median wall-clock and CPU times of THREAD_RUNS runs of fn with 1 and
    2 threads, alternating; with a control (fn, items), each run of fn is
    followed by a run of the control with 1 and 2 threads, so that both see
    the same load."""
    reps, fns = calibrated(fn, items)
    cfns = calibrated(*control)[1] if control else None
    walls, cpus = {1: [], 2: []}, {1: [], 2: []}
    cwalls = {1: [], 2: []}
    for _ in range(THREAD_RUNS):
        for k in (1, 2):
            data = fresh(items)
            w0, c0 = time.perf_counter(), time.process_time()
            fns[k](data)
            walls[k].append(time.perf_counter() - w0)
            cpus[k].append(time.process_time() - c0)
        if cfns:
            for k in (1, 2):
                w0 = time.perf_counter()
                cfns[k](control[1])
                cwalls[k].append(time.perf_counter() - w0)
    med = {k: (statistics.median(walls[k]), statistics.median(cpus[k])) for k in (1, 2)}
    cratio = statistics.median(cwalls[1]) / statistics.median(cwalls[2]) if cfns else None
    return reps, med, cratio


load_before = os.getloadavg()
control = None
for label, fn, items, nb in (("control: hashlib.sha256 of 1 MB blocks", sha_work, blocks, 24 << 20),
                             ("normalize NFD per line", norm_work, lines, corpus_bytes),
                             ("normalize NFD, normalize_many by 1000", norm_bulk, lines, corpus_bytes),
                             ("IDNA ToASCII per name", idn_work, names, names_bytes),
                             ("IDNA ToASCII, to_ascii_many by 1000", idn_bulk, names, names_bytes),
                             ("detect, detect_many by 1000", detect_bulk, lines, corpus_bytes),
                             ("key (folds all), key_many by 1000", key_bulk, lines, corpus_bytes),
                             ("transform Cyrillic-Latin per line", tr_work, rus,
                              sum(len(s.encode()) for s in rus))):
    # Wall clock here: the point is how much sooner two threads finish.
    # Starting threads and the GIL's 5 ms switch interval are small parts of
    # a run of THREAD_MIN_SECONDS. On a shared machine the wall-clock ratio
    # also measures the other processes, so the median CPU time over the
    # median wall time is reported too (how many threads ran at once; a GIL
    # held in the calls keeps it near 1), and the control is run between
    # the runs of each row: the row's ratio is also given as a share of
    # that control ratio, what the machine gave two threads at the time.
    is_control = label.startswith("control")
    reps, med, control = thread_runs(fn, items, None if is_control else (sha_work, blocks))
    ratio = med[1][0] / med[2][0]
    note = "" if is_control else f"; control in between: {control:.2f}x, so {ratio / control:.2f} of it"
    for k in (1, 2):
        wall, cpu = med[k]
        row(f"threads: {label}", f"{k} thread{'s' if k > 1 else ''} (CPU/wall {cpu / wall:.2f})",
            wall, len(items) * reps, nb * reps, base=med[1][0] if k > 1 else None)
        if k > 1:
            rows[-1] = rows[-1] + (note,)

load_after = os.getloadavg()

# ---------- report ----------
print(f"loctext {loctext.__version__} ({', '.join(f'{k} {v}' for k, v in loctext.versions().items())}); "
      f"PyICU {icu.VERSION if icu else '-'}, idna {getattr(idna, '__version__', '3.3') if idna else '-'}, "
      f"Python {sys.version.split()[0]}")
print(f"corpus: {len(lines)} lines, {corpus_bytes / 1e6:.1f} MB; names: {len(names)}; best of {REPEAT} "
      f"after a warm-up pass; CPU time, except the thread rows: median wall-clock time of "
      f"{THREAD_RUNS} runs, 1 and 2 threads alternating, each at least {THREAD_MIN_SECONDS} s "
      f"of CPU time for one thread (the items repeated), the control run between the runs of each row")
print(f"machine: {os.cpu_count()} CPUs; load average (1, 5, 15 min) before the thread rows "
      f"{' '.join(f'{x:.2f}' for x in load_before)}, after {' '.join(f'{x:.2f}' for x in load_after)}\n")
print("| task | implementation | time (s) | items/s | MB/s | loctext speed-up |")
print("|---|---|---:|---:|---:|---:|")
for task, impl, sec, n, nb, base, *note in rows:
    ours = [r for r in rows if r[0] == task and r[1].startswith("loctext")]
    if base is not None:
        speed = f"{base / sec:.2f}x vs 1 thread" + (note[0] if note else "")
    elif ours and not impl.startswith("loctext"):
        speed = f"{sec / ours[0][2]:.2f}x"
    else:
        speed = ""
    print(f"| {task} | {impl} | {sec:.3f} | {n / sec:,.0f} | {nb / sec / 1e6:.1f} | {speed} |")

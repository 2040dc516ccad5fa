/* Script runs and summaries: runs cover the text exactly, in order, each
 * non-empty with a known code; feeding the text in pieces cut anywhere gives
 * the same runs as one pass; a summary counts every character once. */
#include "fuzz.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

/* ---------- oracle: the rules of loc/script.h, stated plainly ----------
 * Whole text at once, ICU asked for every character, no caches and no fast
 * paths: the library's optimisations must not change any run. */

typedef struct oset {
  bool has[256];
} oset;

static oset char_set(UChar32 c) {
  oset s = {{false}};
  UErrorCode e = U_ZERO_ERROR;
  UScriptCode scx[256];
  int32_t n = uscript_getScriptExtensions(c, scx, 256, &e);
  for (int32_t i = 0; i < n; i++)
    s.has[scx[i]] = true;
  if (s.has[USCRIPT_HAN] || s.has[USCRIPT_HIRAGANA] || s.has[USCRIPT_KATAKANA])
    s.has[USCRIPT_JAPANESE] = true;
  if (s.has[USCRIPT_HAN] || s.has[USCRIPT_HANGUL])
    s.has[USCRIPT_KOREAN] = true;
  return s;
}

static bool intersect(oset *a, const oset *b) {
  oset r;
  bool any = false;
  for (int i = 0; i < 256; i++)
    any |= (r.has[i] = a->has[i] && b->has[i]);
  if (any)
    *a = r;
  return any;
}

typedef struct orun {
  bool wild, any_common;
  int32_t first;
  oset set;
} orun;

static int32_t oresolve(const orun *r) {
  if (r->wild)
    return r->any_common ? USCRIPT_COMMON : USCRIPT_INHERITED;
  int n = 0, lowest = -1;
  for (int i = 0; i < 256; i++)
    if (r->set.has[i]) {
      n++;
      if (lowest < 0)
        lowest = i;
    }
  if (r->first >= 0 && r->set.has[r->first])
    return r->first;
  if (n > 1 && r->set.has[USCRIPT_JAPANESE])
    return USCRIPT_JAPANESE;
  if (n > 1 && r->set.has[USCRIPT_KOREAN])
    return USCRIPT_KOREAN;
  return lowest;
}

typedef struct obracket {
  UChar32 close;
  long run;      /* index of the run it opened in */
} obracket;

static UChar32 canon(UChar32 c) { return c == 0x2329 ? 0x3008 : c == 0x232A ? 0x3009 : c; }

/* Returns the number of runs written to out (at most cap). */
static size_t oracle(const uint8_t *s, size_t size, loc_script_run *out, size_t cap) {
  static orun done[FUZZ_MAX_INPUT + 1]; /* final state of every run */
  obracket stack[LOC_SCRIPT_BRACKET_DEPTH];
  size_t depth = 0, n = 0;
  orun cur = {true, false, -1, {{false}}};
  size_t start = 0;
  int32_t i = 0;
  bool open = false;
  while ((size_t)i < size) {
    int32_t at = i;
    UChar32 c;
    U8_NEXT(s, i, (int32_t)size, c);
    if (!open) {
      cur = (orun){true, false, -1, {{false}}};
      start = (size_t)at;
      open = true;
    }
    if (c < 0) {
      cur.any_common = true;
      continue;
    }
    UErrorCode e = U_ZERO_ERROR;
    int32_t sc = uscript_getScript(c, &e);
    oset set = char_set(c);
    int bpt = u_getIntPropertyValue(c, UCHAR_BIDI_PAIRED_BRACKET_TYPE);
    if (bpt == U_BPT_CLOSE) {
      size_t k = depth;
      while (k > 0 && stack[k - 1].close != canon(c))
        k--;
      if (k > 0) {
        obracket b = stack[k - 1];
        depth = k - 1;
        if (b.run == (long)n) { /* opened in this run */
          cur.any_common = true;
          continue;
        }
        orun *o = &done[b.run];
        if (!o->wild) {
          if (!intersect(&cur.set, &o->set)) {
            out[n] = (loc_script_run){start, (size_t)at, oresolve(&cur), ""};
            done[n++] = cur;
            FUZZ_CHECK(n < cap);
            cur = (orun){false, false, oresolve(o), o->set};
            start = (size_t)at;
          }
          continue;
        }
        cur.any_common = true;
        continue;
      }
    }
    if (sc != USCRIPT_COMMON && sc != USCRIPT_INHERITED) {
      if (cur.wild) {
        cur.wild = false;
        cur.set = set;
        cur.first = sc;
      } else if (!intersect(&cur.set, &set)) {
        out[n] = (loc_script_run){start, (size_t)at, oresolve(&cur), ""};
        done[n++] = cur;
        FUZZ_CHECK(n < cap);
        cur = (orun){false, false, sc, set};
        start = (size_t)at;
      }
    } else {
      if (sc == USCRIPT_COMMON)
        cur.any_common = true;
      if (!cur.wild)
        intersect(&cur.set, &set); /* Zyyy/Zinh-only sets never overlap a run's */
    }
    if (bpt == U_BPT_OPEN) {
      if (depth == LOC_SCRIPT_BRACKET_DEPTH) { /* forget the oldest */
        memmove(stack, stack + 1, (depth - 1) * sizeof *stack);
        depth--;
      }
      stack[depth++] = (obracket){canon(u_getBidiPairedBracket(c)), (long)n};
    }
  }
  if (open) {
    out[n] = (loc_script_run){start, size, oresolve(&cur), ""};
    n++;
  }
  return n;
}

static void check_runs(const char *s, size_t size, const loc_script_run *r, size_t n) {
  FUZZ_CHECK((n == 0) == (size == 0));
  for (size_t i = 0; i < n; i++) {
    FUZZ_CHECK(r[i].start < r[i].end);
    FUZZ_CHECK(r[i].start == (i ? r[i - 1].end : 0));
    FUZZ_CHECK(r[i].code[4] == '\0' && strlen(r[i].code) == 4);
    int32_t sc;
    FUZZ_CHECK(loc_script_parse(r[i].code, &sc) == LOC_OK && sc == r[i].script);
    FUZZ_CHECK(strcmp(loc_script_name(r[i].script), r[i].code) == 0);
  }
  if (n)
    FUZZ_CHECK(r[n - 1].end == size);
  (void)s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > FUZZ_MAX_INPUT)
    return 0;
  const char *s = (const char *)data;
  loc_script_run *runs;
  size_t n;
  FUZZ_CHECK(loc_script_runs(s, size, &runs, &n) == LOC_OK);
  check_runs(s, size, runs, n);

  loc_script_run *want = malloc((size + 1) * sizeof *want);
  FUZZ_CHECK(want != NULL);
  size_t nw = oracle(data, size, want, size + 1);
  FUZZ_CHECK(nw == n);
  for (size_t i = 0; i < n; i++)
    FUZZ_CHECK(want[i].start == runs[i].start && want[i].end == runs[i].end &&
               want[i].script == runs[i].script);
  free(want);

  /* Pieces of pseudo-random lengths (0..16 bytes), cut anywhere. */
  loc_script_iter *it;
  FUZZ_CHECK(loc_script_iter_new(&it) == LOC_OK);
  uint32_t seed = (uint32_t)size * 2654435761u;
  for (size_t i = 0; i < size; i++)
    seed = seed * 31 + data[i];
  size_t pos = 0, k = 0;
  loc_script_run r;
  for (;;) {
    seed = seed * 1103515245u + 12345u;
    size_t piece = (seed >> 16) % 17;
    if (piece > size - pos)
      piece = size - pos;
    FUZZ_CHECK(loc_script_iter_feed(it, s + pos, piece) == LOC_OK);
    pos += piece;
    while (loc_script_iter_next(it, &r)) {
      FUZZ_CHECK(k < n);
      FUZZ_CHECK(r.start == runs[k].start && r.end == runs[k].end &&
                 r.script == runs[k].script);
      FUZZ_CHECK(r.end <= pos);
      k++;
    }
    if (pos == size)
      break;
  }
  FUZZ_CHECK(loc_script_iter_finish(it) == LOC_OK);
  while (loc_script_iter_next(it, &r)) {
    FUZZ_CHECK(k < n && r.start == runs[k].start && r.end == runs[k].end &&
               r.script == runs[k].script);
    k++;
  }
  FUZZ_CHECK(k == n);
  loc_script_iter_free(it);
  loc_free(runs);

  /* Summary: code points plus one per ill-formed subpart, whether the text
   * comes at once or in pieces cut between characters. */
  uint64_t chars = 0;
  size_t from = 0;
  loc_utf8_error e;
  while (loc_utf8_next_error(s, size, from, &e)) {
    chars += loc_utf8_count_chars(s + from, e.offset - from) + 1;
    from = e.offset + e.length;
  }
  chars += loc_utf8_count_chars(s + from, size - from);
  loc_script_summary *whole, *pieces;
  FUZZ_CHECK(loc_script_summary_new(&whole) == LOC_OK);
  FUZZ_CHECK(loc_script_summary_new(&pieces) == LOC_OK);
  FUZZ_CHECK(loc_script_summary_add(whole, s, size) == LOC_OK);
  FUZZ_CHECK(loc_script_summary_total(whole) == chars);
  size_t half = size / 2;
  while (half > 0 && half < size && (data[half] & 0xC0) == 0x80)
    half--; /* cut before a continuation byte would split a character */
  if (half > 0 && (data[half] & 0xC0) == 0x80)
    half = 0;
  loc_script_summary_add(pieces, s, half);
  loc_script_summary_add(pieces, s + half, size - half);
  FUZZ_CHECK(loc_script_summary_total(pieces) == chars);
  FUZZ_CHECK(loc_script_summary_dominant(pieces) == loc_script_summary_dominant(whole));
  size_t ns = loc_script_summary_list(whole, NULL, 0);
  loc_script_count list[256];
  FUZZ_CHECK(ns <= 256 && loc_script_summary_list(whole, list, 256) == ns);
  uint64_t sum = 0;
  for (size_t i = 0; i < ns; i++) {
    sum += list[i].count;
    FUZZ_CHECK(loc_script_summary_count(pieces, list[i].script) == list[i].count);
  }
  FUZZ_CHECK(sum == chars);
  loc_script_summary_free(whole);
  loc_script_summary_free(pieces);
  return 0;
}

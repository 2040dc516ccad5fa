/* Script runs and summaries: runs cover the text exactly, in order, each
 * non-empty with a known code; feeding the text in pieces cut anywhere gives
 * the same runs as one pass; a summary counts every character once. */
#include "fuzz.h"

static void check_runs(const char *s, size_t size, const loc_script_run *r, size_t n) {
  FUZZ_CHECK((n == 0) == (size == 0));
  for (size_t i = 0; i < n; i++) {
    FUZZ_CHECK(r[i].start < r[i].end);
    FUZZ_CHECK(r[i].start == (i ? r[i - 1].end : 0));
    FUZZ_CHECK(r[i].code[4] == '\0' && strlen(r[i].code) == 4);
    int32_t sc;
    FUZZ_CHECK(loc_script_from_code(r[i].code, &sc) == LOC_OK && sc == r[i].script);
    FUZZ_CHECK(strcmp(loc_script_code(r[i].script), r[i].code) == 0);
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

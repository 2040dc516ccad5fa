/* Segmentation: for every kind, segments cover the text exactly, in order,
 * never empty, with boundaries only between characters (an ill-formed
 * subpart counts as one character); the iterator, loc_segment_all() and
 * loc_segment_line_breaks() agree; the text repaired with U+FFFD segments the same;
 * and word and sentence boundaries are grapheme boundaries where UAX #29
 * guarantees it (see aligned_text()). The plain-rule segmenters of
 * loc_segmenter_new_uax() are held to the same cover, type and repair
 * properties. */
#include "fuzz.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

/* UAX #29 keeps word and sentence boundaries on grapheme boundaries, except
 * around characters whose grapheme property the word/sentence rules do not
 * mirror: Prepend, SpacingMark (some are letters there, like U+0E33),
 * conjoining jamo L/V/T, emoji modifiers (Extend for graphemes only), and,
 * for words, regional indicators (WB15/16 count pairs across Extend and
 * Format, GB12/13 do not). Checked on millions of random strings of those
 * and other characters before asserting. */
static bool aligned_text(const uint8_t *s, int32_t size, loc_segment_kind kind) {
  for (int32_t i = 0; i < size;) {
    UChar32 c;
    U8_NEXT(s, i, size, c);
    if (c < 0)
      continue;
    int g = u_getIntPropertyValue(c, UCHAR_GRAPHEME_CLUSTER_BREAK);
    if (g == U_GCB_PREPEND || g == U_GCB_SPACING_MARK || g == U_GCB_L || g == U_GCB_V ||
        g == U_GCB_T || u_hasBinaryProperty(c, UCHAR_EMOJI_MODIFIER))
      return false;
    if (kind == LOC_BREAK_WORD && g == U_GCB_REGIONAL_INDICATOR)
      return false;
  }
  return true;
}

static void check_types(loc_segment_kind kind, loc_segment_type t) {
  switch (kind) {
  case LOC_BREAK_GRAPHEME:
    FUZZ_CHECK(t == LOC_SEG_GRAPHEME);
    break;
  case LOC_BREAK_WORD:
    FUZZ_CHECK(t <= LOC_SEG_IDEO);
    break;
  case LOC_BREAK_SENTENCE:
    FUZZ_CHECK(t == LOC_SEG_TERM || t == LOC_SEG_SEP);
    break;
  default:
    FUZZ_CHECK(t == LOC_SEG_SOFT || t == LOC_SEG_HARD);
  }
}

static loc_segmenter *uax[LOC_BREAK_KIND_COUNT_];

static void check_uax(loc_segment_kind kind, const char *s, size_t size, const bool *start,
                      const size_t *map, const char *fixed, size_t flen) {
  if (uax[kind] == NULL)
    FUZZ_CHECK(loc_segmenter_new_uax(kind, &uax[kind]) == LOC_OK);
  loc_segment *segs, *fsegs;
  size_t n, fn;
  FUZZ_CHECK(loc_segment_all(uax[kind], kind, s, size, &segs, &n) == LOC_OK);
  FUZZ_CHECK((n == 0) == (size == 0));
  for (size_t i = 0; i < n; i++) {
    FUZZ_CHECK(segs[i].start == (i ? segs[i - 1].end : 0));
    FUZZ_CHECK(segs[i].end > segs[i].start && segs[i].end <= size);
    FUZZ_CHECK(start[segs[i].end]);
    check_types(kind, segs[i].type);
  }
  if (n)
    FUZZ_CHECK(segs[n - 1].end == size);
  FUZZ_CHECK(loc_segment_all(uax[kind], kind, fixed, flen, &fsegs, &fn) == LOC_OK);
  FUZZ_CHECK(fn == n);
  for (size_t i = 0; i < n; i++)
    FUZZ_CHECK(fsegs[i].end == map[segs[i].end] && fsegs[i].type == segs[i].type);
  loc_free(fsegs);
  loc_free(segs);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > FUZZ_MAX_INPUT)
    return 0;
  const char *s = (const char *)data;
  int32_t n32 = (int32_t)size;
  /* character starts; map[i] = offset of the character at i in the repaired text */
  bool *start = calloc(size + 1, sizeof *start);
  size_t *map = calloc(size + 1, sizeof *map);
  FUZZ_CHECK(start && map);
  size_t rlen = 0;
  for (int32_t i = 0; i < n32;) {
    int32_t at = i;
    UChar32 c;
    U8_NEXT(data, i, n32, c);
    start[at] = true;
    map[at] = rlen;
    rlen += c < 0 ? 3 : (size_t)U8_LENGTH(c);
  }
  start[size] = true;
  map[size] = rlen;
  char *fixed = NULL;
  size_t flen;
  FUZZ_CHECK(loc_utf8_replace_alloc(s, size, &fixed, &flen) == LOC_OK && flen == rlen);

  bool *gb = calloc(size + 1, sizeof *gb); /* grapheme boundaries */
  FUZZ_CHECK(gb != NULL);
  loc_segment_iter *it;
  for (int k = 0; k < LOC_BREAK_KIND_COUNT_; k++) {
    loc_segment_kind kind = (loc_segment_kind)k;
    loc_segment *segs, *fsegs;
    size_t n, fn;
    FUZZ_CHECK(loc_segment_all(NULL, kind, s, size, &segs, &n) == LOC_OK);
    FUZZ_CHECK((n == 0) == (size == 0));
    for (size_t i = 0; i < n; i++) {
      FUZZ_CHECK(segs[i].start == (i ? segs[i - 1].end : 0));
      FUZZ_CHECK(segs[i].end > segs[i].start && segs[i].end <= size);
      FUZZ_CHECK(start[segs[i].end]);
      check_types(kind, segs[i].type);
      if (kind == LOC_BREAK_GRAPHEME)
        gb[segs[i].end] = true;
    }
    if (n)
      FUZZ_CHECK(segs[n - 1].end == size);

    /* same boundaries and types on the repaired text */
    FUZZ_CHECK(loc_segment_all(NULL, kind, fixed, flen, &fsegs, &fn) == LOC_OK);
    FUZZ_CHECK(fn == n);
    for (size_t i = 0; i < n; i++)
      FUZZ_CHECK(fsegs[i].end == map[segs[i].end] && fsegs[i].type == segs[i].type);
    loc_free(fsegs);

    /* an iterator reused for a second text gives the same segments */
    FUZZ_CHECK(loc_segment_iter_new(loc_segmenter_root(kind), &it) == LOC_OK);
    FUZZ_CHECK(loc_segment_iter_set_text(it, "x y", 3) == LOC_OK);
    loc_segment seg;
    FUZZ_CHECK(loc_segment_iter_next(it, &seg));
    FUZZ_CHECK(loc_segment_iter_set_text(it, s, size) == LOC_OK);
    size_t k2 = 0;
    while (loc_segment_iter_next(it, &seg)) {
      FUZZ_CHECK(k2 < n && seg.start == segs[k2].start && seg.end == segs[k2].end &&
                 seg.type == segs[k2].type);
      k2++;
    }
    FUZZ_CHECK(k2 == n);
    loc_segment_iter_free(it);

    if (kind == LOC_BREAK_LINE) {
      loc_segment_line_break *br;
      size_t nb;
      FUZZ_CHECK(loc_segment_line_breaks(NULL, s, size, &br, &nb) == LOC_OK && nb == n);
      for (size_t i = 0; i < n; i++)
        FUZZ_CHECK(br[i].offset == segs[i].end && br[i].hard == (segs[i].type == LOC_SEG_HARD));
      loc_free(br);
    }
    if ((kind == LOC_BREAK_WORD || kind == LOC_BREAK_SENTENCE) &&
        aligned_text(data, n32, kind))
      for (size_t i = 0; i < n; i++)
        FUZZ_CHECK(gb[segs[i].end]);
    loc_free(segs);
    check_uax(kind, s, size, start, map, fixed, flen);
  }
  free(gb);
  loc_free(fixed);
  free(start);
  free(map);
  return 0;
}

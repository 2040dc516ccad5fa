/* Itemisation: ICU ubidi levels crossed with the project's script runs. */
#include "internal.h"
#include "buf.h"

#include "shape_internal.h"

/* The paragraph in UTF-16 for ubidi (ill-formed bytes as U+FFFD), with the
 * byte offset of each unit. */
static loc_status to_utf16(loc__itemizer *iz, const char *s, size_t len) {
  if (len > iz->ucap) {
    /* at most one unit per byte: 4 bytes make 2 units */
    UChar *u = realloc(iz->u16, len * sizeof *u);
    if (u == NULL)
      return LOC_E_NO_MEMORY;
    iz->u16 = u;
    size_t *b = realloc(iz->byte_of, len * sizeof *b);
    if (b == NULL)
      return LOC_E_NO_MEMORY;
    iz->byte_of = b;
    iz->ucap = len;
  }
  int32_t n = 0;
  for (size_t i = 0; i < len;) {
    size_t k = 1;
    int32_t cp = loc__utf8_decode_fast((const uint8_t *)s, len, i, &k);
    if (cp < 0)
      cp = 0xFFFD;
    if (cp >= 0x10000) {
      iz->byte_of[n] = i;
      iz->u16[n++] = (UChar)(0xD7C0 + (cp >> 10));
      iz->byte_of[n] = i;
      iz->u16[n++] = (UChar)(0xDC00 | (cp & 0x3FF));
    } else {
      iz->byte_of[n] = i;
      iz->u16[n++] = (UChar)cp;
    }
    i += k;
  }
  iz->n16 = n;
  return LOC_OK;
}

/* The script runs of the paragraph, from the itemizer's iterator (whose
 * property cache stays warm from one paragraph to the next). */
static loc_status script_runs(loc__itemizer *iz, const char *s, size_t len) {
  if (iz->scripts == NULL) {
    loc_status st = loc_script_iter_new(&iz->scripts);
    if (st != LOC_OK)
      return st;
  }
  loc_script_iter_reset(iz->scripts);
  iz->n_runs = 0;
  loc_status st = loc_script_iter_feed(iz->scripts, s, len);
  loc_script_run r;
  for (int pass = 0; pass < 2 && st == LOC_OK; pass++) {
    while (loc_script_iter_next(iz->scripts, &r)) {
      void *g = iz->runs;
      loc_status gst = loc__grow(&g, &iz->rcap, iz->n_runs + 1, sizeof *iz->runs, 8);
      iz->runs = g;
      if (gst != LOC_OK)
        return gst;
      iz->runs[iz->n_runs++] = r;
    }
    if (pass == 0)
      st = loc_script_iter_finish(iz->scripts);
  }
  return st;
}

/* Appends an item, merging with the previous one when nothing changed. */
static loc_status push(loc_shape_item **items, size_t *n, size_t *cap, loc_shape_item it) {
  if (*n > 0) {
    loc_shape_item *last = &(*items)[*n - 1];
    if (last->level == it.level && last->script == it.script && last->end == it.start) {
      last->end = it.end;
      return LOC_OK;
    }
  }
  void *g = *items;
  loc_status st = loc__grow(&g, cap, *n + 1, sizeof **items, 8);
  *items = g;
  if (st != LOC_OK)
    return st;
  (*items)[(*n)++] = it;
  return LOC_OK;
}

static loc_status visual_order(const loc_shape_item *items, size_t n, size_t **visual) {
  *visual = NULL;
  if (n > INT32_MAX)
    return LOC_E_OVERFLOW;
  UBiDiLevel *levels = malloc(n * sizeof *levels);
  int32_t *map = malloc(n * sizeof *map);
  size_t *v = malloc(n * sizeof *v);
  loc_status st = LOC_OK;
  if (levels == NULL || map == NULL || v == NULL) {
    st = LOC_E_NO_MEMORY;
  } else {
    for (size_t i = 0; i < n; i++)
      levels[i] = items[i].level;
    ubidi_reorderVisual(levels, (int32_t)n, map);
    for (size_t i = 0; i < n; i++)
      v[i] = (size_t)map[i];
    *visual = v;
    v = NULL;
  }
  free(levels);
  free(map);
  free(v);
  return st;
}

loc_status loc__itemizer_run(loc__itemizer *iz, const char *s, size_t len,
                            loc_shape_direction base) {
  iz->n_items = 0;
  if (len == 0)
    return LOC_OK;
  if (len > INT32_MAX / 2)
    return LOC_E_OVERFLOW;
  UBiDiLevel para = base == LOC_DIR_RTL ? 1 : base == LOC_DIR_LTR ? 0 : UBIDI_DEFAULT_LTR;
  loc_status st = to_utf16(iz, s, len);
  if (st == LOC_OK)
    st = script_runs(iz, s, len);
  if (st != LOC_OK)
    return st;
  UErrorCode e = U_ZERO_ERROR;
  if (iz->bidi == NULL && (iz->bidi = ubidi_open()) == NULL)
    return LOC_E_NO_MEMORY;
  ubidi_setPara(iz->bidi, iz->u16, iz->n16, para, NULL, &e);
  const UBiDiLevel *levels = U_SUCCESS(e) ? ubidi_getLevels(iz->bidi, &e) : NULL;
  if (U_FAILURE(e) || levels == NULL)
    return e == U_MEMORY_ALLOCATION_ERROR ? LOC_E_NO_MEMORY : LOC_E_ICU;
  /* runs of one level (a surrogate pair's halves share theirs), each cut
   * where a script run ends */
  const size_t *byte_of = iz->byte_of;
  int32_t n16 = iz->n16;
  size_t r = 0;
  for (int32_t u = 0; u < n16 && st == LOC_OK;) {
    UBiDiLevel lev = levels[u];
    int32_t limit = u + 1;
    while (limit < n16 && levels[limit] == lev)
      limit++;
    size_t a = byte_of[u], b = limit < n16 ? byte_of[limit] : len;
    while (a < b && st == LOC_OK) {
      while (r + 1 < iz->n_runs && iz->runs[r].end <= a)
        r++;
      size_t cut = iz->runs[r].end > a && iz->runs[r].end < b ? iz->runs[r].end : b;
      st = push(&iz->items, &iz->n_items, &iz->icap,
                (loc_shape_item){.start = a, .end = cut, .level = lev, .script = iz->runs[r].script});
      a = cut;
    }
    u = limit;
  }
  return st;
}

void loc__itemizer_done(loc__itemizer *iz) {
  loc_script_iter_free(iz->scripts);
  if (iz->bidi)
    ubidi_close(iz->bidi);
  free(iz->u16);
  free(iz->byte_of);
  free(iz->runs);
  free(iz->items);
  memset(iz, 0, sizeof *iz);
}

loc_status loc_shape_itemize(const char *s, size_t len, loc_shape_direction base, loc_shape_item **items,
                       size_t *n_items, size_t **visual) {
  if (items == NULL || n_items == NULL || (s == NULL && len > 0))
    return LOC_E_INVALID_ARGUMENT;
  *items = NULL;
  *n_items = 0;
  if (visual)
    *visual = NULL;
  loc__itemizer iz = {0};
  loc_status st = loc__itemizer_run(&iz, s, len, base);
  if (st == LOC_OK && visual && iz.n_items > 0)
    st = visual_order(iz.items, iz.n_items, visual);
  if (st == LOC_OK && iz.n_items > 0) {
    *items = iz.items;
    *n_items = iz.n_items;
    iz.items = NULL; /* handed over */
  }
  loc__itemizer_done(&iz);
  return st;
}

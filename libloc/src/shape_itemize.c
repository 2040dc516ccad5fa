/* Itemisation: ICU ubidi levels crossed with the project's script runs. */
#include "internal.h"

#include <unicode/ubidi.h>

typedef struct bidi_text {
  UChar *u16;       /* the paragraph in UTF-16 (ill-formed bytes as U+FFFD) */
  size_t *byte_of;  /* byte offset of each UTF-16 unit */
  int32_t n;
} bidi_text;

static loc_status to_utf16(const char *s, size_t len, bidi_text *t) {
  t->u16 = malloc((len ? len : 1) * sizeof *t->u16);
  t->byte_of = malloc((len ? len : 1) * sizeof *t->byte_of);
  if (t->u16 == NULL || t->byte_of == NULL)
    return LOC_E_NO_MEMORY;
  int32_t n = 0;
  for (size_t i = 0; i < len;) {
    size_t k = 1;
    int32_t cp = loc__utf8_decode((const uint8_t *)s, len, i, &k);
    if (cp < 0)
      cp = 0xFFFD;
    if (cp >= 0x10000) { /* 4 bytes make 2 units: the array is big enough */
      t->byte_of[n] = i;
      t->u16[n++] = (UChar)(0xD7C0 + (cp >> 10));
      t->byte_of[n] = i;
      t->u16[n++] = (UChar)(0xDC00 | (cp & 0x3FF));
    } else {
      t->byte_of[n] = i;
      t->u16[n++] = (UChar)cp;
    }
    i += k;
  }
  t->n = n;
  return LOC_OK;
}

/* Appends an item, merging with the previous one when nothing changed. */
static loc_status push(loc_item **items, size_t *n, size_t *cap, loc_item it) {
  if (*n > 0) {
    loc_item *last = &(*items)[*n - 1];
    if (last->level == it.level && last->script == it.script && last->end == it.start) {
      last->end = it.end;
      return LOC_OK;
    }
  }
  if (*n == *cap) {
    size_t nc = *cap ? *cap * 2 : 8;
    loc_item *g = realloc(*items, nc * sizeof *g);
    if (g == NULL)
      return LOC_E_NO_MEMORY;
    *items = g;
    *cap = nc;
  }
  (*items)[(*n)++] = it;
  return LOC_OK;
}

static loc_status visual_order(const loc_item *items, size_t n, size_t **visual) {
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

loc_status loc_itemize(const char *s, size_t len, loc_direction base, loc_item **items,
                       size_t *n_items, size_t **visual) {
  if (items == NULL || n_items == NULL || (s == NULL && len > 0))
    return LOC_E_INVALID_ARGUMENT;
  *items = NULL;
  *n_items = 0;
  if (visual)
    *visual = NULL;
  if (len == 0)
    return LOC_OK;
  if (len > INT32_MAX / 2)
    return LOC_E_OVERFLOW;
  UBiDiLevel para = base == LOC_DIR_RTL ? 1 : base == LOC_DIR_LTR ? 0 : UBIDI_DEFAULT_LTR;
  bidi_text t = {0};
  loc_script_run *runs = NULL;
  size_t n_runs = 0, n = 0, cap = 0;
  loc_item *out = NULL;
  UBiDi *bidi = NULL;
  loc_status st = to_utf16(s, len, &t);
  if (st == LOC_OK)
    st = loc_script_runs(s, len, &runs, &n_runs);
  if (st == LOC_OK) {
    UErrorCode e = U_ZERO_ERROR;
    bidi = ubidi_openSized(t.n, 0, &e);
    ubidi_setPara(bidi, t.u16, t.n, para, NULL, &e);
    const UBiDiLevel *levels = U_SUCCESS(e) ? ubidi_getLevels(bidi, &e) : NULL;
    if (U_FAILURE(e) || levels == NULL) {
      st = e == U_MEMORY_ALLOCATION_ERROR ? LOC_E_NO_MEMORY : LOC_E_ICU;
    } else {
      size_t r = 0;
      for (int32_t u = 0; u < t.n && st == LOC_OK; u++) {
        if (u > 0 && t.byte_of[u] == t.byte_of[u - 1])
          continue; /* second half of a surrogate pair */
        size_t at = t.byte_of[u];
        size_t next = u + 1 < t.n ? t.byte_of[u + 1] : len;
        if (next == at && u + 2 < t.n)
          next = t.byte_of[u + 2];
        else if (next == at)
          next = len;
        while (r + 1 < n_runs && runs[r].end <= at)
          r++;
        st = push(&out, &n, &cap,
                  (loc_item){.start = at, .end = next, .level = levels[u],
                             .script = runs[r].script});
      }
    }
  }
  if (st == LOC_OK && visual)
    st = visual_order(out, n, visual);
  ubidi_close(bidi);
  free(t.u16);
  free(t.byte_of);
  loc_free(runs);
  if (st != LOC_OK) {
    free(out);
    return st;
  }
  *items = out;
  *n_items = n;
  return LOC_OK;
}

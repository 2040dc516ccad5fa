/* Unicode normalization of UTF-8: form names, the one-shot calls and the
 * quick check. ICU does the normalizing (normalize_icu.cc); this file makes
 * ill-formed input safe by handing ICU only well-formed pieces and copying
 * each ill-formed subsequence through itself, which also makes it a
 * normalization boundary. The stream lives in normalize_stream.c. */
#include "internal.h"

#include <limits.h>
#include <strings.h>

static const char *const form_names[LOC_NORMALIZE_FORM_COUNT_] = {
    "nfc", "nfd", "nfkc", "nfkd", "nfkc_cf"};

loc_status loc_normalize_form_parse(const char *name, loc_normalize_form *form) {
  if (name == NULL || form == NULL)
    return LOC_E_INVALID_ARGUMENT;
  for (int f = 0; f < LOC_NORMALIZE_FORM_COUNT_; f++) {
    if (strcasecmp(name, form_names[f]) == 0) {
      *form = (loc_normalize_form)f;
      return LOC_OK;
    }
  }
  if (strcasecmp(name, "nfkc_casefold") == 0) {
    *form = LOC_NORMALIZE_NFKC_CF;
    return LOC_OK;
  }
  return LOC_E_UNKNOWN_FORM;
}

const char *loc_normalize_form_name(loc_normalize_form form) {
  if ((unsigned)form >= LOC_NORMALIZE_FORM_COUNT_)
    return NULL;
  return form_names[form];
}

/* ---------- pieces ---------- */

/* ICU takes int32_t lengths: longer valid runs are cut at a boundary. */
#define PIECE_MAX ((size_t)1 << 30)

/* Start of the character that contains byte @i of valid UTF-8. */
static size_t char_start(const char *s, size_t i) {
  while (i > 0 && ((uint8_t)s[i] & 0xC0) == 0x80)
    i--;
  return i;
}

/* A cut point in valid s[0..limit) no later than @limit: a boundary if one
 * is near, else any character start (as the stream's forced cut). */
static size_t piece_cut(const void *n, const char *s, size_t avail, size_t limit) {
  size_t i = char_start(s, limit);
  for (size_t tries = 0; i > 0 && tries < 4096; tries++) {
    size_t k;
    int32_t cp = loc__utf8_decode((const uint8_t *)s, avail, i, &k);
    if (cp >= 0 && loc__icu_boundary_before(n, cp))
      return i;
    i = char_start(s, i - 1);
  }
  return i > 0 ? i : char_start(s, limit);
}

loc_status loc__norm_pieces(const void *n, const char *in, size_t len,
                            piece_fn fn, void *user) {
  size_t pos = 0;
  while (pos < len) {
    size_t v = loc_utf8_valid_prefix(in + pos, len - pos);
    while (v > 0) {
      size_t take = v;
      if (take > PIECE_MAX)
        take = piece_cut(n, in + pos, v, PIECE_MAX);
      loc_status st = fn(user, in + pos, take, true);
      if (st != LOC_OK)
        return st;
      pos += take;
      v -= take;
    }
    if (pos < len) {
      size_t k;
      loc__utf8_decode((const uint8_t *)in, len, pos, &k);
      loc_status st = fn(user, in + pos, k, false);
      if (st != LOC_OK)
        return st;
      pos += k;
    }
  }
  return LOC_OK;
}

/* ---------- one-shot normalization ---------- */

typedef struct emit {
  const void *n;
  char *out;          /* caller's buffer, or NULL with grow */
  size_t cap, len;    /* len counts past cap: the size needed */
  loc__buf *grow;
} emit;

/* A valid piece goes to ICU's normalizer without asking ICU first whether it
 * is normalized: both walk the text the same way (for unchanged spans the
 * normalizer only copies), so asking first read a changed piece twice. */
static loc_status emit_piece(void *user, const char *p, size_t len, bool valid) {
  emit *e = user;
  bool same = !valid;
  if (e->grow) {
    if (same) {
      if (loc__buf_reserve(e->grow, len) != LOC_OK)
        return LOC_E_NO_MEMORY;
      memcpy(e->grow->data + e->grow->len, p, len);
      e->grow->len += len;
      return LOC_OK;
    }
    return loc__icu_normalize_append(e->n, p, len, e->grow);
  }
  if (same) {
    if (e->len < e->cap)
      memcpy(e->out + e->len, p, len <= e->cap - e->len ? len : e->cap - e->len);
    e->len += len;
    return LOC_OK;
  }
  size_t got;
  bool room = e->len < e->cap;
  loc_status st = loc__icu_normalize_to(e->n, p, len, room ? e->out + e->len : NULL,
                                        room ? e->cap - e->len : 0, &got);
  if (st != LOC_OK && st != LOC_E_BUFFER_TOO_SMALL)
    return st;
  e->len += got;
  return LOC_OK;
}

/*
 * ICU's normalizeUTF8 copies each ill-formed subsequence through unchanged
 * and treats it as inert (like U+FFFD: ccc 0, a boundary on both sides),
 * which is exactly this library's promise. So text of up to PIECE_MAX bytes
 * goes to ICU in one call without a validation pass; the split walk is only
 * needed to cut longer text. (Checked differentially against the split walk:
 * 2 M random mixes of marks, jamo, compatibility and ill-formed bytes in all
 * five forms, no difference; fuzz_normalize compares with the stream, which
 * splits.)
 */
static loc_status emit_all(emit *e, const char *in, size_t len) {
  if (len <= PIECE_MAX)
    return len ? emit_piece(e, in, len, true) : LOC_OK;
  return loc__norm_pieces(e->n, in, len, emit_piece, e);
}

loc_status loc__norm_append(const void *n, const char *in, size_t len,
                            loc__buf *out) {
  emit e = {.n = n, .grow = out};
  return emit_all(&e, in, len);
}

loc_status loc_normalize(loc_normalize_form form, const char *in, size_t len,
                         char *out, size_t cap, size_t *out_len) {
  if ((in == NULL && len > 0) || (out == NULL && cap > 0) || out_len == NULL)
    return LOC_E_INVALID_ARGUMENT;
  loc_status st;
  const void *n = loc__icu_normalizer(form, &st);
  if (n == NULL)
    return st;
  /* The quick check's prefix ends at a boundary and is normalized: it is
   * copied, and only the rest is read again. */
  size_t q = len > 0 ? loc__norm_quick_prefix(n, form, in, len) : 0;
  if (q == len) {
    *out_len = len;
    if (len > cap)
      return LOC_E_BUFFER_TOO_SMALL;
    if (len > 0)
      memcpy(out, in, len);
    return LOC_OK;
  }
  /* The library's own decomposition for short text only (see
   * LOC__DECOMPOSE_OWN_MAX). */
  if ((form == LOC_NORMALIZE_NFD || form == LOC_NORMALIZE_NFKD) && len - q <= LOC__DECOMPOSE_OWN_MAX) {
    size_t got = 0;
    bool room = out != NULL && q <= cap;
    st = loc__decompose(form, in + q, len - q, room ? out + q : NULL, room ? cap - q : 0, &got);
    if (st == LOC_OK || st == LOC_E_BUFFER_TOO_SMALL) {
      if (room && q > 0)
        memcpy(out, in, q);
      *out_len = q + got;
      return q + got > cap ? LOC_E_BUFFER_TOO_SMALL : LOC_OK;
    }
  }
  emit e = {.n = n, .out = out, .cap = cap};
  st = emit_piece(&e, in, q, false); /* copies */
  if (st == LOC_OK)
    st = emit_all(&e, in + q, len - q);
  if (st != LOC_OK)
    return st;
  *out_len = e.len;
  return e.len > cap ? LOC_E_BUFFER_TOO_SMALL : LOC_OK;
}

loc_status loc_normalize_alloc(loc_normalize_form form, const char *in, size_t len,
                               char **out, size_t *out_len) {
  if ((in == NULL && len > 0) || out == NULL)
    return LOC_E_INVALID_ARGUMENT;
  loc_status st;
  const void *n = loc__icu_normalizer(form, &st);
  if (n == NULL)
    return st;
  loc__buf b = {0};
  st = loc__buf_reserve(&b, len + 1);
  if (st == LOC_OK) {
    /* as in loc_normalize(): the quick check's prefix is copied */
    size_t q = len > 0 ? loc__norm_quick_prefix(n, form, in, len) : 0;
    if (q > 0)
      memcpy(b.data, in, q);
    b.len = q;
    if (q < len)
      st = loc__norm_append(n, in + q, len - q, &b);
  }
  if (st == LOC_OK)
    st = loc__buf_reserve(&b, 1);
  if (st != LOC_OK) {
    free(b.data);
    return st;
  }
  b.data[b.len] = '\0';
  *out = b.data;
  if (out_len)
    *out_len = b.len;
  return LOC_OK;
}

/* ---------- quick check ---------- */

typedef struct prefix_scan {
  const void *n;
  const char *base;
  size_t prefix;      /* result so far */
  bool done;
  loc_status status;
} prefix_scan;

/* Stops at the first piece that changes: the pieces before it, and its
 * unchanged head back to the last boundary, make the prefix. */
static loc_status prefix_piece(void *user, const char *p, size_t len, bool valid) {
  prefix_scan *ps = user;
  if (valid) {
    bool same;
    loc_status st = loc__icu_is_normalized(ps->n, p, len, &same);
    if (st != LOC_OK)
      return st;
    if (!same) {
      size_t c;
      st = loc__icu_first_change(ps->n, p, len, &c);
      if (st != LOC_OK)
        return st;
      /* Back up to a boundary: the piece start always is one. */
      size_t i = c < len ? char_start(p, c) : len;
      while (i > 0 && i < len) {
        size_t k;
        int32_t cp = loc__utf8_decode((const uint8_t *)p, len, i, &k);
        if (cp >= 0 && loc__icu_boundary_before(ps->n, cp))
          break;
        i = char_start(p, i - 1);
      }
      ps->prefix = (size_t)(p - ps->base) + i;
      ps->done = true;
      return LOC_E_STATE; /* stop the walk; not an error */
    }
  }
  ps->prefix = (size_t)(p - ps->base) + len;
  return LOC_OK;
}

loc_status loc_normalize_unchanged_prefix(loc_normalize_form form, const char *in, size_t len,
                                 size_t *prefix_len) {
  if ((in == NULL && len > 0) || prefix_len == NULL)
    return LOC_E_INVALID_ARGUMENT;
  loc_status st;
  const void *n = loc__icu_normalizer(form, &st);
  if (n == NULL)
    return st;
  if (len == 0 || loc__norm_quick_prefix(n, form, in, len) == len) {
    *prefix_len = len;
    return LOC_OK;
  }
  prefix_scan ps = {.n = n, .base = in};
  st = loc__norm_pieces(n, in, len, prefix_piece, &ps);
  if (st != LOC_OK && !(st == LOC_E_STATE && ps.done))
    return st;
  *prefix_len = ps.done ? ps.prefix : len;
  return LOC_OK;
}

static loc_status check_piece(void *user, const char *p, size_t len, bool valid) {
  const void *const *n = user;
  if (!valid)
    return LOC_OK;
  bool same;
  loc_status st = loc__icu_is_normalized(*n, p, len, &same);
  if (st != LOC_OK)
    return st;
  return same ? LOC_OK : LOC_E_STATE;
}

loc_status loc_normalize_check(loc_normalize_form form, const char *in, size_t len,
                             bool *result) {
  if ((in == NULL && len > 0) || result == NULL)
    return LOC_E_INVALID_ARGUMENT;
  loc_status st;
  const void *n = loc__icu_normalizer(form, &st);
  if (n == NULL)
    return st;
  if (len == 0 || loc__norm_quick_prefix(n, form, in, len) == len) {
    *result = true;
    return LOC_OK;
  }
  st = loc__norm_pieces(n, in, len, check_piece, &n);
  if (st != LOC_OK && st != LOC_E_STATE)
    return st;
  *result = st == LOC_OK;
  return LOC_OK;
}

/* Normalization family: text not in NFC (fixed by its NFC), compatibility
 * characters (presentation forms always; others against --lang). */
#include "internal.h"

#include "check_internal.h"

#include <stdio.h>
#include <unicode/uchar.h>

/* "U+0065 U+0301" for up to @max code points of s[0..len); "..." beyond. */
static void list_cps(const char *s, size_t len, char *out, size_t cap, int max) {
  size_t n = 0;
  out[0] = '\0';
  int k = 0;
  for (size_t i = 0; i < len && n + 16 < cap;) {
    size_t w;
    int32_t cp = loc__utf8_decode((const uint8_t *)s, len, i, &w);
    if (k == max) {
      n += (size_t)snprintf(out + n, cap - n, " ...");
      break;
    }
    n += (size_t)snprintf(out + n, cap - n, "%sU+%04X", k ? " " : "",
                          (unsigned)(cp < 0 ? 0xFFFD : cp));
    k++;
    i += w;
  }
}

/* Index of the character starting at byte @off (characters are sorted). */
static size_t char_at(const loc_check_ctx *x, size_t off) {
  size_t lo = 0, hi = x->nch;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (x->ch[mid].off < off)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

/* Bytes looked at by one normalization check (see not_nfc). */
#define WIN_MIN ((size_t)64)
#define WIN_MAX ((size_t)1 << 20)

static loc_status not_nfc(loc_check_ctx *x) {
  loc_status st = LOC_OK;
  const void *nfc = loc__icu_normalizer(LOC_NORMALIZE_NFC, &st);
  if (nfc == NULL)
    return st;
  /* The text is looked at in windows that end at a normalization boundary
   * (or an ill-formed byte): the window grows while it holds nothing to
   * report and shrinks to twice what the last step covered after a
   * finding, so that a line with a finding every few bytes costs time in
   * proportion to its length, not to its length times its findings. */
  size_t p = 0, win = WIN_MIN;
  while (p < x->len) {
    size_t lim = x->len;
    if (win < x->len - p) {
      size_t k = char_at(x, p + win);
      while (k < x->nch && x->ch[k].cp >= 0 && !loc__icu_boundary_before(nfc, x->ch[k].cp))
        k++;
      lim = k < x->nch ? x->ch[k].off : x->len;
    }
    size_t q;
    st = loc_normalize_unchanged_prefix(LOC_NORMALIZE_NFC, x->s + p, lim - p, &q);
    if (st != LOC_OK)
      return st;
    if (q == lim - p) {
      p = lim;
      if (win < WIN_MAX)
        win *= 2;
      continue;
    }
    /* the prefix ends at a boundary: the segment runs to the next one */
    size_t i = char_at(x, p + q), j = i + 1;
    if (x->ch[i].cp < 0) { /* ill-formed bytes: reported by utf8-invalid */
      p = chk_end(x, i);
      continue;
    }
    while (j < x->nch && x->ch[j].cp >= 0 && !loc__icu_boundary_before(nfc, x->ch[j].cp))
      j++;
    size_t start = x->ch[i].off, end = j < x->nch ? x->ch[j].off : x->len;
    x->tmp.len = 0;
    st = loc__norm_append(nfc, x->s + start, end - start, &x->tmp);
    if (st != LOC_OK)
      return st;
    if (x->tmp.len != end - start || memcmp(x->tmp.data, x->s + start, end - start) != 0) {
      char was[96], now[96];
      list_cps(x->s + start, end - start, was, sizeof was, 6);
      list_cps(x->tmp.data, x->tmp.len, now, sizeof now, 6);
      st = chk_add(x, CHK_NOT_NFC, LOC_SEVERITY_WARNING, start, end - start, x->tmp.data,
                   x->tmp.len, NULL, 0, "not in NFC: %s is %s in NFC", was, now);
      if (st != LOC_OK)
        return st;
    }
    win = 2 * (end - p) < WIN_MIN ? WIN_MIN : 2 * (end - p);
    p = end;
  }
  return LOC_OK;
}

/* Presentation forms: the output of a shaping engine or a legacy font
 * encoding, never text a person types. */
static bool presentation_form(int32_t cp) {
  return (cp >= 0xFB00 && cp <= 0xFB4F) || (cp >= 0xFB50 && cp <= 0xFDFF) ||
         (cp >= 0xFE70 && cp <= 0xFEFE);
}

static bool compat_decomposable(int32_t cp) {
  int32_t dt = u_getIntPropertyValue(cp, UCHAR_DECOMPOSITION_TYPE);
  return dt != U_DT_NONE && dt != U_DT_CANONICAL;
}

/* Full-width and half-width forms are ordinary in Chinese, Japanese and
 * Korean text. */
static bool wide_in_cjk(const loc_checker *ck, int32_t cp) {
  int32_t dt = u_getIntPropertyValue(cp, UCHAR_DECOMPOSITION_TYPE);
  return ck->ex_cjk && (dt == U_DT_WIDE || dt == U_DT_NARROW);
}

static loc_status compat_chars(loc_check_ctx *x) {
  const loc_checker *ck = x->ck;
  for (size_t i = 0; i < x->nch; i++) {
    int32_t cp = x->ch[i].cp;
    if (cp < 0xA0)
      continue;
    bool report;
    if (presentation_form(cp))
      report = compat_decomposable(cp);
    else if (ck->has_lang)
      /* no-break spaces are odd-space's business */
      report = compat_decomposable(cp) && !wide_in_cjk(ck, cp) &&
               u_getIntPropertyValue(cp, UCHAR_DECOMPOSITION_TYPE) != U_DT_NOBREAK &&
               !uset_contains(ck->ex_main, cp) && !uset_contains(ck->ex_aux, cp) &&
               !uset_contains(ck->ex_other, cp);
    else
      report = false;
    if (!report)
      continue;
    char *k;
    size_t klen;
    loc_status st = loc_normalize_alloc(LOC_NORMALIZE_NFKC, x->s + x->ch[i].off, x->ch[i].len,
                                        &k, &klen);
    if (st != LOC_OK)
      return st;
    char now[96];
    list_cps(k, klen, now, sizeof now, 6);
    st = chk_add(x, CHK_COMPAT_CHAR, LOC_SEVERITY_WARNING, x->ch[i].off, x->ch[i].len, NULL,
                 0, k, klen, "compatibility character U+%04X (%s is %s)", (unsigned)cp,
                 presentation_form(cp) ? "a presentation form; NFKC" : "NFKC", now);
    loc_free(k);
    if (st != LOC_OK)
      return st;
  }
  return LOC_OK;
}

loc_status chk_normalization(loc_check_ctx *x) {
  loc_status st = LOC_OK;
  if (chk_on(x, CHK_NOT_NFC))
    st = not_nfc(x);
  if (st == LOC_OK && chk_on(x, CHK_COMPAT_CHAR))
    st = compat_chars(x);
  return st;
}

/* The checker: rule table, configuration, the per-line driver that decodes
 * once and runs each rule family, and the fixer. */
#include "internal.h"
#include "buf.h"

#include "check_internal.h"

#include <stdio.h>
#include <unicode/uchar.h>
#include <unicode/uloc.h>
#include <unicode/unorm2.h>
#include <unicode/ulocdata.h>
#include <unicode/ustring.h>

static const loc_check_rule rules[CHK_RULE_COUNT] = {
#define CHK_ROW_(e, id, fam, sev, fix, lang, sum) \
  {id, fam, LOC_SEVERITY_##sev, sum, fix, lang},
    CHK_RULES(CHK_ROW_)
#undef CHK_ROW_
};

const char *loc_check_severity_name(loc_check_severity s) {
  switch (s) {
  case LOC_SEVERITY_INFO: return "info";
  case LOC_SEVERITY_WARNING: return "warning";
  case LOC_SEVERITY_ERROR: return "error";
  }
  return NULL;
}

size_t loc_check_rule_count(void) { return CHK_RULE_COUNT; }

const loc_check_rule *loc_check_rule_at(size_t i) {
  return i < CHK_RULE_COUNT ? &rules[i] : NULL;
}

loc_status loc_check_rule_parse(const char *id, size_t *index) {
  if (id == NULL || index == NULL)
    return LOC_E_INVALID_ARGUMENT;
  for (size_t i = 0; i < CHK_RULE_COUNT; i++)
    if (strcmp(rules[i].id, id) == 0) {
      *index = i;
      return LOC_OK;
    }
  return LOC_E_INVALID_ARGUMENT;
}

/* ---------- checker ---------- */

/* Exemplar set @which of @locale, closed over case; NULL when ICU has none. */
static USet *exemplars(ULocaleData *ld, ULocaleDataExemplarSetType which) {
  UErrorCode e = U_ZERO_ERROR;
  USet *s = ulocdata_getExemplarSet(ld, NULL, USET_CASE_INSENSITIVE, which, &e);
  if (U_FAILURE(e)) {
    uset_close(s);
    return NULL;
  }
  return s;
}

/* The code points of the NFD of every item of @set. */
static USet *nfd_closure(const USet *set) {
  UErrorCode e = U_ZERO_ERROR;
  const UNormalizer2 *nfd = unorm2_getNFDInstance(&e);
  USet *out = uset_openEmpty();
  if (U_FAILURE(e))
    return out;
  UChar str[64], norm[256];
  int32_t items = uset_getItemCount(set);
  for (int32_t i = 0; i < items; i++) {
    UChar32 lo, hi;
    e = U_ZERO_ERROR;
    int32_t n = uset_getItem(set, i, &lo, &hi, str, 64, &e);
    if (U_FAILURE(e))
      continue;
    if (n == 0) {
      for (UChar32 cp = lo; cp <= hi; cp++) {
        UChar one[2];
        int32_t k = 0;
        U16_APPEND_UNSAFE(one, k, cp);
        int32_t m = unorm2_normalize(nfd, one, k, norm, 256, &e);
        if (U_SUCCESS(e))
          uset_addAllCodePoints(out, norm, m);
        e = U_ZERO_ERROR;
      }
    } else {
      int32_t m = unorm2_normalize(nfd, str, n, norm, 256, &e);
      if (U_SUCCESS(e))
        uset_addAllCodePoints(out, norm, m);
    }
  }
  uset_freeze(out);
  return out;
}

static loc_status load_language(loc_checker *c, const char *lang) {
  size_t n = 0;
  loc_status st = loc_tag_canonicalize(lang, strlen(lang), c->lang, sizeof c->lang, &n);
  if (st == LOC_E_BUFFER_TOO_SMALL)
    return LOC_E_INVALID_TAG;
  if (st != LOC_OK)
    return st;
  char locale[ULOC_FULLNAME_CAPACITY];
  UErrorCode e = U_ZERO_ERROR;
  uloc_forLanguageTag(c->lang, locale, sizeof locale, NULL, &e);
  if (U_FAILURE(e))
    return LOC_E_INVALID_TAG;
  ULocaleData *ld = ulocdata_open(locale, &e);
  if (U_FAILURE(e))
    return LOC_E_ICU;
  c->ex_main = exemplars(ld, ULOCDATA_ES_STANDARD);
  c->ex_aux = exemplars(ld, ULOCDATA_ES_AUXILIARY);
  USet *index = exemplars(ld, ULOCDATA_ES_INDEX);
  USet *punct = exemplars(ld, ULOCDATA_ES_PUNCTUATION);
  ulocdata_close(ld);
  c->ex_other = uset_openEmpty();
  if (index)
    uset_addAll(c->ex_other, index);
  if (punct)
    uset_addAll(c->ex_other, punct);
  uset_close(index);
  uset_close(punct);
  /* A locale ICU lacks falls back to root, whose main set is empty: that
   * would flag every letter. */
  if (c->ex_main == NULL || uset_isEmpty(c->ex_main))
    return LOC_E_UNSUPPORTED;
  if (c->ex_aux == NULL)
    c->ex_aux = uset_openEmpty();
  uset_freeze(c->ex_main);
  uset_freeze(c->ex_aux);
  uset_freeze(c->ex_other);
  c->ex_main_nfd = nfd_closure(c->ex_main);
  c->ex_aux_nfd = nfd_closure(c->ex_aux);
  /* one, two, person, big, sun; a (hiragana, katakana), ga, na (Hangul) */
  c->ex_han = uset_contains(c->ex_main, 0x4E00) || uset_contains(c->ex_main, 0x4EBA) ||
              uset_contains(c->ex_main, 0x5927) || uset_contains(c->ex_main, 0x65E5);
  c->ex_cjk = c->ex_han || uset_contains(c->ex_main, 0x3042) ||
              uset_contains(c->ex_main, 0x30A2) || uset_contains(c->ex_main, 0xAC00);
  c->has_lang = true;
  return LOC_OK;
}

loc_status loc_checker_new(const char *lang, loc_checker **checker) {
  if (checker == NULL)
    return LOC_E_INVALID_ARGUMENT;
  *checker = NULL;
  loc_checker *c = calloc(1, sizeof *c);
  if (c == NULL)
    return LOC_E_NO_MEMORY;
  loc_status st = LOC_OK;
  if (lang != NULL)
    st = load_language(c, lang);
  UErrorCode e = U_ZERO_ERROR;
  if (st == LOC_OK) {
    c->spoof = uspoof_open(&e);
    uspoof_setChecks(c->spoof, USPOOF_RESTRICTION_LEVEL, &e);
    uspoof_setRestrictionLevel(c->spoof, USPOOF_HIGHLY_RESTRICTIVE);
    if (U_FAILURE(e))
      st = LOC_E_ICU;
  }
  if (st == LOC_OK)
    st = chk_lookalike_init(c);
  if (st != LOC_OK) {
    loc_checker_free(c);
    return st;
  }
  for (size_t i = 0; i < CHK_RULE_COUNT; i++)
    c->enabled[i] = !rules[i].needs_lang || c->has_lang;
  *checker = c;
  return LOC_OK;
}

loc_status loc_checker_set_rule(loc_checker *c, const char *id, bool enabled) {
  if (c == NULL || id == NULL)
    return LOC_E_INVALID_ARGUMENT;
  bool all = strcmp(id, "all") == 0;
  size_t r = 0;
  if (!all && loc_check_rule_parse(id, &r) != LOC_OK)
    return LOC_E_INVALID_ARGUMENT;
  for (size_t i = all ? 0 : r; i < (all ? CHK_RULE_COUNT : r + 1); i++)
    c->enabled[i] = enabled && (!rules[i].needs_lang || c->has_lang);
  return LOC_OK;
}

bool loc_checker_rule_enabled(const loc_checker *c, size_t i) {
  return c != NULL && i < CHK_RULE_COUNT && c->enabled[i];
}

void loc_checker_free(loc_checker *c) {
  if (c == NULL)
    return;
  uset_close(c->ex_main);
  uset_close(c->ex_aux);
  uset_close(c->ex_other);
  uset_close(c->ex_main_nfd);
  uset_close(c->ex_aux_nfd);
  uspoof_close(c->spoof);
  chk_lookalike_free(c);
  free(c);
}

/* ---------- context ---------- */

loc_status loc_check_ctx_new(const loc_checker *checker, loc_check_ctx **ctx) {
  if (checker == NULL || ctx == NULL)
    return LOC_E_INVALID_ARGUMENT;
  loc_check_ctx *x = calloc(1, sizeof *x);
  if (x == NULL)
    return LOC_E_NO_MEMORY;
  x->ck = checker;
  UErrorCode e = U_ZERO_ERROR;
  x->spoof_result = uspoof_openCheckResult(&e);
  if (U_FAILURE(e)) {
    free(x);
    return LOC_E_ICU;
  }
  *ctx = x;
  return LOC_OK;
}

void loc_check_ctx_free(loc_check_ctx *x) {
  if (x == NULL)
    return;
  uspoof_closeCheckResult(x->spoof_result);
  free(x->ch);
  free(x->f);
  free(x->arena.data);
  free(x->pub);
  free(x->u16);
  free(x->tmp.data);
  free(x);
}

UChar *chk_u16(loc_check_ctx *x, size_t off, size_t len, int32_t *u16len) {
  if (len + 1 > x->u16cap) {
    UChar *g = realloc(x->u16, (len + 1) * sizeof *g);
    if (g == NULL)
      return NULL;
    x->u16 = g;
    x->u16cap = len + 1;
  }
  UErrorCode e = U_ZERO_ERROR;
  u_strFromUTF8(x->u16, (int32_t)x->u16cap, u16len, x->s + off, (int32_t)len, &e);
  return U_SUCCESS(e) ? x->u16 : NULL;
}

/* Decodes the line once; every family walks x->ch. */
static loc_status decode(loc_check_ctx *x) {
  x->nch = 0;
  if (x->len + 1 > x->chcap) {
    size_t cap = x->len + 1;
    chk_char *g = realloc(x->ch, cap * sizeof *g);
    if (g == NULL)
      return LOC_E_NO_MEMORY;
    x->ch = g;
    x->chcap = cap;
  }
  const uint8_t *s = (const uint8_t *)x->s;
  x->seen_gc = 0;
  x->seen_invisible = false;
  x->max_cp = 0;
  for (size_t i = 0; i < x->len;) {
    chk_char *c = &x->ch[x->nch++];
    c->off = (uint32_t)i;
    if (s[i] < 0x80) {
      c->cp = s[i];
      c->len = 1;
      c->gc = (int8_t)u_charType(s[i]);
      i++;
      continue;
    }
    size_t n;
    int32_t cp = loc__utf8_decode(s, x->len, i, &n);
    c->cp = cp;
    c->len = (uint8_t)n;
    c->gc = cp < 0 ? (int8_t)U_UNASSIGNED : (int8_t)u_charType(cp);
    x->seen_gc |= 1u << c->gc;
    if (cp > x->max_cp)
      x->max_cp = cp;
    if (LOC_UNLIKELY(cp == 0x115F || cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0 ||
                     (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0x180B && cp <= 0x180F) ||
                     cp >= 0xE0100))
      x->seen_invisible = true;
    i += n;
  }
  return LOC_OK;
}

/* Printable ASCII and tabs, no language rules: nothing can be found. */
static bool plain_ascii(const loc_check_ctx *x) {
  if (x->ck->has_lang)
    return false;
  const uint8_t *s = (const uint8_t *)x->s;
  size_t n = x->len;
  if (n && s[n - 1] == '\r')
    n--;
  for (size_t i = 0; i < n; i++)
    if ((s[i] < 0x20 && s[i] != '\t') || s[i] >= 0x7F)
      return false;
  return true;
}

static int by_offset(const void *a, const void *b) {
  const chk_finding *p = a, *q = b;
  if (p->off != q->off)
    return p->off < q->off ? -1 : 1;
  if (p->rule != q->rule)
    return p->rule < q->rule ? -1 : 1;
  return 0;
}

static loc_status run(loc_check_ctx *x, const char *s, size_t len) {
  x->s = s;
  x->len = len;
  x->nf = 0;
  x->arena.len = 0;
  if (len > INT32_MAX)
    return LOC_E_INVALID_ARGUMENT;
  if (plain_ascii(x))
    return LOC_OK;
  loc_status st = decode(x);
  /* A line in a legacy encoding is not Unicode text: its syllables,
   * scripts and normalization would only repeat that, so after the
   * encoding rules nothing else is looked at. */
  if (st == LOC_OK)
    st = chk_encoding(x);
  size_t before = x->nf;
  if (st == LOC_OK)
    st = chk_legacy(x);
  bool legacy = x->nf != before;
  loc_status (*const families[])(loc_check_ctx *) = {
      chk_normalization, chk_invisible, chk_syllable, chk_script, chk_language,
  };
  for (size_t i = 0; st == LOC_OK && !legacy && i < sizeof families / sizeof families[0]; i++)
    st = families[i](x);
  if (st == LOC_OK && x->nf > 1)
    qsort(x->f, x->nf, sizeof *x->f, by_offset);
  return st;
}

loc_status loc_check_text(loc_check_ctx *x, const char *s, size_t len,
                          const loc_check_finding **findings, size_t *count) {
  if (x == NULL || (s == NULL && len > 0) || findings == NULL || count == NULL)
    return LOC_E_INVALID_ARGUMENT;
  *findings = NULL;
  *count = 0;
  loc_status st = run(x, s ? s : "", len);
  if (st != LOC_OK)
    return st;
  if (x->nf > x->pubcap) {
    loc_check_finding *g = realloc(x->pub, x->nf * sizeof *g);
    if (g == NULL)
      return LOC_E_NO_MEMORY;
    x->pub = g;
    x->pubcap = x->nf;
  }
  for (size_t i = 0; i < x->nf; i++) {
    const chk_finding *f = &x->f[i];
    loc_check_finding *p = &x->pub[i];
    p->offset = f->off;
    p->length = f->len;
    p->rule = f->rule;
    p->severity = f->sev;
    p->message = x->arena.data + f->msg;
    p->fix = f->fix == CHK_NONE ? NULL : x->arena.data + f->fix;
    p->fix_len = f->fix_len;
    p->suggestion = f->sugg == CHK_NONE ? NULL : x->arena.data + f->sugg;
    p->suggestion_len = f->sugg_len;
  }
  *findings = x->pub;
  *count = x->nf;
  return LOC_OK;
}

/* ---------- fixing ---------- */

/* One round: applies the non-overlapping fixes of s to @out. Sets *changed. */
static loc_status fix_round(loc_check_ctx *x, const char *s, size_t len, loc__buf *out,
                            bool *changed) {
  loc_status st = run(x, s, len);
  if (st != LOC_OK)
    return st;
  out->len = 0;
  *changed = false;
  size_t at = 0;
  for (size_t i = 0; i < x->nf; i++) {
    const chk_finding *f = &x->f[i];
    if (f->fix == CHK_NONE || f->off < at)
      continue;
    if (loc__buf_reserve(out, (f->off - at) + f->fix_len) != LOC_OK)
      return LOC_E_NO_MEMORY;
    memcpy(out->data + out->len, s + at, f->off - at);
    out->len += f->off - at;
    memcpy(out->data + out->len, x->arena.data + f->fix, f->fix_len);
    out->len += f->fix_len;
    at = f->off + f->len;
    *changed = true;
  }
  if (loc__buf_reserve(out, len - at + 1) != LOC_OK)
    return LOC_E_NO_MEMORY;
  memcpy(out->data + out->len, s + at, len - at);
  out->len += len - at;
  out->data[out->len] = '\0';
  return LOC_OK;
}

loc_status loc_check_fix_alloc(loc_check_ctx *x, const char *s, size_t len, char **out,
                               size_t *out_len) {
  if (x == NULL || (s == NULL && len > 0) || out == NULL || out_len == NULL)
    return LOC_E_INVALID_ARGUMENT;
  *out = NULL;
  *out_len = 0;
  loc__buf a = {0}, b = {0};
  bool changed = true;
  loc_status st = fix_round(x, s ? s : "", len, &a, &changed);
  /* A fix can meet another fixable finding only where two repairs overlap;
   * a few more rounds settle it. */
  for (int round = 0; st == LOC_OK && changed && round < 4; round++) {
    st = fix_round(x, a.data, a.len, &b, &changed);
    loc__buf t = a;
    a = b;
    b = t;
  }
  free(b.data);
  if (st != LOC_OK) {
    free(a.data);
    return st;
  }
  *out = a.data;
  *out_len = a.len;
  return LOC_OK;
}

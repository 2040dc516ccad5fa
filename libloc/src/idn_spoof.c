/* Mixed scripts and look-alikes (UTS #39) for loc_idn_check(): each label's
 * restriction level from ICU's uspoof, and the findings that do not make a
 * name invalid — invisible characters and mixed numbering systems — as
 * warnings. Labels are judged one by one, as registries judge them. */
#include "idn_internal.h"

#include <unicode/uchar.h>
#include <unicode/uset.h>
#include <unicode/utf16.h>

USpoofChecker *idn__spoof_open(UErrorCode *e) {
  USpoofChecker *sc = uspoof_open(e);
  /* UTS #39 §5.2 step 1 judges against the identifier profile; ICU's
   * default allowed set is every code point, so set the profile. ZWNJ and
   * ZWJ are added: IDNA2008 allows them in context (CONTEXTJ), ICU 72's
   * inclusion set lacks them, and W_INVISIBLE reports them instead. */
  USet *allowed = uset_openEmpty();
  const USet *rec = uspoof_getRecommendedSet(e);
  const USet *inc = uspoof_getInclusionSet(e);
  if (U_SUCCESS(*e) && allowed) {
    uset_addAll(allowed, rec);
    uset_addAll(allowed, inc);
    uset_addRange(allowed, 0x200C, 0x200D);
    uset_freeze(allowed);
    uspoof_setAllowedChars(sc, allowed, e);
    uspoof_setChecks(sc, USPOOF_RESTRICTION_LEVEL | USPOOF_AUX_INFO, e);
  } else if (U_SUCCESS(*e)) {
    *e = U_MEMORY_ALLOCATION_ERROR;
  }
  uset_close(allowed);
  if (U_FAILURE(*e) && sc) {
    uspoof_close(sc);
    sc = NULL;
  }
  return sc;
}

static const char *const level_names[] = {
    "ascii",
    "single-script",
    "highly-restrictive",
    "moderately-restrictive",
    "minimally-restrictive",
    "unrestricted",
};

const char *loc_idn_level_name(loc_idn_level level) {
  return level >= LOC_IDN_LEVEL_ASCII && level <= LOC_IDN_LEVEL_UNRESTRICTED
             ? level_names[level]
             : NULL;
}

loc_status loc_idn_level_parse(const char *name, loc_idn_level *level) {
  if (name == NULL || level == NULL)
    return LOC_E_INVALID_ARGUMENT;
  for (int i = 0; i <= LOC_IDN_LEVEL_UNRESTRICTED; i++)
    if (strcmp(name, level_names[i]) == 0) {
      *level = (loc_idn_level)i;
      return LOC_OK;
    }
  return LOC_E_INVALID_ARGUMENT;
}

loc_idn_level loc_idn_restriction_level(const loc_idn_ctx *ctx) {
  return ctx ? ctx->level : LOC_IDN_LEVEL_NONE;
}

size_t loc_idn_label_count(const loc_idn_ctx *ctx) {
  return ctx ? ctx->label_levels.len : 0;
}

loc_idn_level loc_idn_label_level(const loc_idn_ctx *ctx, size_t i) {
  if (ctx == NULL || i >= ctx->label_levels.len)
    return LOC_IDN_LEVEL_NONE;
  return ((const loc_idn_level *)ctx->label_levels.data)[i];
}

/* ICU's URestrictionLevel values are 0x10000000 (ASCII) .. 0x60000000. */
static loc_idn_level from_icu(URestrictionLevel r) {
  int v = (int)((uint32_t)r >> 28) - 1;
  return v < 0 ? LOC_IDN_LEVEL_UNRESTRICTED
         : v > LOC_IDN_LEVEL_UNRESTRICTED ? LOC_IDN_LEVEL_UNRESTRICTED
                                          : (loc_idn_level)v;
}

static size_t at(const loc_idn_ctx *ctx, const idn_label *l, size_t i) {
  if (l->ace)
    return l->src;
  return ((const idn_cp *)ctx->cps.data)[l->start + i].src;
}

static loc_status label_level(const loc_idn *idn, loc_idn_ctx *ctx, const int32_t *c,
                              size_t n, loc_idn_level *level) {
  ctx->u16.len = 0;
  if (idn__vec_reserve(&ctx->u16, sizeof(UChar), 2 * n) != LOC_OK)
    return LOC_E_NO_MEMORY;
  UChar *u = ctx->u16.data;
  int32_t k = 0;
  for (size_t i = 0; i < n; i++)
    U16_APPEND_UNSAFE(u, k, c[i]);
  UErrorCode e = U_ZERO_ERROR;
  if (ctx->spoof_result == NULL) {
    ctx->spoof_result = uspoof_openCheckResult(&e);
    if (U_FAILURE(e))
      return LOC_E_NO_MEMORY;
  }
  uspoof_check2(idn->spoof, u, k, ctx->spoof_result, &e);
  URestrictionLevel r = uspoof_getCheckResultRestrictionLevel(ctx->spoof_result, &e);
  if (U_FAILURE(e))
    return e == U_MEMORY_ALLOCATION_ERROR ? LOC_E_NO_MEMORY : LOC_E_ICU;
  *level = from_icu(r);
  return LOC_OK;
}

/* UTS #39 §5.4 (invisible characters) and §5.3 (mixed numbers). */
/* True when @m, a nonspacing mark, already ends the canonical decomposition
 * of @prev (so that "á" + U+0301 shows the accent once). */
static bool mark_repeats(const loc_idn *idn, int32_t prev, int32_t m) {
  if (prev == m)
    return true;
  UChar d[32];
  UErrorCode e = U_ZERO_ERROR;
  const UNormalizer2 *nfd = unorm2_getNFDInstance(&e);
  int32_t k = U_SUCCESS(e) ? unorm2_getDecomposition(nfd, prev, d, 32, &e) : -1;
  (void)idn;
  if (U_FAILURE(e) || k <= 0)
    return false;
  UChar32 last;
  U16_PREV(d, 0, k, last);
  return last == m;
}

static void warnings(const loc_idn *idn, loc_idn_ctx *ctx, size_t li, const idn_label *l,
                     const int32_t *c, size_t n) {
  char name[160], name2[160];
  int32_t zero = -1; /* the zero of the first numbering system seen */
  size_t first_digit = 0;
  for (size_t i = 0; i < n; i++) {
    if (u_hasBinaryProperty(c[i], UCHAR_DEFAULT_IGNORABLE_CODE_POINT))
      idn__warning(ctx, "W_INVISIBLE", li, at(ctx, l, i), c[i],
                   "label %zu has %s, which is invisible: the name can look like one "
                   "without it (UTS #39 §5.4, status W_INVISIBLE)",
                   li, idn__cp_name(c[i], name, sizeof name));
    else if (i > 0 && u_charType(c[i]) == U_NON_SPACING_MARK && mark_repeats(idn, c[i - 1], c[i]))
      idn__warning(ctx, "W_INVISIBLE", li, at(ctx, l, i), c[i],
                   "label %zu has %s twice in a row, which displays like once (UTS #39 "
                   "§5.4, status W_INVISIBLE)", li, idn__cp_name(c[i], name, sizeof name));
    if (u_charType(c[i]) != U_DECIMAL_DIGIT_NUMBER)
      continue;
    int32_t z = c[i] - u_charDigitValue(c[i]);
    if (zero < 0) {
      zero = z;
      first_digit = i;
    } else if (z != zero) {
      idn__warning(ctx, "W_MIXED_NUMBERS", li, at(ctx, l, i), c[i],
                   "label %zu mixes numbering systems: %s with %s (UTS #39 §5.3, status "
                   "W_MIXED_NUMBERS)", li, idn__cp_name(c[i], name, sizeof name),
                   idn__cp_name(c[first_digit], name2, sizeof name2));
      zero = z; /* report each change of system once */
      first_digit = i;
    }
  }
}

loc_status idn__spoof_checks(const loc_idn *idn, loc_idn_ctx *ctx, unsigned flags) {
  const idn_label *l = ctx->labels.data;
  size_t nl = ctx->labels.len;
  ctx->label_levels.len = 0;
  if (idn__vec_reserve(&ctx->label_levels, sizeof(loc_idn_level), nl) != LOC_OK)
    return LOC_E_NO_MEMORY;
  loc_idn_level *lv = ctx->label_levels.data;
  unsigned max = (flags & LOC_IDN_MAX_LEVEL_MASK) >> 8; /* 0: no maximum */
  loc_idn_level name_level = LOC_IDN_LEVEL_ASCII;
  /* The TLD, for the look-alikes a TLD makes expected: the last label but
   * the root's, in a name of more than one. */
  size_t last = nl > 1 && l[nl - 1].dend == l[nl - 1].dstart ? nl - 2 : nl - 1;
  const int32_t *tld = NULL;
  size_t ntld = 0;
  if (nl > 0 && last > 0 && !l[last].ace_failed) {
    tld = (const int32_t *)ctx->dec.data + l[last].dstart;
    ntld = l[last].dend - l[last].dstart;
  }
  for (size_t i = 0; i < nl; i++) {
    const int32_t *c = (const int32_t *)ctx->dec.data + l[i].dstart;
    size_t n = l[i].dend - l[i].dstart;
    lv[i] = LOC_IDN_LEVEL_NONE;
    ctx->label_levels.len++;
    if (n == 0 || l[i].ace_failed)
      continue;
    loc_status r = label_level(idn, ctx, c, n, &lv[i]);
    if (r != LOC_OK)
      return r;
    if (lv[i] > name_level)
      name_level = lv[i];
    if (max && (unsigned)lv[i] + 1 > max)
      idn__error(ctx, "R_LEVEL", i, l[i].src, -1,
                 "label %zu is %s, less restrictive than the %s level asked for "
                 "(UTS #39 §5.2, status R_LEVEL)", i, level_names[lv[i]],
                 level_names[max - 1]);
    warnings(idn, ctx, i, &l[i], c, n);
    idn__lookalike_checks(idn, ctx, i, &l[i], c, n, lv[i], tld, ntld);
  }
  ctx->level = name_level;
  return LOC_OK;
}

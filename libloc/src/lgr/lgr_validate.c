/* Checks of an LGR itself: variant symmetry and transitivity (RFC 7940
 * §5.3 expects both for index labels to work), IDNA2008 status of the
 * repertoire (RFC 5892, derived from ICU's properties), the Unicode version
 * the LGR claims (Unicode's DerivedAge.txt), rules never used. */
#include "internal.h"
#include "buf.h"
#include "lgr_internal.h"

#include <stdio.h>
#include <strings.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>


typedef struct vstate {
  const loc_lgr *g;
  loc_lgr_problem_fn fn;
  void *user;
  size_t n;
} vstate;

static void report(vstate *V, const char *check, int32_t cp, int line, const char *msg) {
  loc_lgr_problem p = {check, cp, line, msg};
  V->n++;
  if (V->fn)
    V->fn(&p, V->user);
}

static void fmt_cps(char *buf, size_t cap, const uint32_t *cps, size_t n) {
  size_t k = 0;
  buf[0] = '\0';
  for (size_t i = 0; i < n && k + 12 < cap; i++)
    k += (size_t)snprintf(buf + k, cap - k, "%sU+%04X", i ? " " : "", (unsigned)cps[i]);
}

/* The char with exactly this sequence, or -1. */
static int32_t find_char(const loc_lgr *g, const uint32_t *cps, size_t n) {
  size_t lo = 0, hi = g->n_starts;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (g->starts[mid].cp < cps[0])
      lo = mid + 1;
    else if (g->starts[mid].cp > cps[0])
      hi = mid;
    else {
      for (uint32_t j = 0; j < g->starts[mid].n; j++) {
        int32_t ci = (int32_t)g->by_start[g->starts[mid].first + j];
        const lgr_char *c = &g->chars[ci];
        if (c->cp_len == n && memcmp(g->cps + c->cp_off, cps, n * sizeof *cps) == 0)
          return ci;
      }
      return -1;
    }
  }
  return -1;
}

static bool has_var(const loc_lgr *g, int32_t ci, const uint32_t *cps, size_t n) {
  const lgr_char *c = &g->chars[ci];
  for (uint32_t v = 0; v < c->n_vars; v++) {
    const lgr_var *x = &g->vars[c->var_first + v];
    if (x->cp_len == n && memcmp(g->cps + x->cp_off, cps, n * sizeof *cps) == 0)
      return true;
  }
  return false;
}

static void check_variants(vstate *V) {
  const loc_lgr *g = V->g;
  char a[96], b[96], c[96], msg[640];
  for (size_t i = 0; i < g->n_chars; i++) {
    const lgr_char *ch = &g->chars[i];
    const uint32_t *acp = g->cps + ch->cp_off;
    for (uint32_t v = 0; v < ch->n_vars; v++) {
      const lgr_var *x = &g->vars[ch->var_first + v];
      if (x->reflexive)
        continue;
      const uint32_t *bcp = g->cps + x->cp_off;
      fmt_cps(a, sizeof a, acp, ch->cp_len);
      fmt_cps(b, sizeof b, bcp, x->cp_len);
      int32_t bi = find_char(g, bcp, x->cp_len);
      if (bi < 0) {
        snprintf(msg, sizeof msg, "variant %s of %s is not itself listed as a <char>", b, a);
        report(V, "symmetry", (int32_t)acp[0], ch->line, msg);
        continue;
      }
      if (!has_var(g, bi, acp, ch->cp_len)) {
        snprintf(msg, sizeof msg, "%s has variant %s, but %s has no variant %s", a, b, b, a);
        report(V, "symmetry", (int32_t)acp[0], ch->line, msg);
      }
      const lgr_char *bc = &g->chars[bi];
      for (uint32_t w = 0; w < bc->n_vars; w++) {
        const lgr_var *y = &g->vars[bc->var_first + w];
        const uint32_t *ccp = g->cps + y->cp_off;
        if (y->reflexive || (y->cp_len == ch->cp_len &&
                             memcmp(ccp, acp, y->cp_len * sizeof *ccp) == 0))
          continue;
        if (!has_var(g, (int32_t)i, ccp, y->cp_len)) {
          fmt_cps(c, sizeof c, ccp, y->cp_len);
          snprintf(msg, sizeof msg, "%s -> %s -> %s, but %s has no variant %s", a, b, c, a, c);
          report(V, "transitivity", (int32_t)acp[0], ch->line, msg);
        }
      }
    }
  }
}

/* RFC 5892 §3 derivation; returns NULL for PVALID/CONTEXTJ/CONTEXTO, else
 * the reason the code point is not allowed. */
static const char *idna2008_problem(UChar32 c) {
  static const UChar32 pvalid[] = {0x00DF, 0x03C2, 0x06FD, 0x06FE, 0x0F0B, 0x3007};
  static const UChar32 contexto[] = {0x00B7, 0x0375, 0x05F3, 0x05F4, 0x30FB};
  for (size_t i = 0; i < sizeof pvalid / sizeof pvalid[0]; i++)
    if (c == pvalid[i])
      return NULL;
  for (size_t i = 0; i < sizeof contexto / sizeof contexto[0]; i++)
    if (c == contexto[i])
      return NULL;
  if ((c >= 0x0660 && c <= 0x0669) || (c >= 0x06F0 && c <= 0x06F9))
    return NULL;
  if (c == 0x0640 || c == 0x07FA || c == 0x302E || c == 0x302F || (c >= 0x3031 && c <= 0x3035) ||
      c == 0x303B)
    return "DISALLOWED (RFC 5892 exception)";
  if (c == 0x002D || (c >= 0x0030 && c <= 0x0039) || (c >= 0x0061 && c <= 0x007A))
    return NULL;
  if (u_hasBinaryProperty(c, UCHAR_NONCHARACTER_CODE_POINT))
    return "DISALLOWED (noncharacter)";
  if (u_charType(c) == U_UNASSIGNED)
    return "UNASSIGNED in ICU's Unicode version";
  if (u_hasBinaryProperty(c, UCHAR_JOIN_CONTROL))
    return NULL; /* CONTEXTJ */
  UErrorCode e = U_ZERO_ERROR;
  const UNormalizer2 *cf = unorm2_getNFKCCasefoldInstance(&e);
  if (U_SUCCESS(e)) {
    UChar in[2], out[32];
    int32_t n = 0;
    U16_APPEND_UNSAFE(in, n, c);
    int32_t m = unorm2_normalize(cf, in, n, out, 32, &e);
    if (U_SUCCESS(e) && (m != n || memcmp(in, out, (size_t)n * sizeof *in) != 0))
      return "DISALLOWED (unstable: NFKC_Casefold changes it)";
  }
  if (u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT) ||
      u_hasBinaryProperty(c, UCHAR_WHITE_SPACE))
    return "DISALLOWED (ignorable property)";
  UBlockCode b = ublock_getCode(c);
  if (b == UBLOCK_COMBINING_MARKS_FOR_SYMBOLS || b == UBLOCK_MUSICAL_SYMBOLS ||
      b == UBLOCK_ANCIENT_GREEK_MUSICAL_NOTATION)
    return "DISALLOWED (ignorable block)";
  int32_t hst = u_getIntPropertyValue(c, UCHAR_HANGUL_SYLLABLE_TYPE);
  if (hst == U_HST_LEADING_JAMO || hst == U_HST_VOWEL_JAMO || hst == U_HST_TRAILING_JAMO)
    return "DISALLOWED (old Hangul jamo)";
  switch (u_charType(c)) {
  case U_LOWERCASE_LETTER: case U_UPPERCASE_LETTER: case U_OTHER_LETTER:
  case U_DECIMAL_DIGIT_NUMBER: case U_MODIFIER_LETTER: case U_NON_SPACING_MARK:
  case U_COMBINING_SPACING_MARK:
    return NULL;
  default:
    return "DISALLOWED (not a letter, digit or mark)";
  }
}

/* Unicode version as major*100+minor, 0 when unparsable. */
static int version_of(const char *s) {
  int a = 0, b = 0;
  if (s == NULL || sscanf(s, "%d.%d", &a, &b) < 1)
    return 0;
  return a * 100 + b;
}

typedef struct age_range {
  uint32_t lo, hi;
  int v;
} age_range;

static age_range *load_ages(const char *path, size_t *n) {
  FILE *f = fopen(path ? path : "/usr/share/unicode/DerivedAge.txt", "r");
  *n = 0;
  if (f == NULL)
    return NULL;
  size_t cap = 2048;
  age_range *r = malloc(cap * sizeof *r);
  char line[256];
  while (r && fgets(line, sizeof line, f)) {
    unsigned lo, hi;
    int a, b, k = 0;
    if (sscanf(line, "%x..%x ; %d.%d%n", &lo, &hi, &a, &b, &k) == 4 && k > 0) {
    } else if (sscanf(line, "%x ; %d.%d%n", &lo, &a, &b, &k) == 3 && k > 0) {
      hi = lo;
    } else {
      continue;
    }
    if (*n == cap) {
      void *g = r;
      loc_status gst = loc__grow(&g, &cap, *n + 1, sizeof *r, cap);
      r = g;
      if (gst != LOC_OK) {
        free(r);
        r = NULL;
        break;
      }
    }
    r[(*n)++] = (age_range){lo, hi, a * 100 + b};
  }
  fclose(f);
  return r;
}

static int age_of(const age_range *r, size_t n, uint32_t cp) {
  for (size_t i = 0; i < n; i++) /* a few thousand ranges; validation only */
    if (cp >= r[i].lo && cp <= r[i].hi)
      return r[i].v;
  return -1;
}

/* lgr-core's convention: a char whose reflexive variant has a type
 * starting "out-of-repertoire" (any case) is listed only to name its
 * variants; it is not part of the repertoire proper, so the IDNA2008
 * check passes it over, as label evaluation does. */
static bool out_of_repertoire(const loc_lgr *g, const lgr_char *c) {
  for (uint32_t v = 0; v < c->n_vars; v++) {
    const lgr_var *x = &g->vars[c->var_first + v];
    if (x->reflexive && x->type >= 0 && strncasecmp(g->names[x->type], "out-of-repertoire", 17) == 0)
      return true;
  }
  return false;
}

static void check_code_points(vstate *V, const char *derived_age) {
  const loc_lgr *g = V->g;
  size_t n_ages = 0;
  age_range *ages = load_ages(derived_age, &n_ages);
  int want = version_of(g->meta[LOC_LGR_META_UNICODE_VERSION]);
  char msg[300];
  for (size_t i = 0; i < g->n_chars; i++) {
    const lgr_char *c = &g->chars[i];
    for (uint32_t k = 0; k < c->cp_len; k++) {
      uint32_t cp = g->cps[c->cp_off + k];
      const char *why = out_of_repertoire(g, c) ? NULL : idna2008_problem((UChar32)cp);
      if (why) {
        snprintf(msg, sizeof msg, "U+%04X is not valid under IDNA2008: %s", (unsigned)cp, why);
        report(V, "idna2008", (int32_t)cp, c->line, msg);
      }
      if (ages && want) {
        int a = age_of(ages, n_ages, cp);
        if (a < 0 || a > want) {
          if (a < 0)
            snprintf(msg, sizeof msg, "U+%04X is not assigned in DerivedAge.txt", (unsigned)cp);
          else
            snprintf(msg, sizeof msg, "U+%04X was added in Unicode %d.%d, after the LGR's %s",
                     (unsigned)cp, a / 100, a % 100, g->meta[LOC_LGR_META_UNICODE_VERSION]);
          report(V, "unicode-version", (int32_t)cp, c->line, msg);
        }
      }
    }
  }
  free(ages);
}

static void mark_rule(const loc_lgr *g, int32_t r, uint8_t *used) {
  if (r < 0 || used[r])
    return;
  used[r] = 1;
  /* walk the rule's nodes for references */
  int32_t stack[256];
  size_t sp = 0;
  if (g->rules[r].root >= 0)
    stack[sp++] = g->rules[r].root;
  while (sp) {
    const lgr_node *nd = &g->nodes[stack[--sp]];
    if (nd->kind == LN_RULE_REF)
      mark_rule(g, nd->ref, used);
    for (uint32_t k = 0; k < nd->n_kids && sp < 256; k++)
      stack[sp++] = (int32_t)g->kids[nd->first + k];
  }
}

static void check_unused(vstate *V) {
  const loc_lgr *g = V->g;
  uint8_t *used = calloc(g->n_rules ? g->n_rules : 1, 1);
  if (used == NULL)
    return;
  for (size_t i = 0; i < g->n_chars; i++) {
    mark_rule(g, g->chars[i].when, used);
    mark_rule(g, g->chars[i].not_when, used);
  }
  for (size_t i = 0; i < g->n_vars; i++) {
    mark_rule(g, g->vars[i].when, used);
    mark_rule(g, g->vars[i].not_when, used);
  }
  for (size_t i = 0; i < g->n_actions; i++) {
    mark_rule(g, g->actions[i].match, used);
    mark_rule(g, g->actions[i].not_match, used);
  }
  char msg[200];
  for (size_t r = 0; r < g->n_rules; r++)
    if (!used[r] && !g->rules[r].undefined) {
      snprintf(msg, sizeof msg, "rule '%s' is never used", g->names[g->rules[r].name]);
      report(V, "unused-rule", -1, g->rules[r].line, msg);
    }
  free(used);
}

loc_status loc_lgr_validate(const loc_lgr *g, const char *derived_age, loc_lgr_problem_fn fn,
                            void *user, size_t *n_problems) {
  if (g == NULL)
    return LOC_E_INVALID_ARGUMENT;
  vstate V = {g, fn, user, 0};
  /* What the load tolerated is an error of the file all the same. */
  for (size_t i = 0; i < g->n_warnings; i++)
    report(&V, g->warnings[i].check, g->warnings[i].codepoint, g->warnings[i].line,
           g->warnings[i].message);
  if (g->meta[LOC_LGR_META_UNICODE_VERSION] == NULL)
    report(&V, "meta", -1, 0, "no <unicode-version> in <meta>");
  else if (version_of(g->meta[LOC_LGR_META_UNICODE_VERSION]) < 502)
    report(&V, "meta", -1, 0, "unicode-version is not 5.2.0 or later");
  check_variants(&V);
  check_code_points(&V, derived_age);
  check_unused(&V);
  if (n_problems)
    *n_problems = V.n;
  return LOC_OK;
}

/* Script family: words that mix scripts beyond the UTS #39 highly
 * restrictive level (through ICU's uspoof), with a single-script look-alike
 * suggested from confusable skeletons; language family: letters outside
 * the exemplar sets of --lang (ICU locale data). */
#include "internal.h"
#include "buf.h"

#include "check_internal.h"

#include <stdio.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/unorm2.h>

/* A letter whose confusable skeleton is the single code point @skel. */
typedef struct chk_lookalike {
  int32_t skel;
  int32_t script;
  int32_t cp;
} chk_lookalike;

static int look_cmp(const void *a, const void *b) {
  const chk_lookalike *p = a, *q = b;
  if (p->skel != q->skel)
    return p->skel < q->skel ? -1 : 1;
  if (p->script != q->script)
    return p->script < q->script ? -1 : 1;
  return p->cp < q->cp ? -1 : p->cp > q->cp;
}

/* One code point's skeleton, when it is one code point; else -1. */
static int32_t skeleton1(const USpoofChecker *sc, int32_t cp) {
  UChar in[2], out[8];
  int32_t n = 0;
  U16_APPEND_UNSAFE(in, n, cp);
  UErrorCode e = U_ZERO_ERROR;
  int32_t m = uspoof_getSkeleton(sc, 0, in, n, out, 8, &e);
  if (U_FAILURE(e) || m < 1 || m > 2)
    return -1;
  UChar32 k;
  int32_t j = 0;
  U16_NEXT(out, j, m, k);
  return j == m ? k : -1;
}

loc_status chk_lookalike_init(loc_checker *c) {
  static const UScriptCode scripts[] = {USCRIPT_LATIN, USCRIPT_CYRILLIC, USCRIPT_GREEK,
                                        USCRIPT_ARMENIAN, USCRIPT_ARABIC};
  size_t cap = 4096, n = 0;
  chk_lookalike *t = malloc(cap * sizeof *t);
  if (t == NULL)
    return LOC_E_NO_MEMORY;
  for (size_t s = 0; s < sizeof scripts / sizeof scripts[0]; s++) {
    UErrorCode e = U_ZERO_ERROR;
    USet *set = uset_openEmpty();
    uset_applyIntPropertyValue(set, UCHAR_SCRIPT, scripts[s], &e);
    int32_t ranges = uset_getItemCount(set);
    for (int32_t r = 0; U_SUCCESS(e) && r < ranges; r++) {
      UChar32 lo, hi;
      uset_getItem(set, r, &lo, &hi, NULL, 0, &e);
      for (UChar32 cp = lo; cp <= hi; cp++) {
        if (!u_isalpha(cp))
          continue;
        int32_t k = skeleton1(c->spoof, cp);
        if (k < 0)
          continue;
        if (n == cap) {
          void *g = t;
          loc_status gst = loc__grow(&g, &cap, n + 1, sizeof *t, cap);
          t = g;
          if (gst != LOC_OK) {
            uset_close(set);
            free(t);
            return gst;
          }
        }
        t[n++] = (chk_lookalike){k, scripts[s], cp};
      }
    }
    uset_close(set);
    if (U_FAILURE(e)) {
      free(t);
      return LOC_E_ICU;
    }
  }
  qsort(t, n, sizeof *t, look_cmp);
  c->look = t;
  c->nlook = n;
  return LOC_OK;
}

void chk_lookalike_free(loc_checker *c) { free(c->look); }

/* A letter of @script that looks like @cp, preferring @cp's own lowercase
 * or uppercase shape; -1 when none. */
static int32_t lookalike(const loc_checker *c, int32_t cp, int32_t script) {
  int32_t k = skeleton1(c->spoof, cp);
  if (k < 0)
    return -1;
  size_t lo = 0, hi = c->nlook;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    const chk_lookalike *m = &c->look[mid];
    if (m->skel < k || (m->skel == k && m->script < script))
      lo = mid + 1;
    else
      hi = mid;
  }
  int32_t best = -1;
  bool upper = u_isupper(cp);
  for (size_t i = lo; i < c->nlook && c->look[i].skel == k && c->look[i].script == script;
       i++) {
    if (best < 0 || (u_isupper(c->look[i].cp) == upper && u_isupper(best) != upper))
      best = c->look[i].cp;
  }
  return best;
}

static int32_t script_of(int32_t cp) {
  UErrorCode e = U_ZERO_ERROR;
  return uscript_getScript(cp, &e);
}

static bool in_word(const chk_char *c) {
  return c->cp >= 0 && (chk_is_letter(c->gc) || chk_is_mark(c->gc) || c->cp == 0x200C ||
                        c->cp == 0x200D);
}

/* The word x->ch[a..b) mixes scripts: check it with uspoof, suggest. */
static loc_status mixed_word(loc_check_ctx *x, size_t a, size_t b) {
  size_t off = x->ch[a].off, len = chk_end(x, b - 1) - off;
  UErrorCode e = U_ZERO_ERROR;
  uspoof_check2UTF8(x->ck->spoof, x->s + off, (int32_t)len, x->spoof_result, &e);
  if (U_FAILURE(e))
    return LOC_E_ICU;
  URestrictionLevel lvl = uspoof_getCheckResultRestrictionLevel(x->spoof_result, &e);
  if (U_FAILURE(e) || lvl <= USPOOF_HIGHLY_RESTRICTIVE)
    return LOC_OK;
  /* the script with most letters is taken as the intended one */
  int32_t scripts[8] = {0}, counts[8] = {0};
  size_t ns = 0;
  for (size_t i = a; i < b; i++) {
    if (!chk_is_letter(x->ch[i].gc))
      continue;
    int32_t s = script_of(x->ch[i].cp);
    if (s == USCRIPT_COMMON || s == USCRIPT_INHERITED)
      continue;
    size_t k = 0;
    while (k < ns && scripts[k] != s)
      k++;
    if (k == ns && ns < 8)
      scripts[ns++] = s;
    if (k < ns)
      counts[k]++;
  }
  size_t top = 0;
  for (size_t k = 1; k < ns; k++)
    if (counts[k] > counts[top])
      top = k;
  bool unique_top = true;
  for (size_t k = 0; k < ns; k++)
    if (k != top && counts[k] == counts[top])
      unique_top = false;
  char names[64] = "";
  size_t nn = 0;
  for (size_t k = 0; k < ns && nn + 6 < sizeof names; k++)
    nn += (size_t)snprintf(names + nn, sizeof names - nn, "%s%s", k ? "+" : "",
                           uscript_getShortName((UScriptCode)scripts[k]));
  /* suggestion: every letter of another script replaced by a look-alike */
  bool ok = unique_top && ns > 1;
  x->tmp.len = 0;
  for (size_t i = a; ok && i < b; i++) {
    int32_t cp = x->ch[i].cp, s = script_of(cp);
    if (chk_is_letter(x->ch[i].gc) && s != scripts[top] && s != USCRIPT_COMMON &&
        s != USCRIPT_INHERITED) {
      cp = lookalike(x->ck, cp, scripts[top]);
      if (cp < 0)
        ok = false;
    }
    if (ok && loc__buf_reserve(&x->tmp, 4) != LOC_OK)
      return LOC_E_NO_MEMORY;
    if (ok)
      x->tmp.len += loc__utf8_encode((uint32_t)cp, x->tmp.data + x->tmp.len);
  }
  return chk_add(x, CHK_MIXED_SCRIPT, LOC_SEVERITY_WARNING, off, len, NULL, 0,
                 ok ? x->tmp.data : NULL, ok ? x->tmp.len : 0,
                 "word mixes scripts (%s)%s", names,
                 ok ? "; it looks like a single-script word" : "");
}

loc_status chk_script(loc_check_ctx *x) {
  if (!chk_on(x, CHK_MIXED_SCRIPT))
    return LOC_OK;
  loc_status st = LOC_OK;
  for (size_t i = 0; st == LOC_OK && i < x->nch;) {
    if (!in_word(&x->ch[i])) {
      i++;
      continue;
    }
    size_t j = i;
    int32_t first = -1;
    bool mixed = false;
    for (; j < x->nch && in_word(&x->ch[j]); j++) {
      if (x->ch[j].cp < 0x80 || !chk_is_letter(x->ch[j].gc)) {
        if (x->ch[j].cp < 0x80 && first >= 0 && first != USCRIPT_LATIN)
          mixed = true;
        else if (x->ch[j].cp < 0x80 && first < 0)
          first = USCRIPT_LATIN;
        continue;
      }
      int32_t s = script_of(x->ch[j].cp);
      if (s == USCRIPT_COMMON || s == USCRIPT_INHERITED)
        continue;
      if (first < 0)
        first = s;
      else if (s != first)
        mixed = true;
    }
    if (mixed)
      st = mixed_word(x, i, j);
    i = j;
  }
  return st;
}

/* ---------- exemplars ---------- */

/* Letters that languages of one script spell differently, and that
 * confusable skeletons keep apart: Arabic KAF and YEH against the KEHEH
 * and FARSI YEH of Persian, Urdu and others, and back. */
static const struct {
  int32_t cp, alt;
} variants[] = {
    {0x0643, 0x06A9}, {0x0649, 0x06CC}, {0x064A, 0x06CC},
    {0x06A9, 0x0643}, {0x06CC, 0x064A},
};

/* A look-alike or spelling variant of @cp in the main exemplar set. */
static int32_t main_alternative(const loc_checker *c, int32_t cp) {
  for (size_t i = 0; i < sizeof variants / sizeof variants[0]; i++)
    if (variants[i].cp == cp && uset_contains(c->ex_main, variants[i].alt))
      return variants[i].alt;
  int32_t alt = lookalike(c, cp, script_of(cp));
  return alt != cp && alt >= 0 && uset_contains(c->ex_main, alt) ? alt : -1;
}

/* True when @cp, or every code point of its NFD, is in @nfd. */
static bool decomposes_into(int32_t cp, const USet *nfd) {
  if (uset_contains(nfd, cp))
    return true;
  UErrorCode e = U_ZERO_ERROR;
  const UNormalizer2 *n = unorm2_getNFDInstance(&e);
  UChar buf[32];
  int32_t len = U_SUCCESS(e) ? unorm2_getDecomposition(n, cp, buf, 32, &e) : -1;
  if (U_FAILURE(e) || len <= 0)
    return false;
  return uset_containsAllCodePoints(nfd, buf, len);
}

/* 0 = in the main set (or decomposes into its letters and marks, as
 * decomposed text and digraph letters do), 1 = auxiliary only, 2 = none. */
static int exemplar_class(const loc_check_ctx *x, size_t i) {
  const loc_checker *c = x->ck;
  int32_t cp = x->ch[i].cp;
  if (uset_contains(c->ex_main, cp) || uset_contains(c->ex_other, cp) ||
      decomposes_into(cp, c->ex_main_nfd))
    return 0;
  /* Han exemplars list common characters, not the script's repertoire */
  if (c->ex_han && script_of(cp) == USCRIPT_HAN)
    return 0;
  return uset_contains(c->ex_aux, cp) || decomposes_into(cp, c->ex_aux_nfd) ? 1 : 2;
}

loc_status chk_language(loc_check_ctx *x) {
  if (!x->ck->has_lang || (!chk_on(x, CHK_EXEMPLAR) && !chk_on(x, CHK_EXEMPLAR_AUX)))
    return LOC_OK;
  loc_status st = LOC_OK;
  for (size_t i = 0; st == LOC_OK && i < x->nch;) {
    int8_t gc = x->ch[i].gc;
    int cls = (x->ch[i].cp >= 0 && (chk_is_letter(gc) || chk_is_mark(gc)))
                  ? exemplar_class(x, i) : 0;
    chk_rule rule = cls == 2 ? CHK_EXEMPLAR : CHK_EXEMPLAR_AUX;
    if (cls == 0 || !chk_on(x, rule)) {
      i++;
      continue;
    }
    /* one finding for a run of letters of the same class */
    size_t j = i + 1;
    while (j < x->nch && x->ch[j].cp >= 0 &&
           (chk_is_letter(x->ch[j].gc) || chk_is_mark(x->ch[j].gc)) &&
           exemplar_class(x, j) == cls)
      j++;
    size_t off = x->ch[i].off, len = chk_end(x, j - 1) - off;
    /* a look-alike from the main set, e.g. KEHEH for Persian's KAF */
    int32_t alt = j == i + 1 ? main_alternative(x->ck, x->ch[i].cp) : -1;
    char sugg[4];
    size_t sn = alt >= 0 ? loc__utf8_encode((uint32_t)alt, sugg) : 0;
    if (cls == 2)
      st = chk_add(x, CHK_EXEMPLAR, LOC_SEVERITY_WARNING, off, len, NULL, 0,
                   alt >= 0 ? sugg : NULL, sn, "U+%04X%s is in no exemplar set of '%s'",
                   (unsigned)x->ch[i].cp, j > i + 1 ? " ..." : "", x->ck->lang);
    else if (alt >= 0)
      st = chk_add(x, CHK_EXEMPLAR_AUX, LOC_SEVERITY_INFO, off, len, NULL, 0, sugg, sn,
                   "U+%04X is only in the auxiliary exemplar set of '%s'; its main set has "
                   "U+%04X", (unsigned)x->ch[i].cp, x->ck->lang, (unsigned)alt);
    else
      st = chk_add(x, CHK_EXEMPLAR_AUX, LOC_SEVERITY_INFO, off, len, NULL, 0, NULL, 0,
                   "U+%04X%s is only in the auxiliary exemplar set of '%s'",
                   (unsigned)x->ch[i].cp, j > i + 1 ? " ..." : "", x->ck->lang);
    i = j;
  }
  return st;
}

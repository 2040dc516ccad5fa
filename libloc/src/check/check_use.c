/* The Universal Shaping Engine cluster model, independent of any font, for
 * the complex scripts the Indic grammar of check_syllable.c does not judge
 * (Tibetan, Balinese, Javanese, Tai Tham, Chakma, Tai Viet, Batak, ...):
 * each cluster that starts with a base is matched against the USE cluster
 * grammar (Microsoft's USE specification), and a mark that cannot continue
 * it starts a broken cluster, reported once. Marks with no base at all
 * (after a space, at the start of a line) are check_syllable.c's. */
#include "internal.h"

#include "check_internal.h"

#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/unorm2.h>

#include "tables/use_data.h"

/* Entries past this many in one run of cluster characters are not judged
 * (no real cluster is that long; a run of marks that long is noise). */
#define USE_RUN_MAX 64

typedef struct use_ent {
  uint8_t cat, ccc, script;
  int32_t cp;
  uint32_t ch;  /* index in x->ch of the character it comes from */
} use_ent;

static const struct use_range *use_lookup(int32_t cp) {
  /* no USE script below Tibetan; none between Myanmar's end and Tagalog,
   * in the symbol and CJK planes, or between Meetei Mayek and the SMP */
  if (cp < 0x0F00 || (cp >= 0x1000 && cp < 0x1700) || (cp >= 0x1CFF && cp < 0xA800) ||
      (cp >= 0xAC00 && cp < 0x10000))
    return NULL;
  size_t lo = 0, hi = sizeof use_ranges / sizeof use_ranges[0];
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if ((uint32_t)cp < use_ranges[mid].lo)
      hi = mid;
    else if ((uint32_t)cp > use_ranges[mid].hi)
      lo = mid + 1;
    else
      return &use_ranges[mid];
  }
  return NULL;
}

static bool starts_cluster(uint8_t c) {
  return c == USE_B || c == USE_GB || c == USE_N || c == USE_R || c == USE_CS;
}

/* Invisible inside a cluster: ZWJ, ZWNJ (as HarfBuzz 6 and the existing
 * Indic grammar treat it), CGJ and variation selectors. */
static bool transparent(int32_t cp) {
  return cp == 0x200D || cp == 0x200C || cp == 0x034F || (cp >= 0xFE00 && cp <= 0xFE0F) ||
         (cp >= 0xE0100 && cp <= 0xE01EF);
}

static const char *cat_name(uint8_t c) {
  switch (c) {
  case USE_B: return "base";
  case USE_GB: return "placeholder base";
  case USE_N: return "joining number";
  case USE_R: return "repha";
  case USE_CS: return "consonant with stacker";
  case USE_SUB: return "subjoined consonant";
  case USE_H: return "virama";
  case USE_IS: return "invisible stacker";
  case USE_Sk: return "sakot";
  case USE_HN: return "number joiner";
  case USE_FAbv: case USE_FBlw: case USE_FPst: return "final consonant sign";
  case USE_FMAbv: case USE_FMBlw: case USE_FMPst: return "final modifier";
  case USE_MPre: case USE_MAbv: case USE_MBlw: case USE_MPst: return "medial consonant sign";
  case USE_CMAbv: case USE_CMBlw: return "consonant modifier";
  case USE_VPre: return "pre-base vowel sign";
  case USE_VAbv: return "above-base vowel sign";
  case USE_VBlw: return "below-base vowel sign";
  case USE_VPst: return "post-base vowel sign";
  case USE_VMPre: case USE_VMAbv: case USE_VMBlw: case USE_VMPst:
    return "vowel modifier";
  case USE_SMAbv: case USE_SMBlw: return "symbol modifier";
  default: return "other";
  }
}

/* The slot of a category in the cluster order after the base: consonant
 * modifiers, medials, vowel signs, vowel modifiers, finals, final
 * modifiers. 0 for the categories the matcher handles itself. */
static int slot(uint8_t c) {
  switch (c) {
  case USE_CMAbv: return 1;
  case USE_CMBlw: return 2;
  case USE_MPre: return 3;
  case USE_MAbv: return 4;
  case USE_MBlw: return 5;
  case USE_MPst: return 6;
  case USE_VPre: return 7;
  case USE_VAbv: return 8;
  case USE_VBlw: return 9;
  case USE_VPst: return 10;
  case USE_VMPre: return 11;
  case USE_VMAbv: return 12;
  case USE_VMBlw: return 13;
  case USE_VMPst: return 14;
  case USE_FAbv: return 16;
  case USE_FBlw: return 17;
  case USE_FPst: return 18;
  case USE_FMAbv: return 19;
  case USE_FMBlw: return 20;
  case USE_FMPst: return 21;
  default: return 0;
  }
}

#define SLOT_AFTER_VOWELS 10  /* a virama in the vowel position */
#define SLOT_SAKOT_BASE 15    /* after (sakot base)* */

/* Slots taken at most once: the medials and the post-base final modifier
 * (the others repeat). */
static bool single(int s) { return (s >= 3 && s <= 6) || s == 21; }

/* The end of the cluster body that starts at e[k] right after its base (or,
 * for a broken cluster, at its first mark): the longest prefix of
 * e[k..n) the grammar accepts. */
static size_t match_body(const use_ent *e, size_t k, size_t n) {
  int stage = 0;
  bool stacked = false;  /* after a stacked consonant: one CMAbv at most */
  bool h_vowel = false;  /* a virama took the place of the vowel signs */
  while (k < n) {
    uint8_t c = e[k].cat;
    bool base_next = k + 1 < n && e[k + 1].cat == USE_B;
    if (c == USE_H || c == USE_IS || c == USE_Sk || c == USE_SUB) {
      if (stage <= 2 && (c == USE_SUB || base_next)) {
        /* a consonant stacked below or after: the cluster goes on */
        k += c == USE_SUB ? 1 : 2;
        stage = 0;
        stacked = true;
        continue;
      }
      if (c == USE_H && stage <= 6) {
        stage = SLOT_AFTER_VOWELS;  /* the virama stands for the vowel */
        h_vowel = true;
        k++;
        continue;
      }
      if (c == USE_IS && stage <= 2)
        return k + 1;               /* a cluster may end in a stacker */
      if (c == USE_Sk && base_next && stage <= SLOT_SAKOT_BASE) {
        stage = SLOT_SAKOT_BASE;
        k += 2;
        continue;
      }
      if (c == USE_Sk && stage <= SLOT_SAKOT_BASE)
        return k + 1;
      return k;
    }
    int s = slot(c);
    if (s == 0 || s < stage || (s == stage && (single(s) || (s == 1 && stacked))) ||
        (h_vowel && s == SLOT_AFTER_VOWELS))
      return k;
    if (s == 21 && stage >= 19)
      return k;                     /* FMPst is the alternative to FMAbv/FMBlw */
    stage = s;
    k++;
  }
  return k;
}

/* The end of a symbol modifier tail: SMAbv+ SMBlw* | SMBlw+. */
static size_t match_symbol(const use_ent *e, size_t k, size_t n) {
  while (k < n && e[k].cat == USE_SMAbv)
    k++;
  while (k < n && e[k].cat == USE_SMBlw)
    k++;
  return k;
}

/* The end of a numeral cluster body after its number: (HN N)* HN?. */
static size_t match_numeral(const use_ent *e, size_t k, size_t n) {
  while (k < n && e[k].cat == USE_HN) {
    if (k + 1 < n && e[k + 1].cat == USE_N)
      k += 2;
    else
      return k + 1;
  }
  return k;
}

/* Chakma vowel signs o and au are o/au mark + a (their canonical
 * decompositions); typed the other way round, a + mark, the vowel meant is
 * still plain, and the one repair is the precomposed sign. */
static loc_status chakma_reversed(loc_check_ctx *x, const use_ent *e, size_t k, bool *done) {
  *done = false;
  if (k == 0 || e[k - 1].cp != 0x11127 || (e[k].cp != 0x11131 && e[k].cp != 0x11132))
    return LOC_OK;
  size_t a = e[k - 1].ch, b = e[k].ch;
  if (b != a + 1 || x->ch[a].cp != 0x11127 || x->ch[b].cp != e[k].cp)
    return LOC_OK;  /* parts of precomposed signs, or not side by side */
  int32_t vowel = e[k].cp == 0x11131 ? 0x1112E : 0x1112F;
  char fix[4];
  size_t n = loc__utf8_encode((uint32_t)vowel, fix);
  *done = true;
  return chk_add(x, CHK_BROKEN_CLUSTER, LOC_SEVERITY_ERROR, x->ch[a].off,
                 chk_end(x, b) - x->ch[a].off, fix, n, NULL, 0,
                 "U+11127 U+%04X: Chakma vowel sign %s written as its two parts in reverse "
                 "order: broken cluster (fix: U+%04X)", (unsigned)e[k].cp,
                 vowel == 0x1112E ? "o" : "au", (unsigned)vowel);
}

static loc_status report(loc_check_ctx *x, const use_ent *e, size_t k) {
  const chk_char *c = &x->ch[e[k].ch];
  const char *script = use_scripts[e[k].script];
  bool done;
  loc_status st = chakma_reversed(x, e, k, &done);
  if (st != LOC_OK || done)
    return st;
  if (k == 0 || e[k].cat == USE_R || e[k].cat == USE_CS)
    return chk_add(x, CHK_BROKEN_CLUSTER, LOC_SEVERITY_ERROR, c->off, c->len, NULL, 0, NULL,
                   0, "U+%04X (%s %s) with no base after it", (unsigned)e[k].cp, script,
                   cat_name(e[k].cat));
  return chk_add(x, CHK_BROKEN_CLUSTER, LOC_SEVERITY_ERROR, c->off, c->len, NULL, 0, NULL, 0,
                 "U+%04X (%s %s) cannot follow U+%04X (%s) in one cluster: broken "
                 "cluster (Universal Shaping Engine order)",
                 (unsigned)e[k].cp, script, cat_name(e[k].cat), (unsigned)e[k - 1].cp,
                 cat_name(e[k - 1].cat));
}

/* Judges the entries of one run: clusters one after another, and every
 * mark that cannot continue one starts a broken cluster. */
static loc_status judge(loc_check_ctx *x, const use_ent *e, size_t n) {
  loc_status st = LOC_OK;
  size_t k = 0;
  while (st == LOC_OK && k < n) {
    uint8_t c = e[k].cat;
    if (c == USE_N) {
      k = match_numeral(e, k + 1, n);
      continue;
    }
    if ((c == USE_R || c == USE_CS) && k + 1 < n &&
        (e[k + 1].cat == USE_B || e[k + 1].cat == USE_GB))
      k++, c = e[k].cat;
    if (c == USE_B || c == USE_GB) {
      size_t end = match_body(e, k + 1, n);
      /* a placeholder also carries symbol modifiers */
      k = c == USE_GB && end == k + 1 ? match_symbol(e, end, n) : end;
      continue;
    }
    /* a mark that continues no cluster, or a repha with no base */
    st = report(x, e, k);
    size_t from = (c == USE_R || c == USE_CS) ? k + 1 : k;
    size_t end = match_body(e, from, n);
    if (end == from && end < n && e[end].cat == USE_HN)
      end = match_numeral(e, end, n);
    if (end == from)
      end = match_symbol(e, end, n);
    k = end > k ? end : k + 1;
  }
  return st;
}

/* The combining class by which marks are put in order before clusters are
 * found, as shapers do: canonical, except Tibetan TSA-PHRU before the vowel
 * signs and PADMA GDAN after them (NFC puts them the other way round), and
 * Tai Tham SAKOT after the tone marks. */
static uint8_t order_class(int32_t cp) {
  if (cp == 0x0F39)
    return 127;
  if (cp == 0x0FC6 || cp == 0x1A60)
    return 254;
  return u_getCombiningClass(cp);
}

/* Adds the entries of character i (a mark that decomposes canonically into
 * marks counts as those, as a shaper sees it after normalization). */
static size_t add_char(const loc_check_ctx *x, const UNormalizer2 *nfd, size_t i,
                       const struct use_range *r, use_ent *e, size_t n) {
  int32_t cp = x->ch[i].cp;
  UChar d[8];
  UErrorCode err = U_ZERO_ERROR;
  int32_t dl = chk_is_mark(x->ch[i].gc) ? unorm2_getDecomposition(nfd, cp, d, 8, &err) : -1;
  if (dl > 0 && U_SUCCESS(err)) {
    use_ent part[8];
    size_t np = 0;
    for (int32_t p = 0; p < dl;) {
      UChar32 dc;
      U16_NEXT(d, p, dl, dc);
      const struct use_range *dr = use_lookup(dc);
      if (dr == NULL)
        break;  /* a part outside the model: judge the character whole */
      part[np++] = (use_ent){dr->cat, order_class(dc), r->script, dc, (uint32_t)i};
    }
    if (np > 0 && np == (size_t)u_countChar32(d, dl) && n + np <= USE_RUN_MAX) {
      memcpy(e + n, part, np * sizeof *part);
      return n + np;
    }
  }
  e[n++] = (use_ent){r->cat, order_class(cp), r->script, cp, (uint32_t)i};
  return n;
}

/* Canonical order: marks of nonzero combining class sorted by it, stably,
 * as normalization leaves them before a shaper finds clusters. */
static void canonical_order(use_ent *e, size_t n) {
  for (size_t k = 1; k < n; k++) {
    use_ent t = e[k];
    size_t j = k;
    while (t.ccc != 0 && j > 0 && e[j - 1].ccc > t.ccc) {
      e[j] = e[j - 1];
      j--;
    }
    e[j] = t;
  }
}

static const struct use_range circle_range = {0x25CC, 0x25CC, USE_GB, 0};

loc_status chk_use(loc_check_ctx *x) {
  if (!chk_on(x, CHK_BROKEN_CLUSTER) || x->max_cp < 0x0F00)
    return LOC_OK;
  UErrorCode err = U_ZERO_ERROR;
  const UNormalizer2 *nfd = unorm2_getNFDInstance(&err);
  if (U_FAILURE(err))
    return LOC_E_ICU;
  loc_status st = LOC_OK;
  use_ent e[USE_RUN_MAX];
  for (size_t i = 0; st == LOC_OK && i < x->nch; i++) {
    const struct use_range *r = use_lookup(x->ch[i].cp);
    bool circle = x->ch[i].cp == 0x25CC;
    if (!circle && (r == NULL || !starts_cluster(r->cat)))
      continue;
    /* the run: the base and what may belong to clusters of its script */
    if (circle)
      r = &circle_range;
    uint8_t script = r->script;
    /* Tai Tham: the Khün declaration writes vowel signs and tone marks after
     * subjoined finals and tone marks before post-base AA, orders the USE
     * model rejects (218 clusters); which is right is not settled here, so
     * only a mark with no base is reported (check_syllable.c) */
    if (script == USE_SCRIPT_Tai_Tham)
      continue;
    size_t n = add_char(x, nfd, i, r, e, 0), j = i + 1;
    for (; j < x->nch && n < USE_RUN_MAX; j++) {
      int32_t cp = x->ch[j].cp;
      if (transparent(cp))
        continue;
      const struct use_range *q = use_lookup(cp);
      if (q == NULL)
        break;
      if (script == 0 && q->script != USE_SCRIPT_Tai_Tham)
        script = q->script;  /* a dotted circle takes the script of its marks */
      if (q->script != script)
        break;
      n = add_char(x, nfd, j, q, e, n);
    }
    if (n > 1) {
      canonical_order(e, n);
      st = judge(x, e, n);
    }
    i = j - 1;
  }
  return st;
}

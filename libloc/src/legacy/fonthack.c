/* Font-hack encodings <-> Unicode.
 *
 * Legacy text stores glyphs in the order they are drawn; Unicode stores
 * letters in the order they are spoken. Two things differ:
 *  - a pre-base vowel sign (Devanagari i, Bengali i/e/ai, and the left half
 *    of Bengali o/au) is typed before the consonant cluster it follows in
 *    Unicode;
 *  - the reph (ra + virama at the start of a cluster, drawn as a hook above
 *    its end) is typed after the cluster and its vowel signs.
 * To Unicode: glyphs are mapped by longest match, then the pre-base signs
 * move after their cluster, then each reph moves before its cluster.
 * From Unicode: each syllable is laid out in visual order first, then
 * mapped by longest match. Characters without a glyph pass through. */
#include "internal.h"
#include "buf.h"
#include "fonthack.h"

#include <pthread.h>

enum { MAXSEQ = 4 };

typedef struct cent {
  uint32_t leg[MAXSEQ], uni[MAXSEQ];
  uint8_t nleg, nuni;
  int flags;
} cent;

/* Per encoding, entries decoded once, with candidate lists per low byte of
 * the first code point, longest first. */
typedef struct compiled {
  cent *e;
  size_t n;
  uint16_t *by_leg[256], *by_uni[256];
  uint16_t nby_leg[256], nby_uni[256];
  bool ok;
} compiled;

static compiled comp[2];
static pthread_once_t comp_once[2] = {PTHREAD_ONCE_INIT, PTHREAD_ONCE_INIT};

static uint8_t decode_all(const char *s, uint32_t *out) {
  size_t len = strlen(s), i = 0;
  uint8_t n = 0;
  while (i < len && n < MAXSEQ) {
    size_t k;
    int32_t cp = loc__utf8_decode((const uint8_t *)s, len, i, &k);
    out[n++] = (uint32_t)cp;
    i += k;
  }
  return n;
}

static void build_lists(compiled *c, bool legacy_side) {
  for (int b = 0; b < 256; b++) {
    uint16_t *list = NULL;
    uint16_t count = 0;
    /* longest first: walk lengths downwards */
    for (int want = MAXSEQ; want >= 1; want--)
      for (size_t i = 0; i < c->n; i++) {
        const cent *e = &c->e[i];
        uint8_t n = legacy_side ? e->nleg : e->nuni;
        uint32_t first = legacy_side ? e->leg[0] : e->uni[0];
        if (n != want || (first & 0xFF) != (uint32_t)b)
          continue;
        if (legacy_side ? (e->flags & FH_FROM) : (e->flags & FH_ALT))
          continue;
        uint16_t *nl = realloc(list, (count + 1u) * sizeof *nl);
        if (nl == NULL) {
          free(list);
          return;
        }
        list = nl;
        list[count++] = (uint16_t)i;
      }
    if (legacy_side) {
      c->by_leg[b] = list;
      c->nby_leg[b] = count;
    } else {
      c->by_uni[b] = list;
      c->nby_uni[b] = count;
    }
  }
}

static void compile(int which) {
  const fh_encoding *enc = which ? &loc__fh_bijoy : &loc__fh_krutidev;
  compiled *c = &comp[which];
  c->e = calloc(enc->count, sizeof *c->e);
  if (c->e == NULL)
    return;
  c->n = enc->count;
  for (size_t i = 0; i < enc->count; i++) {
    c->e[i].nleg = decode_all(enc->entries[i].legacy, c->e[i].leg);
    c->e[i].nuni = decode_all(enc->entries[i].uni, c->e[i].uni);
    c->e[i].flags = enc->entries[i].flags;
  }
  build_lists(c, true);
  build_lists(c, false);
  c->ok = true;
}
static void compile_krutidev(void) { compile(0); }
static void compile_bijoy(void) { compile(1); }

/* ---------- code point arrays ---------- */

typedef struct cps {
  uint32_t *v;
  size_t n, cap;
} cps;

static bool cps_push(cps *a, uint32_t c) {
  void *g = a->v;
  loc_status st = loc__grow(&g, &a->cap, a->n + 1, sizeof *a->v, 64);
  a->v = g;
  if (st != LOC_OK)
    return false;
  a->v[a->n++] = c;
  return true;
}

static bool cps_insert(cps *a, size_t at, uint32_t c) {
  if (!cps_push(a, 0))
    return false;
  memmove(a->v + at + 1, a->v + at, (a->n - 1 - at) * sizeof *a->v);
  a->v[at] = c;
  return true;
}

static bool decode_utf8(const char *in, size_t len, cps *a) {
  for (size_t i = 0; i < len;) {
    size_t k;
    int32_t cp = loc__utf8_decode((const uint8_t *)in, len, i, &k);
    if (!cps_push(a, cp < 0 ? 0xFFFD : (uint32_t)cp))
      return false;
    i += k;
  }
  return true;
}

static loc_status encode_utf8(const cps *a, loc__buf *out) {
  if (loc__buf_reserve(out, a->n * 4) != LOC_OK)
    return LOC_E_NO_MEMORY;
  for (size_t i = 0; i < a->n; i++)
    out->len += loc__utf8_encode(a->v[i], out->data + out->len);
  return LOC_OK;
}

/* ---------- script classes ---------- */

static bool is_consonant(const fh_script *s, uint32_t c) {
  if (c < s->first || c >= s->first + 0x80)
    return c != 0 && c == s->khanda_ta;
  uint32_t o = c - s->first;
  return (o >= 0x15 && o <= 0x39) || (o >= 0x58 && o <= 0x5F) || c == s->khanda_ta;
}

/* Vowel signs and the signs drawn after them (candrabindu, anusvara,
 * visarga, Bengali au length mark). */
static bool is_post_sign(const fh_script *s, uint32_t c) {
  if (c < s->first || c >= s->first + 0x80)
    return false;
  uint32_t o = c - s->first;
  return (o >= 0x3E && o <= 0x4C) || (o >= 0x01 && o <= 0x03) || o == 0x57 ||
         o == 0x62 || o == 0x63;
}

static bool is_modifier(const fh_script *s, uint32_t c) {
  return c >= s->first + 1 && c <= s->first + 3;
}

static bool is_pre_base(const fh_script *s, uint32_t c) {
  return c != 0 && (c == s->pre_base[0] || c == s->pre_base[1] || c == s->pre_base[2]);
}

/* End of the consonant cluster starting at a->v[i] (a consonant):
 * C [nukta] (virama C [nukta])*. */
static size_t cluster_end(const fh_script *s, const uint32_t *v, size_t n, size_t i) {
  i++;
  for (;;) {
    if (i < n && v[i] == s->nukta)
      i++;
    if (i + 1 < n && v[i] == s->virama && is_consonant(s, v[i + 1]))
      i += 2;
    else
      return i;
  }
}

/* ---------- legacy -> Unicode ---------- */

static loc_status to_unicode(const fh_encoding *enc, const compiled *c, const cps *in,
                             cps *out) {
  const fh_script *s = enc->script;
  cps a = {0};
  /* 1. glyphs to letters, longest match first */
  for (size_t i = 0; i < in->n;) {
    uint32_t first = in->v[i];
    const cent *best = NULL;
    const uint16_t *list = c->by_leg[first & 0xFF];
    for (uint16_t k = 0; k < c->nby_leg[first & 0xFF]; k++) {
      const cent *e = &c->e[list[k]];
      if (e->nleg > in->n - i)
        continue;
      size_t m = 0;
      while (m < e->nleg && e->leg[m] == in->v[i + m])
        m++;
      if (m == e->nleg) {
        best = e;
        break;
      }
    }
    if (best == NULL) {
      if (!cps_push(&a, first))
        goto oom;
      i++;
      continue;
    }
    for (uint8_t m = 0; m < best->nuni; m++)
      if (!cps_push(&a, best->uni[m]))
        goto oom;
    i += best->nleg;
  }
  /* 2. pre-base vowel signs move after the cluster that follows them */
  for (size_t i = 0; i + 1 < a.n; i++) {
    uint32_t v = a.v[i];
    if (!is_pre_base(s, v) || !is_consonant(s, a.v[i + 1]))
      continue;
    size_t end = cluster_end(s, a.v, a.n, i + 1);
    memmove(a.v + i, a.v + i + 1, (end - i - 1) * sizeof *a.v);
    a.v[end - 1] = v;
    /* Bengali o and au: the e sign before, aa or the length mark after */
    if (v == s->e_sign && s->o_sign && end < a.n &&
        (a.v[end] == s->aa_sign || a.v[end] == s->length_mark)) {
      a.v[end - 1] = a.v[end] == s->aa_sign ? s->o_sign : s->au_sign;
      memmove(a.v + end, a.v + end + 1, (a.n - end - 1) * sizeof *a.v);
      a.n--;
    }
    i = end - 1;
  }
  /* 3. each reph moves before the cluster its signs follow */
  for (size_t i = 0; i < a.n; i++) {
    uint32_t v = a.v[i];
    if (v != FH_REPH) {
      if (!cps_push(out, v))
        goto oom;
      continue;
    }
    size_t k = out->n;
    while (k > 0 && is_post_sign(s, out->v[k - 1]))
      k--;
    size_t p = k;
    if (p > 0 && out->v[p - 1] == s->nukta)
      p--;
    if (p > 0 && is_consonant(s, out->v[p - 1])) {
      p--;
      while (p >= 2 && out->v[p - 1] == s->virama && is_consonant(s, out->v[p - 2]))
        p -= 2;
    } else {
      p = out->n; /* nothing to attach to: the reph stays where it is */
    }
    if (!cps_insert(out, p, s->virama) || !cps_insert(out, p, s->ra))
      goto oom;
  }
  free(a.v);
  return LOC_OK;
oom:
  free(a.v);
  return LOC_E_NO_MEMORY;
}

/* ---------- Unicode -> legacy ---------- */

/* Lays each syllable out in visual order: pre-base sign, cluster, other
 * signs, reph, then candrabindu/anusvara/visarga. */
static bool visual_order(const fh_script *s, const cps *in, cps *a) {
  const uint32_t *v = in->v;
  size_t n = in->n;
  for (size_t i = 0; i < n;) {
    bool reph = i + 2 < n && v[i] == s->ra && v[i + 1] == s->virama &&
                is_consonant(s, v[i + 2]);
    size_t start = reph ? i + 2 : i;
    if (!is_consonant(s, v[start])) {
      if (!cps_push(a, v[i]))
        return false;
      i++;
      continue;
    }
    size_t end = cluster_end(s, v, n, start);
    if (end < n && v[end] == s->virama) /* a final virama belongs to the cluster */
      end++;
    size_t sig = end;
    while (sig < n && is_post_sign(s, v[sig]))
      sig++;
    /* Bengali e + aa (the decomposed o) needs no special case: the e goes
     * in front and the aa stays after the cluster. */
    uint32_t pre = 0;
    for (size_t k = end; k < sig; k++) {
      if (is_pre_base(s, v[k])) {
        pre = v[k];
        break;
      }
      if (s->o_sign && (v[k] == s->o_sign || v[k] == s->au_sign)) {
        pre = s->e_sign;
        break;
      }
    }
    if (pre && !cps_push(a, pre))
      return false;
    for (size_t k = start; k < end; k++)
      if (!cps_push(a, v[k]))
        return false;
    for (size_t k = end; k < sig; k++) {
      uint32_t c = v[k];
      if (is_modifier(s, c))
        continue;
      if (pre && c == pre)
        continue;
      if (s->o_sign && c == s->o_sign)
        c = s->aa_sign;
      else if (s->o_sign && c == s->au_sign)
        c = s->length_mark;
      if (!cps_push(a, c))
        return false;
    }
    if (reph && !cps_push(a, FH_REPH))
      return false;
    for (size_t k = end; k < sig; k++)
      if (is_modifier(s, v[k]) && !cps_push(a, v[k]))
        return false;
    i = sig;
  }
  return true;
}

static loc_status from_unicode(const fh_encoding *enc, const compiled *c, const cps *in,
                               cps *out) {
  const fh_script *s = enc->script;
  cps a = {0};
  if (!visual_order(s, in, &a)) {
    free(a.v);
    return LOC_E_NO_MEMORY;
  }
  for (size_t i = 0; i < a.n;) {
    uint32_t first = a.v[i];
    const cent *best = NULL;
    const uint16_t *list = c->by_uni[first & 0xFF];
    for (uint16_t k = 0; k < c->nby_uni[first & 0xFF]; k++) {
      const cent *e = &c->e[list[k]];
      if (e->nuni > a.n - i)
        continue;
      size_t m = 0;
      while (m < e->nuni && e->uni[m] == a.v[i + m])
        m++;
      if (m != e->nuni)
        continue;
      /* A half form must not take the virama of ra-phala (Devanagari
       * "pra" is pa + 'z', not half pa + ra), nor of Bengali ya-phala. */
      size_t after = i + e->nuni;
      if (e->nuni >= 2 && e->uni[e->nuni - 1] == s->virama && after < a.n &&
          (a.v[after] == s->ra || (s->phala_ya && a.v[after] == s->phala_ya)))
        continue;
      best = e;
      break;
    }
    if (best == NULL) {
      if (!cps_push(out, first == FH_REPH ? s->ra : first))
        goto oom;
      i++;
      continue;
    }
    for (uint8_t m = 0; m < best->nleg; m++)
      if (!cps_push(out, best->leg[m]))
        goto oom;
    i += best->nuni;
  }
  free(a.v);
  return LOC_OK;
oom:
  free(a.v);
  return LOC_E_NO_MEMORY;
}

loc_status loc__fh_convert(const fh_encoding *enc, bool to_uni, const char *in, size_t len,
                           loc__buf *out) {
  int which = enc == &loc__fh_bijoy;
  pthread_once(&comp_once[which], which ? compile_bijoy : compile_krutidev);
  if (!comp[which].ok)
    return LOC_E_NO_MEMORY;
  cps a = {0}, b = {0};
  loc_status st = LOC_E_NO_MEMORY;
  if (decode_utf8(in, len, &a)) {
    st = to_uni ? to_unicode(enc, &comp[which], &a, &b)
                : from_unicode(enc, &comp[which], &a, &b);
    if (st == LOC_OK)
      st = encode_utf8(&b, out);
  }
  free(a.v);
  free(b.v);
  return st;
}

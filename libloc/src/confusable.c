/* Confusable domain names: UTS #39 skeletons, label by label, of a list of
 * registered names in one open-addressing hash table. Names and skeletons
 * live in one arena; a 20-byte record per name chains the names that share
 * a skeleton, and a slot holds 32 bits of the skeleton's hash and the first
 * name of its chain, so a lookup touches one or two cache lines besides
 * the skeleton comparison. */
#include "idn_internal.h"
#include "buf.h"

#include <unicode/uchar.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

typedef struct rec {
  uint32_t off;          /* name, skeleton, extended skeleton, in the arena */
  uint16_t nlen, slen;
  uint32_t next;         /* next record with the same skeleton, + 1; 0 = none */
  uint32_t xnext;        /* the same for the extended skeleton */
  uint16_t xlen;         /* extended skeleton's length; XSAME: the skeleton's */
} rec;
#define XSAME UINT16_MAX

/* Which key a match was found by. */
enum { KEY_UTS39, KEY_EXTENDED };

struct loc_confusable_ctx {
  const loc_confusable_index *ix; /* the index the context was made from */
  loc_idn_ctx *ictx;
  loc__buf uni;          /* UTS #46 Unicode form of the last name */
  loc__buf skel;         /* its skeleton */
  loc__buf xskel;        /* its extended skeleton (when xsame is false) */
  bool xsame;            /* the extended skeleton is the skeleton */
  loc__buf mapped;       /* scratch: the Unicode form with look-alikes mapped */
  idn_vec keys;          /* uint8_t KEY_* of each match */
  loc__buf other;        /* Unicode form of a match (diffs) */
  idn_vec cps;           /* int32_t scratch for diffs */
  idn_vec matches;       /* uint32_t record indexes */
  loc__buf in;           /* the last name as given */
};

/* The skeleton of one code point, for labels that need no canonical
 * reordering across characters (then the label's skeleton is the
 * concatenation of its characters'). The combining classes at both ends of
 * the code point's NFD and of its skeleton tell when that holds. */
typedef struct cp_entry {
  int32_t cp;            /* -1: empty slot */
  uint32_t off;          /* skeleton bytes in cp_arena */
  uint8_t len;
  uint8_t nfd_first, nfd_last, sk_first, sk_last;
} cp_entry;

struct loc_confusable_index {
  loc_idn *idn;
  const UNormalizer2 *nfd;
  cp_entry *cps;         /* open addressing by code point */
  size_t ncps, cps_cap;
  loc__buf cp_arena;
  loc_confusable_ctx *build;
  char *arena;
  size_t alen, acap;
  rec *recs;
  size_t nrec, rcap;
  uint64_t *slots;       /* hash high 32 bits << 32 | (head record + 1); 0 = empty */
  uint64_t *xslots;      /* the same by extended skeleton */
  size_t nslots;
  bool finished;
  /* Skeletons of ASCII characters, for the all-ASCII fast path: the
   * skeleton of an ASCII string is the concatenation of its characters'
   * when each of those is ASCII (NFD changes nothing there). */
  bool ascii_fast[128];
  uint8_t ascii_len[128];
  char ascii_skel[128][8];
};

static uint64_t hash(const char *s, size_t n) {
  uint64_t h = 0xcbf29ce484222325u; /* FNV-1a */
  for (size_t i = 0; i < n; i++) {
    h ^= (unsigned char)s[i];
    h *= 0x100000001b3u;
  }
  return h ^ (h >> 29);
}

static loc_status append(loc__buf *b, const void *p, size_t n) {
  if (loc__buf_reserve(b, n) != LOC_OK)
    return LOC_E_NO_MEMORY;
  if (n)
    memcpy(b->data + b->len, p, n);
  b->len += n;
  return LOC_OK;
}

static loc_status skeleton_utf8(const loc_idn *idn, const char *s, size_t n, loc__buf *out) {
  for (int attempt = 0; attempt < 2; attempt++) {
    UErrorCode e = U_ZERO_ERROR;
    int32_t room = (int32_t)(out->cap - out->len);
    /* ICU refuses a non-NULL destination of capacity 0. */
    int32_t k = uspoof_getSkeletonUTF8(idn->spoof, 0, s, (int32_t)n,
                                       room ? out->data + out->len : NULL, room, &e);
    if (e == U_BUFFER_OVERFLOW_ERROR && attempt == 0) {
      if (loc__buf_reserve(out, (size_t)k + 1) != LOC_OK)
        return LOC_E_NO_MEMORY;
      continue;
    }
    if (U_FAILURE(e))
      return e == U_MEMORY_ALLOCATION_ERROR ? LOC_E_NO_MEMORY : LOC_E_ICU;
    out->len += (size_t)k;
    return LOC_OK;
  }
  return LOC_E_ICU;
}

static size_t cp_slot(const loc_confusable_index *ix, int32_t c) {
  size_t mask = ix->cps_cap - 1;
  size_t p = ((uint32_t)c * 2654435761u) & mask;
  while (ix->cps[p].cp != -1 && ix->cps[p].cp != c)
    p = (p + 1) & mask;
  return p;
}

static const cp_entry *cp_find(const loc_confusable_index *ix, int32_t c) {
  if (ix->cps_cap == 0)
    return NULL;
  const cp_entry *e = &ix->cps[cp_slot(ix, c)];
  return e->cp == c ? e : NULL;
}

static uint8_t ccc(int32_t c) { return u_getCombiningClass(c); }

/* Computes and stores the entry of @c (while the index is being built). */
static loc_status cp_add(loc_confusable_index *ix, int32_t c, const cp_entry **out) {
  if (2 * (ix->ncps + 1) > ix->cps_cap) {
    size_t cap = ix->cps_cap ? 2 * ix->cps_cap : 256;
    cp_entry *t = malloc(cap * sizeof *t), *old = ix->cps;
    if (t == NULL)
      return LOC_E_NO_MEMORY;
    for (size_t i = 0; i < cap; i++)
      t[i].cp = -1;
    size_t oldcap = ix->cps_cap;
    ix->cps = t;
    ix->cps_cap = cap;
    for (size_t i = 0; i < oldcap; i++)
      if (old[i].cp != -1)
        ix->cps[cp_slot(ix, old[i].cp)] = old[i];
    free(old);
  }
  char u8[4];
  int32_t k = 0;
  U8_APPEND_UNSAFE(u8, k, c);
  size_t at = ix->cp_arena.len;
  loc_status r = skeleton_utf8(ix->idn, u8, (size_t)k, &ix->cp_arena);
  if (r != LOC_OK)
    return r;
  size_t len = ix->cp_arena.len - at;
  if (len > UINT8_MAX || at > UINT32_MAX)
    return LOC_E_OVERFLOW;
  UChar s[2], d[32];
  int32_t n16 = 0;
  U16_APPEND_UNSAFE(s, n16, c);
  UErrorCode e = U_ZERO_ERROR;
  int32_t nd = unorm2_normalize(ix->nfd, s, n16, d, 32, &e);
  if (U_FAILURE(e) || nd <= 0)
    return LOC_E_ICU;
  UChar32 first, last;
  int32_t i = 0;
  U16_NEXT(d, i, nd, first);
  i = nd;
  U16_PREV(d, 0, i, last);
  cp_entry ent = {c, (uint32_t)at, (uint8_t)len, ccc(first), ccc(last), 0, 0};
  if (len > 0) {
    const char *sk = ix->cp_arena.data + at;
    int32_t j = 0;
    UChar32 f, l;
    U8_NEXT(sk, j, (int32_t)len, f);
    j = (int32_t)len;
    U8_PREV(sk, 0, j, l);
    ent.sk_first = ccc(f);
    ent.sk_last = ccc(l);
  }
  size_t p = cp_slot(ix, c);
  ix->cps[p] = ent;
  ix->ncps++;
  *out = &ix->cps[p];
  return LOC_OK;
}

/* The skeleton of one label (well-formed UTF-8) from the per-code-point
 * entries, appended to @out. *@done is false, and @out unchanged, when an
 * entry is missing (and the index is finished) or the label needs canonical
 * reordering across characters: ICU must do it. */
static loc_status label_from_cache(loc_confusable_index *ix, const char *s, size_t n,
                                   loc__buf *out, bool *done) {
  *done = false;
  size_t mark = out->len;
  uint8_t nfd_prev = 0, sk_prev = 0;
  for (int32_t i = 0; (size_t)i < n;) {
    UChar32 c;
    U8_NEXT(s, i, (int32_t)n, c);
    const cp_entry *e = cp_find(ix, c);
    if (e == NULL) {
      if (ix->finished)
        goto fallback;
      loc_status r = cp_add(ix, c, &e);
      if (r != LOC_OK) {
        out->len = mark;
        return r;
      }
    }
    if ((e->nfd_first && nfd_prev > e->nfd_first) || (e->len && e->sk_first && sk_prev > e->sk_first))
      goto fallback;
    nfd_prev = e->nfd_last;
    if (e->len) {
      sk_prev = e->sk_last;
      if (append(out, ix->cp_arena.data + e->off, e->len) != LOC_OK) {
        out->len = mark;
        return LOC_E_NO_MEMORY;
      }
    }
  }
  *done = true;
  return LOC_OK;
fallback:
  out->len = mark;
  return LOC_OK;
}

/* The skeleton of @s (a Unicode form) label by label, appended to @out. */
static loc_status skeleton_labels(loc_confusable_index *ix, const char *s, size_t n,
                                  loc__buf *out) {
  if (s == NULL)
    s = ""; /* an empty form that never needed storage */
  for (size_t start = 0;;) {
    const char *dot = memchr(s + start, '.', n - start);
    size_t end = dot ? (size_t)(dot - s) : n;
    bool done;
    loc_status r = label_from_cache(ix, s + start, end - start, out, &done);
    if (r == LOC_OK && !done)
      r = skeleton_utf8(ix->idn, s + start, end - start, out);
    if (r != LOC_OK)
      return r;
    if (dot == NULL)
      return LOC_OK;
    if ((r = append(out, ".", 1)) != LOC_OK)
      return r;
    start = end + 1;
  }
}

/* The extended skeleton of @uni into ctx->xskel (ctx->xsame when it is the
 * skeleton): the look-alikes of tables/lookalikes.txt that UTS #39 maps
 * elsewhere or not at all (U+04CF PALOCHKA to l, Thai and Indic digit
 * look-alikes, ...) are replaced before the skeleton is taken, and ASCII
 * capitals in it lowercased. */
static loc_status extended_form(loc_confusable_index *ix, loc_confusable_ctx *ctx,
                                const loc__buf *uni) {
  ctx->xsame = true;
  /* Capital Latin letters in a skeleton come from prototypes (Cherokee Ꭺ
   * is A): names are lowercase, so the extended skeleton lowercases them. */
  bool any = false;
  for (size_t i = 0; i < ctx->skel.len && !any; i++)
    any = ctx->skel.data[i] >= 'A' && ctx->skel.data[i] <= 'Z';
  for (int32_t i = 0; (size_t)i < uni->len && !any;) {
    if ((unsigned char)uni->data[i] < 0x80) {
      i++;
      continue;
    }
    UChar32 c;
    U8_NEXT(uni->data, i, (int32_t)uni->len, c);
    any = c >= 0 && idn__lookalike_map(c) != NULL;
  }
  if (!any)
    return LOC_OK;
  ctx->mapped.len = 0;
  loc_status r = LOC_OK;
  for (int32_t i = 0; (size_t)i < uni->len && r == LOC_OK;) {
    int32_t at = i;
    UChar32 c;
    U8_NEXT(uni->data, i, (int32_t)uni->len, c);
    const char *m = c >= 0x80 ? idn__lookalike_map(c) : NULL;
    r = m ? append(&ctx->mapped, m, strlen(m))
          : append(&ctx->mapped, uni->data + at, (size_t)(i - at));
  }
  ctx->xskel.len = 0;
  if (r == LOC_OK)
    r = skeleton_labels(ix, ctx->mapped.data, ctx->mapped.len, &ctx->xskel);
  if (r != LOC_OK)
    return r;
  if (ctx->xskel.len >= UINT16_MAX)
    return LOC_E_OVERFLOW;
  for (size_t i = 0; i < ctx->xskel.len; i++)
    if (ctx->xskel.data[i] >= 'A' && ctx->xskel.data[i] <= 'Z')
      ctx->xskel.data[i] = (char)(ctx->xskel.data[i] + 0x20);
  ctx->xsame = ctx->xskel.len == ctx->skel.len &&
               memcmp(ctx->xskel.data, ctx->skel.data, ctx->skel.len) == 0;
  return LOC_OK;
}

static bool ace_prefix(const char *s, size_t n) {
  return n >= 4 && (s[0] | 0x20) == 'x' && (s[1] | 0x20) == 'n' && s[2] == '-' && s[3] == '-';
}

/* The Unicode form of @name into ctx->uni (and, with @skel, its skeleton
 * into ctx->skel). */
static loc_status unicode_form(loc_confusable_index *ix, loc_confusable_ctx *ctx,
                               const char *name, size_t len, loc__buf *uni, bool skel) {
  if (len > UINT16_MAX)
    return LOC_E_OVERFLOW;
  uni->len = 0;
  if (skel)
    ctx->skel.len = 0;
  bool fast = true;
  for (size_t i = 0; i < len && fast; i++) {
    unsigned char c = (unsigned char)name[i];
    fast = c < 0x80 && ix->ascii_fast[c] && !((i == 0 || name[i - 1] == '.') &&
                                              ace_prefix(name + i, len - i));
  }
  if (fast) {
    if (loc__buf_reserve(uni, len + 1) != LOC_OK)
      return LOC_E_NO_MEMORY;
    for (size_t i = 0; i < len; i++) {
      char c = name[i];
      uni->data[uni->len++] = c >= 'A' && c <= 'Z' ? (char)(c + 0x20) : c;
    }
    if (!skel)
      return LOC_OK;
    ctx->xsame = true; /* no look-alike mapping touches ASCII */
    if (loc__buf_reserve(&ctx->skel, 8 * len + 1) != LOC_OK)
      return LOC_E_NO_MEMORY;
    for (size_t i = 0; i < len; i++) {
      unsigned char c = (unsigned char)uni->data[i];
      memcpy(ctx->skel.data + ctx->skel.len, ix->ascii_skel[c], ix->ascii_len[c]);
      ctx->skel.len += ix->ascii_len[c];
    }
    /* The extended skeleton lowercases the capitals prototypes bring in
     * (0's prototype is O). */
    bool upper = false;
    for (size_t i = 0; i < ctx->skel.len && !upper; i++)
      upper = ctx->skel.data[i] >= 'A' && ctx->skel.data[i] <= 'Z';
    if (upper) {
      ctx->xskel.len = 0;
      if (append(&ctx->xskel, ctx->skel.data, ctx->skel.len) != LOC_OK)
        return LOC_E_NO_MEMORY;
      for (size_t i = 0; i < ctx->xskel.len; i++)
        if (ctx->xskel.data[i] >= 'A' && ctx->xskel.data[i] <= 'Z')
          ctx->xskel.data[i] = (char)(ctx->xskel.data[i] + 0x20);
      ctx->xsame = false;
    }
    /* (UINT16_MAX is the record's "same as the skeleton") */
    return ctx->skel.len >= UINT16_MAX ? LOC_E_OVERFLOW : LOC_OK;
  }
  if (loc_utf8_valid_prefix(name, len) != len)
    return LOC_E_INVALID_UTF8;
  if (len > LOC_IDN_MAX_INPUT)
    return LOC_E_OVERFLOW;
  loc_status r = idn__to_unicode_quiet(ix->idn, ctx->ictx, name, len);
  if (r == LOC_OK)
    r = append(uni, ctx->ictx->out.data, ctx->ictx->out.len);
  if (r != LOC_OK || !skel)
    return r;
  if ((r = skeleton_labels(ix, uni->data, uni->len, &ctx->skel)) != LOC_OK)
    return r;
  if (ctx->skel.len > UINT16_MAX)
    return LOC_E_OVERFLOW;
  return extended_form(ix, ctx, uni);
}

loc_status loc_confusable_ctx_new(const loc_confusable_index *ix, loc_confusable_ctx **out) {
  if (out == NULL)
    return LOC_E_INVALID_ARGUMENT;
  *out = NULL;
  if (ix == NULL)
    return LOC_E_INVALID_ARGUMENT;
  *out = calloc(1, sizeof **out);
  if (*out == NULL)
    return LOC_E_NO_MEMORY;
  (*out)->ix = ix;
  if (loc_idn_ctx_new(ix->idn, &(*out)->ictx) != LOC_OK) {
    free(*out);
    *out = NULL;
    return LOC_E_NO_MEMORY;
  }
  return LOC_OK;
}

void loc_confusable_ctx_free(loc_confusable_ctx *ctx) {
  if (ctx == NULL)
    return;
  loc_idn_ctx_free(ctx->ictx);
  free(ctx->uni.data);
  free(ctx->skel.data);
  free(ctx->xskel.data);
  free(ctx->mapped.data);
  free(ctx->keys.data);
  free(ctx->other.data);
  free(ctx->cps.data);
  free(ctx->matches.data);
  free(ctx->in.data);
  free(ctx);
}

loc_status loc_confusable_index_new(loc_confusable_index **out) {
  if (out == NULL)
    return LOC_E_INVALID_ARGUMENT;
  *out = NULL;
  loc_confusable_index *ix = calloc(1, sizeof *ix);
  if (ix == NULL)
    return LOC_E_NO_MEMORY;
  loc_status r = loc_idn_new(&ix->idn);
  if (r == LOC_OK)
    r = loc_confusable_ctx_new(ix, &ix->build);
  UErrorCode e = U_ZERO_ERROR;
  ix->nfd = unorm2_getNFDInstance(&e);
  if (r == LOC_OK && U_FAILURE(e))
    r = LOC_E_ICU;
  for (int c = 0; c < 128 && r == LOC_OK; c++) {
    loc__buf b = {0};
    char s = (char)c;
    r = skeleton_utf8(ix->idn, &s, 1, &b);
    bool ascii = r == LOC_OK && b.len < sizeof ix->ascii_skel[c];
    for (size_t i = 0; i < b.len && ascii; i++)
      ascii = (unsigned char)b.data[i] < 0x80;
    if (ascii && b.len)
      memcpy(ix->ascii_skel[c], b.data, b.len);
    /* Capitals are lowercased first (UTS #46), and '.' separates labels. */
    ix->ascii_fast[c] = ascii && c > 0;
    ix->ascii_len[c] = (uint8_t)(ascii ? b.len : 0);
    free(b.data);
  }
  if (r == LOC_OK) {
    ix->ascii_skel['.'][0] = '.';
    ix->ascii_len['.'] = 1;
    ix->ascii_fast['.'] = true;
  }
  if (r != LOC_OK) {
    loc_confusable_index_free(ix);
    return r;
  }
  *out = ix;
  return LOC_OK;
}

void loc_confusable_index_free(loc_confusable_index *ix) {
  if (ix == NULL)
    return;
  loc_confusable_ctx_free(ix->build);
  loc_idn_free(ix->idn);
  free(ix->arena);
  free(ix->recs);
  free(ix->slots);
  free(ix->xslots);
  free(ix->cps);
  free(ix->cp_arena.data);
  free(ix);
}

loc_status loc_confusable_index_add(loc_confusable_index *ix, const char *name, size_t len) {
  if (ix == NULL || (name == NULL && len > 0))
    return LOC_E_INVALID_ARGUMENT;
  if (ix->finished)
    return LOC_E_STATE;
  loc_confusable_ctx *b = ix->build;
  loc_status r = unicode_form(ix, b, name ? name : "", len, &b->uni, true);
  if (r != LOC_OK)
    return r;
  size_t xl = b->xsame ? 0 : b->xskel.len;
  size_t need = len + b->skel.len + xl;
  if (ix->alen + need > UINT32_MAX || ix->nrec >= UINT32_MAX - 1)
    return LOC_E_OVERFLOW;
  void *p = ix->arena;
  loc_status gst = loc__grow(&p, &ix->acap, ix->alen + need, 1, (size_t)1 << 16);
  ix->arena = p;
  if (gst != LOC_OK)
    return gst;
  p = ix->recs;
  gst = loc__grow(&p, &ix->rcap, ix->nrec + 1, sizeof *ix->recs, 1024);
  ix->recs = p;
  if (gst != LOC_OK)
    return gst;
  rec *rc = &ix->recs[ix->nrec++];
  *rc = (rec){(uint32_t)ix->alen, (uint16_t)len, (uint16_t)b->skel.len, 0, 0,
              b->xsame ? XSAME : (uint16_t)xl};
  if (len)
    memcpy(ix->arena + ix->alen, name, len);
  if (b->skel.len)
    memcpy(ix->arena + ix->alen + len, b->skel.data, b->skel.len);
  if (xl)
    memcpy(ix->arena + ix->alen + len + b->skel.len, b->xskel.data, xl);
  ix->alen += need;
  return LOC_OK;
}

static bool same_skeleton(const loc_confusable_index *ix, uint32_t k, const char *s, size_t n) {
  const rec *r = &ix->recs[k];
  return r->slen == n && (n == 0 || memcmp(ix->arena + r->off + r->nlen, s, n) == 0);
}

/* Record @k's extended skeleton. */
static const char *xskeleton(const loc_confusable_index *ix, uint32_t k, size_t *n) {
  const rec *r = &ix->recs[k];
  const char *s = ix->arena ? ix->arena + r->off + r->nlen : "";
  *n = r->xlen == XSAME ? r->slen : r->xlen;
  return r->xlen == XSAME ? s : s + r->slen;
}

static bool same_xskeleton(const loc_confusable_index *ix, uint32_t k, const char *s, size_t n) {
  size_t m;
  const char *x = xskeleton(ix, k, &m);
  return m == n && (n == 0 || memcmp(x, s, n) == 0);
}

/* Chains the records into @slots by skeleton (@extended false) or by
 * extended skeleton. */
static void build_table(loc_confusable_index *ix, uint64_t *slots, size_t n, bool extended) {
  /* In reverse, so each chain lists its names in the order they came. */
  for (size_t i = ix->nrec; i-- > 0;) {
    rec *r = &ix->recs[i];
    size_t len;
    /* the arena is NULL while every name is empty */
    const char *s = extended ? xskeleton(ix, (uint32_t)i, &len)
                             : (len = r->slen, ix->arena ? ix->arena + r->off + r->nlen : "");
    uint64_t h = hash(s, len);
    uint32_t tag = (uint32_t)(h >> 32);
    for (size_t p = (size_t)h & (n - 1);; p = (p + 1) & (n - 1)) {
      uint64_t v = slots[p];
      if (v == 0) {
        slots[p] = (uint64_t)tag << 32 | (uint32_t)(i + 1);
        break;
      }
      uint32_t head = (uint32_t)v - 1;
      if ((uint32_t)(v >> 32) == tag && (extended ? same_xskeleton(ix, head, s, len)
                                                  : same_skeleton(ix, head, s, len))) {
        *(extended ? &r->xnext : &r->next) = head + 1;
        slots[p] = (uint64_t)tag << 32 | (uint32_t)(i + 1);
        break;
      }
    }
  }
}

loc_status loc_confusable_index_finish(loc_confusable_index *ix) {
  if (ix == NULL)
    return LOC_E_INVALID_ARGUMENT;
  if (ix->finished)
    return LOC_E_STATE;
  size_t n = 16;
  while (n < 2 * ix->nrec)
    n *= 2;
  ix->slots = calloc(n, sizeof *ix->slots);
  ix->xslots = calloc(n, sizeof *ix->xslots);
  if (ix->slots == NULL || ix->xslots == NULL) {
    free(ix->slots);
    free(ix->xslots);
    ix->slots = ix->xslots = NULL;
    return LOC_E_NO_MEMORY;
  }
  ix->nslots = n;
  build_table(ix, ix->slots, n, false);
  build_table(ix, ix->xslots, n, true);
  /* The arena and records stop growing: give back their slack. */
  char *a = ix->alen ? realloc(ix->arena, ix->alen) : NULL;
  if (a || ix->alen == 0) {
    if (ix->alen == 0)
      free(ix->arena);
    ix->arena = a;
    ix->acap = ix->alen;
  }
  rec *rs = ix->nrec ? realloc(ix->recs, ix->nrec * sizeof *rs) : NULL;
  if (rs || ix->nrec == 0) {
    if (ix->nrec == 0)
      free(ix->recs);
    ix->recs = rs;
    ix->rcap = ix->nrec;
  }
  ix->finished = true;
  return LOC_OK;
}

size_t loc_confusable_index_count(const loc_confusable_index *ix) { return ix ? ix->nrec : 0; }

size_t loc_confusable_index_bytes(const loc_confusable_index *ix) {
  if (ix == NULL)
    return 0;
  return sizeof *ix + ix->acap + ix->rcap * sizeof(rec) + 2 * ix->nslots * sizeof(uint64_t) +
         ix->cps_cap * sizeof(cp_entry) + ix->cp_arena.cap;
}

static loc_status add_match(loc_confusable_ctx *ctx, uint32_t k, uint8_t key) {
  if (idn__vec_reserve(&ctx->matches, sizeof(uint32_t), 1) != LOC_OK ||
      idn__vec_reserve(&ctx->keys, 1, 1) != LOC_OK)
    return LOC_E_NO_MEMORY;
  ((uint32_t *)ctx->matches.data)[ctx->matches.len++] = k;
  ((uint8_t *)ctx->keys.data)[ctx->keys.len++] = key;
  return LOC_OK;
}

loc_status loc_confusable_lookup(loc_confusable_ctx *ctx, const char *name, size_t len,
                                 size_t *count) {
  const loc_confusable_index *ix = ctx ? ctx->ix : NULL;
  if (count)
    *count = 0;
  if (ix == NULL || ctx == NULL || count == NULL || (name == NULL && len > 0))
    return LOC_E_INVALID_ARGUMENT;
  ctx->matches.len = 0;
  ctx->keys.len = 0;
  ctx->skel.len = 0;
  ctx->xsame = true;
  ctx->uni.len = 0;
  if (!ix->finished)
    return LOC_E_STATE;
  ctx->in.len = 0;
  if (append(&ctx->in, name ? name : "", len) != LOC_OK)
    return LOC_E_NO_MEMORY;
  /* Finished: unicode_form() only reads the index. */
  loc_status r = unicode_form((loc_confusable_index *)ix, ctx, name ? name : "", len, &ctx->uni,
                              true);
  if (r != LOC_OK)
    return r;
  uint64_t h = hash(ctx->skel.data, ctx->skel.len);
  uint32_t tag = (uint32_t)(h >> 32);
  size_t mask = ix->nslots - 1;
  for (size_t p = (size_t)h & mask;; p = (p + 1) & mask) {
    uint64_t v = ix->slots[p];
    if (v == 0)
      break;
    uint32_t head = (uint32_t)v - 1;
    if ((uint32_t)(v >> 32) != tag || !same_skeleton(ix, head, ctx->skel.data, ctx->skel.len))
      continue;
    for (uint32_t k = head + 1; k; k = ix->recs[k - 1].next)
      if (add_match(ctx, k - 1, KEY_UTS39) != LOC_OK)
        return LOC_E_NO_MEMORY;
    break;
  }
  /* The extended key: names that are look-alikes only beyond UTS #39 (a
   * name the skeleton found already is not listed twice). */
  const char *xs = ctx->xsame ? ctx->skel.data : ctx->xskel.data;
  size_t xn = ctx->xsame ? ctx->skel.len : ctx->xskel.len;
  if (!ctx->xsame)
    h = hash(xs, xn);
  tag = (uint32_t)(h >> 32);
  for (size_t p = (size_t)h & mask;; p = (p + 1) & mask) {
    uint64_t v = ix->xslots[p];
    if (v == 0)
      break;
    uint32_t head = (uint32_t)v - 1;
    if ((uint32_t)(v >> 32) != tag || !same_xskeleton(ix, head, xs, xn))
      continue;
    for (uint32_t k = head + 1; k; k = ix->recs[k - 1].xnext)
      if (!same_skeleton(ix, k - 1, ctx->skel.data, ctx->skel.len) &&
          add_match(ctx, k - 1, KEY_EXTENDED) != LOC_OK)
        return LOC_E_NO_MEMORY;
    break;
  }
  *count = ctx->matches.len;
  return LOC_OK;
}

const char *loc_confusable_match_key(const loc_confusable_ctx *ctx, size_t i) {
  if (ctx == NULL || i >= ctx->matches.len)
    return NULL;
  return ((const uint8_t *)ctx->keys.data)[i] == KEY_UTS39 ? "uts39" : "extended";
}

const char *loc_confusable_extended_skeleton(const loc_confusable_ctx *ctx, size_t *len) {
  if (ctx && !ctx->xsame) {
    if (len)
      *len = ctx->xskel.len;
    return ctx->xskel.data;
  }
  return loc_confusable_skeleton(ctx, len);
}

const char *loc_confusable_skeleton(const loc_confusable_ctx *ctx, size_t *len) {
  if (len)
    *len = ctx ? ctx->skel.len : 0;
  return ctx && ctx->skel.data ? ctx->skel.data : "";
}

const char *loc_confusable_match(const loc_confusable_ctx *ctx, size_t i, size_t *len) {
  const loc_confusable_index *ix = ctx ? ctx->ix : NULL;
  if (len)
    *len = 0;
  if (ix == NULL || ctx == NULL || i >= ctx->matches.len)
    return NULL;
  const rec *r = &ix->recs[((const uint32_t *)ctx->matches.data)[i]];
  if (len)
    *len = r->nlen;
  return ix->arena ? ix->arena + r->off : ""; /* only empty names were added */
}

/* Appends the code points of @s to ctx->cps; *@count gets their number. */
static loc_status decode(loc_confusable_ctx *ctx, const loc__buf *s, size_t *count) {
  *count = 0;
  if (s->len == 0)
    return LOC_OK; /* nothing to append (and maybe no storage yet) */
  if (idn__vec_reserve(&ctx->cps, sizeof(int32_t), s->len) != LOC_OK)
    return LOC_E_NO_MEMORY;
  int32_t *c = (int32_t *)ctx->cps.data + ctx->cps.len;
  size_t n = 0;
  for (int32_t i = 0; (size_t)i < s->len;) {
    UChar32 cp;
    U8_NEXT(s->data, i, (int32_t)s->len, cp);
    c[n++] = cp;
  }
  ctx->cps.len += n;
  *count = n;
  return LOC_OK;
}

loc_status loc_confusable_match_diff(loc_confusable_ctx *ctx, size_t i,
                                     loc_confusable_diff *diffs, size_t cap, size_t *n) {
  const loc_confusable_index *ix = ctx ? ctx->ix : NULL;
  if (n)
    *n = 0;
  if (ix == NULL || ctx == NULL || n == NULL || (diffs == NULL && cap > 0) ||
      i >= ctx->matches.len)
    return LOC_E_INVALID_ARGUMENT;
  size_t mlen;
  const char *m = loc_confusable_match(ctx, i, &mlen);
  if (mlen == ctx->in.len && memcmp(m, ctx->in.data, mlen) == 0)
    return LOC_OK; /* the name itself */
  loc_status r = unicode_form((loc_confusable_index *)ix, ctx, m, mlen, &ctx->other, false);
  if (r != LOC_OK)
    return r;
  ctx->cps.len = 0;
  size_t na, nb;
  if ((r = decode(ctx, &ctx->uni, &na)) != LOC_OK || (r = decode(ctx, &ctx->other, &nb)) != LOC_OK)
    return r;
  static const int32_t none[1];
  const int32_t *a = ctx->cps.data ? ctx->cps.data : none, *b = a + na;
  size_t pre = 0, suf = 0;
  while (pre < na && pre < nb && a[pre] == b[pre])
    pre++;
  while (suf < na - pre && suf < nb - pre && a[na - 1 - suf] == b[nb - 1 - suf])
    suf++;
  size_t la = na - pre - suf, lb = nb - pre - suf;
  size_t k = 0;
  for (size_t j = 0; j < (la > lb ? la : lb); j++) {
    int32_t x = j < la ? a[pre + j] : -1, y = j < lb ? b[pre + j] : -1;
    if (x == y)
      continue;
    if (k < cap)
      diffs[k] = (loc_confusable_diff){x, y};
    k++;
  }
  *n = k;
  return k > cap ? LOC_E_BUFFER_TOO_SMALL : LOC_OK;
}

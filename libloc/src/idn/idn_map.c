/* UTS #46 §4 steps 1-4 as the standard states them, for the output string:
 * map each code point by its status (with UseSTD3ASCIIRules), normalize to
 * NFC, split at full stops, decode A-labels. The per-code-point status is
 * read from ICU's "uts46" normalizer, which maps every disallowed code point
 * to U+FFFD, removes ignored ones and leaves deviations alone. */
#include "idn_internal.h"

#include <unicode/utf16.h>
#include <unicode/utf8.h>

static bool is_ldh(int32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

idn_status idn__status(const loc_idn *idn, int32_t c, int32_t *map, int *nmap) {
  return idn__status_rules(idn, true, c, map, nmap);
}

bool idn__url_forbidden(int32_t c) {
  /* forbidden host code points, C0 controls, '%' and U+007F */
  return (c >= 0 && c <= 0x20) || c == 0x7F || (c < 0x80 && strchr("#%/:<>?@[\\]^|", (int)c) && c);
}

idn_status idn__status_rules(const loc_idn *idn, bool std3, int32_t c, int32_t *map,
                             int *nmap) {
  *nmap = 0;
  if (c < 0x80) {
    if (c >= 'A' && c <= 'Z') {
      map[0] = c + 0x20;
      *nmap = 1;
      return IDN_MAPPED;
    }
    if (is_ldh(c) || c == '.' || !std3)
      return IDN_VALID; /* without STD3 rules all of ASCII is valid */
    return IDN_DISALLOWED; /* UseSTD3ASCIIRules */
  }
  switch (c) {
  case 0x00DF: case 0x03C2: case 0x200C: case 0x200D:
    return IDN_DEVIATION;
  case 0x2260: case 0x226E: case 0x226F: /* disallowed_STD3_valid */
    return std3 ? IDN_DISALLOWED : IDN_VALID;
  case 0xFFFD:
    return IDN_DISALLOWED;
  }
  /* Inert: no mapping and no part in normalization with its neighbours,
   * so it maps to itself (most letters of most scripts; one table lookup
   * instead of a normalization call). */
  if (unorm2_isInert(idn->uts46, c))
    return IDN_VALID;
  /* The longest UTS #46 mapping (U+FDFA) is 18 code points; a buffer of
   * IDN_MAP_MAX code units can never yield more than IDN_MAP_MAX of them. */
  UChar s[2], o[IDN_MAP_MAX];
  int32_t k = 0;
  U16_APPEND_UNSAFE(s, k, c);
  UErrorCode e = U_ZERO_ERROR;
  int32_t n = unorm2_normalize(idn->uts46, s, k, o, IDN_MAP_MAX, &e);
  if (U_FAILURE(e))
    return IDN_DISALLOWED;
  if (n == k && memcmp(s, o, (size_t)k * sizeof *s) == 0)
    return IDN_VALID;
  if (n == 0)
    return IDN_IGNORED;
  int m = 0;
  for (int32_t i = 0; i < n;) {
    UChar32 d;
    U16_NEXT(o, i, n, d);
    if (d == 0xFFFD)
      return IDN_DISALLOWED;
    if (std3 && d < 0x80 && !is_ldh(d) && d != '.')
      return IDN_DISALLOWED; /* disallowed_STD3_mapped */
    map[m++] = d;
  }
  *nmap = m;
  return IDN_MAPPED;
}

static loc_status push(idn_vec *v, int32_t c, uint32_t src) {
  if (idn__vec_reserve(v, sizeof(idn_cp), 1) != LOC_OK)
    return LOC_E_NO_MEMORY;
  ((idn_cp *)v->data)[v->len++] = (idn_cp){c, src};
  return LOC_OK;
}

/* Step 1: ctx->tmp gets the mapped code points. */
static loc_status map_all(const loc_idn *idn, loc_idn_ctx *ctx, const char *in,
                          size_t len, bool transitional) {
  ctx->tmp.len = 0;
  ctx->disallowed.len = 0;
  bool std3 = !ctx->url;
  if (idn__vec_reserve(&ctx->tmp, sizeof(idn_cp), len) != LOC_OK)
    return LOC_E_NO_MEMORY;
  int32_t map[IDN_MAP_MAX];
  int nmap;
  for (int32_t i = 0; (size_t)i < len;) {
    int32_t at = i;
    unsigned char b = (unsigned char)in[i];
    if (b < 0x80) {
      /* idn__status of ASCII inline: letters lowercased, everything else
       * kept (valid, or disallowed by the STD3 rules and reported later). */
      if (ctx->tmp.len == ctx->tmp.cap &&
          idn__vec_reserve(&ctx->tmp, sizeof(idn_cp), 1) != LOC_OK)
        return LOC_E_NO_MEMORY;
      ((idn_cp *)ctx->tmp.data)[ctx->tmp.len++] =
          (idn_cp){b >= 'A' && b <= 'Z' ? b + 0x20 : b, (uint32_t)at};
      i++;
      continue;
    }
    UChar32 c;
    U8_NEXT(in, i, (int32_t)len, c);
    idn_status st = idn__status_rules(idn, std3, c, map, &nmap);
    loc_status r = LOC_OK;
    switch (st) {
    case IDN_DISALLOWED: { /* kept, and reported by the explanation pass
                              (P1); noted here when NFC will change it (a
                              CJK compatibility ideograph's singleton) */
      UChar s16[2];
      int32_t k16 = 0;
      U16_APPEND_UNSAFE(s16, k16, c);
      UErrorCode e = U_ZERO_ERROR;
      if (!unorm2_isNormalized(idn->nfc, s16, k16, &e) && U_SUCCESS(e))
        r = push(&ctx->disallowed, c, (uint32_t)at);
      if (r == LOC_OK)
        r = push(&ctx->tmp, c, (uint32_t)at);
      break;
    }
    case IDN_VALID:
      r = push(&ctx->tmp, c, (uint32_t)at);
      break;
    case IDN_IGNORED:
      break;
    case IDN_MAPPED:
      for (int j = 0; j < nmap && r == LOC_OK; j++)
        r = push(&ctx->tmp, map[j], (uint32_t)at);
      break;
    case IDN_DEVIATION:
      if (!transitional)
        r = push(&ctx->tmp, c, (uint32_t)at);
      else if (c == 0x00DF) {
        r = push(&ctx->tmp, 's', (uint32_t)at);
        if (r == LOC_OK)
          r = push(&ctx->tmp, 's', (uint32_t)at);
      } else if (c == 0x03C2)
        r = push(&ctx->tmp, 0x03C3, (uint32_t)at);
      break;
    }
    if (r != LOC_OK)
      return r;
  }
  return LOC_OK;
}

/* UTF-16 of cps[from..to) into ctx->u16. */
static loc_status to_u16(loc_idn_ctx *ctx, const idn_cp *cps, size_t from, size_t to,
                         int32_t *n16) {
  ctx->u16.len = 0;
  if (idn__vec_reserve(&ctx->u16, sizeof(UChar), 2 * (to - from)) != LOC_OK)
    return LOC_E_NO_MEMORY;
  UChar *u = ctx->u16.data;
  int32_t k = 0;
  for (size_t i = from; i < to; i++)
    U16_APPEND_UNSAFE(u, k, cps[i].c);
  *n16 = k;
  return LOC_OK;
}

/* Step 2: NFC of ctx->tmp into ctx->cps. Text that changes is normalized a
 * segment (from one NFC boundary to the next) at a time, and every code
 * point of the result is attributed to the segment's first input byte. */
static loc_status normalize(const loc_idn *idn, loc_idn_ctx *ctx) {
  const idn_cp *t = ctx->tmp.data;
  size_t n = ctx->tmp.len;
  ctx->cps.len = 0;
  int32_t n16 = 0;
  UErrorCode e = U_ZERO_ERROR;
  /* Below U+0300 every code point is NFC_Quick_Check=Yes and none combines
   * with what precedes it: such text is NFC (all-ASCII and most Latin
   * names) without asking ICU. */
  int32_t max = 0;
  for (size_t i = 0; i < n; i++)
    max = t[i].c > max ? t[i].c : max;
  if (max >= 0x300 && to_u16(ctx, t, 0, n, &n16) != LOC_OK)
    return LOC_E_NO_MEMORY;
  if (n16 == 0 || unorm2_isNormalized(idn->nfc, ctx->u16.data, n16, &e)) {
    /* Already NFC: the mapped text is the result (tmp is scratch). */
    idn_vec v = ctx->cps;
    ctx->cps = ctx->tmp;
    ctx->tmp = v;
    ctx->tmp.len = 0;
    return U_SUCCESS(e) ? LOC_OK : LOC_E_ICU;
  }
  for (size_t i = 0; i < n;) {
    size_t j = i + 1;
    while (j < n && !unorm2_hasBoundaryBefore(idn->nfc, t[j].c))
      j++;
    if (to_u16(ctx, t, i, j, &n16) != LOC_OK)
      return LOC_E_NO_MEMORY;
    ctx->u16b.len = 0;
    int32_t cap = n16 * 3 + 8; /* NFC grows text at most threefold */
    if (idn__vec_reserve(&ctx->u16b, sizeof(UChar), (size_t)cap) != LOC_OK)
      return LOC_E_NO_MEMORY;
    e = U_ZERO_ERROR;
    int32_t m = unorm2_normalize(idn->nfc, ctx->u16.data, n16, ctx->u16b.data, cap, &e);
    if (U_FAILURE(e))
      return LOC_E_ICU;
    const UChar *u = ctx->u16b.data;
    for (int32_t k = 0; k < m;) {
      UChar32 c;
      U16_NEXT(u, k, m, c);
      if (push(&ctx->cps, c, t[i].src) != LOC_OK)
        return LOC_E_NO_MEMORY;
    }
    i = j;
  }
  return LOC_OK;
}

static loc_status push_dec(idn_vec *v, const idn_cp *cps, size_t from, size_t to) {
  if (idn__vec_reserve(v, sizeof(int32_t), to - from) != LOC_OK)
    return LOC_E_NO_MEMORY;
  int32_t *d = v->data;
  for (size_t i = from; i < to; i++)
    d[v->len++] = cps[i].c;
  return LOC_OK;
}

/* Steps 3-4: labels, and A-labels decoded. */
static loc_status split(loc_idn_ctx *ctx, uint32_t input_len) {
  ctx->dec.len = 0;
  /* Storage even for an empty name: label pointers are computed from it. */
  if (idn__vec_reserve(&ctx->dec, sizeof(int32_t), 1) != LOC_OK ||
      idn__vec_reserve(&ctx->cps, sizeof(idn_cp), 1) != LOC_OK)
    return LOC_E_NO_MEMORY;
  const idn_cp *c = ctx->cps.data;
  size_t n = ctx->cps.len;
  ctx->labels.len = 0;
  ctx->dec.len = 0;
  for (size_t start = 0;;) {
    size_t end = start;
    while (end < n && c[end].c != '.')
      end++;
    if (idn__vec_reserve(&ctx->labels, sizeof(idn_label), 1) != LOC_OK)
      return LOC_E_NO_MEMORY;
    idn_label *l = (idn_label *)ctx->labels.data + ctx->labels.len++;
    *l = (idn_label){.start = start, .end = end};
    l->src = start < n ? c[start].src : input_len;
    l->ace = end - start >= 4 && c[start].c == 'x' && c[start + 1].c == 'n' &&
             c[start + 2].c == '-' && c[start + 3].c == '-';
    l->dstart = ctx->dec.len;
    loc_status r = LOC_OK;
    if (l->ace) {
      bool ascii = true;
      ctx->ace.len = 0;
      if (idn__vec_reserve(&ctx->ace, 1, end - start) != LOC_OK)
        return LOC_E_NO_MEMORY;
      char *a = ctx->ace.data;
      for (size_t i = start + 4; i < end && ascii; i++) {
        ascii = c[i].c < 0x80;
        a[ctx->ace.len++] = (char)c[i].c;
      }
      /* P4 in UTS #46 15.1 terms: an A-label must be ASCII to decode. */
      r = ascii ? idn__punycode_decode(a, ctx->ace.len, &ctx->dec) : LOC_E_OVERFLOW;
      if (r == LOC_E_OVERFLOW) {
        l->ace_failed = true;
        ctx->dec.len = l->dstart;
        r = push_dec(&ctx->dec, c, start, end);
      }
    } else {
      r = push_dec(&ctx->dec, c, start, end);
    }
    if (r != LOC_OK)
      return r;
    l->dend = ctx->dec.len;
    if (end == n)
      break;
    start = end + 1;
  }
  return LOC_OK;
}

loc_status idn__process(const loc_idn *idn, loc_idn_ctx *ctx, const char *in,
                        size_t len, bool transitional) {
  loc_status r = map_all(idn, ctx, in, len, transitional);
  if (r == LOC_OK)
    r = normalize(idn, ctx);
  if (r == LOC_OK)
    r = split(ctx, (uint32_t)len);
  ctx->labels_ready = r == LOC_OK;
  return r;
}

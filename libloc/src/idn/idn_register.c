/* Profile `registration`: strict IDNA2008 as a registry applies it (RFC 5891
 * §4 and §5.4, RFC 5892, RFC 5893). Nothing is mapped; every label is judged
 * as what it claims to be (LDH label, A-label or U-label), and every
 * rejection is located and explained. The joiner, bidi and length checks are
 * the ones idn_explain.c runs for UTS #46: the rules are the same RFCs. */
#include "idn_internal.h"

#include <unicode/uchar.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

static bool is_ascii_alnum(int32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static int32_t ascii_lower(int32_t c) { return c >= 'A' && c <= 'Z' ? c + 0x20 : c; }

/* Input offset of character @i of label @l (its start for A-labels). */
static size_t src_of(const loc_idn_ctx *ctx, const idn_label *l, size_t i) {
  if (l->ace)
    return l->src;
  return ((const idn_cp *)ctx->cps.data)[l->start + i].src;
}

/* ctx->cps: the input's code points; ctx->labels: split at FULL STOP. */
static loc_status split(loc_idn_ctx *ctx, const char *in, size_t len) {
  ctx->cps.len = 0;
  ctx->labels.len = 0;
  ctx->dec.len = 0;
  if (idn__vec_reserve(&ctx->cps, sizeof(idn_cp), len + 1) != LOC_OK ||
      idn__vec_reserve(&ctx->dec, sizeof(int32_t), len + 1) != LOC_OK)
    return LOC_E_NO_MEMORY;
  idn_cp *cp = ctx->cps.data;
  for (int32_t i = 0; (size_t)i < len;) {
    int32_t at = i;
    UChar32 c;
    U8_NEXT(in, i, (int32_t)len, c);
    cp[ctx->cps.len++] = (idn_cp){c, (uint32_t)at};
  }
  size_t n = ctx->cps.len;
  for (size_t start = 0;;) {
    size_t end = start;
    while (end < n && cp[end].c != '.')
      end++;
    if (idn__vec_reserve(&ctx->labels, sizeof(idn_label), 1) != LOC_OK)
      return LOC_E_NO_MEMORY;
    idn_label *l = (idn_label *)ctx->labels.data + ctx->labels.len++;
    *l = (idn_label){.start = start, .end = end};
    l->src = start < n ? cp[start].src : (uint32_t)len;
    l->ace = end - start >= 4 && ascii_lower(cp[start].c) == 'x' &&
             ascii_lower(cp[start + 1].c) == 'n' && cp[start + 2].c == '-' &&
             cp[start + 3].c == '-';
    if (end == n)
      break;
    start = end + 1;
  }
  return LOC_OK;
}

static loc_status copy_raw(loc_idn_ctx *ctx, idn_label *l) {
  if (idn__vec_reserve(&ctx->dec, sizeof(int32_t), l->end - l->start) != LOC_OK)
    return LOC_E_NO_MEMORY;
  int32_t *d = ctx->dec.data;
  const idn_cp *cp = ctx->cps.data;
  l->dstart = ctx->dec.len;
  for (size_t i = l->start; i < l->end; i++)
    d[ctx->dec.len++] = cp[i].c;
  l->dend = ctx->dec.len;
  return LOC_OK;
}

/* An A-label decodes into ctx->dec, and must encode back to itself (RFC
 * 5891 §5.4; the ACE prefix and the Punycode compared without case, as DNS
 * compares them). */
static loc_status decode_alabel(loc_idn_ctx *ctx, size_t li, idn_label *l) {
  const idn_cp *cp = ctx->cps.data;
  ctx->ace.len = 0;
  if (idn__vec_reserve(&ctx->ace, 1, l->end - l->start) != LOC_OK)
    return LOC_E_NO_MEMORY;
  char *a = ctx->ace.data;
  bool ascii = true;
  for (size_t i = l->start + 4; i < l->end; i++) {
    ascii &= cp[i].c < 0x80;
    a[ctx->ace.len++] = (char)ascii_lower(cp[i].c);
  }
  l->dstart = ctx->dec.len;
  loc_status r = ascii ? idn__punycode_decode(a, ctx->ace.len, &ctx->dec) : LOC_E_OVERFLOW;
  if (r == LOC_E_OVERFLOW) {
    ctx->dec.len = l->dstart;
    l->ace_failed = true;
    if (copy_raw(ctx, l) != LOC_OK)
      return LOC_E_NO_MEMORY;
    idn__error(ctx, "P4", li, l->src, -1,
               "label %zu starts with 'xn--' but the rest is not valid Punycode "
               "(RFC 3492, RFC 5891 §5.4, status P4)", li);
    return LOC_OK;
  }
  if (r != LOC_OK)
    return r;
  l->dend = ctx->dec.len;
  const int32_t *d = (const int32_t *)ctx->dec.data + l->dstart;
  size_t n = l->dend - l->dstart;
  bool all_ascii = true;
  for (size_t i = 0; i < n && all_ascii; i++)
    all_ascii = d[i] < 0x80;
  if (all_ascii) {
    idn__error(ctx, "R_ALABEL", li, l->src, -1,
               "label %zu is an A-label that decodes to ASCII only, which must be written "
               "as a plain LDH label (RFC 5890 §2.3.2.1, status R_ALABEL)", li);
    return LOC_OK;
  }
  /* Encode back: the part after "xn--" must come out the same. */
  loc__buf enc = {0};
  r = idn__punycode_encode(d, n, &enc);
  bool same = r == LOC_OK && enc.len == ctx->ace.len &&
              memcmp(enc.data, ctx->ace.data, enc.len) == 0;
  free(enc.data);
  if (r == LOC_E_NO_MEMORY)
    return r;
  if (!same)
    idn__error(ctx, "R_ALABEL", li, l->src, -1,
               "label %zu is an A-label that does not encode back to itself after "
               "decoding (RFC 5891 §5.4, status R_ALABEL)", li);
  return LOC_OK;
}

/* Hyphens, leading mark, NFC and the RFC 5892 property of each code point. */
static void check_label(const loc_idn *idn, loc_idn_ctx *ctx, size_t li,
                        const idn_label *l) {
  const int32_t *c = (const int32_t *)ctx->dec.data + l->dstart;
  size_t n = l->dend - l->dstart;
  if (n == 0)
    return; /* reported with the lengths */
  char name[160];
  bool ascii = true;
  for (size_t i = 0; i < n && ascii; i++)
    ascii = c[i] < 0x80;
  /* For an A-label, c is the U-label it decodes to, which is checked too. */
  if (n >= 4 && c[2] == '-' && c[3] == '-')
    idn__error(ctx, "V2", li, l->src, -1,
               "label %zu %shas hyphens in the third and fourth positions, which are "
               "reserved for A-labels (RFC 5891 §4.2.3.1, status V2)", li,
               l->ace ? "decodes to a U-label that " : "");
  if (c[0] == '-' || c[n - 1] == '-')
    idn__error(ctx, "V3", li, c[0] == '-' ? src_of(ctx, l, 0) : src_of(ctx, l, n - 1), '-',
               "label %zu %s with a hyphen (RFC 5891 §4.2.3.1, status V3)", li,
               c[0] == '-' ? "begins" : "ends");
  if (!ascii) {
    if (U_GET_GC_MASK(c[0]) & U_GC_M_MASK)
      idn__error(ctx, "V5", li, src_of(ctx, l, 0), c[0],
                 "label %zu begins with the combining mark %s (RFC 5891 §4.2.3.2, "
                 "status V5)", li, idn__cp_name(c[0], name, sizeof name));
    ctx->u16.len = 0;
    if (idn__vec_reserve(&ctx->u16, sizeof(UChar), 2 * n) == LOC_OK) {
      UChar *u = ctx->u16.data;
      int32_t k = 0;
      for (size_t i = 0; i < n; i++)
        U16_APPEND_UNSAFE(u, k, c[i]);
      UErrorCode e = U_ZERO_ERROR;
      if (!unorm2_isNormalized(idn->nfc, u, k, &e) && U_SUCCESS(e))
        idn__error(ctx, "V1", li, l->src, -1,
                   "label %zu is not in Unicode Normalization Form C (RFC 5891 §4.1, "
                   "status V1)", li);
    }
  }
  for (size_t i = 0; i < n; i++) {
    /* An LDH label may have capitals: only U-labels must be lowercase. */
    if (ascii && is_ascii_alnum(c[i]))
      continue;
    const char *rule;
    loc_idn_property p = idn__rfc5892(idn, c[i], &rule);
    const char *why;
    switch (p) {
    case LOC_IDN_PVALID:
    case LOC_IDN_CONTEXTJ: /* C1/C2 come from idn__check_joiners() */
      break;
    case LOC_IDN_CONTEXTO:
      why = idn__contexto(c, n, i);
      if (why)
        idn__error(ctx, "R_CONTEXTO", li, src_of(ctx, l, i), c[i],
                   "%s is CONTEXTO and its rule fails: %s (status R_CONTEXTO)",
                   idn__cp_name(c[i], name, sizeof name), why);
      break;
    case LOC_IDN_UNASSIGNED:
      idn__error(ctx, "R_UNASSIGNED", li, src_of(ctx, l, i), c[i],
                 "%s is UNASSIGNED in Unicode %s (%s; RFC 5891 §4.2.2, status "
                 "R_UNASSIGNED)", idn__cp_name(c[i], name, sizeof name),
                 U_UNICODE_VERSION, rule);
      break;
    case LOC_IDN_DISALLOWED: {
      int32_t map[IDN_MAP_MAX];
      int nmap;
      /* Say when UTS #46 would let it through, as ICU and browsers do. */
      bool nv8 = idn__status(idn, c[i], map, &nmap) == IDN_VALID;
      idn__error(ctx, "R_DISALLOWED", li, src_of(ctx, l, i), c[i],
                 "%s (general category %s) is DISALLOWED in IDNA2008 (%s; RFC 5891 "
                 "§4.2.2, status R_DISALLOWED)%s", idn__cp_name(c[i], name, sizeof name),
                 u_getPropertyValueName(UCHAR_GENERAL_CATEGORY, u_charType(c[i]),
                                        U_SHORT_PROPERTY_NAME),
                 rule, nv8 ? "; UTS #46 lets it through as NV8" : "");
      break;
    }
    }
  }
}

static loc_status append_ascii_lower(loc__buf *b, const int32_t *c, size_t n) {
  if (loc__buf_reserve(b, 4 * n) != LOC_OK)
    return LOC_E_NO_MEMORY;
  for (size_t i = 0; i < n; i++)
    b->len += loc__utf8_encode((uint32_t)ascii_lower(c[i]), b->data + b->len);
  return LOC_OK;
}

/* The A-label form into ctx->out. */
static loc_status build_output(loc_idn_ctx *ctx) {
  const idn_label *l = ctx->labels.data;
  const int32_t *d = ctx->dec.data;
  for (size_t i = 0; i < ctx->labels.len; i++) {
    if (i > 0) {
      if (loc__buf_reserve(&ctx->out, 1) != LOC_OK)
        return LOC_E_NO_MEMORY;
      ctx->out.data[ctx->out.len++] = '.';
    }
    const int32_t *c = d + l[i].dstart;
    size_t n = l[i].dend - l[i].dstart;
    bool ascii = true;
    for (size_t k = 0; k < n && ascii; k++)
      ascii = c[k] < 0x80;
    loc_status r;
    if (l[i].ace) {
      /* What was given (checked above to be the canonical encoding). */
      const idn_cp *cp = ctx->cps.data;
      r = loc__buf_reserve(&ctx->out, 4 * (l[i].end - l[i].start));
      for (size_t k = l[i].start; k < l[i].end && r == LOC_OK; k++)
        ctx->out.len += loc__utf8_encode((uint32_t)ascii_lower(cp[k].c),
                                         ctx->out.data + ctx->out.len);
    } else if (ascii) {
      r = append_ascii_lower(&ctx->out, c, n);
    } else {
      r = idn__alabel_append(c, n, &ctx->out);
      if (r == LOC_E_OVERFLOW) {
        /* Far over 63 octets: the length check reports it. */
        r = append_ascii_lower(&ctx->out, c, n);
      }
    }
    if (r != LOC_OK)
      return r;
  }
  return LOC_OK;
}

loc_status idn__register(const loc_idn *idn, loc_idn_ctx *ctx, const char *in,
                         size_t len) {
  loc_status r = split(ctx, in, len);
  if (r != LOC_OK)
    return r;
  idn_label *l = ctx->labels.data;
  for (size_t i = 0; i < ctx->labels.len && r == LOC_OK; i++) {
    if (l[i].ace)
      r = decode_alabel(ctx, i, &l[i]);
    else
      r = copy_raw(ctx, &l[i]);
  }
  if (r != LOC_OK)
    return r;
  ctx->labels_ready = true;
  for (size_t i = 0; i < ctx->labels.len; i++)
    if (!l[i].ace_failed)
      check_label(idn, ctx, i, &l[i]);
  idn__check_joiners(idn, ctx);
  idn__check_bidi(idn, ctx);
  r = build_output(ctx);
  if (r != LOC_OK)
    return r;
  idn__check_lengths(idn, ctx, ctx->out.data, ctx->out.len);
  return LOC_OK;
}

/* UTS #46 ToASCII / ToUnicode: ICU decides validity, idn_map.c builds the
 * output string UTS #46 defines, idn_explain.c says why a name failed. */
#include "idn_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <unicode/uchar.h>

loc_status loc_idn_new(loc_idn **out) {
  if (out == NULL)
    return LOC_E_INVALID_ARGUMENT;
  *out = NULL;
  loc_idn *idn = calloc(1, sizeof *idn);
  if (idn == NULL)
    return LOC_E_NO_MEMORY;
  const uint32_t base = UIDNA_USE_STD3_RULES | UIDNA_CHECK_BIDI | UIDNA_CHECK_CONTEXTJ |
                        UIDNA_NONTRANSITIONAL_TO_UNICODE;
  UErrorCode e = U_ZERO_ERROR;
  idn->nontransitional = uidna_openUTS46(base | UIDNA_NONTRANSITIONAL_TO_ASCII, &e);
  idn->transitional = uidna_openUTS46(base, &e);
  /* The URL Standard's settings: no STD3 rules; the hyphen and length
   * errors, which ICU always reports, are ignored (IDN_URL_IGNORED_BITS). */
  idn->url = uidna_openUTS46(UIDNA_CHECK_BIDI | UIDNA_CHECK_CONTEXTJ |
                                 UIDNA_NONTRANSITIONAL_TO_ASCII |
                                 UIDNA_NONTRANSITIONAL_TO_UNICODE, &e);
  idn->uts46 = unorm2_getInstance(NULL, "uts46", UNORM2_COMPOSE, &e);
  idn->nfc = unorm2_getNFCInstance(&e);
  idn->nfkc_cf = unorm2_getNFKCCasefoldInstance(&e);
  if (U_SUCCESS(e))
    idn->spoof = idn__spoof_open(&e);
  for (int i = 0; i < idn__lookalike_script_count() && i < 32; i++)
    idn->lk_scripts[i] = idn__lookalike_script_code(i);
  if (U_FAILURE(e)) {
    loc_idn_free(idn);
    return e == U_MEMORY_ALLOCATION_ERROR ? LOC_E_NO_MEMORY : LOC_E_ICU;
  }
  *out = idn;
  return LOC_OK;
}

void loc_idn_free(loc_idn *idn) {
  if (idn == NULL)
    return;
  uidna_close(idn->nontransitional);
  uidna_close(idn->transitional);
  uidna_close(idn->url);
  if (idn->spoof)
    uspoof_close(idn->spoof);
  free(idn);
}

/* Contexts are written on every call, by one thread each: allocated on
 * cache lines of their own, so that two threads' contexts (often allocated
 * one after the other) never share a line and make the cores trade it. */
enum { CACHE_LINE = 64 };

loc_status loc_idn_ctx_new(const loc_idn *idn, loc_idn_ctx **out) {
  if (out == NULL)
    return LOC_E_INVALID_ARGUMENT;
  *out = NULL;
  if (idn == NULL)
    return LOC_E_INVALID_ARGUMENT;
  size_t size = (sizeof **out + CACHE_LINE - 1) / CACHE_LINE * CACHE_LINE;
  *out = aligned_alloc(CACHE_LINE, size);
  if (*out == NULL)
    return LOC_E_NO_MEMORY;
  memset(*out, 0, size);
  (*out)->idn = idn;
  return LOC_OK;
}

void loc_idn_ctx_free(loc_idn_ctx *ctx) {
  if (ctx == NULL)
    return;
  idn_vec *vecs[] = {&ctx->cps, &ctx->tmp, &ctx->dec,          &ctx->labels, &ctx->u16,
                     &ctx->u16b, &ctx->ace, &ctx->label_levels, &ctx->input,
                     &ctx->disallowed};
  if (ctx->spoof_result)
    uspoof_closeCheckResult(ctx->spoof_result);
  for (size_t i = 0; i < sizeof vecs / sizeof vecs[0]; i++)
    free(vecs[i]->data);
  free(ctx->out.data);
  free(ctx->msgs.data);
  free(ctx);
}

bool loc_idn_ok(const loc_idn_ctx *ctx) { return ctx && ctx->called && ctx->ok; }

size_t loc_idn_error_count(const loc_idn_ctx *ctx) {
  idn__resolve(ctx, false);
  return ctx ? ctx->nerr : 0;
}

bool loc_idn_truncated(const loc_idn_ctx *ctx) {
  idn__resolve(ctx, false);
  return ctx && ctx->truncated;
}

const char *loc_idn_error_code(const loc_idn_ctx *ctx, size_t i) {
  idn__resolve(ctx, false);
  return ctx && i < ctx->nerr ? ctx->errors[i].code : NULL;
}
uint32_t loc_idn_icu_errors(const loc_idn_ctx *ctx) {
  return ctx ? ctx->icu & ~(uint32_t)IDN_OWN_BITS : 0;
}

const loc_idn_error *loc_idn_error_at(const loc_idn_ctx *ctx, size_t i) {
  idn__resolve(ctx, true);
  return ctx && i < ctx->nerr ? &ctx->errors[i] : NULL;
}

size_t loc_idn_warning_count(const loc_idn_ctx *ctx) { return ctx ? ctx->nwarn : 0; }

const loc_idn_error *loc_idn_warning_at(const loc_idn_ctx *ctx, size_t i) {
  return ctx && i < ctx->nwarn ? &ctx->warnings[i] : NULL;
}

void idn__reset(loc_idn_ctx *ctx) {
  ctx->nerr = 0;
  ctx->nwarn = 0;
  ctx->deferred = IDN_DEFER_NONE;
  ctx->codes_only = false;
  ctx->level = LOC_IDN_LEVEL_NONE;
  ctx->label_levels.len = 0;
  ctx->labels_ready = false;
  ctx->truncated = false;
  ctx->ok = false;
  ctx->called = true;
  ctx->icu = 0;
  ctx->url = false;
  ctx->disallowed.len = 0;
  ctx->msgs.len = 0;
  ctx->out.len = 0;
}

/* ---------- conversion ---------- */

static loc_status append_utf8(loc__buf *b, const int32_t *c, size_t n) {
  if (n > SIZE_MAX / 4 || loc__buf_reserve(b, 4 * n) != LOC_OK)
    return LOC_E_NO_MEMORY;
  for (size_t i = 0; i < n; i++)
    b->len += loc__utf8_encode((uint32_t)c[i], b->data + b->len);
  return LOC_OK;
}

/* Step 4 of ToASCII (§4.2): each label with a non-ASCII code point becomes
 * "xn--" + Punycode; ToUnicode just joins the Unicode labels. */
static loc_status build_output(loc_idn_ctx *ctx, bool to_ascii) {
  const idn_label *l = ctx->labels.data;
  const int32_t *d = ctx->dec.data;
  for (size_t i = 0; i < ctx->labels.len; i++) {
    if (i > 0 && loc__buf_reserve(&ctx->out, 1) == LOC_OK)
      ctx->out.data[ctx->out.len++] = '.';
    const int32_t *c = d + l[i].dstart;
    size_t n = l[i].dend - l[i].dstart;
    bool ascii = true;
    for (size_t k = 0; k < n && ascii; k++)
      ascii = c[k] < 0x80;
    loc_status r;
    if (!to_ascii || ascii) {
      r = append_utf8(&ctx->out, c, n);
    } else {
      r = idn__alabel_append(c, n, &ctx->out);
      if (r == LOC_E_OVERFLOW) {
        idn__error(ctx, "A3", i, l[i].src, -1,
                   "label %zu is too long to encode as Punycode (UTS #46 §4.2 step 3, "
                   "status A3)", i);
        r = append_utf8(&ctx->out, c, n);
      }
    }
    if (r != LOC_OK)
      return r;
  }
  return LOC_OK;
}

/* ICU's verdict on the whole name; its output goes straight to ctx->out
 * (the result of every name it accepts, so no copy is made). */
static loc_status ask_icu(const loc_idn *idn, loc_idn_ctx *ctx, bool to_ascii,
                          bool transitional, const char *in, size_t len) {
  const UIDNA *u = ctx->url ? idn->url : transitional ? idn->transitional
                                                       : idn->nontransitional;
  ctx->out.len = 0;
  for (int attempt = 0; attempt < 2; attempt++) {
    UIDNAInfo info = UIDNA_INFO_INITIALIZER;
    UErrorCode e = U_ZERO_ERROR;
    /* Inputs are at most LOC_IDN_MAX_INPUT bytes, outputs a few times that. */
    int32_t cap = ctx->out.cap > INT32_MAX ? INT32_MAX : (int32_t)ctx->out.cap;
    int32_t n = to_ascii ? uidna_nameToASCII_UTF8(u, in, (int32_t)len, ctx->out.data, cap,
                                                  &info, &e)
                         : uidna_nameToUnicodeUTF8(u, in, (int32_t)len, ctx->out.data, cap,
                                                   &info, &e);
    if (e == U_BUFFER_OVERFLOW_ERROR && attempt == 0) {
      if (loc__buf_reserve(&ctx->out, (size_t)n + 1) != LOC_OK)
        return LOC_E_NO_MEMORY;
      continue;
    }
    if (e == U_INPUT_TOO_LONG_ERROR) {
      /* ICU's Punycode stops at 1000 code points a label: the name is
       * judged by the explanation pass alone (the same checks). */
      ctx->icu = IDN_ICU_UNJUDGED;
      ctx->out.len = 0;
      return LOC_OK;
    }
    if (U_FAILURE(e))
      return e == U_MEMORY_ALLOCATION_ERROR ? LOC_E_NO_MEMORY : LOC_E_ICU;
    ctx->icu = info.errors;
    if (ctx->url)
      ctx->icu &= ~(uint32_t)IDN_URL_IGNORED_BITS;
    ctx->out.len = (size_t)n;
    if (ctx->url) {
      /* The host parser's checks on the result (all forbidden code points
       * are ASCII and stay as they are in both forms). */
      bool bad = n == 0;
      for (int32_t i = 0; i < n && !bad; i++)
        bad = idn__url_forbidden((unsigned char)ctx->out.data[i]);
      if (bad)
        ctx->icu |= IDN_URL_FAILED;
    }
    return LOC_OK;
  }
  return LOC_E_ICU;
}

enum op { OP_TO_UNICODE, OP_TO_ASCII, OP_CHECK };

static loc_status convert_name(const loc_idn *idn, loc_idn_ctx *ctx, unsigned flags,
                               enum op op, const char *in, size_t len) {
  bool to_ascii = op != OP_TO_UNICODE;
  if (len > LOC_IDN_MAX_INPUT) {
    idn__error(ctx, "X_TOO_LONG", 0, 0, -1,
               "the name is %zu bytes long; names over %d bytes are not converted "
               "(project limit, status X_TOO_LONG)", len, LOC_IDN_MAX_INPUT);
    idn__finish_errors(ctx);
    return LOC_OK;
  }
  ctx->url = (flags & LOC_IDN_URL) != 0;
  bool registration = op == OP_CHECK && !(flags & (LOC_IDN_CHECK_UTS46 | LOC_IDN_URL));
  bool transitional = (flags & LOC_IDN_TRANSITIONAL) != 0;
  loc_status r = LOC_OK;
  /* ICU turns ill-formed UTF-8 into U+FFFD, which it rejects: a name it
   * accepts needs no validation of ours (most names in bulk). */
  if (!registration) {
    r = ask_icu(idn, ctx, to_ascii, transitional, in, len);
    if (r != LOC_OK)
      return r;
  }
  if (registration || ctx->icu != 0) {
    loc_utf8_error ue;
    size_t from = 0;
    while (loc_utf8_next_error(in, len, from, &ue)) {
      idn__error(ctx, "X_UTF8", 0, ue.offset, -1,
                 "invalid UTF-8: byte 0x%02X at byte offset %zu (status X_UTF8)", ue.byte,
                 ue.offset);
      from = ue.offset + ue.length;
    }
    if (ctx->nerr > 0 || ctx->truncated) {
      ctx->icu = 0; /* not ICU's business: the input is not text */
      ctx->out.len = 0;
      idn__finish_errors(ctx);
      return LOC_OK;
    }
  }
  if (registration) {
    r = idn__register(idn, ctx, in, len);
    if (r != LOC_OK)
      return r;
    ctx->ok = ctx->nerr == 0 && !ctx->truncated;
    idn__finish_errors(ctx);
    return LOC_OK;
  }
  if (ctx->icu == 0) {
    /* ICU accepted the name: its output (in ctx->out) is the one UTS #46
     * defines, and building our own (a second mapping pass) would only
     * repeat it. Most names in bulk are valid, so this halves their cost. */
    ctx->ok = true;
    return LOC_OK;
  }
  /* Rejected: ICU's verdict stands, and the explanation waits until the
   * caller asks for the errors (most bulk callers want the verdict and the
   * output only). For the error bits below ICU's output is the one UTS #46
   * defines (the conformance tests check it on every line of the test
   * files), so not even the mapping pass is needed; a U+FFFD in it means
   * ICU replaced a disallowed character, which UTS #46 keeps. */
  ctx->ok = false;
  ctx->explain_idn = idn;
  ctx->to_ascii = to_ascii;
  ctx->transitional = transitional;
  ctx->input.len = 0;
  if ((r = idn__vec_reserve(&ctx->input, 1, len)) != LOC_OK)
    return r;
  if (len)
    memcpy(ctx->input.data, in, len);
  ctx->input.len = len;
  bool replaced = false;
  if ((ctx->icu & ~ICU_OUTPUT_OK_BITS) == 0) {
    const char *icu = ctx->out.data;
    for (size_t i = 0; i + 2 < ctx->out.len && !replaced; i++)
      replaced = icu[i] == '\xEF' && icu[i + 1] == '\xBF' && icu[i + 2] == '\xBD';
  }
  if ((ctx->icu & ~ICU_OUTPUT_OK_BITS) != 0 || replaced) {
    ctx->out.len = 0;
    if ((r = idn__process(idn, ctx, in, len, transitional)) == LOC_OK)
      r = build_output(ctx, to_ascii);
    if (r != LOC_OK)
      return r;
  }
  ctx->deferred = IDN_DEFER_ALL;
  if (ctx->icu & IDN_ICU_UNJUDGED) {
    /* No verdict from ICU: the explanation is the verdict. */
    idn__resolve(ctx, false);
    ctx->ok = ctx->nerr == 0 && !ctx->truncated; /* the output is rebuilt there */
  }
  if (flags & IDN_QUIET)
    ctx->deferred = IDN_DEFER_NONE;
  idn__finish_errors(ctx);
  return LOC_OK;
}

void idn__resolve(const loc_idn_ctx *cctx, bool messages) {
  if (cctx == NULL || cctx->deferred == IDN_DEFER_NONE ||
      (cctx->deferred == IDN_DEFER_MESSAGES && !messages))
    return;
  /* The deferred part of the last call: the context's own cache, filled on
   * the first question (the accessors take a const context). */
  loc_idn_ctx *ctx = (loc_idn_ctx *)cctx;
  const loc_idn *idn = ctx->explain_idn;
  ctx->nerr = 0;
  ctx->truncated = false;
  ctx->msgs.len = 0;
  ctx->codes_only = !messages;
  loc_status r = LOC_OK;
  if (!ctx->labels_ready)
    r = idn__process(idn, ctx, ctx->input.data ? ctx->input.data : "", ctx->input.len,
                     ctx->transitional);
  /* Rebuilt, for the A3 errors and the lengths: the same string again. */
  ctx->out.len = 0;
  if (r == LOC_OK)
    r = build_output(ctx, ctx->to_ascii);
  if (r == LOC_OK)
    idn__explain(idn, ctx, ctx->to_ascii, ctx->out.data, ctx->out.len);
  else
    ctx->truncated = true; /* out of memory: the verdict stands, unexplained */
  ctx->codes_only = false;
  idn__finish_errors(ctx);
  ctx->deferred = messages ? IDN_DEFER_NONE : IDN_DEFER_MESSAGES;
}

static loc_status convert(const loc_idn *idn, loc_idn_ctx *ctx, unsigned flags,
                          enum op op, const char *in, size_t len) {
  idn__reset(ctx);
  loc_status r = convert_name(idn, ctx, flags, op, in, len);
  if (r != LOC_OK || op != OP_CHECK)
    return r;
  idn__resolve(ctx, true); /* check adds its own findings to the explained ones */
  bool unreadable = ctx->nerr > 0 && (strcmp(ctx->errors[0].code, "X_UTF8") == 0 ||
                                      strcmp(ctx->errors[0].code, "X_TOO_LONG") == 0);
  if (unreadable)
    return LOC_OK;
  /* ICU accepted the name without our mapping pass: the labels are needed. */
  if (!ctx->labels_ready)
    r = idn__process(idn, ctx, in, len, false);
  if (r == LOC_OK)
    r = idn__spoof_checks(idn, ctx, flags);
  if (r != LOC_OK)
    return r;
  ctx->ok = ctx->ok && ctx->nerr == 0 && !ctx->truncated;
  idn__finish_errors(ctx);
  return LOC_OK;
}

static loc_status to_buffer(const loc_idn *idn, loc_idn_ctx *ctx, unsigned flags,
                            enum op op, const char *in, size_t len, char *out,
                            size_t cap, size_t *out_len) {
  if (out_len)
    *out_len = 0;
  unsigned allowed = op == OP_TO_ASCII ? LOC_IDN_TRANSITIONAL | LOC_IDN_URL
                     : op == OP_CHECK
                         ? LOC_IDN_CHECK_UTS46 | LOC_IDN_URL | LOC_IDN_MAX_LEVEL_MASK
                         : LOC_IDN_URL;
  if ((flags & LOC_IDN_URL) && (flags & LOC_IDN_TRANSITIONAL))
    return LOC_E_INVALID_ARGUMENT;
  if (op == OP_CHECK && (flags & LOC_IDN_MAX_LEVEL_MASK) >
                            LOC_IDN_MAX_LEVEL(LOC_IDN_LEVEL_UNRESTRICTED))
    return LOC_E_INVALID_ARGUMENT;
  if (idn == NULL || ctx == NULL || out_len == NULL || (in == NULL && len > 0) ||
      (out == NULL && cap > 0) || (flags & ~allowed))
    return LOC_E_INVALID_ARGUMENT;
  loc_status r = convert(idn, ctx, flags, op, in ? in : "", len);
  if (r != LOC_OK)
    return r;
  *out_len = ctx->out.len;
  if (ctx->out.len > cap)
    return LOC_E_BUFFER_TOO_SMALL;
  if (ctx->out.len && out != NULL)
    memcpy(out, ctx->out.data, ctx->out.len);
  return LOC_OK;
}

static loc_status to_alloc(const loc_idn *idn, loc_idn_ctx *ctx, unsigned flags,
                           enum op op, const char *in, size_t len, char **out,
                           size_t *out_len) {
  if (out)
    *out = NULL;
  if (out_len)
    *out_len = 0;
  if (out == NULL)
    return LOC_E_INVALID_ARGUMENT;
  size_t n = 0;
  loc_status r = to_buffer(idn, ctx, flags, op, in, len, NULL, 0, &n);
  if (r != LOC_OK && r != LOC_E_BUFFER_TOO_SMALL)
    return r;
  char *s = malloc(n + 1);
  if (s == NULL)
    return LOC_E_NO_MEMORY;
  if (n)
    memcpy(s, ctx->out.data, n);
  s[n] = '\0';
  *out = s;
  if (out_len)
    *out_len = n;
  return LOC_OK;
}

loc_status loc_idn_to_ascii(loc_idn_ctx *ctx, unsigned flags,
                            const char *in, size_t len, char *out, size_t cap,
                            size_t *out_len) {
  return to_buffer(ctx ? ctx->idn : NULL, ctx, flags, OP_TO_ASCII, in, len, out, cap, out_len);
}

loc_status loc_idn_to_unicode(loc_idn_ctx *ctx, unsigned flags,
                              const char *in, size_t len, char *out, size_t cap,
                              size_t *out_len) {
  return to_buffer(ctx ? ctx->idn : NULL, ctx, flags, OP_TO_UNICODE, in, len, out, cap, out_len);
}

loc_status loc_idn_to_ascii_alloc(loc_idn_ctx *ctx, unsigned flags, const char *in, size_t len, char **out,
                                  size_t *out_len) {
  return to_alloc(ctx ? ctx->idn : NULL, ctx, flags, OP_TO_ASCII, in, len, out, out_len);
}

loc_status loc_idn_to_unicode_alloc(loc_idn_ctx *ctx, unsigned flags, const char *in, size_t len,
                                    char **out, size_t *out_len) {
  return to_alloc(ctx ? ctx->idn : NULL, ctx, flags, OP_TO_UNICODE, in, len, out, out_len);
}

loc_status loc_idn_check(loc_idn_ctx *ctx, unsigned flags,
                         const char *in, size_t len, char *out, size_t cap, size_t *out_len) {
  return to_buffer(ctx ? ctx->idn : NULL, ctx, flags, OP_CHECK, in, len, out, cap, out_len);
}

loc_status loc_idn_check_alloc(loc_idn_ctx *ctx, unsigned flags,
                               const char *in, size_t len, char **out, size_t *out_len) {
  return to_alloc(ctx ? ctx->idn : NULL, ctx, flags, OP_CHECK, in, len, out, out_len);
}

loc_status idn__to_unicode_quiet(const loc_idn *idn, loc_idn_ctx *ctx, const char *in,
                                 size_t len) {
  return convert(idn, ctx, IDN_QUIET, OP_TO_UNICODE, in, len);
}

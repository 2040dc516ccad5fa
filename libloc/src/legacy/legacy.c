/* Legacy encodings: names, detection and the converter object that every
 * encoding's conversion goes through. */
#include "internal.h"
#include "legacy_internal.h"
#include "fonthack.h"

#include <strings.h>
#include <unicode/ustring.h>

static const struct {
  const char *name;
  loc_legacy_encoding enc;
} names[] = {
    {"zawgyi", LOC_LEGACY_ZAWGYI},
    {"krutidev", LOC_LEGACY_KRUTIDEV},
    {"bijoy", LOC_LEGACY_BIJOY},
    {"krutidev010", LOC_LEGACY_KRUTIDEV},
    {"sutonnymj", LOC_LEGACY_BIJOY},
};

loc_status loc_legacy_encoding_parse(const char *name, loc_legacy_encoding *enc) {
  if (name == NULL || enc == NULL)
    return LOC_E_INVALID_ARGUMENT;
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
    if (strcasecmp(name, names[i].name) == 0) {
      *enc = names[i].enc;
      return LOC_OK;
    }
  return LOC_E_UNSUPPORTED;
}

const char *loc_legacy_encoding_name(loc_legacy_encoding enc) {
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
    if (names[i].enc == enc)
      return names[i].name;
  return NULL;
}

loc_status loc_legacy_probability(loc_legacy_encoding enc, const char *s, size_t len,
                                  double *p) {
  switch (enc) {
  case LOC_LEGACY_ZAWGYI:
    return loc_legacy_zawgyi_probability(s, len, p);
  case LOC_LEGACY_KRUTIDEV:
  case LOC_LEGACY_BIJOY:
    if (p == NULL || (s == NULL && len > 0))
      return LOC_E_INVALID_ARGUMENT;
    return loc__fh_probability(enc == LOC_LEGACY_BIJOY, s, len, p);
  default:
    return LOC_E_INVALID_ARGUMENT;
  }
}

struct loc_legacy_conv {
  loc_legacy_encoding enc;
  loc_legacy_direction dir;
  UTransliterator *trans; /* Zawgyi */
  UChar *u16;             /* scratch of the ICU path */
  int32_t u16_cap;
  const fh_encoding *fh;  /* font hacks */
  loc__buf res;           /* their result */
};

loc_status loc_legacy_conv_new(loc_legacy_encoding enc, loc_legacy_direction dir,
                               loc_legacy_conv **conv) {
  if (conv == NULL || (unsigned)enc >= LOC_LEGACY_COUNT_ ||
      (dir != LOC_LEGACY_TO_UNICODE && dir != LOC_LEGACY_FROM_UNICODE))
    return LOC_E_INVALID_ARGUMENT;
  *conv = NULL;
  loc_legacy_conv *c = calloc(1, sizeof *c);
  if (c == NULL)
    return LOC_E_NO_MEMORY;
  c->enc = enc;
  c->dir = dir;
  if (enc != LOC_LEGACY_ZAWGYI) {
    c->fh = enc == LOC_LEGACY_KRUTIDEV ? &loc__fh_krutidev : &loc__fh_bijoy;
    *conv = c;
    return LOC_OK;
  }
  loc_status st = loc__zawgyi_open(dir, &c->trans);
  if (st != LOC_OK) {
    free(c);
    return st;
  }
  *conv = c;
  return LOC_OK;
}

void loc_legacy_conv_free(loc_legacy_conv *conv) {
  if (conv == NULL)
    return;
  if (conv->trans)
    utrans_close(conv->trans);
  free(conv->u16);
  free(conv->res.data);
  free(conv);
}

/* Converts into conv's scratch: UTF-16 in conv->u16 for Zawgyi, UTF-8 in
 * conv->res for the font hacks. */
static loc_status convert_scratch(loc_legacy_conv *c, const char *in, size_t len,
                                  int32_t *n16) {
  if (c == NULL || (in == NULL && len > 0))
    return LOC_E_INVALID_ARGUMENT;
  if (len > ((size_t)1 << 30))
    return LOC_E_OVERFLOW;
  if (loc_utf8_valid_prefix(in, len) != len)
    return LOC_E_INVALID_UTF8;
  if (c->fh) {
    c->res.len = 0;
    return loc__fh_convert(c->fh, c->dir == LOC_LEGACY_TO_UNICODE, in, len, &c->res);
  }
  return loc__zawgyi_convert16(c->trans, &c->u16, &c->u16_cap, in, len, n16);
}

/* Size of the result in UTF-8 and, when it fits in @cap, the bytes. */
static loc_status emit(loc_legacy_conv *c, int32_t n16, char *out, size_t cap,
                       size_t *out_len) {
  if (c->fh) {
    *out_len = c->res.len;
    if (c->res.len > cap)
      return LOC_E_BUFFER_TOO_SMALL;
    if (c->res.len && out)
      memcpy(out, c->res.data, c->res.len);
    return LOC_OK;
  }
  UErrorCode e = U_ZERO_ERROR;
  int32_t n8 = 0;
  int32_t c32 = cap > INT32_MAX ? INT32_MAX : (int32_t)cap;
  u_strToUTF8(out, c32, &n8, c->u16, n16, &e);
  *out_len = (size_t)n8;
  if (e == U_BUFFER_OVERFLOW_ERROR)
    return LOC_E_BUFFER_TOO_SMALL;
  if (U_FAILURE(e))
    return LOC_E_ICU;
  return LOC_OK;
}

loc_status loc_legacy_convert(loc_legacy_conv *conv, const char *in, size_t len,
                              char *out, size_t cap, size_t *out_len) {
  if (out_len == NULL || (out == NULL && cap > 0))
    return LOC_E_INVALID_ARGUMENT;
  int32_t n16 = 0;
  loc_status st = convert_scratch(conv, in, len, &n16);
  if (st != LOC_OK)
    return st;
  return emit(conv, n16, out, cap, out_len);
}

loc_status loc_legacy_convert_alloc(loc_legacy_conv *conv, const char *in, size_t len,
                                    char **out, size_t *out_len) {
  if (out == NULL)
    return LOC_E_INVALID_ARGUMENT;
  *out = NULL;
  int32_t n16 = 0;
  loc_status st = convert_scratch(conv, in, len, &n16);
  if (st != LOC_OK)
    return st;
  size_t need = 0;
  st = emit(conv, n16, NULL, 0, &need);
  if (st != LOC_OK && st != LOC_E_BUFFER_TOO_SMALL)
    return st;
  char *r = malloc(need + 1);
  if (r == NULL)
    return LOC_E_NO_MEMORY;
  st = emit(conv, n16, r, need + 1, &need);
  if (st != LOC_OK) {
    free(r);
    return st;
  }
  r[need] = 0;
  *out = r;
  if (out_len)
    *out_len = need;
  return LOC_OK;
}

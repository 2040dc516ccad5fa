/* Byte encodings through ICU's converters, streaming.
 *
 * Input goes through ucnv_toUnicode and ucnv_fromUnicode in blocks, so
 * memory is bounded whatever the input and however long its lines. ICU is
 * asked to stop at each bad byte sequence and each unmappable character
 * (instead of substituting silently) so that the caller can be told where
 * it is; the substitute is then written here. Line positions come from the
 * offsets ICU gives for every decoded UTF-16 unit. */
#include "internal.h"

#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/ustring.h>

enum { BLOCK = 64 << 10 };

struct loc_encoding_conv {
  UConverter *from, *to;
  bool to_utf8;      /* output through u_strToUTF8, no converter */
  unsigned nl_width; /* bytes of '\n' in the input encoding */
  /* the current write */
  loc_sink_fn sink;
  loc_encoding_problem_fn problem;
  void *user;
  const char *piece; /* start of the input piece being decoded */
  /* position of the next decoded unit */
  uint64_t line, col;  /* col: characters before it in its line */
  uint64_t line_start; /* input byte offset where its line starts */
  uint64_t base;       /* input byte offset of piece[0] */
  uint64_t call_start; /* input byte offset where the last decode call began */
  size_t held;         /* bytes the decoder held from before that call */
  size_t scanned;      /* units of u16 already counted into line/col */
  UChar u16[BLOCK];
  int32_t offs[BLOCK];
  char enc[BLOCK * 4];
};

/* The sink is never called with nothing. */
static loc_status emit(loc_encoding_conv *c, const char *data, size_t len) {
  return len ? c->sink(c->user, data, len) : LOC_OK;
}

static loc_status icu_status(UErrorCode e) {
  return e == U_MEMORY_ALLOCATION_ERROR ? LOC_E_NO_MEMORY : LOC_E_ICU;
}

/* ---------- names ---------- */

size_t loc_encoding_count(void) {
  int32_t n = ucnv_countAvailable();
  return n > 0 ? (size_t)n : 0;
}

const char *loc_encoding_name(size_t i) {
  return i < loc_encoding_count() ? ucnv_getAvailableName((int32_t)i) : NULL;
}

size_t loc_encoding_alias_count(size_t i) {
  const char *name = loc_encoding_name(i);
  if (name == NULL)
    return 0;
  UErrorCode e = U_ZERO_ERROR;
  uint16_t n = ucnv_countAliases(name, &e);
  return U_SUCCESS(e) ? n : 0;
}

const char *loc_encoding_alias(size_t i, size_t k) {
  if (k >= loc_encoding_alias_count(i))
    return NULL;
  UErrorCode e = U_ZERO_ERROR;
  const char *alias = ucnv_getAlias(loc_encoding_name(i), (uint16_t)k, &e);
  return U_SUCCESS(e) ? alias : NULL;
}

bool loc_encoding_is_utf8(const char *name) {
  if (name == NULL)
    return false;
  if (ucnv_compareNames(name, "UTF-8") == 0 || ucnv_compareNames(name, "utf8") == 0)
    return true;
  UErrorCode e = U_ZERO_ERROR;
  UConverter *c = ucnv_open(name, &e);
  if (U_FAILURE(e))
    return false;
  bool yes = ucnv_compareNames(ucnv_getName(c, &e), "UTF-8") == 0 && U_SUCCESS(e);
  ucnv_close(c);
  return yes;
}

/* ---------- the converter ---------- */

loc_status loc_encoding_conv_new(const char *from, const char *to, loc_encoding_conv **conv) {
  if (from == NULL || to == NULL || conv == NULL)
    return LOC_E_INVALID_ARGUMENT;
  *conv = NULL;
  loc_encoding_conv *c = calloc(1, sizeof *c);
  if (c == NULL)
    return LOC_E_NO_MEMORY;
  UErrorCode e = U_ZERO_ERROR;
  c->from = ucnv_open(from, &e);
  if (U_SUCCESS(e))
    c->to = ucnv_open(to, &e);
  if (U_FAILURE(e)) {
    loc_encoding_conv_free(c);
    return e == U_MEMORY_ALLOCATION_ERROR ? LOC_E_NO_MEMORY : LOC_E_UNSUPPORTED;
  }
  c->to_utf8 = ucnv_compareNames(ucnv_getName(c->to, &e), "UTF-8") == 0;
  ucnv_setToUCallBack(c->from, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &e);
  ucnv_setFromUCallBack(c->to, UCNV_FROM_U_CALLBACK_STOP, NULL, NULL, NULL, &e);
  if (U_FAILURE(e)) {
    loc_encoding_conv_free(c);
    return icu_status(e);
  }
  /* '\n' takes as many bytes as the encoding's smallest character
   * (1 for ASCII-based encodings and EBCDIC, 2 for UTF-16, 4 for UTF-32). */
  c->nl_width = (unsigned)ucnv_getMinCharSize(c->from);
  loc_encoding_conv_reset(c);
  *conv = c;
  return LOC_OK;
}

void loc_encoding_conv_free(loc_encoding_conv *conv) {
  if (conv == NULL)
    return;
  if (conv->from)
    ucnv_close(conv->from);
  if (conv->to)
    ucnv_close(conv->to);
  free(conv);
}

void loc_encoding_conv_reset(loc_encoding_conv *conv) {
  if (conv == NULL)
    return;
  conv->line = 1;
  conv->col = 0;
  conv->line_start = 0;
  conv->base = 0;
  ucnv_resetToUnicode(conv->from);
}

/* Counts u16[scanned..upto) into the line and column. */
static void scan_to(loc_encoding_conv *c, size_t upto) {
  for (size_t k = c->scanned; k < upto; k++) {
    UChar ch = c->u16[k];
    if (ch == '\n') {
      c->line++;
      c->col = 0;
      /* A unit decoded partly from bytes the decoder held from an earlier
       * call (offset -1) is the call's first: the rest of its bytes open
       * the call's input. */
      if (c->offs[k] >= 0)
        c->line_start = c->base + (uint64_t)c->offs[k] + c->nl_width;
      else
        c->line_start = c->call_start + (c->nl_width > c->held ? c->nl_width - c->held : 0);
    } else if (!U16_IS_TRAIL(ch)) {
      c->col++;
    }
  }
  c->scanned = upto;
}

static loc_status write_subst(loc_encoding_conv *c) {
  char sub[32];
  int8_t n = sizeof sub;
  UErrorCode e = U_ZERO_ERROR;
  ucnv_getSubstChars(c->to, sub, &n, &e);
  return U_SUCCESS(e) ? emit(c, sub, (size_t)n) : LOC_OK;
}

/* Encodes u16[from..upto) into the output encoding, reporting characters it
 * cannot hold. */
static loc_status encode(loc_encoding_conv *c, size_t from, size_t upto) {
  const UChar *src = c->u16 + from, *end = c->u16 + upto;
  loc_status st;
  if (c->to_utf8) {
    /* Decoded text is well-formed UTF-16 (ICU substitutes nothing: bad
     * input stops it), so the plain conversion cannot fail. */
    int32_t n8 = 0;
    UErrorCode e = U_ZERO_ERROR;
    u_strToUTF8(c->enc, (int32_t)sizeof c->enc, &n8, src, (int32_t)(end - src), &e);
    if (U_FAILURE(e))
      return icu_status(e);
    scan_to(c, upto);
    return emit(c, c->enc, (size_t)n8);
  }
  for (;;) {
    char *t = c->enc;
    UErrorCode e = U_ZERO_ERROR;
    ucnv_fromUnicode(c->to, &t, c->enc + sizeof c->enc, &src, end, NULL, false, &e);
    if ((st = emit(c, c->enc, (size_t)(t - c->enc))) != LOC_OK)
      return st;
    if (e == U_BUFFER_OVERFLOW_ERROR)
      continue;
    if (e == U_INVALID_CHAR_FOUND || e == U_ILLEGAL_CHAR_FOUND) {
      UChar bad[8];
      int8_t n = 8;
      UErrorCode e2 = U_ZERO_ERROR;
      ucnv_getInvalidUChars(c->to, bad, &n, &e2);
      UChar32 cp = n >= 2 && U16_IS_LEAD(bad[0]) ? U16_GET_SUPPLEMENTARY(bad[0], bad[1]) : bad[0];
      scan_to(c, (size_t)(src - c->u16) - (size_t)n);
      if (c->problem) {
        loc_encoding_problem p = {.kind = LOC_ENCODING_UNMAPPABLE, .line = c->line,
                                  .column = c->col + 1, .code_point = (uint32_t)cp};
        if ((st = c->problem(c->user, &p)) != LOC_OK)
          return st;
      }
      if ((st = write_subst(c)) != LOC_OK)
        return st;
      scan_to(c, (size_t)(src - c->u16));
      continue;
    }
    if (U_FAILURE(e))
      return icu_status(e);
    break;
  }
  scan_to(c, upto);
  return LOC_OK;
}

/* The bytes ICU just rejected, before @src_after, told about and replaced. */
static loc_status bad_bytes(loc_encoding_conv *c, const char *src_after) {
  char bad[32];
  int8_t n = sizeof bad;
  UErrorCode e = U_ZERO_ERROR;
  ucnv_getInvalidChars(c->from, bad, &n, &e);
  if (U_FAILURE(e))
    n = 0;
  loc_status st;
  if (c->problem) {
    /* The bad bytes end where ICU stopped reading, except when the byte
     * that ended the sequence came in an earlier write (ICU holds it then,
     * and does not say so): the offset is then that many bytes late. */
    uint64_t at = c->base + (uint64_t)(src_after - c->piece);
    at = at >= (uint64_t)n ? at - (uint64_t)n : 0;
    loc_encoding_problem p = {.kind = LOC_ENCODING_INVALID_INPUT, .line = c->line,
                              .column = c->col + 1, .bytes = (const unsigned char *)bad,
                              .n_bytes = (size_t)n,
                              .line_offset = at >= c->line_start ? at - c->line_start : 0,
                              .offset = at};
    if ((st = c->problem(c->user, &p)) != LOC_OK)
      return st;
  }
  /* The character that stood there is one column. */
  static const UChar fffd = 0xFFFD;
  const UChar *s = &fffd;
  char *t = c->enc;
  UErrorCode e3 = U_ZERO_ERROR;
  ucnv_fromUnicode(c->to, &t, c->enc + sizeof c->enc, &s, s + 1, NULL, false, &e3);
  st = U_SUCCESS(e3) ? emit(c, c->enc, (size_t)(t - c->enc)) : write_subst(c);
  c->col++;
  return st;
}

/* Decodes piece[0..n) (the input's last bytes when @flush) and writes it. */
static loc_status decode_piece(loc_encoding_conv *c, const char *piece, size_t n, bool flush) {
  const char *src = piece, *end = piece + n;
  c->piece = piece;
  loc_status st = LOC_OK;
  for (;;) {
    UChar *t = c->u16;
    UErrorCode e = U_ZERO_ERROR;
    const char *before = src;
    UErrorCode e0 = U_ZERO_ERROR;
    int32_t held = ucnv_toUCountPending(c->from, &e0);
    c->held = U_SUCCESS(e0) && held > 0 ? (size_t)held : 0;
    c->call_start = c->base + (uint64_t)(before - piece);
    ucnv_toUnicode(c->from, &t, c->u16 + BLOCK, &src, end, c->offs, flush, &e);
    size_t produced = (size_t)(t - c->u16);
    /* Offsets are relative to this call's source start. */
    for (size_t k = 0; k < produced; k++)
      if (c->offs[k] >= 0)
        c->offs[k] += (int32_t)(before - piece);
    c->scanned = 0;
    if ((st = encode(c, 0, produced)) != LOC_OK)
      break;
    if (e == U_BUFFER_OVERFLOW_ERROR)
      continue;
    /* Bad input, stopped at: also an escape sequence a stateful encoding
     * (ISO-2022-*) does not know or allow. */
    if (e == U_INVALID_CHAR_FOUND || e == U_ILLEGAL_CHAR_FOUND ||
        e == U_TRUNCATED_CHAR_FOUND || e == U_ILLEGAL_ESCAPE_SEQUENCE ||
        e == U_UNSUPPORTED_ESCAPE_SEQUENCE) {
      if ((st = bad_bytes(c, src)) != LOC_OK)
        break;
      if (src < end || (flush && e != U_TRUNCATED_CHAR_FOUND))
        continue;
      break;
    }
    if (U_FAILURE(e))
      st = icu_status(e);
    break;
  }
  c->base += n;
  return st;
}

loc_status loc_encoding_conv_write(loc_encoding_conv *conv, const char *in, size_t len,
                                   bool end, loc_sink_fn sink,
                                   loc_encoding_problem_fn problem, void *user) {
  if (conv == NULL || (in == NULL && len > 0) || sink == NULL)
    return LOC_E_INVALID_ARGUMENT;
  if (in == NULL)
    in = "";
  conv->sink = sink;
  conv->problem = problem;
  conv->user = user;
  /* Pieces of at most BLOCK bytes keep ICU's int32_t offsets in range. */
  do {
    size_t n = len < BLOCK ? len : BLOCK;
    loc_status st = decode_piece(conv, in, n, end && n == len);
    if (st != LOC_OK)
      return st;
    in += n;
    len -= n;
  } while (len > 0);
  return LOC_OK;
}

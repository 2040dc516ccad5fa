/* Feeding text to a transform in tokens: cut points, ill-formed bytes, the
 * per-token output cache and output batching. */
#include "internal.h"
#include "translit_internal.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>

/* A token without whitespace is cut after this many bytes. */
#define MAX_TOKEN 4096
/* Words without a script of their own glue to their neighbours up to this. */
#define MAX_UNIT (16 * 1024)
/* With LOC_TRANSLIT_LINES, a line is cut (at whitespace if it can) after
 * this many bytes. */
#define MAX_LINE (64 * 1024)
/* Output is handed to the sink in batches of about this size. */
#define OUT_BATCH (64 * 1024)

static inline bool is_space(unsigned char b) {
  return b == ' ' || b == '\n' || b == '\t' || b == '\r' || b == '\v' || b == '\f';
}

static loc_status flush_out(loc_translit_ctx *c, loc_sink_fn sink, void *user) {
  if (c->out.len == 0)
    return LOC_OK;
  loc_status st = sink(user, c->out.data, c->out.len);
  c->out.len = 0;
  return st;
}

static loc_status put(loc_translit_ctx *c, const char *s, size_t len) {
  loc_status st = loc__buf_reserve(&c->out, len);
  if (st != LOC_OK)
    return st;
  memcpy(c->out.data + c->out.len, s, len);
  c->out.len += len;
  return LOC_OK;
}

/* Any bytes: valid runs through ICU, ill-formed subparts copied. */
static loc_status transform_any(loc_translit_ctx *c, const char *s, size_t len) {
  while (len > 0) {
    size_t v = loc_utf8_valid_prefix(s, len);
    if (v > 0) {
      loc_status st = loc__translit_run(c, s, v);
      if (st != LOC_OK)
        return st;
      s += v;
      len -= v;
    }
    if (len == 0)
      break;
    size_t n;
    loc__utf8_decode((const uint8_t *)s, len, 0, &n);
    loc_status st = put(c, s, n);
    if (st != LOC_OK)
      return st;
    s += n;
    len -= n;
  }
  return LOC_OK;
}

/* One token (or run of whitespace), through the cache when it is short. */
static loc_status token(loc_translit_ctx *c, const char *s, size_t len) {
  if (len > LOC_TOKEN_CACHE_MAX_KEY || c->lines || c->no_cache)
    return transform_any(c, s, len);
  uint32_t h = loc__token_hash(s, len);
  size_t vlen;
  const char *v = loc__token_cache_get(&c->cache, s, len, h, &vlen);
  if (v != NULL)
    return put(c, v, vlen);
  size_t before = c->out.len;
  loc_status st = transform_any(c, s, len);
  if (st == LOC_OK)
    loc__token_cache_put(&c->cache, s, len, h, c->out.data + before,
                         c->out.len - before);
  return st;
}

/* Where to cut a run of @len bytes without a natural boundary: before a
 * character that is not a combining mark or joiner, as late as possible
 * within @max bytes (a character start when there is no such place). */
static size_t forced_cut(const char *s, size_t len, size_t max) {
  size_t i = max < len ? max : len;
  while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
    i--;
  size_t first = i;
  for (size_t j = i, tries = 0; j > 0 && tries < 64; tries++) {
    size_t n;
    int32_t cp = loc__utf8_decode((const uint8_t *)s, len, j, &n);
    int8_t gc = cp < 0 ? U_UNASSIGNED : u_charType(cp);
    if (gc != U_NON_SPACING_MARK && gc != U_COMBINING_SPACING_MARK &&
        gc != U_ENCLOSING_MARK && cp != 0x200C && cp != 0x200D)
      return j;
    do
      j--;
    while (j > 0 && ((unsigned char)s[j] & 0xC0) == 0x80);
  }
  return first > 0 ? first : (len < 4 ? len : 4);
}

/* Bytes of the separator at s[i] (ASCII whitespace or U+1361 ETHIOPIC
 * WORDSPACE, which Ethiopic text puts between words instead of spaces),
 * or 0. */
static inline size_t sep_len(const char *s, size_t len, size_t i) {
  unsigned char b = (unsigned char)s[i];
  if (is_space(b))
    return 1;
  if (b == 0xE1 && i + 2 < len && (unsigned char)s[i + 1] == 0x8D &&
      (unsigned char)s[i + 2] == 0xA1)
    return 3;
  return 0;
}

/* End of the run of separators starting at s[i] (i when there is none). */
static size_t space_end(const char *s, size_t len, size_t i) {
  size_t n;
  while (i < len && (n = sep_len(s, len, i)) > 0)
    i += n;
  return i;
}

/* End of the word starting at s[i]: the next separator or @max bytes. */
static size_t word_end(const char *s, size_t len, size_t i, size_t max) {
  size_t j = i;
  while (j < len && j - i < max && sep_len(s, len, j) == 0)
    j++;
  return j;
}

/* Does s[0..n) hold a character of a script of its own (not Common or
 * Inherited)? Any-X transforms give Common characters the script of the
 * text around them, so a word without one (digits, "।", "—") must not be
 * cut from its neighbours. */
static bool has_strong(const char *s, size_t n) {
  for (size_t i = 0; i < n;) {
    unsigned char b = (unsigned char)s[i];
    if (b < 0x80) {
      if ((b | 0x20) >= 'a' && (b | 0x20) <= 'z')
        return true;
      i++;
      continue;
    }
    size_t k;
    int32_t cp = loc__utf8_decode((const uint8_t *)s, n, i, &k);
    i += k;
    if (cp < 0)
      continue;
    UErrorCode e = U_ZERO_ERROR;
    UScriptCode sc = uscript_getScript(cp, &e);
    if (sc != USCRIPT_COMMON && sc != USCRIPT_INHERITED && sc != USCRIPT_UNKNOWN)
      return true;
  }
  return false;
}

/* The unit that starts with the word at s[i]: the words up to and
 * including the first with a strong character, and the words without one
 * that follow it (with the separators between them), so that no cut falls
 * between a Common word and the script it takes. Sets *end; returns 0, or
 * -1 when the unit may go on past @len and @final is false. A unit is cut
 * at a separator after MAX_UNIT bytes, a word without separators after
 * MAX_TOKEN (see forced_cut). */
static int word_unit(const char *s, size_t len, size_t i, bool final, size_t *end) {
  size_t j = i;
  bool strong = false;
  for (;;) {
    size_t k = word_end(s, len, j, MAX_TOKEN);
    if (k - j >= MAX_TOKEN) {
      *end = j > i ? j : i + forced_cut(s + i, len - i, MAX_TOKEN);
      return 0;
    }
    if (k == len && !final)
      return -1;
    strong = strong || has_strong(s + j, k - j);
    size_t w = space_end(s, len, k);
    if (w == len) {
      if (!final && w > k)
        return -1; /* the next word decides */
      *end = k;
      return 0;
    }
    size_t m = word_end(s, len, w, MAX_TOKEN);
    if (m == len && !final && m - w < MAX_TOKEN)
      return -1;
    bool next_strong = has_strong(s + w, m - w);
    if ((strong && next_strong) || w - i > MAX_UNIT) {
      *end = k;
      return 0;
    }
    j = w; /* glue the next word on */
  }
}

/* Transforms the complete units at the start of s[0..len) and returns how
 * many bytes were used; with @final everything is used. */
static loc_status units(loc_translit_ctx *c, const char *s, size_t len,
                        bool final, size_t *used) {
  size_t i = 0;
  loc_status st = LOC_OK;
  if (c->lines) {
    while (i < len && st == LOC_OK) {
      const char *nl = memchr(s + i, '\n', len - i);
      size_t end = nl ? (size_t)(nl - s) + 1 : len;
      if (end - i > MAX_LINE) {
        end = i + MAX_LINE;
        size_t k = end;
        while (k > i && !is_space((unsigned char)s[k - 1]))
          k--;
        end = k > i ? k : i + forced_cut(s + i, len - i, MAX_LINE);
      } else if (nl == NULL && !final) {
        break;
      }
      st = transform_any(c, s + i, end - i);
      i = end;
    }
    *used = i;
    return st;
  }
  while (i < len && st == LOC_OK) {
    size_t w = space_end(s, len, i);
    if (w > i) { /* a run of separators is a unit of its own */
      if (w == len && !final)
        break; /* may continue in the next write */
      st = token(c, s + i, w - i);
      i = w;
      continue;
    }
    size_t end = 0;
    int r = word_unit(s, len, i, final, &end);
    if (r < 0)
      break; /* undecided until more text comes */
    st = token(c, s + i, end - i);
    i = end;
    if (c->out.len >= OUT_BATCH)
      break; /* let the caller flush */
  }
  *used = i;
  return st;
}

static loc_status feed(loc_translit_ctx *c, const char *s, size_t len, bool final,
                       size_t *used, loc_sink_fn sink, void *user) {
  size_t done = 0;
  while (true) {
    size_t n = 0;
    /* s is NULL when finish() feeds nothing: no pointer arithmetic on it */
    loc_status st = units(c, s ? s + done : "", len - done, final, &n);
    done += n;
    if (st == LOC_OK)
      st = flush_out(c, sink, user);
    if (st != LOC_OK)
      return st;
    if (n == 0 || done == len)
      break;
  }
  *used = done;
  return LOC_OK;
}

static loc_status keep(loc_translit_ctx *c, const char *s, size_t len) {
  loc_status st = loc__buf_reserve(&c->pend, len);
  if (st != LOC_OK)
    return st;
  memcpy(c->pend.data + c->pend.len, s, len);
  c->pend.len += len;
  return LOC_OK;
}

/* Input is appended to the kept text in pieces of at most this size. */
#define APPEND_PIECE (64 * 1024)

LOC_API loc_status loc_translit_write(loc_translit_ctx *c, const char *in,
                                      size_t len, loc_sink_fn sink, void *user) {
  if (c == NULL || sink == NULL || (in == NULL && len > 0))
    return LOC_E_INVALID_ARGUMENT;
  while (len > 0) {
    size_t used = 0;
    loc_status st;
    if (c->pend.len == 0) {
      /* The usual case: units are taken from @in itself, and only an
       * unfinished unit at its end (bounded by MAX_UNIT and MAX_TOKEN) is
       * kept. */
      st = feed(c, in, len, false, &used, sink, user);
      if (st == LOC_OK)
        st = keep(c, in + used, len - used);
      return st;
    }
    size_t n = len < APPEND_PIECE ? len : APPEND_PIECE;
    if ((st = keep(c, in, n)) != LOC_OK)
      return st;
    in += n;
    len -= n;
    st = feed(c, c->pend.data, c->pend.len, false, &used, sink, user);
    if (st != LOC_OK)
      return st;
    memmove(c->pend.data, c->pend.data + used, c->pend.len - used);
    c->pend.len -= used;
  }
  return LOC_OK;
}

LOC_API loc_status loc_translit_finish(loc_translit_ctx *c, loc_sink_fn sink,
                                       void *user) {
  if (c == NULL || sink == NULL)
    return LOC_E_INVALID_ARGUMENT;
  size_t used = 0;
  loc_status st = feed(c, c->pend.data, c->pend.len, true, &used, sink, user);
  c->pend.len = 0;
  return st;
}

/* Feeding text to a transform in units: cut points (only where the
 * transform provably cannot see across, see translit_local.cc), ill-formed
 * bytes, the per-unit output cache and output batching; the one-shot forms
 * (loc_translit_text, loc_translit_text_alloc) on top of them. */
#include "internal.h"
#include "translit_internal.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>

/* Output is handed to the sink in batches of about this size. */
#define OUT_BATCH (64 * 1024)

static loc_status flush_out(loc_translit_ctx *c, loc_sink_fn sink, void *user) {
  if (c->out.len == 0)
    return LOC_OK;
  loc_status st = sink(user, c->out.data, c->out.len);
  c->out.len = 0;
  return st;
}

static loc_status put(loc_translit_ctx *c, const char *s, size_t len) {
  if (len == 0) /* a cached empty result: the output may be unallocated */
    return LOC_OK;
  loc_status st = loc__buf_reserve(&c->out, len);
  if (st != LOC_OK)
    return st;
  memcpy(c->out.data + c->out.len, s, len);
  c->out.len += len;
  return LOC_OK;
}

/* Any bytes: valid runs through ICU, ill-formed subparts copied. The first
 * run sees @before as context, the last @after. */
static loc_status transform_any(loc_translit_ctx *c, const char *s, size_t len,
                                int32_t before, int32_t after) {
  while (len > 0) {
    size_t v = loc_utf8_valid_prefix(s, len);
    if (v > 0) {
      loc_status st = loc__translit_run(c, s, v, before, v == len ? after : 0);
      if (st != LOC_OK)
        return st;
      s += v;
      len -= v;
    }
    before = 0;
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

/* The cache key's byte for a context character: 0 for none, else 1 + the
 * separator's bit number. */
static unsigned char ctx_byte(int32_t cp) {
  static const int32_t seps[LOC_TRANSLIT_SEPS] = {' ', '\t', '\n', '\r', '\v', '\f', 0x1361};
  /* '\n' is bit 2 too: the line end as context */
  for (int i = 0; i < LOC_TRANSLIT_SEPS; i++)
    if (cp == seps[i])
      return (unsigned char)(i + 1);
  return 0;
}

/* One unit, with its context characters, through the cache when it is
 * short (the key holds the context too). */
static loc_status token(loc_translit_ctx *c, const char *s, size_t len,
                        int32_t before, int32_t after) {
  if (len > LOC_TOKEN_CACHE_MAX_KEY - 2 || c->lines || c->no_cache)
    return transform_any(c, s, len, before, after);
  char key[LOC_TOKEN_CACHE_MAX_KEY];
  key[0] = (char)ctx_byte(before);
  key[1] = (char)ctx_byte(after);
  memcpy(key + 2, s, len);
  uint32_t h = loc__token_hash(key, len + 2);
  size_t vlen;
  const char *v = loc__token_cache_get(&c->cache, key, len + 2, h, &vlen);
  if (v != NULL)
    return put(c, v, vlen);
  size_t before_len = c->out.len;
  loc_status st = transform_any(c, s, len, before, after);
  if (st == LOC_OK) /* an empty result may leave the output unallocated */
    loc__token_cache_put(&c->cache, key, len + 2, h,
                         c->out.data ? c->out.data + before_len : "", c->out.len - before_len);
  return st;
}

/* The first character of s[0..len) (a separator), or 0. */
static int32_t first_char(const char *s, size_t len) {
  size_t n;
  int32_t cp = len ? loc__utf8_decode((const uint8_t *)s, len, 0, &n) : 0;
  return cp < 0 ? 0 : cp;
}

/* Bytes of the separator at s[i] (ASCII whitespace or U+1361 ETHIOPIC
 * WORDSPACE, which Ethiopic text puts between words instead of spaces),
 * or 0; *bit is its bit in the cut masks (see LOC_TRANSLIT_SEPS). */
static inline size_t sep_len(const char *s, size_t len, size_t i, unsigned *bit) {
  switch ((unsigned char)s[i]) {
  case ' ': *bit = 1u << 0; return 1;
  case '\t': *bit = 1u << 1; return 1;
  case '\n': *bit = 1u << 2; return 1;
  case '\r': *bit = 1u << 3; return 1;
  case '\v': *bit = 1u << 4; return 1;
  case '\f': *bit = 1u << 5; return 1;
  case 0xE1:
    if (i + 2 < len && (unsigned char)s[i + 1] == 0x8D && (unsigned char)s[i + 2] == 0xA1) {
      *bit = 1u << 6;
      return 3;
    }
    return 0;
  default:
    return 0;
  }
}

static int script_of(int32_t cp) {
  if (cp < 0)
    return USCRIPT_UNKNOWN;
  UErrorCode e = U_ZERO_ERROR;
  return (int)uscript_getScript(cp, &e);
}

/* The character that ends just before s[i] (i > 0). */
static int32_t char_before(const char *s, size_t i) {
  size_t j = i - 1;
  while (j > 0 && i - j < 4 && ((unsigned char)s[j] & 0xC0) == 0x80)
    j--;
  size_t n;
  int32_t cp = loc__utf8_decode((const uint8_t *)s, i, j, &n);
  return j + n == i ? cp : -1;
}

/* May the text be cut around the separators s[w0..w1) (bits @bits), with
 * the line's text s[0..len)? Only where the transform provably cannot see
 * across them (loc__translit_cut_mask); for Any-X, also a character of a
 * script of its own on each side (else the run of Common characters
 * between them is seen by the transforms of both scripts). */
static bool cut_ok(loc_translit_ctx *c, const char *s, size_t len, size_t w0,
                   size_t w1, unsigned bits) {
  if ((c->mask & bits) != bits)
    return false;
  if (!c->any_x)
    return true;
  int a = -1, b = -1;
  if (w0 > 0)
    a = script_of(char_before(s, w0));
  if (w1 < len) {
    size_t n;
    b = script_of(loc__utf8_decode((const uint8_t *)s, len, w1, &n));
  }
  if (a < 0)
    a = b;
  if (b < 0)
    b = a;
  if (a < 0)
    return true; /* only separators */
  /* a line's separators mostly sit between the same two scripts */
  if (a != c->pair_a || b != c->pair_b || bits != c->pair_bits) {
    c->pair_a = a;
    c->pair_b = b;
    c->pair_bits = bits;
    c->pair_ok = (loc__translit_pair_mask(c, a, b, bits) & bits) == bits;
  }
  return c->pair_ok;
}

/* Transforms the complete units at the start of s[0..len) and returns how
 * many bytes were used; with @final (the line ends there) everything is
 * used. A unit runs from one permitted cut to the next: a run of
 * separators at a permitted cut is a unit of its own, and so is each line
 * end. Scanning for cuts resumes at c->scan (bytes before it hold none). */
static loc_status units(loc_translit_ctx *c, const char *s, size_t len,
                        bool final, size_t *used) {
  size_t i = 0;
  loc_status st = LOC_OK;
  size_t j = c->scan; /* where to look for the next cut */
  c->scan = 0;
  while (i < len && st == LOC_OK) {
    if (j < i)
      j = i;
    /* Find the next separator run [w0, w1) that permits a cut. */
    size_t w0 = len, w1 = len;
    bool found = false, undecided = false;
    while (j < len) {
      unsigned bit = 0, bits = 0;
      size_t n = sep_len(s, len, j, &bit);
      if (n == 0) {
        j++;
        continue;
      }
      w0 = j;
      w1 = j;
      bool nl = false;
      while (w1 < len && (n = sep_len(s, len, w1, &bit)) > 0) {
        if (bit == 1u << 2) { /* a line end cuts, always */
          nl = true;
          break;
        }
        bits |= bit;
        w1 += n;
      }
      if (nl && w1 == w0) { /* the line end itself */
        w1 = w0 + 1;
        found = true;
        break;
      }
      if (!nl && w1 + 4 > len && !final) {
        undecided = true; /* the next character decides */
        break;
      }
      if (nl) { /* separators before a line end: cut off if they may be */
        if (w1 > w0 && !cut_ok(c, s, len, w0, w1, bits))
          w0 = w1;
        found = true;
        break;
      }
      if (cut_ok(c, s, len, w0, w1, bits)) {
        found = true;
        break;
      }
      j = w1;
    }
    if (!found) {
      if (!final) {
        /* Wait for more text; resume the scan where it stopped (an
         * unfinished separator may end the text: back off 3 bytes). */
        size_t r = undecided ? w0 : (len >= 3 ? len - 3 : 0);
        c->scan = r > i ? r - i : 0;
        break;
      }
      w0 = w1 = len;
    }
    /* A word sees the separators around it, the last one of a line the
     * line end (as ICU's uconv does); a line end is never transformed, and
     * the next line starts without context. */
    bool line_end = w1 == w0 + 1 && s[w0] == '\n';
    int32_t after = w0 >= len ? 0 : s[w0] == '\n' ? '\n' : first_char(s + w0, w1 - w0);
    if (w0 > i)
      st = token(c, s + i, w0 - i, c->prev_sep, after);
    if (st == LOC_OK && w1 > w0) /* a line end is context, copied as it is */
      st = line_end ? put(c, "\n", 1) : token(c, s + w0, w1 - w0, 0, 0);
    c->prev_sep = w1 > w0 && !line_end ? char_before(s, w1) : 0;
    if (w1 == len && final)
      c->prev_sep = 0;
    i = w1;
    j = w1;
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
  if (len == 0)
    return LOC_OK; /* nothing to keep (and maybe no buffer yet) */
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
       * unfinished unit at its end (up to the next permitted cut) is
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
  c->scan = 0;
  c->prev_sep = 0;
  return st;
}

/* ---------- one-shot forms ---------- */

static loc_status collect(void *user, const char *data, size_t len) {
  loc__buf *b = user;
  loc_status st = loc__buf_reserve(b, len + 1);
  if (st != LOC_OK)
    return st;
  memcpy(b->data + b->len, data, len);
  b->len += len;
  return LOC_OK;
}

static loc_status run_all(loc_translit_ctx *c, const char *in, size_t len,
                          loc__buf *b) {
  if (c == NULL || (in == NULL && len > 0))
    return LOC_E_INVALID_ARGUMENT;
  c->pend.len = 0;
  c->scan = 0;
  c->prev_sep = 0;
  loc_status st;
  if (len > 0 && loc__translit_kept(c, in, len)) /* output = input, nothing to cut */
    st = collect(b, in, len);
  else if ((st = loc_translit_write(c, in, len, collect, b)) == LOC_OK)
    st = loc_translit_finish(c, collect, b);
  if (st == LOC_OK)
    st = loc__buf_reserve(b, 1);
  if (st == LOC_OK)
    b->data[b->len] = '\0';
  return st;
}

LOC_API loc_status loc_translit_text(loc_translit_ctx *c, const char *in,
                                     size_t len, char *out, size_t cap,
                                     size_t *out_len) {
  if (out_len == NULL || (out == NULL && cap > 0))
    return LOC_E_INVALID_ARGUMENT;
  loc__buf b = {0};
  loc_status st = run_all(c, in, len, &b);
  if (st == LOC_OK) {
    *out_len = b.len;
    if (b.len > cap)
      st = LOC_E_BUFFER_TOO_SMALL;
    else if (b.len > 0)
      memcpy(out, b.data, b.len);
  }
  free(b.data);
  return st;
}

LOC_API loc_status loc_translit_text_alloc(loc_translit_ctx *c, const char *in,
                                           size_t len, char **out,
                                           size_t *out_len) {
  if (out == NULL)
    return LOC_E_INVALID_ARGUMENT;
  *out = NULL;
  loc__buf b = {0};
  loc_status st = run_all(c, in, len, &b);
  if (st != LOC_OK) {
    free(b.data);
    return st;
  }
  *out = b.data;
  if (out_len != NULL)
    *out_len = b.len;
  return LOC_OK;
}

/* Feeding text to a transform in tokens: cut points, ill-formed bytes, the
 * per-token output cache and output batching. */
#include "internal.h"
#include "translit_internal.h"

#include <unicode/uchar.h>

/* A token without whitespace is cut after this many bytes. */
#define MAX_TOKEN 4096
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
  if (len > LOC_TOKEN_CACHE_MAX_KEY || c->lines)
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
    bool sp = is_space((unsigned char)s[i]);
    size_t j = i + 1;
    while (j < len && is_space((unsigned char)s[j]) == sp && j - i < MAX_TOKEN)
      j++;
    if (j - i >= MAX_TOKEN && !sp) {
      j = i + forced_cut(s + i, len - i, MAX_TOKEN);
    } else if (j == len && !final) {
      break; /* may continue in the next write */
    }
    st = token(c, s + i, j - i);
    i = j;
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
    loc_status st = units(c, s + done, len - done, final, &n);
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

LOC_API loc_status loc_translit_write(loc_translit_ctx *c, const char *in,
                                      size_t len, loc_sink_fn sink, void *user) {
  if (c == NULL || sink == NULL || (in == NULL && len > 0))
    return LOC_E_INVALID_ARGUMENT;
  loc_status st;
  if (c->pend.len > 0) {
    /* Complete the kept unit with the start of @in, up to the next place
     * where the kind of byte changes (space / not space, or a line end). */
    size_t k = 0;
    if (c->lines) {
      const char *nl = memchr(in, '\n', len);
      k = nl ? (size_t)(nl - in) + 1 : len;
    } else {
      bool sp = is_space((unsigned char)c->pend.data[0]);
      while (k < len && is_space((unsigned char)in[k]) == sp)
        k++;
    }
    /* Found the boundary: the kept unit is complete. */
    bool complete = k < len || (c->lines && k > 0 && in[k - 1] == '\n');
    if ((st = keep(c, in, k)) != LOC_OK)
      return st;
    in += k;
    len -= k;
    size_t used = 0;
    st = feed(c, c->pend.data, c->pend.len, complete, &used, sink, user);
    if (st != LOC_OK)
      return st;
    memmove(c->pend.data, c->pend.data + used, c->pend.len - used);
    c->pend.len -= used;
    if (c->pend.len > 0)
      return len == 0 ? LOC_OK : keep(c, in, len);
  }
  size_t used = 0;
  st = feed(c, in, len, false, &used, sink, user);
  if (st != LOC_OK)
    return st;
  return keep(c, in + used, len - used);
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

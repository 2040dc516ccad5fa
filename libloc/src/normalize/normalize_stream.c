/* Streaming normalization. The stream holds the text after the last
 * normalization boundary it has seen (plus at most one unfinished
 * character), because what follows may still combine with it; everything
 * before that boundary is normalized and handed to the sink at once. */
#include "internal.h"

/* Input is taken in slices so that one huge write needs no huge buffer. */
#define SLICE ((size_t)64 << 10)
/* A run without any boundary is cut here (UAX #15 stream-safe practice). */
#define TAIL_MAX ((size_t)1 << 20)

struct loc_normalize_stream {
  const void *n;
  loc__buf tail;      /* undecided text; tail.data[0] is at a boundary */
  size_t scanned;     /* tail[1..scanned) holds no boundary: resume there */
  loc__buf out;       /* reused output buffer */
};

loc_status loc_normalize_stream_new(loc_normalize_form form, loc_normalize_stream **stream) {
  if (stream == NULL)
    return LOC_E_INVALID_ARGUMENT;
  loc_status st;
  const void *n = loc__icu_normalizer(form, &st);
  if (n == NULL)
    return st;
  loc_normalize_stream *s = calloc(1, sizeof *s);
  if (s == NULL)
    return LOC_E_NO_MEMORY;
  s->n = n;
  *stream = s;
  return LOC_OK;
}

void loc_normalize_stream_free(loc_normalize_stream *stream) {
  if (stream == NULL)
    return;
  free(stream->tail.data);
  free(stream->out.data);
  free(stream);
}

/* A byte that can start a character or a maximal subpart: decoding from
 * there agrees with decoding from any earlier such byte. */
static bool is_sync(uint8_t b) { return (b & 0xC0) != 0x80; }

/*
 * Scans s[from..to) forward (from is a sync point) for normalization
 * boundaries: before a character with hasBoundaryBefore, and on both sides
 * of an ill-formed subsequence. Returns the last one found above 0 (0 if
 * none); *partial gets the start of an incomplete character at the very end
 * of s[0..len) (or len) — it may still be completed by the next write.
 */
static size_t scan(const void *n, const uint8_t *s, size_t len, size_t from,
                   size_t to, size_t *partial) {
  size_t last = 0, i = from;
  while (i < to) {
    size_t k;
    int32_t cp = loc__utf8_decode(s, len, i, &k);
    if (cp >= 0) {
      if (i > 0 && loc__icu_boundary_before(n, cp))
        last = i;
    } else if (i + k == len && s[i] >= 0xC2 && s[i] <= 0xF4) {
      *partial = i; /* truncated by the end of the data, not yet wrong */
      return last;
    } else {
      if (i > 0)
        last = i;
      if (i + k < len)
        last = i + k;
    }
    i += k;
  }
  return last;
}

/* Finds the last boundary in tail[scanned..len), looking at growing windows
 * from the end (boundaries are usually close) so most text is not decoded. */
static size_t last_boundary(loc_normalize_stream *st, size_t *partial) {
  const uint8_t *s = (const uint8_t *)st->tail.data;
  size_t len = st->tail.len, to = len, w = 64;
  *partial = len;
  while (to > st->scanned) {
    size_t from = to - st->scanned > w ? to - w : st->scanned;
    while (from > st->scanned && !is_sync(s[from]))
      from--;
    size_t b = scan(st->n, s, len, from, to, partial);
    if (b > 0)
      return b;
    to = from;
    w *= 4;
  }
  return 0;
}

static loc_status emit(loc_normalize_stream *st, size_t upto, loc_sink_fn sink,
                       void *user) {
  st->out.len = 0;
  loc_status rc = loc__norm_append(st->n, st->tail.data, upto, &st->out);
  if (rc == LOC_OK && st->out.len > 0)
    rc = sink(user, st->out.data, st->out.len);
  memmove(st->tail.data, st->tail.data + upto, st->tail.len - upto);
  st->tail.len -= upto;
  return rc;
}

static loc_status write_slice(loc_normalize_stream *st, const char *in, size_t len,
                              loc_sink_fn sink, void *user) {
  if (loc__buf_reserve(&st->tail, len) != LOC_OK)
    return LOC_E_NO_MEMORY;
  memcpy(st->tail.data + st->tail.len, in, len);
  st->tail.len += len;
  size_t partial;
  size_t b = last_boundary(st, &partial);
  if (b == 0 && st->tail.len >= TAIL_MAX && partial > 0)
    b = partial; /* forced cut, at a character start */
  if (b == 0) {
    st->scanned = partial;
    return LOC_OK;
  }
  st->scanned = partial - b;
  return emit(st, b, sink, user);
}

loc_status loc_normalize_stream_write(loc_normalize_stream *stream, const char *in,
                                 size_t len, loc_sink_fn sink, void *user) {
  if (stream == NULL || sink == NULL || (in == NULL && len > 0))
    return LOC_E_INVALID_ARGUMENT;
  while (len > 0) {
    size_t take = len < SLICE ? len : SLICE;
    loc_status rc = write_slice(stream, in, take, sink, user);
    if (rc != LOC_OK)
      return rc;
    in += take;
    len -= take;
  }
  return LOC_OK;
}

loc_status loc_normalize_stream_finish(loc_normalize_stream *stream, loc_sink_fn sink,
                                  void *user) {
  if (stream == NULL || sink == NULL)
    return LOC_E_INVALID_ARGUMENT;
  loc_status rc = LOC_OK;
  if (stream->tail.len > 0)
    rc = emit(stream, stream->tail.len, sink, user);
  stream->tail.len = 0;
  stream->scanned = 0;
  return rc;
}

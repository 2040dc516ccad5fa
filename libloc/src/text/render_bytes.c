/* A rendered picture in memory: loc_render_write() into a caller's buffer
 * or into one allocated for the caller. */
#include "internal.h"

/* Bytes into a caller's buffer: as many as fit, all of them counted. */
typedef struct fixed_out {
  uint8_t *out;
  size_t cap, len;
} fixed_out;

static loc_status fixed_sink(void *user, const char *data, size_t len) {
  fixed_out *f = user;
  if (len > SIZE_MAX - f->len)
    return LOC_E_OVERFLOW;
  if (f->len < f->cap) {
    size_t n = f->cap - f->len < len ? f->cap - f->len : len;
    memcpy(f->out + f->len, data, n);
  }
  f->len += len;
  return LOC_OK;
}

LOC_API loc_status loc_render(loc_canvas *c, loc_render_format format, uint8_t *out,
                              size_t cap, size_t *out_len) {
  if (out_len == NULL || (out == NULL && cap > 0))
    return LOC_E_INVALID_ARGUMENT;
  *out_len = 0;
  fixed_out f = {out, cap, 0};
  loc_status st = loc_render_write(c, format, fixed_sink, &f);
  if (st != LOC_OK)
    return st;
  *out_len = f.len;
  return f.len > cap ? LOC_E_BUFFER_TOO_SMALL : LOC_OK;
}

static loc_status grow_sink(void *user, const char *data, size_t len) {
  loc__buf *b = user;
  loc_status st = loc__buf_reserve(b, len);
  if (st != LOC_OK)
    return st;
  memcpy(b->data + b->len, data, len);
  b->len += len;
  return LOC_OK;
}

LOC_API loc_status loc_render_alloc(loc_canvas *c, loc_render_format format, uint8_t **out,
                                    size_t *out_len) {
  if (out == NULL || out_len == NULL)
    return LOC_E_INVALID_ARGUMENT;
  *out = NULL;
  *out_len = 0;
  loc__buf b = {0};
  loc_status st = loc_render_write(c, format, grow_sink, &b);
  if (st != LOC_OK) {
    free(b.data);
    return st;
  }
  *out = (uint8_t *)b.data;
  *out_len = b.len;
  return LOC_OK;
}

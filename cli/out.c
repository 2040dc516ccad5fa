/* Buffered standard output: large writes go straight through. */
#include "cli.h"

#include <errno.h>
#include <float.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define OUT_CAP (1u << 16)

void out_init(out_buf *o, int fd) {
  o->fd = fd;
  o->len = 0;
  o->cap = OUT_CAP;
  o->buf = malloc(o->cap);
  o->error = o->buf == NULL;
}

void out_init_mem(out_buf *o) { out_init(o, -1); }

/* Memory mode: room for @need more bytes. */
static bool mem_reserve(out_buf *o, size_t need) {
  if (o->error)
    return false;
  if (o->cap - o->len >= need)
    return true;
  size_t cap = o->cap ? o->cap : OUT_CAP;
  while (cap - o->len < need)
    cap *= 2;
  char *g = realloc(o->buf, cap);
  if (g == NULL) {
    o->error = true;
    return false;
  }
  o->buf = g;
  o->cap = cap;
  return true;
}

int out_stdout_errno;

static void write_all(out_buf *o, const char *p, size_t n) {
  while (n > 0 && !o->error) {
    ssize_t w = write(o->fd, p, n);
    if (w < 0) {
      if (errno == EINTR)
        continue;
      if (o->fd == STDOUT_FILENO && out_stdout_errno == 0)
        out_stdout_errno = errno;
      o->error = true;
      return;
    }
    p += w;
    n -= (size_t)w;
  }
}

bool out_flush(out_buf *o) {
  /* In memory there is nothing to write: "flushing" makes room, which is
   * what callers that write straight into the buffer flush for. */
  if (o->fd < 0)
    return mem_reserve(o, OUT_CAP);
  if (o->len) {
    write_all(o, o->buf, o->len);
    o->len = 0;
  }
  return !o->error;
}

void out_write(out_buf *o, const void *data, size_t len) {
  if (o->error)
    return;
  if (o->fd < 0 && !mem_reserve(o, len))
    return;
  if (o->len + len <= o->cap) {
    memcpy(o->buf + o->len, data, len);
    o->len += len;
    return;
  }
  out_flush(o);
  if (len >= o->cap / 2) {
    write_all(o, data, len);
  } else {
    memcpy(o->buf, data, len);
    o->len = len;
  }
}

loc_status out_sink(void *o, const char *data, size_t len) {
  out_write(o, data, len);
  return LOC_OK;
}

void out_putc(out_buf *o, char c) {
  if (o->len == o->cap && !(o->fd < 0 ? mem_reserve(o, 1) : out_flush(o)))
    return;
  if (!o->error)
    o->buf[o->len++] = c;
}

void out_vprintf(out_buf *o, const char *fmt, va_list ap) {
  char small[256];
  va_list again;
  va_copy(again, ap);
  int n = vsnprintf(small, sizeof small, fmt, ap);
  if (n < 0) {
    va_end(again);
    return;
  }
  if ((size_t)n < sizeof small) {
    va_end(again);
    out_write(o, small, (size_t)n);
    return;
  }
  char *big = malloc((size_t)n + 1);
  if (big == NULL) {
    va_end(again);
    o->error = true;
    return;
  }
  vsnprintf(big, (size_t)n + 1, fmt, again);
  va_end(again);
  out_write(o, big, (size_t)n);
  free(big);
}

/* A confidence (in [0, 1]) as "%.3f" would print it, without printf (the
 * formatting was a tenth of the time on short lines): c · 1000 is exact in
 * x87 extended precision (64-bit mantissa), so rounding it to nearest,
 * ties to even, is what printf does with the exact binary value. */
void out_conf(out_buf *o, double c) {
#if LDBL_MANT_DIG >= 64
  if (c >= 0 && c <= 1) {
    long double p = (long double)c * 1000;
    unsigned k = (unsigned)p; /* p ≥ 0: truncation is the floor */
    long double f = k;
    if (p - f > 0.5L || (p - f == 0.5L && (k & 1)))
      k++;
    char b[5] = {(char)('0' + k / 1000), '.', (char)('0' + k / 100 % 10),
                 (char)('0' + k / 10 % 10), (char)('0' + k % 10)};
    out_write(o, b, sizeof b);
    return;
  }
#endif
  out_printf(o, "%.3f", c);
}

void out_uint(out_buf *o, uint64_t v) {
  char b[20];
  size_t n = sizeof b;
  do {
    b[--n] = (char)('0' + v % 10);
    v /= 10;
  } while (v > 0);
  out_write(o, b + n, sizeof b - n);
}

void out_printf(out_buf *o, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  out_vprintf(o, fmt, ap);
  va_end(ap);
}

void out_json_string(out_buf *o, const char *s, size_t len) {
  out_putc(o, '"');
  out_json_chars(o, s, len);
  out_putc(o, '"');
}

void out_json_chars(out_buf *o, const char *s, size_t len) {
  static const char hex[] = "0123456789abcdef";
  size_t i = 0, run = 0;
  while (i < len) {
    unsigned char c = (unsigned char)s[i];
    if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
      i++;
      continue;
    }
    if (c >= 0xC2 && c <= 0xF4) { /* one valid multi-byte character passes */
      size_t n = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
      if (n <= len - i && loc_utf8_valid_prefix(s + i, n) == n) {
        i += n;
        continue;
      }
    }
    out_write(o, s + run, i - run);
    if (c >= 0x80) {
      loc_utf8_error e;
      loc_utf8_next_error(s, len, i, &e);
      out_write(o, "\xEF\xBF\xBD", 3);
      i += e.length;
    } else {
      char esc[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
      switch (c) {
      case '"': out_write(o, "\\\"", 2); break;
      case '\\': out_write(o, "\\\\", 2); break;
      case '\n': out_write(o, "\\n", 2); break;
      case '\r': out_write(o, "\\r", 2); break;
      case '\t': out_write(o, "\\t", 2); break;
      default: out_write(o, esc, 6); break;
      }
      i++;
    }
    run = i;
  }
  out_write(o, s + run, len - run);
}

void out_json_line(out_buf *o, const cli_run *run, const char *file, uint64_t line) {
  if (run->name_files && file != NULL) {
    out_write(o, "{\"file\":", 8);
    out_json_string(o, file, strlen(file));
    out_write(o, ",\"line\":", 8);
  } else {
    out_write(o, "{\"line\":", 8);
  }
  out_uint(o, line);
}

void out_free(out_buf *o) {
  free(o->buf);
  o->buf = NULL;
}

void state_line_begin(cli_state *s, const char *file, uint64_t line, const char *json_open) {
  s->line_open = true;
  s->pos.line = line;
  s->pos.chars = 0;
  if (s->run->json) {
    out_json_line(&s->out, s->run, file, line);
    out_write(&s->out, json_open, strlen(json_open));
  }
}

void state_line_end(cli_state *s, const char *json_close) {
  if (s->run->json)
    out_write(&s->out, json_close, strlen(json_close));
  else
    out_putc(&s->out, '\n');
  s->line_open = false;
}

bool cli_grow(void **p, size_t *cap, size_t need, size_t size, size_t first) {
  if (need <= *cap && *p != NULL)
    return true;
  size_t n = *cap ? *cap : first;
  while (n < need) {
    if (n > SIZE_MAX / 2 / size)
      return false;
    n *= 2;
  }
  if (n > SIZE_MAX / size)
    return false;
  void *q = realloc(*p, n * size);
  if (q == NULL)
    return false;
  *p = q;
  *cap = n;
  return true;
}

bool cli_append(char **buf, size_t *len, size_t *cap, const char *s, size_t n) {
  if (n > SIZE_MAX - *len || !cli_grow((void **)buf, cap, *len + n, 1, 4096))
    return false;
  memcpy(*buf + *len, s, n);
  *len += n;
  return true;
}

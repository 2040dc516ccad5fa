/* loctext — str objects as UTF-16 and back, for the library's UTF-16
 * calls (normalization): CPython keeps a str in one of three fixed widths
 * (PEP 393), and UTF-16 is the cheapest form to go to and come back from. */
#include "common.h"

#include <string.h>

size_t lt_u16_bound(PyObject *str) {
  size_t n = (size_t)PyUnicode_GET_LENGTH(str);
  return PyUnicode_KIND(str) == PyUnicode_4BYTE_KIND ? 2 * n : n;
}

Py_ssize_t lt_u16_view(PyObject *str, uint16_t *buf, const uint16_t **out) {
  Py_ssize_t n = PyUnicode_GET_LENGTH(str);
  int kind = PyUnicode_KIND(str);
  if (kind == PyUnicode_2BYTE_KIND) {
    /* UTF-16 as it is, unless it holds a surrogate: CPython keeps
     * surrogates as code points of their own, never as pairs */
    const Py_UCS2 *d = PyUnicode_2BYTE_DATA(str);
    unsigned bad = 0;
    for (Py_ssize_t i = 0; i < n; i++) bad |= (d[i] & 0xF800) == 0xD800;
    if (bad) return -1;
    *out = (const uint16_t *)d;
    return n;
  }
  *out = buf;
  if (kind == PyUnicode_1BYTE_KIND) {
    const Py_UCS1 *d = PyUnicode_1BYTE_DATA(str);
    for (Py_ssize_t i = 0; i < n; i++) buf[i] = d[i];
    return n;
  }
  const Py_UCS4 *d = PyUnicode_4BYTE_DATA(str);
  uint16_t *o = buf;
  for (Py_ssize_t i = 0; i < n; i++) {
    Py_UCS4 c = d[i];
    if (c >= 0x10000) {
      *o++ = (uint16_t)(0xD7C0 + (c >> 10));
      *o++ = (uint16_t)(0xDC00 | (c & 0x3FF));
    } else if ((c & 0xF800) == 0xD800) {
      return -1;
    } else {
      *o++ = (uint16_t)c;
    }
  }
  return o - buf;
}

void lt_u16_measure(const uint16_t *s, size_t n, Py_ssize_t *len, Py_UCS4 *maxchar) {
  unsigned top = 0;
  size_t low = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned c = s[i];
    top = c > top ? c : top;
    low += (c & 0xFC00) == 0xDC00;
  }
  *len = (Py_ssize_t)(n - low);
  /* a surrogate pair is a code point beyond U+FFFF */
  *maxchar = low ? 0x10FFFF : top;
}

void lt_u16_fill(PyObject *str, const uint16_t *s, size_t n) {
  int kind = PyUnicode_KIND(str);
  if (kind == PyUnicode_1BYTE_KIND) {
    Py_UCS1 *o = PyUnicode_1BYTE_DATA(str);
    for (size_t i = 0; i < n; i++) o[i] = (Py_UCS1)s[i];
  } else if (kind == PyUnicode_2BYTE_KIND) {
    memcpy(PyUnicode_2BYTE_DATA(str), s, n * 2);
  } else {
    Py_UCS4 *o = PyUnicode_4BYTE_DATA(str);
    for (size_t i = 0; i < n; i++) {
      Py_UCS4 c = s[i];
      if ((c & 0xFC00) == 0xD800 && i + 1 < n)
        c = 0x10000 + ((c - 0xD800) << 10) + (Py_UCS4)(s[++i] - 0xDC00);
      *o++ = c;
    }
  }
}

PyObject *lt_str_u16(const uint16_t *s, size_t n) {
  Py_ssize_t len;
  Py_UCS4 maxchar;
  lt_u16_measure(s, n, &len, &maxchar);
  PyObject *str = PyUnicode_New(len, maxchar);
  if (str) lt_u16_fill(str, s, n);
  return str;
}

/* ---------- per-thread buffers ---------- */

/* Kept between calls up to this size each; larger ones are freed at the
 * end of the call that needed them (lt_tls_trim). */
#define LT_TLS_KEEP (1024 * 1024)

typedef struct tls_bufs {
  void *p[LT_TLS_SLOTS];
  size_t cap[LT_TLS_SLOTS];
} tls_bufs;

static pthread_key_t tls_key;
static pthread_once_t tls_once = PTHREAD_ONCE_INIT;
static int tls_ok;

static void tls_free(void *v) {
  tls_bufs *b = v;
  for (int i = 0; i < LT_TLS_SLOTS; i++) PyMem_RawFree(b->p[i]);
  PyMem_RawFree(b);
}

static void tls_init(void) { tls_ok = pthread_key_create(&tls_key, tls_free) == 0; }

static tls_bufs *tls_get(void) {
  pthread_once(&tls_once, tls_init);
  if (!tls_ok) return NULL;
  tls_bufs *b = pthread_getspecific(tls_key);
  if (!b) {
    b = PyMem_RawCalloc(1, sizeof *b);
    if (b && pthread_setspecific(tls_key, b) != 0) {
      PyMem_RawFree(b);
      b = NULL;
    }
  }
  return b;
}

void *lt_tls_buf(int slot, size_t bytes, size_t *cap) {
  tls_bufs *b = tls_get();
  if (!b) return NULL;
  if (b->cap[slot] < bytes) {
    size_t want = b->cap[slot] * 2 > bytes ? b->cap[slot] * 2 : bytes;
    if (want < 4096) want = 4096;
    void *p = PyMem_RawRealloc(b->p[slot], want);
    if (!p) return NULL;
    b->p[slot] = p;
    b->cap[slot] = want;
  }
  if (cap) *cap = b->cap[slot];
  return b->p[slot];
}

void *lt_tls_claim(int slot, size_t bytes, size_t *cap) {
  void *p = lt_tls_buf(slot, bytes, cap);
  if (p) {
    tls_bufs *b = tls_get();
    b->p[slot] = NULL;
    b->cap[slot] = 0;
  }
  return p;
}

void lt_tls_unclaim(int slot, void *p, size_t cap) {
  tls_bufs *b = p && cap <= LT_TLS_KEEP ? tls_get() : NULL;
  if (!b || b->cap[slot] >= cap) {
    PyMem_RawFree(p); /* too big to keep, or a buffer as big is back already */
    return;
  }
  PyMem_RawFree(b->p[slot]);
  b->p[slot] = p;
  b->cap[slot] = cap;
}

void lt_tls_trim(void) {
  tls_bufs *b = tls_get();
  if (!b) return;
  for (int i = 0; i < LT_TLS_SLOTS; i++) {
    if (b->cap[i] > LT_TLS_KEEP) {
      PyMem_RawFree(b->p[i]);
      b->p[i] = NULL;
      b->cap[i] = 0;
    }
  }
}

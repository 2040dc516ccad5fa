/* loctext — shared helpers: text conversion, errors, offsets, pools. */
#include "common.h"

#include <loc/loc.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

PyObject *loctext_Error;

/* ---------- text ---------- */

static void raise_surrogate(PyObject *obj, const char *what) {
  Py_ssize_t n = PyUnicode_GET_LENGTH(obj);
  int kind = PyUnicode_KIND(obj);
  const void *data = PyUnicode_DATA(obj);
  for (Py_ssize_t i = 0; i < n; i++) {
    Py_UCS4 c = PyUnicode_READ(kind, data, i);
    if (c >= 0xD800 && c <= 0xDFFF) {
      char cp[8];
      snprintf(cp, sizeof cp, "%04X", (unsigned)c);
      PyErr_Format(PyExc_ValueError,
                   "%s has a lone surrogate U+%s at index %zd: a str with "
                   "unpaired surrogates is not Unicode text and has no UTF-8 "
                   "form (decode bytes with errors='replace' or 'strict' "
                   "instead of 'surrogateescape')",
                   what, cp, i);
      return;
    }
  }
}

void lt_raise_surrogate(PyObject *str, const char *what) { raise_surrogate(str, what); }

bool lt_text_get(PyObject *obj, const char *what, lt_text *t) {
  if (!PyUnicode_Check(obj)) {
    PyErr_Format(PyExc_TypeError, "%s must be str, not %.100s", what,
                 Py_TYPE(obj)->tp_name);
    return false;
  }
  if (PyUnicode_IS_ASCII(obj)) {
    t->s = (const char *)PyUnicode_DATA(obj);
    t->len = PyUnicode_GET_LENGTH(obj);
    t->ascii = true;
    return true;
  }
  t->s = PyUnicode_AsUTF8AndSize(obj, &t->len);
  if (!t->s) {
    if (PyErr_ExceptionMatches(PyExc_UnicodeEncodeError)) {
      PyErr_Clear();
      raise_surrogate(obj, what);
      if (!PyErr_Occurred())
        PyErr_Format(PyExc_ValueError, "%s cannot be encoded as UTF-8", what);
    }
    return false;
  }
  t->ascii = false;
  return true;
}

/* Texts longer than this use CPython's cached UTF-8 form instead, so a
 * thread never keeps a huge scratch buffer. The buffer is the thread's
 * LT_TLS_SCRATCH one, freed when the thread ends. */
#define LT_SCRATCH_MAX (256 * 1024)

/* UTF-8 of a non-ASCII str into @out (room for utf8_bound() bytes).
 * Returns the length, or -1 for a lone surrogate. Reads only the str's
 * immutable data: callable without the GIL while a reference is held. */
static Py_ssize_t encode_utf8_raw(PyObject *obj, char *out) {
  Py_ssize_t n = PyUnicode_GET_LENGTH(obj);
  int kind = PyUnicode_KIND(obj);
  unsigned char *o = (unsigned char *)out;
  if (kind == PyUnicode_1BYTE_KIND) {
    const Py_UCS1 *d = PyUnicode_1BYTE_DATA(obj);
    for (Py_ssize_t i = 0; i < n; i++) {
      /* ASCII runs eight characters at a time */
      while (n - i >= 8) {
        uint64_t w;
        memcpy(&w, d + i, 8);
        if (w & 0x8080808080808080ull) break;
        memcpy(o, &w, 8);
        o += 8;
        i += 8;
      }
      if (i == n) break;
      /* without branches: both bytes written, the second one kept only
       * for U+0080..U+00FF (o has room for two bytes a character) */
      Py_UCS1 c = d[i];
      unsigned hi = c >> 7;
      o[0] = hi ? (unsigned char)(0xC0 | (c >> 6)) : c;
      o[1] = (unsigned char)(0x80 | (c & 0x3F));
      o += 1 + hi;
    }
  } else if (kind == PyUnicode_2BYTE_KIND) {
    const Py_UCS2 *d = PyUnicode_2BYTE_DATA(obj);
    for (Py_ssize_t i = 0; i < n; i++) {
      Py_UCS2 c = d[i];
      if (c < 0x800) {
        /* one or two bytes without branches (o has room for three) */
        unsigned two = c >= 0x80;
        o[0] = two ? (unsigned char)(0xC0 | (c >> 6)) : (unsigned char)c;
        o[1] = (unsigned char)(0x80 | (c & 0x3F));
        o += 1 + two;
      } else if (c >= 0xD800 && c <= 0xDFFF) {
        return -1;
      } else {
        *o++ = (unsigned char)(0xE0 | (c >> 12));
        *o++ = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
        *o++ = (unsigned char)(0x80 | (c & 0x3F));
      }
    }
  } else {
    const Py_UCS4 *d = PyUnicode_4BYTE_DATA(obj);
    for (Py_ssize_t i = 0; i < n; i++) {
      Py_UCS4 c = d[i];
      if (c < 0x80) {
        *o++ = (unsigned char)c;
      } else if (c < 0x800) {
        *o++ = (unsigned char)(0xC0 | (c >> 6));
        *o++ = (unsigned char)(0x80 | (c & 0x3F));
      } else if (c < 0x10000) {
        if (c >= 0xD800 && c <= 0xDFFF)
          return -1;
        *o++ = (unsigned char)(0xE0 | (c >> 12));
        *o++ = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
        *o++ = (unsigned char)(0x80 | (c & 0x3F));
      } else {
        *o++ = (unsigned char)(0xF0 | (c >> 18));
        *o++ = (unsigned char)(0x80 | ((c >> 12) & 0x3F));
        *o++ = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
        *o++ = (unsigned char)(0x80 | (c & 0x3F));
      }
    }
  }
  return (Py_ssize_t)((char *)o - out);
}

/* encode_utf8_raw() with ValueError for a lone surrogate. */
static Py_ssize_t encode_utf8(PyObject *obj, const char *what, char *out) {
  Py_ssize_t n = encode_utf8_raw(obj, out);
  if (n < 0) raise_surrogate(obj, what);
  return n;
}

static size_t utf8_bound(PyObject *obj) {
  int kind = PyUnicode_KIND(obj);
  return (size_t)PyUnicode_GET_LENGTH(obj) *
         (kind == PyUnicode_1BYTE_KIND ? 2 : kind == PyUnicode_2BYTE_KIND ? 3 : 4);
}

bool lt_text_scratch(PyObject *obj, const char *what, lt_text *t) {
  if (!PyUnicode_Check(obj) || PyUnicode_IS_ASCII(obj)) return lt_text_get(obj, what, t);
  size_t need = utf8_bound(obj);
  if (need > LT_SCRATCH_MAX) return lt_text_get(obj, what, t);
  char *buf = lt_tls_buf(LT_TLS_SCRATCH, need, NULL);
  if (!buf) {
    PyErr_NoMemory();
    return false;
  }
  Py_ssize_t len = encode_utf8(obj, what, buf);
  if (len < 0) return false;
  t->s = buf;
  t->len = len;
  t->ascii = false;
  return true;
}

PyObject *lt_str(const char *s, size_t len) {
  if (len > (size_t)PY_SSIZE_T_MAX) {
    PyErr_NoMemory();
    return NULL;
  }
  /* "surrogateescape" keeps ill-formed bytes (which only ill-formed input
   * could produce) visible instead of failing the call. */
  return PyUnicode_DecodeUTF8(s, (Py_ssize_t)len, "surrogateescape");
}

bool lt_utf8_measure(const char *s, size_t len, Py_ssize_t *n, Py_UCS4 *maxchar) {
  lt_utf8_measure_valid(s, len, n, maxchar);
  return *maxchar == 0x7F || loc_utf8_valid_prefix(s, len) == len;
}

void lt_utf8_measure_valid(const char *s, size_t len, Py_ssize_t *n, Py_UCS4 *maxchar) {
  const unsigned char *p = (const unsigned char *)s;
  size_t count = 0;
  unsigned char top = 0;
  for (size_t i = 0; i < len; i++) {
    count += (p[i] & 0xC0) != 0x80;
    top = p[i] > top ? p[i] : top;
  }
  /* the largest lead byte tells the kind CPython must use: 0xC2-0xC3
   * U+0080-U+00FF, up to 0xEF U+FFFF, beyond that astral */
  *n = (Py_ssize_t)count;
  *maxchar = top < 0x80 ? 0x7F : top < 0xC4 ? 0xFF : top < 0xF0 ? 0xFFFF : 0x10FFFF;
}

PyObject *lt_str_valid(const char *s, size_t len) {
  Py_ssize_t n;
  Py_UCS4 maxchar;
  lt_utf8_measure_valid(s, len, &n, &maxchar);
  PyObject *str = PyUnicode_New(n, maxchar);
  if (str) lt_utf8_fill(str, s, len);
  return str;
}

void lt_utf8_fill(PyObject *str, const char *s, size_t len) {
  const unsigned char *p = (const unsigned char *)s, *end = p + len;
  int kind = PyUnicode_KIND(str);
  if (PyUnicode_IS_ASCII(str)) {
    memcpy(PyUnicode_DATA(str), s, len);
    return;
  }
  if (kind == PyUnicode_1BYTE_KIND) {
    Py_UCS1 *o = PyUnicode_1BYTE_DATA(str);
    while (p < end) {
      if (*p < 0x80) {
        *o++ = *p++;
      } else {
        *o++ = (Py_UCS1)(((p[0] & 0x1F) << 6) | (p[1] & 0x3F));
        p += 2;
      }
    }
  } else if (kind == PyUnicode_2BYTE_KIND) {
    Py_UCS2 *o = PyUnicode_2BYTE_DATA(str);
    while (p < end) {
      if (*p < 0x80) {
        *o++ = *p++;
      } else if (*p < 0xE0) {
        *o++ = (Py_UCS2)(((p[0] & 0x1F) << 6) | (p[1] & 0x3F));
        p += 2;
      } else {
        *o++ = (Py_UCS2)(((p[0] & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F));
        p += 3;
      }
    }
  } else {
    Py_UCS4 *o = PyUnicode_4BYTE_DATA(str);
    while (p < end) {
      if (*p < 0x80) {
        *o++ = *p++;
      } else if (*p < 0xE0) {
        *o++ = ((Py_UCS4)(p[0] & 0x1F) << 6) | (p[1] & 0x3F);
        p += 2;
      } else if (*p < 0xF0) {
        *o++ = ((Py_UCS4)(p[0] & 0x0F) << 12) | ((Py_UCS4)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
        p += 3;
      } else {
        *o++ = ((Py_UCS4)(p[0] & 0x07) << 18) | ((Py_UCS4)(p[1] & 0x3F) << 12) |
               ((Py_UCS4)(p[2] & 0x3F) << 6) | (p[3] & 0x3F);
        p += 4;
      }
    }
  }
}

/* ---------- errors ---------- */

PyObject *lt_raise(int status, const char *detail) {
  if (status == LOC_E_NO_MEMORY) return PyErr_NoMemory();
  const char *msg = loc_status_message(status);
  const char *name = loc_status_name(status);
  PyObject *text = detail && *detail ? PyUnicode_FromFormat("%s: %s", msg, detail)
                                     : PyUnicode_FromString(msg);
  if (!text) return NULL;
  PyObject *exc = PyObject_CallOneArg(loctext_Error, text);
  Py_DECREF(text);
  if (!exc) return NULL;
  PyObject *st = PyLong_FromLong(status);
  PyObject *code = name ? PyUnicode_FromString(name) : Py_NewRef(Py_None);
  if (!st || !code || PyObject_SetAttrString(exc, "status", st) < 0 ||
      PyObject_SetAttrString(exc, "code", code) < 0) {
    Py_XDECREF(st);
    Py_XDECREF(code);
    Py_DECREF(exc);
    return NULL;
  }
  Py_DECREF(st);
  Py_DECREF(code);
  PyErr_SetObject(loctext_Error, exc);
  Py_DECREF(exc);
  return NULL;
}

PyObject *lt_raisef(int status, const char *fmt, ...) {
  char buf[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  return lt_raise(status, buf);
}

/* ---------- offsets ---------- */

void lt_offsets_init(lt_offsets *o, const lt_text *t) {
  o->s = t->s;
  o->len = (size_t)t->len;
  o->ascii = t->ascii;
  o->byte = 0;
  o->cp = 0;
}

Py_ssize_t lt_offsets_cp(lt_offsets *o, size_t off) {
  if (o->ascii) return (Py_ssize_t)off;
  if (off > o->len) off = o->len;
  if (off < o->byte) {
    o->byte = 0;
    o->cp = 0;
  }
  const unsigned char *p = (const unsigned char *)o->s;
  size_t cp = o->cp;
  for (size_t i = o->byte; i < off; i++)
    if ((p[i] & 0xC0) != 0x80) cp++;
  o->byte = off;
  o->cp = cp;
  return (Py_ssize_t)cp;
}

/* ---------- pools ---------- */

void lt_pool_init(lt_pool *p, int (*make)(void *, void **), void (*drop)(void *),
                  void *owner) {
  pthread_mutex_init(&p->lock, NULL);
  p->n_idle = 0;
  p->make = make;
  p->drop = drop;
  p->owner = owner;
}

int lt_pool_take(lt_pool *p, void **ctx) {
  pthread_mutex_lock(&p->lock);
  if (p->n_idle > 0) {
    *ctx = p->idle[--p->n_idle];
    pthread_mutex_unlock(&p->lock);
    return LOC_OK;
  }
  pthread_mutex_unlock(&p->lock);
  return p->make(p->owner, ctx);
}

void lt_pool_give(lt_pool *p, void *ctx) {
  if (!ctx) return;
  pthread_mutex_lock(&p->lock);
  if (p->n_idle < LT_POOL_KEEP) {
    p->idle[p->n_idle++] = ctx;
    ctx = NULL;
  }
  pthread_mutex_unlock(&p->lock);
  if (ctx) p->drop(ctx);
}

void lt_pool_clear(lt_pool *p) {
  pthread_mutex_lock(&p->lock);
  while (p->n_idle > 0) p->drop(p->idle[--p->n_idle]);
  pthread_mutex_unlock(&p->lock);
}

/* ---------- iterables ---------- */

/* Names item @i in the pending exception. */
static void name_item(Py_ssize_t i) {
  PyObject *type, *value, *tb;
  PyErr_Fetch(&type, &value, &tb);
  PyErr_NormalizeException(&type, &value, &tb);
  PyObject *msg = value ? PyObject_Str(value) : NULL;
  if (msg) {
    PyErr_Format(type, "item %zd: %U", i, msg);
    Py_DECREF(msg);
    Py_XDECREF(type);
    Py_XDECREF(value);
    Py_XDECREF(tb);
  } else {
    PyErr_Restore(type, value, tb);
  }
}

bool lt_texts_from_iterable(PyObject *iterable, const char *what, PyObject **keep,
                            lt_text **texts, Py_ssize_t *n) {
  PyObject *list = PySequence_List(iterable);
  if (!list) return false;
  Py_ssize_t count = PyList_GET_SIZE(list);
  /* one block: the lt_text array, then the UTF-8 of the non-ASCII items
   * (nothing is cached inside the str objects) */
  size_t head = (count ? (size_t)count : 1) * sizeof(lt_text), bytes = 0;
  for (Py_ssize_t i = 0; i < count; i++) {
    PyObject *o = PyList_GET_ITEM(list, i);
    if (!PyUnicode_Check(o)) {
      PyErr_Format(PyExc_TypeError, "item %zd: %s must be str, not %.100s", i, what,
                   Py_TYPE(o)->tp_name);
      Py_DECREF(list);
      return false;
    }
    if (!PyUnicode_IS_ASCII(o)) bytes += utf8_bound(o);
  }
  lt_text *arr = PyMem_Malloc(head + bytes);
  if (!arr) {
    Py_DECREF(list);
    PyErr_NoMemory();
    return false;
  }
  char *arena = (char *)arr + head;
  Py_ssize_t bad = -1;
  LT_BEGIN_ALLOW_THREADS_IF(bytes >= LT_GIL_MINSIZE)
  for (Py_ssize_t i = 0; i < count; i++) {
    PyObject *o = PyList_GET_ITEM(list, i);
    if (PyUnicode_IS_ASCII(o)) {
      arr[i].s = (const char *)PyUnicode_DATA(o);
      arr[i].len = PyUnicode_GET_LENGTH(o);
      arr[i].ascii = true;
      continue;
    }
    Py_ssize_t len = encode_utf8_raw(o, arena);
    if (len < 0) {
      bad = i;
      break;
    }
    arr[i].s = arena;
    arr[i].len = len;
    arr[i].ascii = false;
    arena += len;
  }
  LT_END_ALLOW_THREADS_IF
  if (bad >= 0) {
    raise_surrogate(PyList_GET_ITEM(list, bad), what);
    name_item(bad);
    PyMem_Free(arr);
    Py_DECREF(list);
    return false;
  }
  *keep = list;
  *texts = arr;
  *n = count;
  return true;
}

size_t lt_utf8_bound(PyObject *str) {
  return PyUnicode_IS_ASCII(str) ? (size_t)PyUnicode_GET_LENGTH(str) : utf8_bound(str);
}

Py_ssize_t lt_utf8_encode_raw(PyObject *str, char *out) {
  if (PyUnicode_IS_ASCII(str)) {
    memcpy(out, PyUnicode_DATA(str), (size_t)PyUnicode_GET_LENGTH(str));
    return PyUnicode_GET_LENGTH(str);
  }
  return encode_utf8_raw(str, out);
}

void lt_raise_item_surrogate(PyObject *str, const char *what, Py_ssize_t i) {
  raise_surrogate(str, what);
  name_item(i);
}

bool lt_chunk_raise(PyObject *list, Py_ssize_t bad, const char *what, int status) {
  if (bad >= 0) {
    lt_raise_item_surrogate(PyList_GET_ITEM(list, bad), what, bad);
    return true;
  }
  if (status != LOC_OK) {
    lt_raise(status, NULL);
    return true;
  }
  return false;
}

Py_ssize_t lt_utf8_view(PyObject *str, char *buf, const char **out) {
  if (PyUnicode_IS_ASCII(str)) {
    *out = (const char *)PyUnicode_DATA(str);
    return PyUnicode_GET_LENGTH(str);
  }
  *out = buf;
  return encode_utf8_raw(str, buf);
}

PyObject *lt_str_list(PyObject *iterable, const char *what) {
  PyObject *list = PySequence_List(iterable);
  if (!list) return NULL;
  for (Py_ssize_t i = 0; i < PyList_GET_SIZE(list); i++) {
    PyObject *o = PyList_GET_ITEM(list, i);
    if (!PyUnicode_Check(o)) {
      PyErr_Format(PyExc_TypeError, "item %zd: %s must be str, not %.100s", i, what,
                   Py_TYPE(o)->tp_name);
      Py_DECREF(list);
      return NULL;
    }
  }
  return list;
}

Py_ssize_t lt_chunk_end(PyObject *list, Py_ssize_t i, Py_ssize_t max_items, size_t max_bytes,
                        size_t *bound) {
  Py_ssize_t n = PyList_GET_SIZE(list), j = i;
  size_t b = 0;
  while (j < n && j - i < max_items && (j == i || b < max_bytes))
    b += lt_utf8_bound(PyList_GET_ITEM(list, j++));
  *bound = b;
  return j;
}

/* ---------- result classes ---------- */

PyTypeObject *lt_struct_type(PyObject *m, const char *name, const char *doc,
                             const char *const *fields) {
  int n = 0;
  while (fields[n]) n++;
  PyStructSequence_Field *f = PyMem_Calloc((size_t)n + 1, sizeof *f);
  PyStructSequence_Desc *desc = PyMem_Calloc(1, sizeof *desc);
  char *full = PyMem_Malloc(strlen(name) + 9);
  if (!f || !desc || !full) {
    PyErr_NoMemory();
    return NULL;
  }
  for (int i = 0; i < n; i++) {
    const char *colon = strchr(fields[i], ':');
    if (colon) {
      char *fname = PyMem_Malloc((size_t)(colon - fields[i]) + 1);
      if (!fname) {
        PyErr_NoMemory();
        return NULL;
      }
      memcpy(fname, fields[i], (size_t)(colon - fields[i]));
      fname[colon - fields[i]] = 0;
      f[i].name = fname;
      f[i].doc = colon + 1;
    } else {
      f[i].name = fields[i];
      f[i].doc = NULL;
    }
  }
  strcpy(full, "loctext.");
  strcat(full, name);
  desc->name = full;
  desc->doc = doc;
  desc->fields = f;
  desc->n_in_sequence = n;
  PyTypeObject *t = PyStructSequence_NewType(desc);
  if (!t) return NULL;
  Py_INCREF(t);
  if (PyModule_AddObject(m, name, (PyObject *)t) < 0) {
    Py_DECREF(t);
    Py_DECREF(t);
    return NULL;
  }
  return t;
}

PyObject *lt_struct(PyTypeObject *type, int n, ...) {
  va_list ap;
  va_start(ap, n);
  PyObject *vals[32];
  bool ok = n <= 32;
  for (int i = 0; i < n; i++) {
    vals[i] = va_arg(ap, PyObject *);
    if (!vals[i]) ok = false;
  }
  va_end(ap);
  PyObject *obj = ok ? PyStructSequence_New(type) : NULL;
  if (!obj) {
    for (int i = 0; i < n && i < 32; i++) Py_XDECREF(vals[i]);
    return NULL;
  }
  for (int i = 0; i < n; i++) PyStructSequence_SET_ITEM(obj, i, vals[i]);
  return obj;
}

/* ---------- registration ---------- */

int lt_add_functions(PyObject *m, PyMethodDef *defs) {
  return PyModule_AddFunctions(m, defs);
}

int lt_add_type(PyObject *m, PyTypeObject *type) {
  if (PyType_Ready(type) < 0) return -1;
  const char *dot = strrchr(type->tp_name, '.');
  Py_INCREF(type);
  if (PyModule_AddObject(m, dot ? dot + 1 : type->tp_name, (PyObject *)type) < 0) {
    Py_DECREF(type);
    return -1;
  }
  return 0;
}

PyObject *lt_map_pooled(lt_pool *pool, PyObject *iterable, void *self,
                        PyObject *(*one)(void *self, void *ctx, const lt_text *t)) {
  PyObject *keep;
  lt_text *texts;
  Py_ssize_t n;
  if (!lt_texts_from_iterable(iterable, "text", &keep, &texts, &n)) return NULL;
  void *ctx = NULL;
  int st = lt_pool_take(pool, &ctx);
  PyObject *list = st == LOC_OK ? PyList_New(n) : lt_raise(st, NULL);
  for (Py_ssize_t i = 0; list && i < n; i++) {
    PyObject *r = one(self, ctx, &texts[i]);
    if (!r) Py_CLEAR(list);
    else PyList_SET_ITEM(list, i, r);
  }
  lt_pool_give(pool, ctx);
  PyMem_Free(texts);
  Py_DECREF(keep);
  return list;
}

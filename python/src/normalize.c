/* loctext — Unicode normalization: normalize, is_normalized, normalize_many. */
#include "common.h"

#include <loc/loc.h>
#include <string.h>

/* form: str such as "NFC", "nfkc_cf"; None means NFC. */
static bool parse_form(PyObject *obj, loc_normalize_form *form) {
  if (!obj || obj == Py_None) {
    *form = LOC_NORMALIZE_NFC;
    return true;
  }
  if (!PyUnicode_Check(obj)) {
    PyErr_Format(PyExc_TypeError, "form must be str, not %.100s", Py_TYPE(obj)->tp_name);
    return false;
  }
  const char *name = PyUnicode_AsUTF8(obj);
  if (!name) return false;
  int st = loc_normalize_form_parse(name, form);
  if (st != LOC_OK) {
    lt_raisef(st, "'%s' (use NFC, NFD, NFKC, NFKD or NFKC_CF)", name);
    return false;
  }
  return true;
}

/* text and form from (text, form=None) given positionally or by keyword. */
static bool text_form_args(PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames,
                           PyObject **text, PyObject **form) {
  *text = NULL;
  *form = NULL;
  if (nargs > 2) {
    PyErr_Format(PyExc_TypeError, "takes at most 2 arguments (%zd given)", nargs);
    return false;
  }
  if (nargs >= 1) *text = args[0];
  if (nargs == 2) *form = args[1];
  Py_ssize_t nkw = kwnames ? PyTuple_GET_SIZE(kwnames) : 0;
  for (Py_ssize_t i = 0; i < nkw; i++) {
    PyObject *key = PyTuple_GET_ITEM(kwnames, i);
    PyObject **slot = NULL;
    if (PyUnicode_CompareWithASCIIString(key, "form") == 0) slot = form;
    else if (PyUnicode_CompareWithASCIIString(key, "text") == 0) slot = text;
    if (!slot) {
      PyErr_Format(PyExc_TypeError, "unexpected keyword argument '%U'", key);
      return false;
    }
    if (*slot) {
      PyErr_Format(PyExc_TypeError, "argument '%U' given twice", key);
      return false;
    }
    *slot = args[nargs + i];
  }
  if (!*text) {
    PyErr_SetString(PyExc_TypeError, "missing required argument 'text'");
    return false;
  }
  return true;
}

/* Answers from the str itself, without the library, where Unicode's
 * stability guarantees settle it: ASCII is unchanged by NFC, NFD, NFKC and
 * NFKD; and text whose characters are all below U+0300 is in NFC, every one
 * of them being NFC_Quick_Check=Yes with combining class 0 (so the quick
 * check answers Yes). A str in CPython's 1-byte layout (all below U+0100)
 * needs no look at all; a 2-byte one is scanned, which costs less than
 * encoding it. */
static bool already_normalized(PyObject *text, loc_normalize_form form) {
  if (!PyUnicode_Check(text)) return false;
  if (PyUnicode_IS_ASCII(text)) return form != LOC_NORMALIZE_NFKC_CF;
  if (form != LOC_NORMALIZE_NFC) return false;
  int kind = PyUnicode_KIND(text);
  if (kind == PyUnicode_1BYTE_KIND) return true;
  if (kind != PyUnicode_2BYTE_KIND) return false;
  const Py_UCS2 *d = PyUnicode_2BYTE_DATA(text);
  Py_ssize_t n = PyUnicode_GET_LENGTH(text);
  Py_UCS2 any = 0;
  for (Py_ssize_t i = 0; i < n; i++) any |= (Py_UCS2)(d[i] >= 0x300);
  return !any;
}

/* One normalizer object per form, made at import: immutable, shared by all
 * threads. */
static loc_normalizer *normalizers[LOC_NORMALIZE_FORM_COUNT_];

/* Each line is read once: the library's quick check (which validates too)
 * finds the normalized prefix, which ends at a normalization boundary, and
 * only the rest goes to the normalizer. NFKC_Casefold has no quick check of
 * its own (the library's would read a changed line twice), so its lines go
 * to the normalizer whole. The text comes from a str: well-formed. */
static size_t norm_prefix(loc_normalize_form form, const char *s, size_t len) {
  if (form == LOC_NORMALIZE_NFKC_CF || len == 0) return 0;
  return loc_normalizer_quick_prefix(normalizers[form], s, len);
}

/* Writes the normalized s[0..len) to out (cap bytes), s[0..q) being the
 * prefix norm_prefix() found; *out_len is the length, or with
 * LOC_E_BUFFER_TOO_SMALL the size needed. */
static int norm_to(loc_normalize_form form, const char *s, size_t len, size_t q, char *out,
                   size_t cap, size_t *out_len) {
  size_t n = 0;
  bool room = q <= cap;
  int st = loc_normalizer_normalize_valid(normalizers[form], s + q, len - q,
                                          room ? out + q : NULL, room ? cap - q : 0, &n);
  *out_len = q + n;
  if (st == LOC_OK && !room) st = LOC_E_BUFFER_TOO_SMALL;
  if (st == LOC_OK) memcpy(out, s, q);
  return st;
}

/* The size to try first for the normalized form of len bytes. */
static size_t norm_guess(size_t len) { return len * 3 + 16; }

/* Normalizes t into stackbuf or a PyMem_Raw buffer (no GIL needed). *same is
 * set when the text is already normalized (nothing allocated). */
static int norm_raw(loc_normalize_form form, const lt_text *t, char *stackbuf, size_t stackcap,
                    char **out, size_t *out_len, bool *same) {
  const char *s = t->s;
  size_t len = (size_t)t->len;
  *same = false;
  *out = NULL;
  size_t q = norm_prefix(form, s, len);
  if (q == len) {
    *same = true;
    return LOC_OK;
  }
  size_t cap = norm_guess(len);
  if (cap < stackcap) cap = stackcap;
  char *buf = cap <= stackcap ? stackbuf : PyMem_RawMalloc(cap);
  for (;;) {
    if (!buf) return LOC_E_NO_MEMORY;
    size_t n = 0;
    int st = norm_to(form, s, len, q, buf, cap, &n);
    if (st == LOC_OK) {
      if (n == len && memcmp(buf, s, len) == 0) {
        if (buf != stackbuf) PyMem_RawFree(buf);
        *same = true;
        return LOC_OK;
      }
      *out = buf;
      *out_len = n;
      return LOC_OK;
    }
    if (buf != stackbuf) PyMem_RawFree(buf);
    if (st != LOC_E_BUFFER_TOO_SMALL) return st;
    cap = n + 1;
    buf = PyMem_RawMalloc(cap);
  }
}

PyDoc_STRVAR(normalize_doc,
"normalize(text, form='NFC') -> str\n\n"
"The text in a Unicode normalization form (UAX #15): 'NFC', 'NFD', 'NFKC',\n"
"'NFKD' or 'NFKC_CF' (NFKC_Casefold), case-insensitive. Text that is already\n"
"normalized is returned as the same object.");

static PyObject *py_normalize(PyObject *self, PyObject *const *args, Py_ssize_t nargs,
                              PyObject *kwnames) {
  PyObject *text, *formobj;
  loc_normalize_form form;
  lt_text t;
  if (!text_form_args(args, nargs, kwnames, &text, &formobj) || !parse_form(formobj, &form))
    return NULL;
  if (already_normalized(text, form)) return Py_NewRef(text);
  if (!lt_text_scratch(text, "text", &t)) return NULL;
  char stackbuf[2048];
  char *out = NULL;
  size_t out_len = 0;
  bool same = false;
  int st;
  LT_BEGIN_ALLOW_THREADS_IF(t.len >= LT_GIL_MINSIZE)
  st = norm_raw(form, &t, stackbuf, sizeof stackbuf, &out, &out_len, &same);
  LT_END_ALLOW_THREADS_IF
  if (st != LOC_OK) return lt_raise(st, NULL);
  if (same) return Py_NewRef(text);
  PyObject *res = lt_str_valid(out, out_len);
  if (out != stackbuf) PyMem_RawFree(out);
  return res;
}

PyDoc_STRVAR(is_normalized_doc,
"is_normalized(text, form='NFC') -> bool\n\n"
"True when normalize(text, form) would return the text unchanged (a quick\n"
"check: nothing is built).");

static PyObject *py_is_normalized(PyObject *self, PyObject *const *args, Py_ssize_t nargs,
                                  PyObject *kwnames) {
  PyObject *text, *formobj;
  loc_normalize_form form;
  lt_text t;
  if (!text_form_args(args, nargs, kwnames, &text, &formobj) || !parse_form(formobj, &form))
    return NULL;
  if (already_normalized(text, form)) Py_RETURN_TRUE;
  if (!lt_text_scratch(text, "text", &t)) return NULL;
  bool result = false;
  int st;
  LT_BEGIN_ALLOW_THREADS_IF(t.len >= LT_GIL_MINSIZE)
  st = loc_normalize_check(form, t.s, (size_t)t.len, &result);
  LT_END_ALLOW_THREADS_IF
  if (st != LOC_OK) return lt_raise(st, NULL);
  return PyBool_FromLong(result);
}

PyDoc_STRVAR(normalize_many_doc,
"normalize_many(texts, form='NFC') -> list[str]\n\n"
"normalize() of every str of an iterable, in one call, with the GIL released\n"
"while the text is encoded and normalized.");

/* Items go in chunks of about this many bytes of text (at most
 * MANY_ITEMS items): encoded, normalized and measured without the GIL
 * into buffers reused from chunk to chunk; the result str objects are
 * allocated with the GIL and filled without it. The work stays in the
 * CPU's caches (256 KB of text and its result fit in L2), and the GIL is
 * held only to allocate. Each chunk hands the GIL over twice, and with two
 * threads each hand-over can be a sleep and a wake-up: 64 KB chunks let
 * two threads run at the same time for 1.64-1.73 of the wall-clock time
 * on normalize_many calls of 1000 UDHR lines, 256 KB chunks 1.72-1.91. */
#define MANY_BYTES (256 * 1024)
#define MANY_ITEMS 1024

typedef struct many_item {
  size_t in, in_len;   /* UTF-8 in the input buffer */
  size_t out, out_len; /* normalized, in the output buffer */
  bool same;           /* already normalized: the str itself */
  bool measured;       /* the result's n and maxchar are known */
  Py_ssize_t n;
  Py_UCS4 maxchar;
  PyObject *str;       /* the new str to fill */
} many_item;

/* Normalizes in[it->in..] into *out (grown as needed) at *used. */
static int many_norm(loc_normalize_form form, const char *in, many_item *it, char **out,
                     size_t *cap, size_t *used) {
  const char *s = in + it->in;
  size_t len = it->in_len;
  size_t q = norm_prefix(form, s, len);
  if (q == len) {
    it->same = true;
    return LOC_OK;
  }
  size_t want = norm_guess(len);
  for (;;) {
    if (*cap - *used < want) {
      size_t ncap = *cap * 2 > *used + want ? *cap * 2 : *used + want;
      char *b = PyMem_RawRealloc(*out, ncap);
      if (!b) return LOC_E_NO_MEMORY;
      *out = b;
      *cap = ncap;
    }
    size_t n = 0;
    char *dst = *out + *used;
    int st = norm_to(form, s, len, q, dst, *cap - *used, &n);
    if (st == LOC_OK) {
      if (n == len && memcmp(dst, s, len) == 0) {
        it->same = true;
        return LOC_OK;
      }
      it->out = *used;
      it->out_len = n;
      *used += n;
      return LOC_OK;
    }
    if (st != LOC_E_BUFFER_TOO_SMALL) return st;
    want = n + 1;
  }
}

static PyObject *py_normalize_many(PyObject *self, PyObject *const *args, Py_ssize_t nargs,
                                   PyObject *kwnames) {
  PyObject *iterable, *formobj;
  loc_normalize_form form;
  if (!text_form_args(args, nargs, kwnames, &iterable, &formobj) || !parse_form(formobj, &form))
    return NULL;
  PyObject *keep = PySequence_List(iterable);
  if (!keep) return NULL;
  Py_ssize_t n = PyList_GET_SIZE(keep);
  for (Py_ssize_t i = 0; i < n; i++) {
    PyObject *o = PyList_GET_ITEM(keep, i);
    if (!PyUnicode_Check(o)) {
      PyErr_Format(PyExc_TypeError, "item %zd: text must be str, not %.100s", i,
                   Py_TYPE(o)->tp_name);
      Py_DECREF(keep);
      return NULL;
    }
  }
  PyObject *list = PyList_New(n);
  many_item *items = PyMem_RawMalloc(MANY_ITEMS * sizeof *items);
  char *in = NULL, *out = NULL;
  size_t in_cap = 0, out_cap = 0;
  if (!list || !items) {
    if (list) PyErr_NoMemory();
    goto fail;
  }
  for (Py_ssize_t i = 0; i < n;) {
    /* The chunk [i, j) is sized, encoded, normalized and measured without
     * the GIL (reading only the str objects' immutable data): under it,
     * only the result str objects are made. A call on a few short texts
     * keeps the GIL (see LT_GIL_MINSIZE). */
    Py_ssize_t j = i;
    int st = LOC_OK;
    Py_ssize_t bad = -1;
    size_t out_used = 0;
    LT_BEGIN_ALLOW_THREADS_IF(n - i >= 8 ||
                              lt_utf8_bound(PyList_GET_ITEM(keep, i)) >= LT_GIL_MINSIZE)
    size_t bytes = 0;
    while (j < n && j - i < MANY_ITEMS && (j == i || bytes < MANY_BYTES))
      bytes += lt_utf8_bound(PyList_GET_ITEM(keep, j++));
    if (bytes > in_cap) {
      char *b = PyMem_RawRealloc(in, bytes);
      if (b) {
        in = b;
        in_cap = bytes;
      } else {
        st = LOC_E_NO_MEMORY;
      }
    }
    size_t at = 0;
    for (Py_ssize_t k = i; k < j && st == LOC_OK; k++) {
      many_item *it = &items[k - i];
      PyObject *o = PyList_GET_ITEM(keep, k); /* reads the str's data only */
      it->str = NULL;
      it->measured = false;
      it->same = already_normalized(o, form);
      if (it->same) continue;
      Py_ssize_t len = lt_utf8_encode_raw(o, in + at);
      if (len < 0) {
        bad = k;
        break;
      }
      it->in = at;
      it->in_len = (size_t)len;
      at += (size_t)len;
      st = many_norm(form, in, it, &out, &out_cap, &out_used);
      it->measured = st == LOC_OK && !it->same &&
                     lt_utf8_measure(out + it->out, it->out_len, &it->n, &it->maxchar);
    }
    LT_END_ALLOW_THREADS_IF
    if (bad >= 0) {
      lt_raise_item_surrogate(PyList_GET_ITEM(keep, bad), "text", bad);
      goto fail;
    }
    if (st != LOC_OK) {
      lt_raise(st, NULL);
      goto fail;
    }
    for (Py_ssize_t k = i; k < j; k++) {
      many_item *it = &items[k - i];
      PyObject *s = it->same       ? Py_NewRef(PyList_GET_ITEM(keep, k))
                    : it->measured ? (it->str = PyUnicode_New(it->n, it->maxchar))
                                   : lt_str(out + it->out, it->out_len);
      if (!s) goto fail;
      PyList_SET_ITEM(list, k, s);
    }
    /* the new str objects are in no other hands yet */
    LT_BEGIN_ALLOW_THREADS_IF(out_used >= LT_GIL_MINSIZE)
    for (Py_ssize_t k = i; k < j; k++)
      if (items[k - i].str) lt_utf8_fill(items[k - i].str, out + items[k - i].out, items[k - i].out_len);
    LT_END_ALLOW_THREADS_IF
    i = j;
  }
  PyMem_RawFree(items);
  PyMem_RawFree(in);
  PyMem_RawFree(out);
  Py_DECREF(keep);
  return list;
fail:
  PyMem_RawFree(items);
  PyMem_RawFree(in);
  PyMem_RawFree(out);
  Py_XDECREF(list);
  Py_DECREF(keep);
  return NULL;
}

static PyMethodDef methods[] = {
  {"normalize", (PyCFunction)(void (*)(void))py_normalize, METH_FASTCALL | METH_KEYWORDS,
   normalize_doc},
  {"is_normalized", (PyCFunction)(void (*)(void))py_is_normalized,
   METH_FASTCALL | METH_KEYWORDS, is_normalized_doc},
  {"normalize_many", (PyCFunction)(void (*)(void))py_normalize_many,
   METH_FASTCALL | METH_KEYWORDS, normalize_many_doc},
  {NULL, NULL, 0, NULL},
};

int lt_init_normalize(PyObject *m) {
  for (int f = 0; f < LOC_NORMALIZE_FORM_COUNT_; f++) {
    if (normalizers[f]) continue;
    int st = loc_normalizer_new((loc_normalize_form)f, &normalizers[f]);
    if (st != LOC_OK) {
      lt_raise(st, "making a normalizer");
      return -1;
    }
  }
  return lt_add_functions(m, methods);
}

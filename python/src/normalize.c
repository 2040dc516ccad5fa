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
  /* "NFD" written in a loop is the same str object at every call: its
   * form is looked up once (the GIL guards the cache) */
  static PyObject *last_obj;
  static loc_normalize_form last_form;
  if (obj == last_obj) {
    *form = last_form;
    return true;
  }
  const char *name = PyUnicode_AsUTF8(obj);
  if (!name) return false;
  int st = loc_normalize_form_parse(name, form);
  if (st != LOC_OK) {
    lt_raisef(st, "'%s' (use NFC, NFD, NFKC, NFKD or NFKC_CF)", name);
    return false;
  }
  Py_XSETREF(last_obj, Py_NewRef(obj));
  last_form = *form;
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

/* The normalized prefix of s[0..len): it ends at a normalization
 * boundary. (Skipping it for NFKC_Casefold, which changes most text near
 * its start, saved nothing measurable.) */
static size_t quick_prefix(loc_normalize_form form, const uint16_t *s, size_t len) {
  return loc_normalizer_quick_prefix_utf16(normalizers[form], s, len);
}

/* The text goes to the library as UTF-16, the form CPython's str is
 * closest to: a str of 2-byte characters (PEP 393) is UTF-16 as it is,
 * 1-byte ones are widened, 4-byte ones encoded with surrogate pairs; the
 * result str is built straight from the UTF-16 the library returns. The
 * library's quick check finds the normalized prefix, which ends at a
 * normalization boundary, and only the rest is normalized after a copy of
 * that prefix.
 *
 * norm16() normalizes s[0..len) into @buf (cap units; grown with
 * PyMem_RawMalloc when too small, *out then differs from @buf and is the
 * caller's to free). *same is set when the text is already normalized
 * (nothing written). No GIL needed. */
static int norm16(loc_normalize_form form, const uint16_t *s, size_t len, uint16_t *buf,
                  size_t cap, uint16_t **out, size_t *out_len, bool *same) {
  const loc_normalizer *nz = normalizers[form];
  *same = false;
  *out = buf;
  size_t q = quick_prefix(form, s, len);
  if (q == len) {
    *same = true;
    return LOC_OK;
  }
  for (;;) {
    size_t n = 0;
    int st = q <= cap ? loc_normalizer_normalize_utf16(nz, s + q, len - q, *out + q, cap - q, &n)
                      : LOC_E_BUFFER_TOO_SMALL;
    if (st == LOC_OK) {
      if (q + n == len && memcmp(*out + q, s + q, n * 2) == 0) {
        *same = true; /* a "maybe" of the quick check that was a yes */
      } else {
        memcpy(*out, s, q * 2);
        *out_len = q + n;
      }
      return LOC_OK;
    }
    if (st != LOC_E_BUFFER_TOO_SMALL || *out != buf) return st;
    cap = q + n;
    *out = PyMem_RawMalloc(cap * 2);
    if (!*out) return LOC_E_NO_MEMORY;
  }
}

/* A str in CPython's 1-byte layout (U+0000..U+00FF) holds starters only:
 * every combining mark is U+0300 or above, and no two of these characters
 * compose with each other. Each one's normalized form is then the same
 * wherever it stands (a mapping that holds a combining mark, such as NFKC
 * of U+00B4 ACUTE ACCENT, space + U+0301, starts with the space, which
 * the mark cannot reach past), so such a str is normalized character by
 * character from a table per form. The library fills the table on first
 * use (each character normalized alone) and the table is then checked
 * against the library on every pair of characters; a form whose table
 * disagreed anywhere (which the data of no Unicode version so far does)
 * goes to the library like any other text. */
#define L1_MAX 4 /* code units a mapping may take (3 so far: U+00BC) */
typedef struct latin1_table {
  int state;          /* 0 not built, 1 in use, -1 not usable */
  /* per character: bits 0-2 the code units of its mapping, bit 3 set
   * when that is not the character itself, bits 16-31 its largest code
   * unit */
  uint32_t info[256];
  uint16_t map[256][L1_MAX];
  uint16_t one[256];  /* the mapping's first unit (all of a 1-unit one) */
} latin1_table;

#define L1_LEN(i) ((i) & 7u)
#define L1_CHANGED 8u
#define L1_TOP(i) ((i) >> 16)

static latin1_table latin1[LOC_NORMALIZE_FORM_COUNT_];

static bool latin1_build(latin1_table *t, const loc_normalizer *nz) {
  for (int c = 0; c < 256; c++) {
    uint16_t in = (uint16_t)c;
    size_t n = 0;
    if (loc_normalizer_normalize_utf16(nz, &in, 1, t->map[c], L1_MAX, &n) != LOC_OK) return false;
    unsigned top = 0;
    for (size_t i = 0; i < n; i++) {
      if ((t->map[c][i] & 0xF800) == 0xD800) return false; /* BMP only */
      if (t->map[c][i] > top) top = t->map[c][i];
    }
    t->info[c] = (uint32_t)n | (n == 1 && t->map[c][0] == c ? 0 : L1_CHANGED) | top << 16;
    t->one[c] = n ? t->map[c][0] : 0;
  }
  for (int a = 0; a < 256; a++) {
    for (int b = 0; b < 256; b++) {
      uint16_t in[2] = {(uint16_t)a, (uint16_t)b}, out[2 * L1_MAX];
      size_t n = 0, la = L1_LEN(t->info[a]), lb = L1_LEN(t->info[b]);
      if (loc_normalizer_normalize_utf16(nz, in, 2, out, 2 * L1_MAX, &n) != LOC_OK ||
          n != la + lb || memcmp(out, t->map[a], la * 2) != 0 ||
          memcmp(out + la, t->map[b], lb * 2) != 0)
        return false;
    }
  }
  return true;
}

/* The table of @form, built on first use (with the GIL), or NULL. */
static const latin1_table *latin1_for(loc_normalize_form form) {
  latin1_table *t = &latin1[form];
  if (t->state == 0) t->state = latin1_build(t, normalizers[form]) ? 1 : -1;
  return t->state == 1 ? t : NULL;
}

/* The result of a 1-byte str through its table: its length (code units
 * and code points: all BMP), largest code point, and whether every
 * character maps to one unit (*single); false when nothing changes. No
 * GIL needed. */
static bool latin1_measure(const latin1_table *t, PyObject *str, size_t *n, Py_UCS4 *maxchar,
                           bool *single) {
  const Py_UCS1 *d = PyUnicode_1BYTE_DATA(str);
  Py_ssize_t len = PyUnicode_GET_LENGTH(str);
  size_t units = 0;
  uint32_t top = 0, any = 0;
  for (Py_ssize_t i = 0; i < len; i++) {
    uint32_t info = t->info[d[i]];
    units += L1_LEN(info);
    any |= info;
    top = info > top ? info : top; /* the top unit is in the high bits */
  }
  *n = units;
  *maxchar = L1_TOP(top);
  *single = units == (size_t)len && !(any & 4) && (any & 3) == 1;
  return (any & L1_CHANGED) != 0;
}

/* Writes the result into @out (UCS-1 or UCS-2 per @kind). No GIL needed. */
static void latin1_fill(const latin1_table *t, PyObject *str, int kind, void *out, bool single) {
  const Py_UCS1 *d = PyUnicode_1BYTE_DATA(str);
  Py_ssize_t len = PyUnicode_GET_LENGTH(str);
  if (single && kind == PyUnicode_1BYTE_KIND) {
    Py_UCS1 *o = out;
    for (Py_ssize_t i = 0; i < len; i++) o[i] = (Py_UCS1)t->one[d[i]];
  } else if (single) {
    Py_UCS2 *o = out;
    for (Py_ssize_t i = 0; i < len; i++) o[i] = t->one[d[i]];
  } else if (kind == PyUnicode_1BYTE_KIND) {
    Py_UCS1 *o = out;
    for (Py_ssize_t i = 0; i < len; i++) {
      unsigned c = d[i];
      for (unsigned k = 0; k < L1_LEN(t->info[c]); k++) *o++ = (Py_UCS1)t->map[c][k];
    }
  } else {
    Py_UCS2 *o = out;
    for (Py_ssize_t i = 0; i < len; i++) {
      unsigned c = d[i];
      for (unsigned k = 0; k < L1_LEN(t->info[c]); k++) *o++ = t->map[c][k];
    }
  }
}

/* normalize() of a 1-byte str through the table (GIL held). */
static PyObject *latin1_normalize(const latin1_table *t, PyObject *str) {
  size_t n;
  Py_UCS4 maxchar;
  bool single;
  if (!latin1_measure(t, str, &n, &maxchar, &single)) return Py_NewRef(str);
  PyObject *res = PyUnicode_New((Py_ssize_t)n, maxchar);
  if (res) latin1_fill(t, str, PyUnicode_KIND(res), PyUnicode_DATA(res), single);
  return res;
}

PyDoc_STRVAR(normalize_doc,
"normalize(text, form='NFC') -> str\n\n"
"The text in a Unicode normalization form (UAX #15): 'NFC', 'NFD', 'NFKC',\n"
"'NFKD' or 'NFKC_CF' (NFKC_Casefold), case-insensitive. Text that is already\n"
"normalized is returned as the same object.");

/* A line of text fits these stack buffers (code units); longer text takes
 * PyMem_Raw ones. */
#define LINE_IN 1024
#define LINE_OUT 2048

/* The normalized text: @text itself when it is normalized already. */
static PyObject *normalize_text(PyObject *text, loc_normalize_form form) {
  if (already_normalized(text, form)) return Py_NewRef(text);
  if (!PyUnicode_Check(text)) {
    PyErr_Format(PyExc_TypeError, "text must be str, not %.100s", Py_TYPE(text)->tp_name);
    return NULL;
  }
  /* (a long one goes to the library, without the GIL) */
  if (PyUnicode_KIND(text) == PyUnicode_1BYTE_KIND &&
      PyUnicode_GET_LENGTH(text) < LT_GIL_MINSIZE) {
    const latin1_table *t = latin1_for(form);
    if (t) return latin1_normalize(t, text);
  }
  uint16_t inbuf[LINE_IN], outbuf[LINE_OUT];
  size_t bound = lt_u16_bound(text);
  bool wide = PyUnicode_KIND(text) == PyUnicode_2BYTE_KIND;
  uint16_t *in = wide || bound <= LINE_IN ? inbuf : PyMem_RawMalloc(bound * 2);
  size_t cap = bound + bound / 2 + 16;
  uint16_t *obuf = cap <= LINE_OUT ? outbuf : PyMem_RawMalloc(cap * 2);
  if (!in || !obuf) {
    if (in != inbuf) PyMem_RawFree(in);
    if (obuf != outbuf) PyMem_RawFree(obuf);
    return PyErr_NoMemory();
  }
  if (obuf == outbuf) cap = LINE_OUT;
  const uint16_t *s;
  uint16_t *out = NULL;
  size_t out_len = 0;
  bool same = false;
  int st = LOC_OK;
  Py_ssize_t len;
  /* Short text keeps the GIL (see LT_GIL_MINSIZE). */
  LT_BEGIN_ALLOW_THREADS_IF(bound * 2 >= LT_GIL_MINSIZE)
  len = lt_u16_view(text, in, &s);
  if (len >= 0) st = norm16(form, s, (size_t)len, obuf, cap, &out, &out_len, &same);
  LT_END_ALLOW_THREADS_IF
  PyObject *res = NULL;
  if (len < 0) lt_raise_surrogate(text, "text");
  else if (st != LOC_OK) lt_raise(st, NULL);
  else res = same ? Py_NewRef(text) : lt_str_u16(out, out_len);
  if (out && out != obuf) PyMem_RawFree(out);
  if (in != inbuf) PyMem_RawFree(in);
  if (obuf != outbuf) PyMem_RawFree(obuf);
  return res;
}

static PyObject *py_normalize(PyObject *self, PyObject *const *args, Py_ssize_t nargs,
                              PyObject *kwnames) {
  PyObject *text, *formobj;
  loc_normalize_form form;
  if (!text_form_args(args, nargs, kwnames, &text, &formobj) || !parse_form(formobj, &form))
    return NULL;
  return normalize_text(text, form);
}

PyDoc_STRVAR(is_normalized_doc,
"is_normalized(text, form='NFC') -> bool\n\n"
"True when normalize(text, form) would return the text unchanged.");

static PyObject *py_is_normalized(PyObject *self, PyObject *const *args, Py_ssize_t nargs,
                                  PyObject *kwnames) {
  PyObject *text, *formobj;
  loc_normalize_form form;
  if (!text_form_args(args, nargs, kwnames, &text, &formobj) || !parse_form(formobj, &form))
    return NULL;
  /* normalize() returns the text itself exactly when it is normalized
   * (most text that is checked is; the rest is normalized to be sure) */
  PyObject *res = normalize_text(text, form);
  if (!res) return NULL;
  bool same = res == text;
  Py_DECREF(res);
  return PyBool_FromLong(same);
}

PyDoc_STRVAR(normalize_many_doc,
"normalize_many(texts, form='NFC') -> list[str]\n\n"
"normalize() of every str of an iterable, in one call, with the GIL released\n"
"while the text is encoded and normalized.");

/* Items go in chunks of about MANY_BYTES bytes of text (at most
 * MANY_ITEMS items). Without the GIL, every item of a chunk is viewed as
 * UTF-16 (into a per-thread input buffer unless it is UTF-16 already),
 * quick-checked, normalized into a per-thread output buffer when it
 * changes, and measured (length and largest code point of the result).
 * Then, with the GIL, the result str objects are made and filled from the
 * output buffer, and the list is filled. So the GIL is taken once per
 * chunk, and held only to make objects: a call of 1000 lines of the
 * UDHR is one chunk. The buffers stay with the thread from call to call
 * (no allocation, and no page faults on fresh memory, in each call). */
#define MANY_BYTES (256 * 1024)
#define MANY_ITEMS 1024

typedef struct many_item {
  size_t out, out_len; /* the result, in the output buffer */
  Py_ssize_t n;        /* its length in code points */
  Py_UCS4 maxchar;
  bool same;           /* already normalized: the str itself */
} many_item;

enum { SLOT_IN, SLOT_OUT, SLOT_ITEMS };

/* Normalizes the chunk [i, j) of @keep into the thread's buffers. Returns
 * a status; *bad is the index of an item with a lone surrogate. */
__attribute__((noinline)) /* profiles then show the time spent without the GIL */
static int many_chunk(loc_normalize_form form, const latin1_table *t, PyObject *keep,
                      Py_ssize_t i, Py_ssize_t j, size_t in_bound, many_item *items,
                      uint16_t **outp, Py_ssize_t *bad) {
  uint16_t *in = lt_tls_buf(SLOT_IN, in_bound * 2 + 2, NULL);
  size_t out_cap = 0, used = 0;
  uint16_t *out = lt_tls_buf(SLOT_OUT, in_bound * 3 + 64, &out_cap);
  if (!in || !out) return LOC_E_NO_MEMORY;
  out_cap /= 2;
  size_t at = 0;
  for (Py_ssize_t k = i; k < j; k++) {
    many_item *it = &items[k - i];
    PyObject *o = PyList_GET_ITEM(keep, k); /* reads the str's data only */
    it->same = already_normalized(o, form);
    if (it->same) continue;
    if (t && PyUnicode_KIND(o) == PyUnicode_1BYTE_KIND) {
      size_t n;
      bool single;
      it->same = !latin1_measure(t, o, &n, &it->maxchar, &single);
      if (it->same) continue;
      if (out_cap - used < n) {
        out = lt_tls_buf(SLOT_OUT, (used + n + 64) * 2 * 2, &out_cap);
        if (!out) return LOC_E_NO_MEMORY;
        out_cap /= 2;
      }
      latin1_fill(t, o, PyUnicode_2BYTE_KIND, out + used, single);
      it->out = used;
      it->out_len = n;
      it->n = (Py_ssize_t)n;
      used += n;
      continue;
    }
    const uint16_t *s;
    Py_ssize_t len = lt_u16_view(o, in + at, &s);
    if (len < 0) {
      *bad = k;
      return LOC_OK;
    }
    if (s == in + at) at += (size_t)len;
    size_t q = quick_prefix(form, s, (size_t)len);
    if (q == (size_t)len) {
      it->same = true;
      continue;
    }
    for (;;) {
      size_t n = 0, room = out_cap - used;
      int st = q <= room ? loc_normalizer_normalize_utf16(normalizers[form], s + q,
                                                          (size_t)len - q, out + used + q,
                                                          room - q, &n)
                         : LOC_E_BUFFER_TOO_SMALL;
      if (st == LOC_OK) {
        uint16_t *r = out + used;
        if (q + n == (size_t)len && memcmp(r + q, s + q, n * 2) == 0) {
          it->same = true;
        } else {
          memcpy(r, s, q * 2);
          it->out = used;
          it->out_len = q + n;
          used += q + n;
          lt_u16_measure(r, q + n, &it->n, &it->maxchar);
        }
        break;
      }
      if (st != LOC_E_BUFFER_TOO_SMALL) return st;
      out = lt_tls_buf(SLOT_OUT, (used + q + n + (size_t)len + 64) * 2, &out_cap);
      if (!out) return LOC_E_NO_MEMORY;
      out_cap /= 2;
    }
  }
  *outp = out;
  return LOC_OK;
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
  if (!list) goto fail;
  const latin1_table *t = form == LOC_NORMALIZE_NFC ? NULL : latin1_for(form);
  for (Py_ssize_t i = 0; i < n;) {
    many_item *items = NULL;
    uint16_t *out = NULL;
    Py_ssize_t bad = -1, j = i;
    int st;
    /* A call on a few short texts keeps the GIL (see LT_GIL_MINSIZE); one
     * on more texts sizes its chunk (a look at each str's header, the
     * first touch of each, so a few cache misses) without it. */
    LT_BEGIN_ALLOW_THREADS_IF(n - i >= 8 || lt_u16_bound(PyList_GET_ITEM(keep, i)) * 2 >=
                                                 LT_GIL_MINSIZE)
    size_t bound = 0, bytes = 0;
    while (j < n && j - i < MANY_ITEMS && (j == i || bytes < MANY_BYTES)) {
      PyObject *o = PyList_GET_ITEM(keep, j++);
      bound += lt_u16_bound(o);
      bytes += (size_t)PyUnicode_GET_LENGTH(o) * (size_t)PyUnicode_KIND(o);
    }
    items = lt_tls_buf(SLOT_ITEMS, (size_t)(j - i) * sizeof *items, NULL);
    st = items ? many_chunk(form, t, keep, i, j, bound, items, &out, &bad) : LOC_E_NO_MEMORY;
    LT_END_ALLOW_THREADS_IF
    if (lt_chunk_raise(keep, bad, "text", st))
      goto fail;
    /* Nothing here runs Python code (a str is not tracked by the garbage
     * collector, so making one runs no finalizer) that could call
     * normalize_many in this thread and reuse its buffers. */
    for (Py_ssize_t k = i; k < j; k++) {
      many_item *it = &items[k - i];
      PyObject *r;
      if (it->same) {
        r = Py_NewRef(PyList_GET_ITEM(keep, k));
      } else {
        r = PyUnicode_New(it->n, it->maxchar);
        if (!r) goto fail;
        lt_u16_fill(r, out + it->out, it->out_len);
      }
      PyList_SET_ITEM(list, k, r);
    }
    i = j;
  }
  lt_tls_trim();
  Py_DECREF(keep);
  return list;
fail:
  lt_tls_trim();
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

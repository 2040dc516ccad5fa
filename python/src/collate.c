/* loctext — collation: the Collator type (sort keys, comparison, sorting). */
#include "common.h"

#include <loc/loc.h>
#include <string.h>

typedef struct {
  PyObject_HEAD
  loc_collator *c;
} CollatorObject;

static void co_dealloc(CollatorObject *self) {
  loc_collator_free(self->c);
  Py_TYPE(self)->tp_free((PyObject *)self);
}

static int co_init(CollatorObject *self, PyObject *args, PyObject *kwds) {
  static char *kwlist[] = {"lang", NULL};
  PyObject *lang = Py_None;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "|O", kwlist, &lang)) return -1;
  if (self->c) {
    PyErr_SetString(PyExc_RuntimeError, "Collator already initialised");
    return -1;
  }
  lt_text tag = {"", 0, true};
  if (lang != Py_None && !lt_text_get(lang, "lang", &tag)) return -1;
  int st;
  loc_collator *c = NULL;
  Py_BEGIN_ALLOW_THREADS
  st = loc_collator_new(tag.len ? tag.s : NULL, (size_t)tag.len, &c);
  Py_END_ALLOW_THREADS
  if (st != LOC_OK) {
    lt_raisef(st, "lang '%s'", tag.s);
    return -1;
  }
  self->c = c;
  return 0;
}

static bool ready(CollatorObject *self) {
  if (!self->c) PyErr_SetString(PyExc_RuntimeError, "Collator not initialised");
  return self->c != NULL;
}

/* key of t in *out (PyMem_Raw), length without the final 0. */
static int key_raw(loc_collator *c, const lt_text *t, uint8_t **out, size_t *n) {
  size_t cap = (size_t)t->len * 4 + 16;
  uint8_t *buf = PyMem_RawMalloc(cap);
  for (;;) {
    if (!buf) return LOC_E_NO_MEMORY;
    int st = loc_collate_key(c, t->s, (size_t)t->len, buf, cap, n);
    if (st == LOC_OK) {
      *out = buf;
      if (*n > 0) (*n)--; /* the terminator */
      return LOC_OK;
    }
    PyMem_RawFree(buf);
    if (st != LOC_E_BUFFER_TOO_SMALL) return st;
    cap = *n;
    buf = PyMem_RawMalloc(cap);
  }
}

PyDoc_STRVAR(key_doc,
"sort_key(text) -> bytes\n\n"
"The collation key: comparing keys as bytes orders texts as compare() does.\n"
"Use as sorted(words, key=collator.sort_key).");

static PyObject *co_key(CollatorObject *self, PyObject *arg) {
  lt_text t;
  if (!ready(self) || !lt_text_scratch(arg, "text", &t)) return NULL;
  uint8_t *k = NULL;
  size_t n = 0;
  int st;
  Py_BEGIN_ALLOW_THREADS
  st = key_raw(self->c, &t, &k, &n);
  Py_END_ALLOW_THREADS
  if (st != LOC_OK) return lt_raise(st, NULL);
  PyObject *r = PyBytes_FromStringAndSize((const char *)k, (Py_ssize_t)n);
  PyMem_RawFree(k);
  return r;
}

PyDoc_STRVAR(cmp_doc, "compare(a, b) -> int\n\nNegative, 0 or positive as a sorts before, with or after b.");

static PyObject *co_compare(CollatorObject *self, PyObject *args) {
  PyObject *a, *b;
  lt_text x, y;
  if (!ready(self) || !PyArg_ParseTuple(args, "OO", &a, &b) || !lt_text_get(a, "a", &x) ||
      !lt_text_get(b, "b", &y))
    return NULL;
  int r = 0, st;
  Py_BEGIN_ALLOW_THREADS
  st = loc_collate(self->c, x.s, (size_t)x.len, y.s, (size_t)y.len, &r);
  Py_END_ALLOW_THREADS
  if (st != LOC_OK) return lt_raise(st, NULL);
  return PyLong_FromLong(r < 0 ? -1 : r > 0 ? 1 : 0);
}

typedef struct {
  uint8_t *key;
  size_t len;
  Py_ssize_t index;
} keyed;

static int keyed_cmp(const void *pa, const void *pb) {
  const keyed *a = pa, *b = pb;
  size_t n = a->len < b->len ? a->len : b->len;
  int r = memcmp(a->key, b->key, n);
  if (r) return r;
  if (a->len != b->len) return a->len < b->len ? -1 : 1;
  return a->index < b->index ? -1 : a->index > b->index; /* stable */
}

PyDoc_STRVAR(sorted_doc,
"sorted(texts, *, reverse=False) -> list[str]\n\n"
"The texts in the language's dictionary order (stable), keys made and\n"
"sorted with the GIL released.");

static PyObject *co_sorted(CollatorObject *self, PyObject *args, PyObject *kwds) {
  static char *kwlist[] = {"texts", "reverse", NULL};
  PyObject *iterable;
  int reverse = 0;
  if (!ready(self) || !PyArg_ParseTupleAndKeywords(args, kwds, "O|$p", kwlist, &iterable, &reverse))
    return NULL;
  PyObject *keep;
  lt_text *texts;
  Py_ssize_t n;
  if (!lt_texts_from_iterable(iterable, "text", &keep, &texts, &n)) return NULL;
  keyed *ks = PyMem_RawCalloc(n ? (size_t)n : 1, sizeof *ks);
  int st = ks ? LOC_OK : LOC_E_NO_MEMORY;
  Py_BEGIN_ALLOW_THREADS
  for (Py_ssize_t i = 0; i < n && st == LOC_OK; i++) {
    ks[i].index = i;
    st = key_raw(self->c, &texts[i], &ks[i].key, &ks[i].len);
  }
  if (st == LOC_OK) qsort(ks, (size_t)n, sizeof *ks, keyed_cmp);
  Py_END_ALLOW_THREADS
  PyObject *list = st == LOC_OK ? PyList_New(n) : lt_raise(st, NULL);
  for (Py_ssize_t i = 0; list && i < n; i++) {
    Py_ssize_t j = reverse ? n - 1 - i : i;
    PyList_SET_ITEM(list, i, Py_NewRef(PyList_GET_ITEM(keep, ks[j].index)));
  }
  for (Py_ssize_t i = 0; ks && i < n; i++) PyMem_RawFree(ks[i].key);
  PyMem_RawFree(ks);
  PyMem_Free(texts);
  Py_DECREF(keep);
  return list;
}

static PyObject *co_get_lang(CollatorObject *self, void *closure) {
  if (!ready(self)) return NULL;
  return PyUnicode_FromString(loc_collator_tag(self->c));
}

static PyObject *co_get_rules(CollatorObject *self, void *closure) {
  if (!ready(self)) return NULL;
  return PyUnicode_FromString(loc_collator_rules_locale(self->c));
}

static PyObject *co_repr(CollatorObject *self) {
  if (!self->c) return PyUnicode_FromString("<loctext.Collator (uninitialised)>");
  return PyUnicode_FromFormat("<loctext.Collator lang='%s' rules='%s'>", loc_collator_tag(self->c),
                              loc_collator_rules_locale(self->c));
}

static PyMethodDef co_methods[] = {
  {"sort_key", (PyCFunction)co_key, METH_O, key_doc},
  {"compare", (PyCFunction)co_compare, METH_VARARGS, cmp_doc},
  {"sorted", (PyCFunction)(void (*)(void))co_sorted, METH_VARARGS | METH_KEYWORDS, sorted_doc},
  {NULL, NULL, 0, NULL},
};

static PyGetSetDef co_getset[] = {
  {"lang", (getter)co_get_lang, NULL, "Canonical tag ('' for the root order).", NULL},
  {"rules_locale", (getter)co_get_rules, NULL, "ICU locale whose rules are used ('root' when none).", NULL},
  {NULL, NULL, NULL, NULL, NULL},
};

PyDoc_STRVAR(co_doc,
"Collator(lang=None)\n\n"
"Dictionary order of a language (CLDR tailoring of the UCA through ICU);\n"
"lang None: the root order. Immutable; safe to share between threads.");

static PyTypeObject CollatorType = {
  PyVarObject_HEAD_INIT(NULL, 0)
  .tp_name = "loctext.Collator",
  .tp_basicsize = sizeof(CollatorObject),
  .tp_dealloc = (destructor)co_dealloc,
  .tp_repr = (reprfunc)co_repr,
  .tp_flags = Py_TPFLAGS_DEFAULT,
  .tp_doc = co_doc,
  .tp_methods = co_methods,
  .tp_getset = co_getset,
  .tp_init = (initproc)co_init,
  .tp_new = PyType_GenericNew,
};

int lt_init_collate(PyObject *m) { return lt_add_type(m, &CollatorType); }

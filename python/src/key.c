/* loctext — search keys: the Keyer type. */
#include "common.h"

#include <loc/loc.h>
#include <string.h>

typedef struct {
  PyObject_HEAD
  loc_keyer *k;
  lt_pool pool; /* loc_key_ctx per thread */
  PyObject *lang, *folds;
} KeyerObject;

static int make_ctx(void *owner, void **out) {
  return loc_key_ctx_new((const loc_keyer *)owner, (loc_key_ctx **)out);
}
static void drop_ctx(void *c) { loc_key_ctx_free(c); }

static void k_dealloc(KeyerObject *self) {
  if (self->k) {
    lt_pool_clear(&self->pool);
    loc_keyer_free(self->k);
  }
  Py_XDECREF(self->lang);
  Py_XDECREF(self->folds);
  Py_TYPE(self)->tp_free((PyObject *)self);
}

static int k_init(KeyerObject *self, PyObject *args, PyObject *kwds) {
  static char *kwlist[] = {"lang", "folds", NULL};
  PyObject *lang = Py_None, *folds = NULL;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "|OO", kwlist, &lang, &folds)) return -1;
  if (self->k) {
    PyErr_SetString(PyExc_RuntimeError, "Keyer already initialised");
    return -1;
  }
  lt_text tag = {"", 0, true};
  if (lang != Py_None && !lt_text_get(lang, "lang", &tag)) return -1;
  unsigned bits = 0;
  PyObject *foldstr = NULL;
  if (folds && folds != Py_None) {
    if (PyUnicode_Check(folds)) {
      foldstr = Py_NewRef(folds);
    } else {
      PyObject *comma = PyUnicode_FromString(",");
      foldstr = comma ? PyUnicode_Join(comma, folds) : NULL;
      Py_XDECREF(comma);
    }
    if (!foldstr) return -1;
    const char *list = PyUnicode_AsUTF8(foldstr);
    size_t bad = 0;
    if (!list) {
      Py_DECREF(foldstr);
      return -1;
    }
    int st = loc_key_fold_parse(list, &bits, &bad);
    if (st != LOC_OK) {
      lt_raisef(st,
                "unknown fold at '%s' (diacritics, kana, arabic, hebrew, han, all, romanize)",
                list + bad);
      Py_DECREF(foldstr);
      return -1;
    }
  }
  loc_keyer *k = NULL;
  int st = loc_keyer_new(tag.len ? tag.s : NULL, (size_t)tag.len, bits, &k);
  if (st != LOC_OK) {
    Py_XDECREF(foldstr);
    lt_raisef(st, "lang '%s'", tag.s);
    return -1;
  }
  self->k = k;
  self->lang = Py_NewRef(lang);
  self->folds = foldstr ? foldstr : PyUnicode_FromString("");
  lt_pool_init(&self->pool, make_ctx, drop_ctx, k);
  return 0;
}

static PyObject *one(void *obj, void *ctx, const lt_text *t) {
  (void)obj;
  const char *key = NULL;
  size_t n = 0;
  int st;
  Py_BEGIN_ALLOW_THREADS
  st = loc_key(ctx, t->s, (size_t)t->len, &key, &n);
  Py_END_ALLOW_THREADS
  if (st != LOC_OK) return lt_raise(st, NULL);
  return lt_str(key, n);
}

PyDoc_STRVAR(key_doc, "key(text) -> str\n\nThe search key of the text. Calling the object does the same.");

static PyObject *k_key(KeyerObject *self, PyObject *arg) {
  lt_text t;
  if (!self->k) {
    PyErr_SetString(PyExc_RuntimeError, "Keyer not initialised");
    return NULL;
  }
  if (!lt_text_scratch(arg, "text", &t)) return NULL;
  void *ctx;
  int st = lt_pool_take(&self->pool, &ctx);
  if (st != LOC_OK) return lt_raise(st, NULL);
  PyObject *r = one(self, ctx, &t);
  lt_pool_give(&self->pool, ctx);
  return r;
}

static PyObject *k_call(KeyerObject *self, PyObject *args, PyObject *kwds) {
  static char *kwlist[] = {"text", NULL};
  PyObject *text;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "O", kwlist, &text)) return NULL;
  return k_key(self, text);
}

PyDoc_STRVAR(key_many_doc,
"key_many(texts) -> list[str]\n\n"
"key() of every str of an iterable, in one call, with the GIL released while\n"
"the text is encoded and keyed.");

/* Items go in chunks of at most MANY_ITEMS items and about MANY_BYTES
 * bytes. Without the GIL, each item of a chunk is encoded as UTF-8 into a
 * per-thread input buffer (an ASCII str is read where it is), keyed, and
 * its key copied to a per-thread output buffer and measured (length and
 * largest code point); then, with the GIL, the key str objects are made.
 * So the GIL is taken once per chunk, and held only to make objects. */
#define MANY_BYTES (256 * 1024)
#define MANY_ITEMS 1024

typedef struct many_item {
  size_t off, len; /* the key in the output buffer */
  Py_ssize_t n;    /* its length in code points, when measured */
  Py_UCS4 maxchar;
  bool measured;
} many_item;

enum { SLOT_IN, SLOT_OUT, SLOT_ITEMS };

__attribute__((noinline)) /* profiles then show the time spent without the GIL */
static int many_chunk(loc_key_ctx *ctx, PyObject *keep, Py_ssize_t i, Py_ssize_t j,
                      size_t in_bound, many_item *items, char **outp, Py_ssize_t *bad) {
  char *in = lt_tls_buf(SLOT_IN, in_bound + 1, NULL);
  size_t cap = 0, used = 0;
  char *out = lt_tls_buf(SLOT_OUT, in_bound + 256, &cap);
  if (!in || !out) return LOC_E_NO_MEMORY;
  for (Py_ssize_t k = i; k < j; k++) {
    many_item *it = &items[k - i];
    const char *s, *key = NULL;
    size_t got = 0;
    Py_ssize_t len = lt_utf8_view(PyList_GET_ITEM(keep, k), in, &s);
    if (len < 0) {
      *bad = k;
      return LOC_OK;
    }
    /* the input buffer is reused item by item: the key is copied out */
    int st = loc_key(ctx, s, (size_t)len, &key, &got);
    if (st != LOC_OK) return st;
    if (cap - used < got) {
      out = lt_tls_buf(SLOT_OUT, used + got + 256, &cap);
      if (!out) return LOC_E_NO_MEMORY;
    }
    if (got) memcpy(out + used, key, got);
    it->off = used;
    it->len = got;
    it->measured = lt_utf8_measure(out + used, got, &it->n, &it->maxchar);
    used += got;
  }
  *outp = out;
  return LOC_OK;
}

static PyObject *k_many(KeyerObject *self, PyObject *iterable) {
  if (!self->k) {
    PyErr_SetString(PyExc_RuntimeError, "Keyer not initialised");
    return NULL;
  }
  PyObject *keep = lt_str_list(iterable, "text");
  if (!keep) return NULL;
  Py_ssize_t n = PyList_GET_SIZE(keep);
  PyObject *list = PyList_New(n);
  void *ctx = NULL;
  int st = list ? lt_pool_take(&self->pool, &ctx) : LOC_OK;
  if (st != LOC_OK) {
    lt_raise(st, NULL);
    Py_CLEAR(list);
  }
  for (Py_ssize_t i = 0; list && i < n;) {
    many_item *items = NULL;
    char *out = NULL;
    Py_ssize_t bad = -1, j;
    size_t bound;
    /* A call on a few short texts keeps the GIL (see LT_GIL_MINSIZE). */
    LT_BEGIN_ALLOW_THREADS_IF(n - i >= 8 || lt_utf8_bound(PyList_GET_ITEM(keep, i)) >=
                                                LT_GIL_MINSIZE)
    j = lt_chunk_end(keep, i, MANY_ITEMS, MANY_BYTES, &bound);
    items = lt_tls_buf(SLOT_ITEMS, (size_t)(j - i) * sizeof *items, NULL);
    st = items ? many_chunk(ctx, keep, i, j, bound, items, &out, &bad) : LOC_E_NO_MEMORY;
    LT_END_ALLOW_THREADS_IF
    if (lt_chunk_raise(keep, bad, "text", st)) {
      Py_CLEAR(list);
      break;
    }
    /* Nothing here runs Python code (a str is not tracked by the garbage
     * collector, so making one runs no finalizer) that could make a bulk
     * call on this thread and reuse its buffers. */
    for (Py_ssize_t k = i; k < j; k++) {
      many_item *it = &items[k - i];
      PyObject *str;
      if (it->measured) {
        str = PyUnicode_New(it->n, it->maxchar);
        if (str) lt_utf8_fill(str, out + it->off, it->len);
      } else {
        str = lt_str(out + it->off, it->len);
      }
      if (!str) {
        Py_CLEAR(list);
        break;
      }
      PyList_SET_ITEM(list, k, str);
    }
    i = j;
  }
  if (ctx) lt_pool_give(&self->pool, ctx);
  lt_tls_trim();
  Py_DECREF(keep);
  return list;
}

static PyObject *k_repr(KeyerObject *self) {
  return PyUnicode_FromFormat("<loctext.Keyer lang=%R folds=%R>", self->lang ? self->lang : Py_None,
                              self->folds ? self->folds : Py_None);
}

static PyMethodDef k_methods[] = {
  {"key", (PyCFunction)k_key, METH_O, key_doc},
  {"key_many", (PyCFunction)k_many, METH_O, key_many_doc},
  {NULL, NULL, 0, NULL},
};

PyDoc_STRVAR(k_doc,
"Keyer(lang=None, folds=())\n\n"
"Makes search keys: one key per text, equal for spellings a reader takes\n"
"for the same (NFKC_Casefold, Zawgyi converted, Khmer/Myanmar syllables in\n"
"one order, then the folds). folds: names or a comma-separated str of\n"
"'diacritics', 'kana', 'arabic', 'hebrew', 'han', 'all', 'romanize'.\n"
"lang: BCP 47 tag of the text (chooses Arabic letter variants).\n"
"Safe to share between threads.");

static PyTypeObject KeyerType = {
  PyVarObject_HEAD_INIT(NULL, 0)
  .tp_name = "loctext.Keyer",
  .tp_basicsize = sizeof(KeyerObject),
  .tp_dealloc = (destructor)k_dealloc,
  .tp_repr = (reprfunc)k_repr,
  .tp_call = (ternaryfunc)k_call,
  .tp_flags = Py_TPFLAGS_DEFAULT,
  .tp_doc = k_doc,
  .tp_methods = k_methods,
  .tp_init = (initproc)k_init,
  .tp_new = PyType_GenericNew,
};

int lt_init_key(PyObject *m) { return lt_add_type(m, &KeyerType); }

/* loctext — search keys: the Keyer type. */
#include "common.h"

#include <loc/loc.h>

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

PyDoc_STRVAR(key_many_doc, "key_many(texts) -> list[str]\n\nkey() of every str of an iterable.");

static PyObject *k_many(KeyerObject *self, PyObject *iterable) {
  if (!self->k) {
    PyErr_SetString(PyExc_RuntimeError, "Keyer not initialised");
    return NULL;
  }
  return lt_map_pooled(&self->pool, iterable, self, one);
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

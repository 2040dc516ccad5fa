/* loctext — transliteration: the Transliterator type over ICU's transforms
 * and the project's rule sets. */
#include "common.h"

#include <loc/loc.h>
#include <string.h>

typedef struct {
  PyObject_HEAD
  loc_translit *t;
  lt_pool pool; /* loc_translit_ctx per thread */
} TranslitObject;

static int make_ctx(void *owner, void **out) {
  return loc_translit_ctx_new((loc_translit *)owner, (loc_translit_ctx **)out);
}
static void drop_ctx(void *ctx) { loc_translit_ctx_free(ctx); }

static void tr_dealloc(TranslitObject *self) {
  if (self->t) {
    lt_pool_clear(&self->pool);
    pthread_mutex_destroy(&self->pool.lock);
    loc_translit_free(self->t);
  }
  Py_TYPE(self)->tp_free((PyObject *)self);
}

static int tr_init(TranslitObject *self, PyObject *args, PyObject *kwds) {
  static char *kwlist[] = {"id", "reverse", "lines", "rules", NULL};
  PyObject *idobj;
  int reverse = 0, lines = 0, rules = 0;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "U|$ppp", kwlist, &idobj, &reverse, &lines,
                                   &rules))
    return -1;
  if (self->t) {
    PyErr_SetString(PyExc_RuntimeError, "Transliterator already initialised");
    return -1;
  }
  lt_text id;
  if (!lt_text_get(idobj, "id", &id)) return -1;
  unsigned flags = (reverse ? LOC_TRANSLIT_REVERSE : 0) | (lines ? LOC_TRANSLIT_LINES : 0);
  loc_translit_error err;
  memset(&err, 0, sizeof err);
  loc_translit *t = NULL;
  int st;
  Py_BEGIN_ALLOW_THREADS
  if (rules)
    st = loc_translit_new_rules(id.s, (size_t)id.len, flags, &t, &err);
  else
    st = strlen(id.s) == (size_t)id.len ? loc_translit_new(id.s, flags, &t, &err)
                                        : LOC_E_INVALID_ARGUMENT;
  Py_END_ALLOW_THREADS
  if (st != LOC_OK) {
    if (err.line)
      lt_raisef(st, "%s (line %u, column %u)", err.message, err.line, err.column);
    else
      lt_raise(st, err.message[0] ? err.message : NULL);
    return -1;
  }
  self->t = t;
  lt_pool_init(&self->pool, make_ctx, drop_ctx, t);
  return 0;
}

static bool ready(TranslitObject *self) {
  if (!self->t) PyErr_SetString(PyExc_RuntimeError, "Transliterator not initialised");
  return self->t != NULL;
}

/* Transforms @t with a pooled context, GIL released. The library collects
 * the output in a buffer of its own anyway: taking it (the _alloc form)
 * costs no copy, and a long line is never transformed twice, as it would
 * be after LOC_E_BUFFER_TOO_SMALL. */
static PyObject *one(void *obj, void *ctx, const lt_text *t) {
  (void)obj;
  char *out = NULL;
  size_t n = 0;
  int st;
  Py_BEGIN_ALLOW_THREADS
  st = loc_translit_text_alloc(ctx, t->s, (size_t)t->len, &out, &n);
  Py_END_ALLOW_THREADS
  if (st != LOC_OK) {
    loc_free(out);
    return lt_raise(st, NULL);
  }
  PyObject *res = lt_str(out, n);
  loc_free(out);
  return res;
}

PyDoc_STRVAR(tr_call_doc,
"transliterate(text) -> str\n\n"
"The text transformed. Calling the object does the same.");

static PyObject *tr_transliterate(TranslitObject *self, PyObject *arg) {
  lt_text t;
  if (!ready(self) || !lt_text_scratch(arg, "text", &t)) return NULL;
  void *ctx;
  int st = lt_pool_take(&self->pool, &ctx);
  if (st != LOC_OK) return lt_raise(st, NULL);
  PyObject *res = one(self, ctx, &t);
  lt_pool_give(&self->pool, ctx);
  return res;
}

static PyObject *tr_call(TranslitObject *self, PyObject *args, PyObject *kwds) {
  PyObject *text;
  static char *kwlist[] = {"text", NULL};
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "O", kwlist, &text)) return NULL;
  return tr_transliterate(self, text);
}

PyDoc_STRVAR(tr_many_doc,
"transliterate_many(texts) -> list[str]\n\n"
"transliterate() of every str of an iterable, with one context.");

static PyObject *tr_many(TranslitObject *self, PyObject *iterable) {
  if (!ready(self)) return NULL;
  return lt_map_pooled(&self->pool, iterable, self, one);
}

static PyObject *tr_get_id(TranslitObject *self, void *closure) {
  if (!ready(self)) return NULL;
  const char *id = loc_translit_id(self->t);
  return id ? PyUnicode_FromString(id) : Py_NewRef(Py_None);
}

static PyObject *tr_repr(TranslitObject *self) {
  if (!self->t) return PyUnicode_FromString("<loctext.Transliterator (uninitialised)>");
  const char *id = loc_translit_id(self->t);
  return PyUnicode_FromFormat("<loctext.Transliterator '%s'>", id ? id : "?");
}

static PyMethodDef tr_methods[] = {
  {"transliterate", (PyCFunction)tr_transliterate, METH_O, tr_call_doc},
  {"transliterate_many", (PyCFunction)tr_many, METH_O, tr_many_doc},
  {NULL, NULL, 0, NULL},
};

static PyGetSetDef tr_getset[] = {
  {"id", (getter)tr_get_id, NULL, "The ID ICU gives the transform.", NULL},
  {NULL, NULL, NULL, NULL, NULL},
};

PyDoc_STRVAR(tr_doc,
"Transliterator(id, *, reverse=False, lines=False, rules=False)\n\n"
"A compiled transform, reusable and safe to share between threads (each\n"
"thread gets a context of its own behind the scenes).\n\n"
"id: an ICU transform ID ('Any-Latin', 'Greek-Latin/UNGEGN', compound\n"
"    'Any-Latin; Latin-ASCII', filtered '[:Cyrl:] Any-Latin'), or with\n"
"    rules=True a set of ICU transform rules.\n"
"reverse: the inverse transform.\n"
"lines: cut the text only at line ends (for rules that look across spaces).\n"
"Raises loctext.Error for an unknown ID or rules that do not compile.");

static PyTypeObject TranslitType = {
  PyVarObject_HEAD_INIT(NULL, 0)
  .tp_name = "loctext.Transliterator",
  .tp_basicsize = sizeof(TranslitObject),
  .tp_dealloc = (destructor)tr_dealloc,
  .tp_repr = (reprfunc)tr_repr,
  .tp_call = (ternaryfunc)tr_call,
  .tp_flags = Py_TPFLAGS_DEFAULT,
  .tp_doc = tr_doc,
  .tp_methods = tr_methods,
  .tp_getset = tr_getset,
  .tp_init = (initproc)tr_init,
  .tp_new = PyType_GenericNew,
};

static bool list_cb(void *user, const char *id, const char *desc) {
  PyObject *item = Py_BuildValue("(ss)", id, desc ? desc : "");
  if (!item || PyList_Append((PyObject *)user, item) < 0) {
    Py_XDECREF(item);
    return false;
  }
  Py_DECREF(item);
  return true;
}

PyDoc_STRVAR(ids_doc,
"transliterator_ids() -> list[tuple[str, str]]\n\n"
"Every transform ID ICU and libloc provide, sorted, with a one-line English\n"
"description.");

static PyObject *py_ids(PyObject *self, PyObject *unused) {
  PyObject *list = PyList_New(0);
  if (!list) return NULL;
  int st = loc_translit_list(list_cb, list);
  if (PyErr_Occurred()) {
    Py_DECREF(list);
    return NULL;
  }
  if (st != LOC_OK) {
    Py_DECREF(list);
    return lt_raise(st, NULL);
  }
  return list;
}

static PyMethodDef methods[] = {
  {"transliterator_ids", py_ids, METH_NOARGS, ids_doc},
  {NULL, NULL, 0, NULL},
};

int lt_init_translit(PyObject *m) {
  if (lt_add_type(m, &TranslitType) < 0) return -1;
  return lt_add_functions(m, methods);
}

/* loctext — RFC 7940 Label Generation Rulesets: the LGR type. */
#include "common.h"

#include <loc/loc.h>

typedef struct {
  PyObject_HEAD
  loc_lgr *lgr;
  lt_pool pool; /* loc_lgr_ctx per thread */
  PyObject *source;
} LgrObject;

static PyTypeObject *LgrVerdict, *LgrVariants, *LgrVariant;

static int make_ctx(void *owner, void **out) { return loc_lgr_ctx_new(owner, (loc_lgr_ctx **)out); }
static void drop_ctx(void *c) { loc_lgr_ctx_free(c); }

static void lgr_dealloc(LgrObject *self) {
  if (self->lgr) {
    lt_pool_clear(&self->pool);
    loc_lgr_free(self->lgr);
  }
  Py_XDECREF(self->source);
  Py_TYPE(self)->tp_free((PyObject *)self);
}

static int lgr_init(LgrObject *self, PyObject *args, PyObject *kwds) {
  static char *kwlist[] = {"path", "xml", "name", NULL};
  PyObject *path = Py_None, *xml = Py_None;
  const char *name = NULL;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "|O$Oz", kwlist, &path, &xml, &name)) return -1;
  if (self->lgr) {
    PyErr_SetString(PyExc_RuntimeError, "LGR already initialised");
    return -1;
  }
  if ((path == Py_None) == (xml == Py_None)) {
    PyErr_SetString(PyExc_TypeError, "give either a path or xml=");
    return -1;
  }
  loc_lgr *lgr = NULL;
  char *error = NULL;
  int st;
  PyObject *src;
  if (path != Py_None) {
    PyObject *bytes = NULL;
    if (!PyUnicode_FSConverter(path, &bytes)) return -1;
    const char *p = PyBytes_AS_STRING(bytes);
    Py_BEGIN_ALLOW_THREADS
    st = loc_lgr_new_file(p, &lgr, &error);
    Py_END_ALLOW_THREADS
    Py_DECREF(bytes);
    src = Py_NewRef(path);
  } else {
    const char *data;
    Py_ssize_t len;
    lt_text t;
    if (PyBytes_Check(xml)) {
      data = PyBytes_AS_STRING(xml);
      len = PyBytes_GET_SIZE(xml);
    } else if (lt_text_get(xml, "xml", &t)) {
      data = t.s;
      len = t.len;
    } else {
      return -1;
    }
    Py_BEGIN_ALLOW_THREADS
    st = loc_lgr_new_memory(data, (size_t)len, name, &lgr, &error);
    Py_END_ALLOW_THREADS
    src = PyUnicode_FromString(name ? name : "<memory>");
  }
  if (st != LOC_OK) {
    Py_XDECREF(src);
    lt_raise(st, error);
    loc_free(error);
    return -1;
  }
  loc_free(error);
  self->lgr = lgr;
  self->source = src;
  lt_pool_init(&self->pool, make_ctx, drop_ctx, lgr);
  return 0;
}

static bool ready(LgrObject *self) {
  if (!self->lgr) PyErr_SetString(PyExc_RuntimeError, "LGR not initialised");
  return self->lgr != NULL;
}

PyDoc_STRVAR(eval_doc,
"evaluate(label) -> LgrVerdict\n\n"
"The disposition of one U-label: LgrVerdict(disposition, reason, char,\n"
"offset, action, in_repertoire); disposition is 'valid', 'invalid',\n"
"'blocked', 'allocatable' or the LGR's own. offset is a code point index.");

static PyObject *lgr_evaluate(LgrObject *self, PyObject *arg) {
  lt_text t;
  if (!ready(self) || !lt_text_get(arg, "label", &t)) return NULL;
  void *ctx;
  int st = lt_pool_take(&self->pool, &ctx);
  if (st != LOC_OK) return lt_raise(st, NULL);
  loc_lgr_result r;
  Py_BEGIN_ALLOW_THREADS
  st = loc_lgr_evaluate(ctx, t.s, (size_t)t.len, &r);
  Py_END_ALLOW_THREADS
  PyObject *res = NULL;
  if (st != LOC_OK) {
    lt_raise(st, NULL);
  } else {
    lt_offsets off;
    lt_offsets_init(&off, &t);
    res = lt_struct(LgrVerdict, 6, PyUnicode_FromString(r.disposition ? r.disposition : "?"),
                    PyUnicode_FromString(r.reason ? r.reason : ""),
                    r.codepoint >= 0 ? PyUnicode_FromOrdinal(r.codepoint) : Py_NewRef(Py_None),
                    PyLong_FromSsize_t(lt_offsets_cp(&off, r.offset)), PyLong_FromLong(r.action),
                    PyBool_FromLong(r.in_repertoire));
  }
  lt_pool_give(&self->pool, ctx);
  return res;
}

PyDoc_STRVAR(var_doc,
"variants(label, max=0) -> LgrVariants\n\n"
"The variant labels of label with their dispositions (invalid ones\n"
"dropped): LgrVariants(variants, total, truncated); max 0 is the default cap.");

static PyObject *lgr_variants(LgrObject *self, PyObject *args, PyObject *kwds) {
  static char *kwlist[] = {"label", "max", NULL};
  PyObject *label;
  Py_ssize_t max = 0;
  lt_text t;
  if (!ready(self) || !PyArg_ParseTupleAndKeywords(args, kwds, "O|n", kwlist, &label, &max) ||
      !lt_text_get(label, "label", &t))
    return NULL;
  if (max < 0) {
    PyErr_SetString(PyExc_ValueError, "max must be >= 0");
    return NULL;
  }
  void *ctx;
  int st = lt_pool_take(&self->pool, &ctx);
  if (st != LOC_OK) return lt_raise(st, NULL);
  Py_BEGIN_ALLOW_THREADS
  st = loc_lgr_variants(ctx, t.s, (size_t)t.len, (size_t)max);
  Py_END_ALLOW_THREADS
  PyObject *res = NULL;
  if (st != LOC_OK) {
    lt_raise(st, NULL);
  } else {
    size_t n = loc_lgr_variant_count(ctx);
    PyObject *list = PyList_New((Py_ssize_t)n);
    for (size_t i = 0; list && i < n; i++) {
      const char *v = NULL;
      size_t vlen = 0;
      const char *disp = loc_lgr_variant_at(ctx, i, &v, &vlen);
      PyObject *o = lt_struct(LgrVariant, 2, lt_str(v ? v : "", v ? vlen : 0),
                              PyUnicode_FromString(disp ? disp : "?"));
      if (!o) Py_CLEAR(list);
      else PyList_SET_ITEM(list, (Py_ssize_t)i, o);
    }
    res = lt_struct(LgrVariants, 3, list, PyLong_FromUnsignedLongLong(loc_lgr_variants_total(ctx)),
                    PyBool_FromLong(loc_lgr_variants_truncated(ctx)));
  }
  lt_pool_give(&self->pool, ctx);
  return res;
}

PyDoc_STRVAR(index_doc,
"index_label(label) -> str\n\n"
"The RFC 7940 index label: labels of one variant set share it.\n"
"loctext.Error when the label is not in the repertoire.");

static PyObject *lgr_index(LgrObject *self, PyObject *arg) {
  lt_text t;
  if (!ready(self) || !lt_text_scratch(arg, "label", &t)) return NULL;
  void *ctx;
  int st = lt_pool_take(&self->pool, &ctx);
  if (st != LOC_OK) return lt_raise(st, NULL);
  const char *ix = NULL;
  size_t n = 0;
  Py_BEGIN_ALLOW_THREADS
  st = loc_lgr_index_label(ctx, t.s, (size_t)t.len, &ix, &n);
  Py_END_ALLOW_THREADS
  PyObject *res = st == LOC_OK ? lt_str(ix, n) : lt_raise(st, "the label is not in the repertoire");
  lt_pool_give(&self->pool, ctx);
  return res;
}

static void problem_cb(const loc_lgr_problem *p, void *user) {
  PyObject *list = user;
  if (PyErr_Occurred()) return;
  PyObject *o = Py_BuildValue("(sNis)", p->check ? p->check : "?",
                              p->codepoint >= 0 ? PyUnicode_FromOrdinal(p->codepoint)
                                                : Py_NewRef(Py_None),
                              p->line, p->message ? p->message : "");
  if (o) PyList_Append(list, o);
  Py_XDECREF(o);
}

PyDoc_STRVAR(validate_doc,
"validate(derived_age=None) -> list[tuple[str, str | None, int, str]]\n\n"
"Problems of the LGR itself: (check, char, line, message), check being\n"
"'symmetry', 'transitivity', 'idna2008', 'unicode-version', 'unused-rule'\n"
"or 'meta'.");

static PyObject *lgr_validate(LgrObject *self, PyObject *args, PyObject *kwds) {
  static char *kwlist[] = {"derived_age", NULL};
  const char *age = NULL;
  if (!ready(self) || !PyArg_ParseTupleAndKeywords(args, kwds, "|z", kwlist, &age)) return NULL;
  PyObject *list = PyList_New(0);
  if (!list) return NULL;
  int st = loc_lgr_validate(self->lgr, age, problem_cb, list, NULL);
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

static PyObject *lgr_meta(LgrObject *self, void *closure) {
  if (!ready(self)) return NULL;
  static const char *names[] = {"version", "date", "language", "scope", "unicode_version",
                                "validity_start", "validity_end", "description"};
  PyObject *d = PyDict_New();
  for (int i = 0; d && i < 8; i++) {
    const char *v = loc_lgr_meta(self->lgr, (loc_lgr_meta_field)i);
    if (!v) continue;
    PyObject *s = PyUnicode_FromString(v);
    if (!s || PyDict_SetItemString(d, names[i], s) < 0) Py_CLEAR(d);
    Py_XDECREF(s);
  }
  return d;
}

static PyObject *lgr_repr(LgrObject *self) {
  return PyUnicode_FromFormat("<loctext.LGR %R>", self->source ? self->source : Py_None);
}

static PyMethodDef lgr_methods[] = {
  {"evaluate", (PyCFunction)lgr_evaluate, METH_O, eval_doc},
  {"variants", (PyCFunction)(void (*)(void))lgr_variants, METH_VARARGS | METH_KEYWORDS, var_doc},
  {"index_label", (PyCFunction)lgr_index, METH_O, index_doc},
  {"validate", (PyCFunction)(void (*)(void))lgr_validate, METH_VARARGS | METH_KEYWORDS,
   validate_doc},
  {NULL, NULL, 0, NULL},
};

static PyGetSetDef lgr_getset[] = {
  {"meta", (getter)lgr_meta, NULL, "The <meta> fields present, as a dict.", NULL},
  {NULL, NULL, NULL, NULL, NULL},
};

PyDoc_STRVAR(lgr_doc,
"LGR(path) or LGR(xml=..., name=None)\n\n"
"An RFC 7940 Label Generation Ruleset loaded from a file or from XML text\n"
"(str or bytes). Loading errors raise loctext.Error with 'NAME:LINE:\n"
"message'. Immutable; safe to share between threads.");

static PyTypeObject LgrType = {
  PyVarObject_HEAD_INIT(NULL, 0)
  .tp_name = "loctext.LGR",
  .tp_basicsize = sizeof(LgrObject),
  .tp_dealloc = (destructor)lgr_dealloc,
  .tp_repr = (reprfunc)lgr_repr,
  .tp_flags = Py_TPFLAGS_DEFAULT,
  .tp_doc = lgr_doc,
  .tp_methods = lgr_methods,
  .tp_getset = lgr_getset,
  .tp_init = (initproc)lgr_init,
  .tp_new = PyType_GenericNew,
};

int lt_init_lgr(PyObject *m) {
  static const char *const v_fields[] = {
    "disposition:'valid', 'invalid', 'blocked', 'allocatable' or the LGR's own",
    "reason:one English line: what decided", "char:the character at fault, or None",
    "offset:its code point index in the label", "action:index of the deciding action "
    "(-1: the repertoire decided, -2: a default action)",
    "in_repertoire:every code point placed and its context satisfied", NULL};
  static const char *const vs_fields[] = {"variants:LgrVariant list", "total:exact count, or an "
                                          "estimate when truncated", "truncated", NULL};
  static const char *const vr_fields[] = {"label", "disposition", NULL};
  LgrVerdict = lt_struct_type(m, "LgrVerdict", "The verdict of an LGR on one label.", v_fields);
  LgrVariants = lt_struct_type(m, "LgrVariants", "The variant labels of a label.", vs_fields);
  LgrVariant = lt_struct_type(m, "LgrVariant", "One variant label.", vr_fields);
  if (!LgrVerdict || !LgrVariants || !LgrVariant) return -1;
  return lt_add_type(m, &LgrType);
}

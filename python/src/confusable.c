/* loctext — confusable domain names: the ConfusableIndex type. */
#include "common.h"

#include <loc/loc.h>

typedef struct {
  PyObject_HEAD
  loc_confusable_index *ix;
  lt_pool pool; /* loc_confusable_ctx per thread */
} IndexObject;

static PyTypeObject *Confusable;

static int make_ctx(void *owner, void **out) {
  return loc_confusable_ctx_new(owner, (loc_confusable_ctx **)out);
}
static void drop_ctx(void *c) { loc_confusable_ctx_free(c); }

static void ix_dealloc(IndexObject *self) {
  if (self->ix) {
    lt_pool_clear(&self->pool);
    loc_confusable_index_free(self->ix);
  }
  Py_TYPE(self)->tp_free((PyObject *)self);
}

static int ix_init(IndexObject *self, PyObject *args, PyObject *kwds) {
  static char *kwlist[] = {"names", NULL};
  PyObject *names;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "O", kwlist, &names)) return -1;
  if (self->ix) {
    PyErr_SetString(PyExc_RuntimeError, "ConfusableIndex already initialised");
    return -1;
  }
  PyObject *keep;
  lt_text *texts;
  Py_ssize_t n;
  if (!lt_texts_from_iterable(names, "name", &keep, &texts, &n)) return -1;
  loc_confusable_index *ix = NULL;
  int st = loc_confusable_index_new(&ix);
  Py_ssize_t bad = -1;
  Py_BEGIN_ALLOW_THREADS
  for (Py_ssize_t i = 0; i < n && st == LOC_OK; i++) {
    st = loc_confusable_index_add(ix, texts[i].s, (size_t)texts[i].len);
    if (st != LOC_OK) bad = i;
  }
  if (st == LOC_OK) st = loc_confusable_index_finish(ix);
  Py_END_ALLOW_THREADS
  PyMem_Free(texts);
  Py_DECREF(keep);
  if (st != LOC_OK) {
    loc_confusable_index_free(ix);
    if (bad >= 0) lt_raisef(st, "name %zd", bad);
    else lt_raise(st, NULL);
    return -1;
  }
  self->ix = ix;
  lt_pool_init(&self->pool, make_ctx, drop_ctx, ix);
  return 0;
}

static bool ready(IndexObject *self) {
  if (!self->ix) PyErr_SetString(PyExc_RuntimeError, "ConfusableIndex not initialised");
  return self->ix != NULL;
}

static PyObject *diffs(IndexObject *self, void *ctx, size_t i) {
  loc_confusable_diff d[64];
  size_t n = 0;
  int st = loc_confusable_match_diff(ctx, i, d, 64, &n);
  if (st == LOC_E_BUFFER_TOO_SMALL) n = 64;
  else if (st != LOC_OK) return lt_raise(st, NULL);
  PyObject *tup = PyTuple_New((Py_ssize_t)n);
  for (size_t j = 0; tup && j < n; j++) {
    PyObject *o = Py_BuildValue(
        "(NN)", d[j].input >= 0 ? PyUnicode_FromOrdinal(d[j].input) : Py_NewRef(Py_None),
        d[j].registered >= 0 ? PyUnicode_FromOrdinal(d[j].registered) : Py_NewRef(Py_None));
    if (!o) Py_CLEAR(tup);
    else PyTuple_SET_ITEM(tup, (Py_ssize_t)j, o);
  }
  return tup;
}

PyDoc_STRVAR(lookup_doc,
"lookup(name) -> list[Confusable]\n\n"
"Every registered name with the UTS #39 skeleton of name (the name itself\n"
"too when registered): Confusable(name, skeleton, differences), where\n"
"differences pairs the characters that differ, (in name, in match).");

static PyObject *ix_lookup(IndexObject *self, PyObject *arg) {
  lt_text t;
  if (!ready(self) || !lt_text_scratch(arg, "name", &t)) return NULL;
  void *ctx;
  int st = lt_pool_take(&self->pool, &ctx);
  if (st != LOC_OK) return lt_raise(st, NULL);
  size_t count = 0;
  Py_BEGIN_ALLOW_THREADS
  st = loc_confusable_lookup(ctx, t.s, (size_t)t.len, &count);
  Py_END_ALLOW_THREADS
  PyObject *list = st == LOC_OK ? PyList_New((Py_ssize_t)count) : lt_raise(st, NULL);
  size_t sklen = 0;
  const char *sk = list ? loc_confusable_skeleton(ctx, &sklen) : NULL;
  for (size_t i = 0; list && i < count; i++) {
    size_t len = 0;
    const char *name = loc_confusable_match(ctx, i, &len);
    PyObject *o = lt_struct(Confusable, 3, lt_str(name ? name : "", name ? len : 0),
                            lt_str(sk ? sk : "", sk ? sklen : 0), diffs(self, ctx, i));
    if (!o) Py_CLEAR(list);
    else PyList_SET_ITEM(list, (Py_ssize_t)i, o);
  }
  lt_pool_give(&self->pool, ctx);
  return list;
}

static Py_ssize_t ix_len(IndexObject *self) {
  if (!ready(self)) return -1;
  return (Py_ssize_t)loc_confusable_index_count(self->ix);
}

static PyObject *ix_nbytes(IndexObject *self, void *closure) {
  if (!ready(self)) return NULL;
  return PyLong_FromSize_t(loc_confusable_index_bytes(self->ix));
}

static PyObject *ix_repr(IndexObject *self) {
  if (!self->ix) return PyUnicode_FromString("<loctext.ConfusableIndex (uninitialised)>");
  return PyUnicode_FromFormat("<loctext.ConfusableIndex of %zu names>",
                              loc_confusable_index_count(self->ix));
}

static PyMethodDef ix_methods[] = {
  {"lookup", (PyCFunction)ix_lookup, METH_O, lookup_doc},
  {NULL, NULL, 0, NULL},
};

static PyGetSetDef ix_getset[] = {
  {"nbytes", (getter)ix_nbytes, NULL, "Heap bytes the index holds.", NULL},
  {NULL, NULL, NULL, NULL, NULL},
};

static PySequenceMethods ix_seq = {.sq_length = (lenfunc)ix_len};

PyDoc_STRVAR(ix_doc,
"ConfusableIndex(names)\n\n"
"An index of registered domain names by UTS #39 skeleton (label by label,\n"
"after UTS #46 ToUnicode), built from an iterable of str; lookups take\n"
"constant time and may run in many threads at once.");

static PyTypeObject IndexType = {
  PyVarObject_HEAD_INIT(NULL, 0)
  .tp_name = "loctext.ConfusableIndex",
  .tp_basicsize = sizeof(IndexObject),
  .tp_dealloc = (destructor)ix_dealloc,
  .tp_repr = (reprfunc)ix_repr,
  .tp_as_sequence = &ix_seq,
  .tp_flags = Py_TPFLAGS_DEFAULT,
  .tp_doc = ix_doc,
  .tp_methods = ix_methods,
  .tp_getset = ix_getset,
  .tp_init = (initproc)ix_init,
  .tp_new = PyType_GenericNew,
};

int lt_init_confusable(PyObject *m) {
  static const char *const fields[] = {
    "name:the registered name, as it was added", "skeleton:the shared UTS #39 skeleton",
    "differences:pairs (character in the looked-up name, in the match); None where one side has none",
    NULL};
  Confusable = lt_struct_type(m, "Confusable", "A registered name confusable with a lookup.", fields);
  if (!Confusable) return -1;
  return lt_add_type(m, &IndexType);
}

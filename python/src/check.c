/* loctext — text checks for content creators: the Checker type. */
#include "common.h"

#include <loc/loc.h>

typedef struct {
  PyObject_HEAD
  loc_checker *c;
  lt_pool pool; /* loc_check_ctx per thread */
  PyObject *lang;
} CheckerObject;

static PyTypeObject *Finding, *CheckRule;

static int make_ctx(void *owner, void **out) {
  return loc_check_ctx_new((const loc_checker *)owner, (loc_check_ctx **)out);
}
static void drop_ctx(void *c) { loc_check_ctx_free(c); }

static void ch_dealloc(CheckerObject *self) {
  if (self->c) {
    lt_pool_clear(&self->pool);
    loc_checker_free(self->c);
  }
  Py_XDECREF(self->lang);
  Py_TYPE(self)->tp_free((PyObject *)self);
}

static int set_rules(loc_checker *c, PyObject *rules, bool on) {
  if (!rules || rules == Py_None) return 0;
  PyObject *seq = PySequence_Fast(rules, "rules must be an iterable of rule ids");
  if (!seq) return -1;
  for (Py_ssize_t i = 0; i < PySequence_Fast_GET_SIZE(seq); i++) {
    const char *id = PyUnicode_AsUTF8(PySequence_Fast_GET_ITEM(seq, i));
    if (!id) {
      Py_DECREF(seq);
      return -1;
    }
    int st = loc_checker_set_rule(c, id, on);
    if (st != LOC_OK) {
      Py_DECREF(seq);
      lt_raisef(st, "unknown rule '%s' (see loctext.check_rules())", id);
      return -1;
    }
  }
  Py_DECREF(seq);
  return 0;
}

static int ch_init(CheckerObject *self, PyObject *args, PyObject *kwds) {
  static char *kwlist[] = {"lang", "enable", "disable", NULL};
  PyObject *lang = Py_None, *enable = NULL, *disable = NULL;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "|O$OO", kwlist, &lang, &enable, &disable))
    return -1;
  if (self->c) {
    PyErr_SetString(PyExc_RuntimeError, "Checker already initialised");
    return -1;
  }
  lt_text tag = {"", 0, true};
  if (lang != Py_None && !lt_text_get(lang, "lang", &tag)) return -1;
  loc_checker *c = NULL;
  int st;
  Py_BEGIN_ALLOW_THREADS
  st = loc_checker_new(tag.len ? tag.s : NULL, &c);
  Py_END_ALLOW_THREADS
  if (st != LOC_OK) {
    lt_raisef(st, "lang '%s'", tag.s);
    return -1;
  }
  if (enable && enable != Py_None) {
    /* enable=[...] means only those */
    loc_checker_set_rule(c, "all", false);
    if (set_rules(c, enable, true) < 0) {
      loc_checker_free(c);
      return -1;
    }
  }
  if (set_rules(c, disable, false) < 0) {
    loc_checker_free(c);
    return -1;
  }
  self->c = c;
  self->lang = Py_NewRef(lang);
  lt_pool_init(&self->pool, make_ctx, drop_ctx, c);
  return 0;
}

static bool ready(CheckerObject *self) {
  if (!self->c) PyErr_SetString(PyExc_RuntimeError, "Checker not initialised");
  return self->c != NULL;
}

static PyObject *opt_text(const char *s, size_t n) { return s ? lt_str(s, n) : Py_NewRef(Py_None); }

static const char *severity(loc_check_severity s) {
  const char *n = loc_check_severity_name(s);
  return n ? n : "?";
}

PyDoc_STRVAR(check_doc,
"check(text) -> list[Finding]\n\n"
"The findings for one line of text, in order: Finding(start, end, rule,\n"
"severity, message, fix, suggestion) with code point indices; fix is the\n"
"safe replacement of text[start:end] (None when there is none), suggestion\n"
"a change a person must confirm.");

static PyObject *ch_check(CheckerObject *self, PyObject *arg) {
  lt_text t;
  if (!ready(self) || !lt_text_get(arg, "text", &t)) return NULL;
  void *ctx;
  int st = lt_pool_take(&self->pool, &ctx);
  if (st != LOC_OK) return lt_raise(st, NULL);
  const loc_check_finding *f = NULL;
  size_t n = 0;
  Py_BEGIN_ALLOW_THREADS
  st = loc_check_text(ctx, t.s, (size_t)t.len, &f, &n);
  Py_END_ALLOW_THREADS
  PyObject *list = st == LOC_OK ? PyList_New((Py_ssize_t)n) : lt_raise(st, NULL);
  lt_offsets off;
  lt_offsets_init(&off, &t);
  for (size_t i = 0; list && i < n; i++) {
    const loc_check_rule *r = loc_check_rule_at(f[i].rule);
    Py_ssize_t a = lt_offsets_cp(&off, f[i].offset);
    Py_ssize_t b = lt_offsets_cp(&off, f[i].offset + f[i].length);
    PyObject *o = lt_struct(Finding, 7, PyLong_FromSsize_t(a), PyLong_FromSsize_t(b),
                            PyUnicode_FromString(r ? r->id : "?"),
                            PyUnicode_FromString(severity(f[i].severity)),
                            PyUnicode_FromString(f[i].message ? f[i].message : ""),
                            opt_text(f[i].fix, f[i].fix_len),
                            opt_text(f[i].suggestion, f[i].suggestion_len));
    if (!o) Py_CLEAR(list);
    else PyList_SET_ITEM(list, (Py_ssize_t)i, o);
  }
  lt_pool_give(&self->pool, ctx);
  return list;
}

PyDoc_STRVAR(fix_doc,
"fix(text) -> str\n\n"
"The text with every safe fix applied (text outside the findings is kept).");

static PyObject *ch_fix(CheckerObject *self, PyObject *arg) {
  lt_text t;
  if (!ready(self) || !lt_text_scratch(arg, "text", &t)) return NULL;
  void *ctx;
  int st = lt_pool_take(&self->pool, &ctx);
  if (st != LOC_OK) return lt_raise(st, NULL);
  char *out = NULL;
  size_t n = 0;
  Py_BEGIN_ALLOW_THREADS
  st = loc_check_fix_alloc(ctx, t.s, (size_t)t.len, &out, &n);
  Py_END_ALLOW_THREADS
  lt_pool_give(&self->pool, ctx);
  if (st != LOC_OK) return lt_raise(st, NULL);
  PyObject *r = lt_str(out, n);
  loc_free(out);
  return r;
}

static PyObject *ch_repr(CheckerObject *self) {
  return PyUnicode_FromFormat("<loctext.Checker lang=%R>", self->lang ? self->lang : Py_None);
}

static PyObject *ch_enabled(CheckerObject *self, void *closure) {
  if (!ready(self)) return NULL;
  PyObject *list = PyList_New(0);
  for (size_t i = 0; list && i < loc_check_rule_count(); i++) {
    if (!loc_checker_rule_enabled(self->c, i)) continue;
    PyObject *s = PyUnicode_FromString(loc_check_rule_at(i)->id);
    if (!s || PyList_Append(list, s) < 0) Py_CLEAR(list);
    Py_XDECREF(s);
  }
  return list;
}

static PyMethodDef ch_methods[] = {
  {"check", (PyCFunction)ch_check, METH_O, check_doc},
  {"fix", (PyCFunction)ch_fix, METH_O, fix_doc},
  {NULL, NULL, 0, NULL},
};

static PyGetSetDef ch_getset[] = {
  {"enabled_rules", (getter)ch_enabled, NULL, "Ids of the rules that run.", NULL},
  {NULL, NULL, NULL, NULL, NULL},
};

PyDoc_STRVAR(ch_doc,
"Checker(lang=None, *, enable=None, disable=None)\n\n"
"Checks text for encoding, normalization, invisible and bidi characters,\n"
"syllable structure, do-not-use sequences, mixed scripts and (with lang)\n"
"language exemplars. enable: only these rule ids; disable: all but these.\n"
"Safe to share between threads.");

static PyTypeObject CheckerType = {
  PyVarObject_HEAD_INIT(NULL, 0)
  .tp_name = "loctext.Checker",
  .tp_basicsize = sizeof(CheckerObject),
  .tp_dealloc = (destructor)ch_dealloc,
  .tp_repr = (reprfunc)ch_repr,
  .tp_flags = Py_TPFLAGS_DEFAULT,
  .tp_doc = ch_doc,
  .tp_methods = ch_methods,
  .tp_getset = ch_getset,
  .tp_init = (initproc)ch_init,
  .tp_new = PyType_GenericNew,
};

PyDoc_STRVAR(rules_doc,
"check_rules() -> list[CheckRule]\n\n"
"Every rule of the checker: CheckRule(id, family, severity, summary,\n"
"fixable, needs_lang). Rule ids are stable.");

static PyObject *py_rules(PyObject *self, PyObject *unused) {
  size_t n = loc_check_rule_count();
  PyObject *list = PyList_New((Py_ssize_t)n);
  for (size_t i = 0; list && i < n; i++) {
    const loc_check_rule *r = loc_check_rule_at(i);
    PyObject *o = lt_struct(CheckRule, 6, PyUnicode_FromString(r->id),
                            PyUnicode_FromString(r->family),
                            PyUnicode_FromString(severity(r->severity)),
                            PyUnicode_FromString(r->summary), PyBool_FromLong(r->fixable),
                            PyBool_FromLong(r->needs_lang));
    if (!o) Py_CLEAR(list);
    else PyList_SET_ITEM(list, (Py_ssize_t)i, o);
  }
  return list;
}

static PyMethodDef methods[] = {
  {"check_rules", py_rules, METH_NOARGS, rules_doc},
  {NULL, NULL, 0, NULL},
};

int lt_init_check(PyObject *m) {
  static const char *const f_fields[] = {
    "start:code point index", "end:code point index after the span", "rule:rule id",
    "severity:'info', 'warning' or 'error'", "message:one English line",
    "fix:safe replacement for text[start:end], or None",
    "suggestion:a replacement a person must confirm, or None", NULL};
  static const char *const r_fields[] = {"id", "family", "severity", "summary", "fixable",
                                         "needs_lang", NULL};
  Finding = lt_struct_type(m, "Finding", "One finding of the checker.", f_fields);
  CheckRule = lt_struct_type(m, "CheckRule", "One rule of the checker.", r_fields);
  if (!Finding || !CheckRule || lt_add_type(m, &CheckerType) < 0) return -1;
  return lt_add_functions(m, methods);
}

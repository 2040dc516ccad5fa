/* loctext — internationalised domain names: UTS #46 ToASCII / ToUnicode,
 * the registration check, RFC 5892 properties. */
#include "common.h"

#include <loc/loc.h>
#include <string.h>

static loc_idn *g_idn;
static lt_pool g_pool;
static PyTypeObject *IdnResult, *IdnError;

enum { OP_TO_ASCII = 0, OP_TO_UNICODE = 1, OP_CHECK = 2 };

static int make_ctx(void *owner, void **out) {
  return loc_idn_context_new((loc_idn_context **)out);
}
static void drop_ctx(void *ctx) { loc_idn_context_free(ctx); }

static int convert(int op, loc_idn_context *ctx, unsigned flags, const lt_text *t, char *buf,
                   size_t cap, char **out, size_t *out_len) {
  *out = buf;
  int st;
  switch (op) {
  case OP_TO_ASCII:
    st = loc_idn_to_ascii(g_idn, ctx, flags, t->s, (size_t)t->len, buf, cap, out_len);
    break;
  case OP_TO_UNICODE:
    st = loc_idn_to_unicode(g_idn, ctx, flags, t->s, (size_t)t->len, buf, cap, out_len);
    break;
  default:
    st = loc_idn_check(g_idn, ctx, flags, t->s, (size_t)t->len, buf, cap, out_len);
  }
  if (st != LOC_E_BUFFER_TOO_SMALL) return st;
  *out = NULL;
  switch (op) {
  case OP_TO_ASCII:
    return loc_idn_to_ascii_alloc(g_idn, ctx, flags, t->s, (size_t)t->len, out, out_len);
  case OP_TO_UNICODE:
    return loc_idn_to_unicode_alloc(g_idn, ctx, flags, t->s, (size_t)t->len, out, out_len);
  default:
    return loc_idn_check_alloc(g_idn, ctx, flags, t->s, (size_t)t->len, out, out_len);
  }
}

static PyObject *problem_list(loc_idn_context *ctx, const lt_text *t, bool warnings) {
  size_t n = warnings ? loc_idn_warning_count(ctx) : loc_idn_error_count(ctx);
  if (n == 0) return PyTuple_New(0);
  PyObject *tup = PyTuple_New((Py_ssize_t)n);
  if (!tup) return NULL;
  lt_offsets off;
  lt_offsets_init(&off, t);
  for (size_t i = 0; i < n; i++) {
    const loc_idn_error *e = warnings ? loc_idn_warning_at(ctx, i) : loc_idn_error_at(ctx, i);
    PyObject *item =
        lt_struct(IdnError, 5, PyUnicode_FromString(e->code ? e->code : "?"),
                  PyLong_FromSize_t(e->label), PyLong_FromSsize_t(lt_offsets_cp(&off, e->offset)),
                  e->codepoint >= 0 ? PyUnicode_FromOrdinal(e->codepoint) : Py_NewRef(Py_None),
                  PyUnicode_FromString(e->message ? e->message : ""));
    if (!item) {
      Py_DECREF(tup);
      return NULL;
    }
    PyTuple_SET_ITEM(tup, (Py_ssize_t)i, item);
  }
  return tup;
}

static PyObject *level_obj(loc_idn_level lv) {
  const char *name = lv == LOC_IDN_LEVEL_NONE ? NULL : loc_idn_level_name(lv);
  return name ? PyUnicode_FromString(name) : Py_NewRef(Py_None);
}

/* One conversion with @ctx already taken; builds the IdnResult. */
static PyObject *one(int op, loc_idn_context *ctx, unsigned flags, const lt_text *t) {
  char stackbuf[512];
  char *out = NULL;
  size_t out_len = 0;
  int st;
  Py_BEGIN_ALLOW_THREADS
  st = convert(op, ctx, flags, t, stackbuf, sizeof stackbuf, &out, &out_len);
  Py_END_ALLOW_THREADS
  if (st != LOC_OK) {
    if (out && out != stackbuf) loc_free(out);
    return lt_raise(st, NULL);
  }
  PyObject *output = lt_str(out, out_len);
  if (out != stackbuf) loc_free(out);
  bool ok = loc_idn_ok(ctx);
  PyObject *level = Py_NewRef(Py_None), *labels = Py_NewRef(Py_None);
  if (op == OP_CHECK) {
    Py_SETREF(level, level_obj(loc_idn_restriction_level(ctx)));
    size_t nl = loc_idn_label_count(ctx);
    Py_SETREF(labels, PyTuple_New((Py_ssize_t)nl));
    for (size_t i = 0; labels && i < nl; i++) {
      PyObject *lv = level_obj(loc_idn_label_level(ctx, i));
      if (!lv) {
        Py_CLEAR(labels);
        break;
      }
      PyTuple_SET_ITEM(labels, (Py_ssize_t)i, lv);
    }
  }
  return lt_struct(IdnResult, 7, PyBool_FromLong(ok), output, problem_list(ctx, t, false),
                   problem_list(ctx, t, true), level, labels,
                   PyBool_FromLong(loc_idn_truncated(ctx)));
}

static bool parse_common(PyObject *args, PyObject *kwds, int *op, PyObject **obj,
                         unsigned *flags) {
  static char *kwlist[] = {"op", "name", "flags", NULL};
  *flags = 0;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "iO|I", kwlist, op, obj, flags)) return false;
  if (*op < OP_TO_ASCII || *op > OP_CHECK) {
    PyErr_SetString(PyExc_ValueError, "unknown IDN operation");
    return false;
  }
  return true;
}

PyDoc_STRVAR(idn_doc,
"_idn(op, name, flags=0) -> IdnResult\n\n"
"op 0: UTS #46 ToASCII, 1: ToUnicode, 2: registration check. Use loctext.idn.");

static PyObject *py_idn(PyObject *self, PyObject *args, PyObject *kwds) {
  int op;
  PyObject *obj;
  unsigned flags;
  lt_text t;
  if (!parse_common(args, kwds, &op, &obj, &flags) || !lt_text_get(obj, "name", &t)) return NULL;
  void *ctx;
  int st = lt_pool_take(&g_pool, &ctx);
  if (st != LOC_OK) return lt_raise(st, NULL);
  PyObject *res = one(op, ctx, flags, &t);
  lt_pool_give(&g_pool, ctx);
  return res;
}

PyDoc_STRVAR(idn_many_doc,
"_idn_many(op, names, flags=0) -> list[IdnResult]\n\n"
"_idn() over an iterable of names, without a Python call per name.");

static PyObject *py_idn_many(PyObject *self, PyObject *args, PyObject *kwds) {
  int op;
  PyObject *obj;
  unsigned flags;
  if (!parse_common(args, kwds, &op, &obj, &flags)) return NULL;
  PyObject *keep;
  lt_text *texts;
  Py_ssize_t n;
  if (!lt_texts_from_iterable(obj, "name", &keep, &texts, &n)) return NULL;
  void *ctx = NULL;
  int st = lt_pool_take(&g_pool, &ctx);
  PyObject *list = st == LOC_OK ? PyList_New(n) : lt_raise(st, NULL);
  for (Py_ssize_t i = 0; list && i < n; i++) {
    PyObject *r = one(op, ctx, flags, &texts[i]);
    if (!r) Py_CLEAR(list);
    else PyList_SET_ITEM(list, i, r);
  }
  lt_pool_give(&g_pool, ctx);
  PyMem_Free(texts);
  Py_DECREF(keep);
  return list;
}

PyDoc_STRVAR(rfc5892_doc,
"rfc5892_property(char) -> str\n\n"
"The RFC 5892 derived property of one character: 'PVALID', 'CONTEXTJ',\n"
"'CONTEXTO', 'DISALLOWED' or 'UNASSIGNED' (from ICU's Unicode data).");

static PyObject *py_rfc5892(PyObject *self, PyObject *arg) {
  long cp;
  if (PyUnicode_Check(arg)) {
    if (PyUnicode_GET_LENGTH(arg) != 1) {
      PyErr_SetString(PyExc_ValueError, "expected one character");
      return NULL;
    }
    cp = (long)PyUnicode_READ_CHAR(arg, 0);
  } else {
    cp = PyLong_AsLong(arg);
    if (cp == -1 && PyErr_Occurred()) return NULL;
  }
  static const char *names[] = {"PVALID", "CONTEXTJ", "CONTEXTO", "DISALLOWED", "UNASSIGNED"};
  loc_idn_property p = loc_idn_rfc5892_property(g_idn, (int32_t)cp);
  return PyUnicode_FromString((unsigned)p < 5 ? names[p] : "DISALLOWED");
}

PyDoc_STRVAR(level_flag_doc,
"_idn_level_flag(name) -> int\n\n"
"The check flag that rejects labels less restrictive than a UTS #39 level.");

static PyObject *py_level_flag(PyObject *self, PyObject *arg) {
  const char *name = PyUnicode_AsUTF8(arg);
  if (!name) return NULL;
  loc_idn_level lv = loc_idn_level_from_name(name);
  if (lv == LOC_IDN_LEVEL_NONE)
    return lt_raisef(LOC_E_INVALID_ARGUMENT,
                     "unknown restriction level '%s' (ascii, single-script, highly-restrictive, "
                     "moderately-restrictive, minimally-restrictive, unrestricted)",
                     name);
  return PyLong_FromUnsignedLong(LOC_IDN_MAX_LEVEL(lv));
}

static PyMethodDef methods[] = {
  {"_idn", (PyCFunction)(void (*)(void))py_idn, METH_VARARGS | METH_KEYWORDS, idn_doc},
  {"_idn_many", (PyCFunction)(void (*)(void))py_idn_many, METH_VARARGS | METH_KEYWORDS,
   idn_many_doc},
  {"rfc5892_property", py_rfc5892, METH_O, rfc5892_doc},
  {"_idn_level_flag", py_level_flag, METH_O, level_flag_doc},
  {NULL, NULL, 0, NULL},
};

int lt_init_idn(PyObject *m) {
  if (!g_idn) {
    int st = loc_idn_new(&g_idn);
    if (st != LOC_OK) {
      lt_raise(st, "cannot set up the UTS #46 profile");
      return -1;
    }
    lt_pool_init(&g_pool, make_ctx, drop_ctx, NULL);
  }
  static const char *const res_fields[] = {
    "ok:True when the name passed every check",
    "output:the converted name (UTS #46 gives one even for a rejected name)",
    "errors:IdnError tuple: why the name was rejected",
    "warnings:IdnError tuple: findings that do not reject the name (check only)",
    "level:UTS #39 restriction level of the name (check only), else None",
    "label_levels:restriction level of each label (check only), else None",
    "truncated:more errors were found than are listed",
    NULL};
  static const char *const err_fields[] = {
    "code:UTS #46 status (P1, V6, B1, C1, A4_2...) or project code (X_UTF8, R_LEVEL...)",
    "label:0-based label index",
    "offset:code point index in the input of the character at fault (or of its label)",
    "char:the character at fault, or None",
    "message:one English line",
    NULL};
  IdnResult = lt_struct_type(m, "IdnResult",
                             "The verdict on one domain name: ok, output, errors, warnings.",
                             res_fields);
  IdnError = lt_struct_type(m, "IdnError", "One reason a name was rejected (or a warning).",
                            err_fields);
  if (!IdnResult || !IdnError) return -1;
  if (PyModule_AddIntConstant(m, "IDN_TRANSITIONAL", LOC_IDN_TRANSITIONAL) < 0 ||
      PyModule_AddIntConstant(m, "IDN_CHECK_UTS46", LOC_IDN_CHECK_UTS46) < 0)
    return -1;
  return lt_add_functions(m, methods);
}

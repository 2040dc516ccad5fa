/* loctext — internationalised domain names: UTS #46 ToASCII / ToUnicode,
 * the registration check, RFC 5892 properties. */
#include "common.h"

#include <loc/loc.h>
#include <string.h>

static loc_idn *g_idn;
static lt_pool g_pool;
static PyTypeObject *IdnError;

/* The verdict on one name. A rejected name's errors are explained (a
 * second pass of the library over the name) only when they are first asked
 * for, as the C API itself does: bulk conversions that only look at .ok
 * and .output do not pay for explanations. */
typedef struct {
  PyObject_HEAD
  PyObject *ok, *output, *level, *label_levels;
  PyObject *errors, *warnings, *truncated; /* NULL until explained */
  PyObject *name;                          /* kept for the explanation */
  int op;
  unsigned flags;
} IdnResultObject;

static PyTypeObject IdnResultType;

enum { OP_TO_ASCII = 0, OP_TO_UNICODE = 1, OP_CHECK = 2 };

static int make_ctx(void *owner, void **out) {
  return loc_idn_ctx_new(owner, (loc_idn_ctx **)out);
}
static void drop_ctx(void *ctx) { loc_idn_ctx_free(ctx); }

static int convert(int op, loc_idn_ctx *ctx, unsigned flags, const lt_text *t, char *buf,
                   size_t cap, char **out, size_t *out_len) {
  *out = buf;
  int st;
  switch (op) {
  case OP_TO_ASCII:
    st = loc_idn_to_ascii(ctx, flags, t->s, (size_t)t->len, buf, cap, out_len);
    break;
  case OP_TO_UNICODE:
    st = loc_idn_to_unicode(ctx, flags, t->s, (size_t)t->len, buf, cap, out_len);
    break;
  default:
    st = loc_idn_check(ctx, flags, t->s, (size_t)t->len, buf, cap, out_len);
  }
  if (st != LOC_E_BUFFER_TOO_SMALL) return st;
  *out = NULL;
  switch (op) {
  case OP_TO_ASCII:
    return loc_idn_to_ascii_alloc(ctx, flags, t->s, (size_t)t->len, out, out_len);
  case OP_TO_UNICODE:
    return loc_idn_to_unicode_alloc(ctx, flags, t->s, (size_t)t->len, out, out_len);
  default:
    return loc_idn_check_alloc(ctx, flags, t->s, (size_t)t->len, out, out_len);
  }
}

static PyObject *problem_list(loc_idn_ctx *ctx, const lt_text *t, bool warnings) {
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

static int explain_into(IdnResultObject *r, loc_idn_ctx *ctx, const lt_text *t) {
  r->errors = problem_list(ctx, t, false);
  r->warnings = problem_list(ctx, t, true);
  r->truncated = PyBool_FromLong(loc_idn_truncated(ctx));
  if (!r->errors || !r->warnings || !r->truncated) {
    Py_CLEAR(r->errors);
    Py_CLEAR(r->warnings);
    Py_CLEAR(r->truncated);
    return -1;
  }
  return 0;
}

/* One conversion with @ctx already taken; builds the IdnResult. With
 * @explain false a rejected name's errors are left for later. */
static PyObject *one(int op, loc_idn_ctx *ctx, unsigned flags, const lt_text *t,
                     PyObject *name, bool explain) {
  char stackbuf[512];
  char *out = NULL;
  size_t out_len = 0;
  int st;
  LT_BEGIN_ALLOW_THREADS_IF(t->len >= LT_GIL_MINSIZE)
  st = convert(op, ctx, flags, t, stackbuf, sizeof stackbuf, &out, &out_len);
  LT_END_ALLOW_THREADS_IF
  if (st != LOC_OK) {
    if (out && out != stackbuf) loc_free(out);
    return lt_raise(st, NULL);
  }
  IdnResultObject *r = PyObject_New(IdnResultObject, &IdnResultType);
  if (!r) {
    if (out != stackbuf) loc_free(out);
    return NULL;
  }
  bool ok = loc_idn_ok(ctx);
  r->ok = PyBool_FromLong(ok);
  r->output = lt_str(out, out_len);
  if (out != stackbuf) loc_free(out);
  r->level = Py_NewRef(Py_None);
  r->label_levels = Py_NewRef(Py_None);
  r->errors = r->warnings = r->truncated = NULL;
  r->name = Py_NewRef(name);
  r->op = op;
  r->flags = flags;
  if (!r->output) goto fail;
  if (op == OP_CHECK) {
    Py_SETREF(r->level, level_obj(loc_idn_restriction_level(ctx)));
    size_t nl = loc_idn_label_count(ctx);
    Py_SETREF(r->label_levels, PyTuple_New((Py_ssize_t)nl));
    for (size_t i = 0; r->label_levels && i < nl; i++) {
      PyObject *lv = level_obj(loc_idn_label_level(ctx, i));
      if (!lv) {
        Py_CLEAR(r->label_levels);
        break;
      }
      PyTuple_SET_ITEM(r->label_levels, (Py_ssize_t)i, lv);
    }
    if (!r->level || !r->label_levels) goto fail;
  }
  if ((ok || explain || op == OP_CHECK) && explain_into(r, ctx, t) < 0) goto fail;
  return (PyObject *)r;
fail:
  Py_DECREF(r);
  return NULL;
}

/* Explains a rejected name: the conversion again, then its errors. */
static int explain_later(IdnResultObject *r) {
  if (r->errors) return 0;
  lt_text t;
  if (!lt_text_get(r->name, "name", &t)) return -1;
  void *ctx;
  int st = lt_pool_take(&g_pool, &ctx);
  if (st != LOC_OK) {
    lt_raise(st, NULL);
    return -1;
  }
  char stackbuf[512];
  char *out = NULL;
  size_t out_len = 0;
  LT_BEGIN_ALLOW_THREADS_IF(t.len >= LT_GIL_MINSIZE)
  st = convert(r->op, ctx, r->flags, &t, stackbuf, sizeof stackbuf, &out, &out_len);
  LT_END_ALLOW_THREADS_IF
  if (out && out != stackbuf) loc_free(out);
  int rc = st == LOC_OK ? explain_into(r, ctx, &t) : (lt_raise(st, NULL), -1);
  lt_pool_give(&g_pool, ctx);
  return rc;
}

static void res_dealloc(IdnResultObject *r) {
  Py_XDECREF(r->ok);
  Py_XDECREF(r->output);
  Py_XDECREF(r->level);
  Py_XDECREF(r->label_levels);
  Py_XDECREF(r->errors);
  Py_XDECREF(r->warnings);
  Py_XDECREF(r->truncated);
  Py_XDECREF(r->name);
  PyObject_Free(r);
}

static PyObject *res_errors(IdnResultObject *r, void *c) {
  return explain_later(r) < 0 ? NULL : Py_NewRef(r->errors);
}
static PyObject *res_warnings(IdnResultObject *r, void *c) {
  return explain_later(r) < 0 ? NULL : Py_NewRef(r->warnings);
}
static PyObject *res_truncated(IdnResultObject *r, void *c) {
  return explain_later(r) < 0 ? NULL : Py_NewRef(r->truncated);
}
static PyObject *res_ok(IdnResultObject *r, void *c) { return Py_NewRef(r->ok); }
static PyObject *res_output(IdnResultObject *r, void *c) { return Py_NewRef(r->output); }
static PyObject *res_level(IdnResultObject *r, void *c) { return Py_NewRef(r->level); }
static PyObject *res_label_levels(IdnResultObject *r, void *c) { return Py_NewRef(r->label_levels); }

static PyObject *res_repr(IdnResultObject *r) {
  if (explain_later(r) < 0) return NULL;
  return PyUnicode_FromFormat(
      "loctext.IdnResult(ok=%R, output=%R, errors=%R, warnings=%R, level=%R, "
      "label_levels=%R, truncated=%R)",
      r->ok, r->output, r->errors, r->warnings, r->level, r->label_levels, r->truncated);
}

/* Results are equal when every field is (value semantics, like the other
 * result classes). */
static PyObject *res_fields_tuple(IdnResultObject *r) {
  if (explain_later(r) < 0) return NULL;
  return PyTuple_Pack(7, r->ok, r->output, r->errors, r->warnings, r->level, r->label_levels,
                      r->truncated);
}

static PyObject *res_richcompare(PyObject *a, PyObject *b, int op) {
  if (!PyObject_TypeCheck(b, &IdnResultType) || (op != Py_EQ && op != Py_NE))
    Py_RETURN_NOTIMPLEMENTED;
  PyObject *x = res_fields_tuple((IdnResultObject *)a);
  PyObject *y = x ? res_fields_tuple((IdnResultObject *)b) : NULL;
  PyObject *res = y ? PyObject_RichCompare(x, y, op) : NULL;
  Py_XDECREF(x);
  Py_XDECREF(y);
  return res;
}

static PyGetSetDef res_getset[] = {
  {"ok", (getter)res_ok, NULL, "True when the name passed every check.", NULL},
  {"output", (getter)res_output, NULL,
   "The converted name (UTS #46 gives one even for a rejected name).", NULL},
  {"errors", (getter)res_errors, NULL,
   "IdnError tuple: why the name was rejected (explained on first access).", NULL},
  {"warnings", (getter)res_warnings, NULL,
   "IdnError tuple: findings that do not reject the name (check only).", NULL},
  {"level", (getter)res_level, NULL,
   "UTS #39 restriction level of the name (check only), else None.", NULL},
  {"label_levels", (getter)res_label_levels, NULL,
   "Restriction level of each label (check only), else None.", NULL},
  {"truncated", (getter)res_truncated, NULL, "More errors were found than are listed.", NULL},
  {NULL, NULL, NULL, NULL, NULL},
};

static PyTypeObject IdnResultType = {
  PyVarObject_HEAD_INIT(NULL, 0)
  .tp_name = "loctext.IdnResult",
  .tp_basicsize = sizeof(IdnResultObject),
  .tp_dealloc = (destructor)res_dealloc,
  .tp_repr = (reprfunc)res_repr,
  .tp_flags = Py_TPFLAGS_DEFAULT,
  .tp_doc = "The verdict on one domain name: ok, output, errors, warnings, level,\n"
            "label_levels, truncated. A rejected name is a result, not an exception;\n"
            "its errors are explained when first read.",
  .tp_getset = res_getset,
  .tp_richcompare = res_richcompare,
};

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
  /* The check builds its errors (offsets read from the text) at once, while
   * Python objects are made: it reads the str's own UTF-8, which no other
   * call can overwrite; the conversions read it before making any. */
  if (!parse_common(args, kwds, &op, &obj, &flags) ||
      !(op == OP_CHECK ? lt_text_get(obj, "name", &t) : lt_text_scratch(obj, "name", &t)))
    return NULL;
  void *ctx;
  int st = lt_pool_take(&g_pool, &ctx);
  if (st != LOC_OK) return lt_raise(st, NULL);
  PyObject *res = one(op, ctx, flags, &t, obj, false);
  lt_pool_give(&g_pool, ctx);
  return res;
}

PyDoc_STRVAR(idn_many_doc,
"_idn_many(op, names, flags=0) -> list[IdnResult]\n\n"
"_idn() over an iterable of names, without a Python call per name.");

/* A result without the context, of a bulk call, whose output str is made
 * already (reference stolen). The errors of a rejected name, and every
 * check's errors and warnings, are explained when first read. */
static PyObject *bare_result(int op, unsigned flags, PyObject *name, bool ok, PyObject *output) {
  if (!output) return NULL;
  bool explained = ok && op != OP_CHECK; /* nothing to explain */
  IdnResultObject *r = PyObject_New(IdnResultObject, &IdnResultType);
  if (!r) {
    Py_DECREF(output);
    return NULL;
  }
  r->ok = Py_NewRef(ok ? Py_True : Py_False);
  r->output = output;
  r->level = Py_NewRef(Py_None);
  r->label_levels = Py_NewRef(Py_None);
  r->errors = explained ? PyTuple_New(0) : NULL;
  r->warnings = explained ? PyTuple_New(0) : NULL;
  r->truncated = explained ? Py_NewRef(Py_False) : NULL;
  r->name = Py_NewRef(name);
  r->op = op;
  r->flags = flags;
  if (explained && (!r->errors || !r->warnings)) {
    Py_DECREF(r);
    return NULL;
  }
  return (PyObject *)r;
}

/* ToASCII, ToUnicode and the check of many names go in chunks of at most
 * MANY_ITEMS names and about MANY_BYTES bytes. Without the GIL, each name
 * of a chunk is encoded as UTF-8 (an ASCII str is read where it is),
 * converted into a per-thread output buffer, and its output measured
 * (length and largest code point); a check also writes the name's and its
 * labels' restriction levels after its output. Then, with the GIL, the
 * results and their output str objects are made. So the GIL is taken once
 * per chunk and held only to make objects. The buffers are claimed
 * (lt_tls_claim) while objects are made: a check's label levels are a
 * tuple, which the garbage collector tracks, so making one can run a
 * finalizer, which could make a bulk call on this thread. */
#define MANY_BYTES (256 * 1024)
#define MANY_ITEMS 1024

typedef struct bulk_item {
  size_t off, len; /* output in the output buffer */
  Py_ssize_t n;    /* its length in code points, when measured */
  Py_UCS4 maxchar;
  bool ok, measured;
  loc_idn_level level; /* of a check: the name's, */
  size_t n_labels;     /* and its labels' (bytes of level + 1 after the output) */
} bulk_item;

enum { SLOT_IN, SLOT_OUT, SLOT_ITEMS };

__attribute__((noinline)) /* profiles then show the time spent without the GIL */
static int bulk_chunk(int op, loc_idn_ctx *ctx, unsigned flags, PyObject *keep, Py_ssize_t i,
                      Py_ssize_t j, size_t in_bound, bulk_item *items, char **outp,
                      Py_ssize_t *bad) {
  char *in = lt_tls_buf(SLOT_IN, in_bound + 1, NULL);
  size_t cap = 0, used = 0;
  char *out = lt_tls_buf(SLOT_OUT, in_bound * 2 + 256, &cap);
  if (!in || !out) return LOC_E_NO_MEMORY;
  size_t at = 0;
  for (Py_ssize_t k = i; k < j; k++) {
    bulk_item *it = &items[k - i];
    PyObject *o = PyList_GET_ITEM(keep, k); /* reads the str's data only */
    const char *s;
    size_t len;
    if (PyUnicode_IS_ASCII(o)) {
      s = (const char *)PyUnicode_DATA(o);
      len = (size_t)PyUnicode_GET_LENGTH(o);
    } else {
      Py_ssize_t l = lt_utf8_encode_raw(o, in + at);
      if (l < 0) {
        *bad = k;
        return LOC_OK;
      }
      s = in + at;
      len = (size_t)l;
      at += len;
    }
    for (;;) {
      size_t got = 0;
      int st = op == OP_TO_ASCII
                   ? loc_idn_to_ascii(ctx, flags, s, len, out + used, cap - used, &got)
               : op == OP_TO_UNICODE
                   ? loc_idn_to_unicode(ctx, flags, s, len, out + used, cap - used, &got)
                   : loc_idn_check(ctx, flags, s, len, out + used, cap - used, &got);
      if (st == LOC_OK) {
        it->off = used;
        it->len = got;
        it->ok = loc_idn_ok(ctx);
        it->measured = lt_utf8_measure(out + used, got, &it->n, &it->maxchar);
        used += got;
        it->n_labels = 0;
        if (op == OP_CHECK) {
          it->level = loc_idn_restriction_level(ctx);
          size_t nl = loc_idn_label_count(ctx);
          if (cap - used < nl) {
            out = lt_tls_buf(SLOT_OUT, used + nl + 256, &cap);
            if (!out) return LOC_E_NO_MEMORY;
          }
          for (size_t l = 0; l < nl; l++)
            out[used + l] = (char)(loc_idn_label_level(ctx, l) + 1);
          it->n_labels = nl;
          used += nl;
        }
        break;
      }
      if (st != LOC_E_BUFFER_TOO_SMALL) return st;
      out = lt_tls_buf(SLOT_OUT, used + got + 256, &cap);
      if (!out) return LOC_E_NO_MEMORY;
    }
  }
  *outp = out;
  return LOC_OK;
}

/* The levels of a check in a bulk call, from the bytes after its output. */
static int check_levels(IdnResultObject *r, const bulk_item *it, const char *levels) {
  Py_SETREF(r->level, level_obj(it->level));
  Py_SETREF(r->label_levels, PyTuple_New((Py_ssize_t)it->n_labels));
  if (!r->level || !r->label_levels) return -1;
  for (size_t l = 0; l < it->n_labels; l++) {
    PyObject *lv = level_obj((loc_idn_level)((signed char)levels[l] - 1));
    if (!lv) return -1;
    PyTuple_SET_ITEM(r->label_levels, (Py_ssize_t)l, lv);
  }
  return 0;
}

static PyObject *bulk_convert(int op, unsigned flags, PyObject *keep) {
  Py_ssize_t n = PyList_GET_SIZE(keep);
  void *ctx = NULL;
  int st = lt_pool_take(&g_pool, &ctx);
  if (st != LOC_OK) return lt_raise(st, NULL);
  PyObject *list = PyList_New(n);
  for (Py_ssize_t i = 0; list && i < n;) {
    bulk_item *items = NULL;
    char *out = NULL;
    size_t out_cap = 0, items_cap = 0;
    Py_ssize_t bad = -1, j = i;
    /* A call on a few short names keeps the GIL (see LT_GIL_MINSIZE); one
     * on more names sizes its chunk (a look at each str's header) without
     * it. */
    LT_BEGIN_ALLOW_THREADS_IF(n - i >= 8 || lt_utf8_bound(PyList_GET_ITEM(keep, i)) >=
                                                LT_GIL_MINSIZE)
    size_t bound = 0;
    while (j < n && j - i < MANY_ITEMS && (j == i || bound < MANY_BYTES))
      bound += lt_utf8_bound(PyList_GET_ITEM(keep, j++));
    items = lt_tls_buf(SLOT_ITEMS, (size_t)(j - i) * sizeof *items, NULL);
    st = items ? bulk_chunk(op, ctx, flags, keep, i, j, bound, items, &out, &bad)
               : LOC_E_NO_MEMORY;
    if (st == LOC_OK && bad < 0) {
      /* the buffers bulk_chunk() filled, as they are */
      out = lt_tls_claim(SLOT_OUT, 0, &out_cap);
      items = lt_tls_claim(SLOT_ITEMS, 0, &items_cap);
    }
    LT_END_ALLOW_THREADS_IF
    if (lt_chunk_raise(keep, bad, "name", st)) {
      Py_CLEAR(list);
      break;
    }
    for (Py_ssize_t k = i; k < j; k++) {
      bulk_item *it = &items[k - i];
      const char *o = out + it->off;
      PyObject *str;
      if (it->measured) {
        str = PyUnicode_New(it->n, it->maxchar);
        if (str) lt_utf8_fill(str, o, it->len);
      } else {
        str = lt_str(o, it->len);
      }
      PyObject *r = bare_result(op, flags, PyList_GET_ITEM(keep, k), it->ok, str);
      if (r && op == OP_CHECK && check_levels((IdnResultObject *)r, it, o + it->len) < 0)
        Py_CLEAR(r);
      if (!r) {
        Py_CLEAR(list);
        break;
      }
      PyList_SET_ITEM(list, k, r);
    }
    lt_tls_unclaim(SLOT_OUT, out, out_cap);
    lt_tls_unclaim(SLOT_ITEMS, items, items_cap);
    i = j;
  }
  lt_pool_give(&g_pool, ctx);
  lt_tls_trim();
  return list;
}

static PyObject *py_idn_many(PyObject *self, PyObject *args, PyObject *kwds) {
  int op;
  PyObject *obj;
  unsigned flags;
  if (!parse_common(args, kwds, &op, &obj, &flags)) return NULL;
  PyObject *keep = lt_str_list(obj, "name");
  if (!keep) return NULL;
  PyObject *list = bulk_convert(op, flags, keep);
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
  loc_idn_level lv = LOC_IDN_LEVEL_NONE;
  if (loc_idn_level_parse(name, &lv) != LOC_OK)
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
    lt_pool_init(&g_pool, make_ctx, drop_ctx, g_idn);
  }
  static const char *const err_fields[] = {
    "code:UTS #46 status (P1, V6, B1, C1, A4_2...) or project code (X_UTF8, R_LEVEL...)",
    "label:0-based label index",
    "offset:code point index in the input of the character at fault (or of its label)",
    "char:the character at fault, or None",
    "message:one English line",
    NULL};
  if (lt_add_type(m, &IdnResultType) < 0) return -1;
  IdnError = lt_struct_type(m, "IdnError", "One reason a name was rejected (or a warning).",
                            err_fields);
  if (!IdnError) return -1;
  if (PyModule_AddIntConstant(m, "IDN_TRANSITIONAL", LOC_IDN_TRANSITIONAL) < 0 ||
      PyModule_AddIntConstant(m, "IDN_CHECK_UTS46", LOC_IDN_CHECK_UTS46) < 0)
    return -1;
  return lt_add_functions(m, methods);
}

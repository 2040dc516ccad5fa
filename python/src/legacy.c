/* loctext — legacy encodings: Zawgyi and the font-hack encodings (Kruti Dev,
 * Bijoy), detected and converted to and from Unicode. */
#include "common.h"

#include <loc/loc.h>

/* One pool of converters per encoding and direction. */
static lt_pool g_pools[LOC_LEGACY_COUNT_][2];

static int make_conv(void *owner, void **out) {
  uintptr_t k = (uintptr_t)owner;
  return loc_legacy_conv_new((loc_legacy_encoding)(k >> 1), (loc_legacy_direction)(k & 1),
                             (loc_legacy_conv **)out);
}
static void drop_conv(void *c) { loc_legacy_conv_free(c); }

static bool enc_arg(PyObject *o, loc_legacy_encoding *enc) {
  if (!o) {
    *enc = LOC_LEGACY_ZAWGYI;
    return true;
  }
  lt_text t;
  if (!lt_text_get(o, "encoding", &t)) return false;
  int st = loc_legacy_encoding_parse(t.s, enc);
  if (st != LOC_OK) {
    lt_raisef(st, "unknown legacy encoding '%s' (zawgyi, krutidev, bijoy)", t.s);
    return false;
  }
  return true;
}

PyDoc_STRVAR(prob_doc,
"legacy_probability(text, encoding='zawgyi') -> float | None\n\n"
"The probability (0..1) that the text is in a legacy encoding rather than\n"
"Unicode: 'zawgyi' (Burmese; myanmar-tools' model), 'krutidev' or 'bijoy'\n"
"(font hacks, text as its bytes show in windows-1252). None when the text\n"
"carries no signal (no Myanmar letter; no Latin-1 letter the font uses).\n"
"Usual thresholds: above 0.95 legacy, below 0.05 Unicode.");

static PyObject *py_prob(PyObject *self, PyObject *args, PyObject *kwds) {
  static char *kwlist[] = {"text", "encoding", NULL};
  PyObject *text, *encobj = NULL;
  loc_legacy_encoding enc;
  lt_text t;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "O|O", kwlist, &text, &encobj) ||
      !enc_arg(encobj, &enc) || !lt_text_scratch(text, "text", &t))
    return NULL;
  double p = -1;
  int st;
  Py_BEGIN_ALLOW_THREADS
  st = loc_legacy_probability(enc, t.s, (size_t)t.len, &p);
  Py_END_ALLOW_THREADS
  if (st != LOC_OK) return lt_raise(st, NULL);
  if (p < 0) Py_RETURN_NONE;
  return PyFloat_FromDouble(p);
}

static PyObject *convert(PyObject *args, PyObject *kwds, loc_legacy_direction dir) {
  static char *kwlist[] = {"text", "encoding", NULL};
  PyObject *text, *encobj = NULL;
  loc_legacy_encoding enc;
  lt_text t;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "O|O", kwlist, &text, &encobj) ||
      !enc_arg(encobj, &enc) || !lt_text_scratch(text, "text", &t))
    return NULL;
  lt_pool *pool = &g_pools[enc][dir];
  void *conv;
  int st = lt_pool_take(pool, &conv);
  if (st != LOC_OK) return lt_raise(st, NULL);
  char *out = NULL;
  size_t n = 0;
  Py_BEGIN_ALLOW_THREADS
  st = loc_legacy_convert_alloc(conv, t.s, (size_t)t.len, &out, &n);
  Py_END_ALLOW_THREADS
  lt_pool_give(pool, conv);
  if (st != LOC_OK) return lt_raise(st, NULL);
  PyObject *res = lt_str(out, n);
  loc_free(out);
  return res;
}

PyDoc_STRVAR(to_doc,
"legacy_to_unicode(text, encoding='zawgyi') -> str\n\n"
"Legacy-encoded text converted to Unicode (Zawgyi through ICU's Zawgyi-my;\n"
"font hacks by glyph slots with reordering). Feed whole lines.");

static PyObject *py_to(PyObject *self, PyObject *args, PyObject *kwds) {
  return convert(args, kwds, LOC_LEGACY_TO_UNICODE);
}

PyDoc_STRVAR(from_doc,
"legacy_from_unicode(text, encoding='zawgyi') -> str\n\n"
"Unicode text converted to a legacy encoding (for fonts that need it).");

static PyObject *py_from(PyObject *self, PyObject *args, PyObject *kwds) {
  return convert(args, kwds, LOC_LEGACY_FROM_UNICODE);
}

static PyMethodDef methods[] = {
  {"legacy_probability", (PyCFunction)(void (*)(void))py_prob, METH_VARARGS | METH_KEYWORDS,
   prob_doc},
  {"legacy_to_unicode", (PyCFunction)(void (*)(void))py_to, METH_VARARGS | METH_KEYWORDS,
   to_doc},
  {"legacy_from_unicode", (PyCFunction)(void (*)(void))py_from, METH_VARARGS | METH_KEYWORDS,
   from_doc},
  {NULL, NULL, 0, NULL},
};

int lt_init_legacy(PyObject *m) {
  for (int e = 0; e < LOC_LEGACY_COUNT_; e++)
    for (int d = 0; d < 2; d++)
      lt_pool_init(&g_pools[e][d], make_conv, drop_conv, (void *)(uintptr_t)((e << 1) | d));
  return lt_add_functions(m, methods);
}

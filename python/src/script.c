/* loctext — script runs (UAX #24) and script summaries. */
#include "common.h"

#include <loc/loc.h>

static PyTypeObject *ScriptRun, *ScriptSummary;

PyDoc_STRVAR(runs_doc,
"_script_runs(text) -> list[ScriptRun]\n\n"
"The runs of one script that cover the text, in order (code point indices).");

static PyObject *py_runs(PyObject *self, PyObject *arg) {
  lt_text t;
  if (!lt_text_get(arg, "text", &t)) return NULL;
  loc_script_run *runs = NULL;
  size_t n = 0;
  int st;
  Py_BEGIN_ALLOW_THREADS
  st = loc_script_runs(t.s, (size_t)t.len, &runs, &n);
  Py_END_ALLOW_THREADS
  if (st != LOC_OK) return lt_raise(st, NULL);
  PyObject *list = PyList_New((Py_ssize_t)n);
  lt_offsets off;
  lt_offsets_init(&off, &t);
  for (size_t i = 0; list && i < n; i++) {
    Py_ssize_t a = lt_offsets_cp(&off, runs[i].start), b = lt_offsets_cp(&off, runs[i].end);
    PyObject *r = lt_struct(ScriptRun, 4, PyLong_FromSsize_t(a), PyLong_FromSsize_t(b),
                            PyUnicode_FromString(runs[i].code), PyUnicode_Substring(arg, a, b));
    if (!r) Py_CLEAR(list);
    else PyList_SET_ITEM(list, (Py_ssize_t)i, r);
  }
  loc_free(runs);
  return list;
}

PyDoc_STRVAR(summary_doc,
"script_summary(texts) -> ScriptSummary\n\n"
"Characters per script (Script property) over a str or an iterable of str,\n"
"and the dominant script (Han with kana counts as Jpan, Han with Hangul as\n"
"Kore; Common, Inherited and Unknown only when nothing else occurs).");

static PyObject *py_summary(PyObject *self, PyObject *arg) {
  PyObject *keep;
  lt_text *texts;
  Py_ssize_t n;
  if (PyUnicode_Check(arg)) {
    PyObject *one = PyTuple_Pack(1, arg);
    if (!one) return NULL;
    bool ok = lt_texts_from_iterable(one, "text", &keep, &texts, &n);
    Py_DECREF(one);
    if (!ok) return NULL;
  } else if (!lt_texts_from_iterable(arg, "text", &keep, &texts, &n)) {
    return NULL;
  }
  loc_script_summary *sum = NULL;
  int st = loc_script_summary_new(&sum);
  Py_BEGIN_ALLOW_THREADS
  for (Py_ssize_t i = 0; i < n && st == LOC_OK; i++)
    st = loc_script_summary_add(sum, texts[i].s, (size_t)texts[i].len);
  Py_END_ALLOW_THREADS
  PyMem_Free(texts);
  Py_DECREF(keep);
  if (st != LOC_OK) {
    loc_script_summary_free(sum);
    return lt_raise(st, NULL);
  }
  size_t k = loc_script_summary_list(sum, NULL, 0);
  loc_script_count *counts = PyMem_Calloc(k ? k : 1, sizeof *counts);
  PyObject *d = counts ? PyDict_New() : PyErr_NoMemory();
  if (d) {
    loc_script_summary_list(sum, counts, k);
    for (size_t i = 0; i < k; i++) {
      PyObject *v = PyLong_FromUnsignedLongLong(counts[i].count);
      if (!v || PyDict_SetItemString(d, counts[i].code, v) < 0) {
        Py_XDECREF(v);
        Py_CLEAR(d);
        break;
      }
      Py_DECREF(v);
    }
  }
  PyMem_Free(counts);
  PyObject *res = NULL;
  if (d)
    res = lt_struct(ScriptSummary, 3,
                    PyUnicode_FromString(loc_script_name(loc_script_summary_dominant(sum))),
                    PyLong_FromUnsignedLongLong(loc_script_summary_total(sum)), d);
  loc_script_summary_free(sum);
  return res;
}

PyDoc_STRVAR(for_lang_doc,
"script_for_language(tag) -> str\n\n"
"The ISO 15924 script a BCP 47 tag names or implies (CLDR likely subtags):\n"
"'am' -> 'Ethi', 'sr' -> 'Cyrl', 'ja' -> 'Jpan'.");

static PyObject *py_for_lang(PyObject *self, PyObject *arg) {
  lt_text t;
  if (!lt_text_get(arg, "tag", &t)) return NULL;
  int32_t sc = 0;
  int st = loc_script_for_language(t.s, &sc);
  if (st != LOC_OK) return lt_raisef(st, "'%s'", t.s);
  return PyUnicode_FromString(loc_script_name(sc));
}

static bool script_arg(PyObject *o, int32_t *sc) {
  lt_text t;
  if (!lt_text_get(o, "script", &t)) return false;
  int st = loc_script_parse(t.s, sc);
  if (st != LOC_OK) {
    lt_raisef(st, "'%s'", t.s);
    return false;
  }
  return true;
}

PyDoc_STRVAR(agrees_doc,
"scripts_agree(found, expected) -> bool\n\n"
"True when two scripts are the same or one writing system covers the other\n"
"(Jpan with Hani/Hira/Kana, Kore with Hang/Hani, Hans/Hant with Hani).");

static PyObject *py_agrees(PyObject *self, PyObject *args) {
  PyObject *a, *b;
  int32_t x, y;
  if (!PyArg_ParseTuple(args, "OO", &a, &b) || !script_arg(a, &x) || !script_arg(b, &y))
    return NULL;
  return PyBool_FromLong(loc_script_agrees(x, y));
}

static PyMethodDef methods[] = {
  {"_script_runs", py_runs, METH_O, runs_doc},
  {"script_summary", py_summary, METH_O, summary_doc},
  {"script_for_language", py_for_lang, METH_O, for_lang_doc},
  {"scripts_agree", py_agrees, METH_VARARGS, agrees_doc},
  {NULL, NULL, 0, NULL},
};

int lt_init_script(PyObject *m) {
  static const char *const run_fields[] = {
    "start:code point index of the run's first character",
    "end:code point index after the run",
    "script:ISO 15924 code ('Latn', 'Jpan', 'Zyyy')",
    "text:the run's text", NULL};
  static const char *const sum_fields[] = {
    "dominant:ISO 15924 code of the dominant script ('Zzzz' for no text)",
    "total:characters counted",
    "counts:dict ISO 15924 code -> characters, most first", NULL};
  ScriptRun = lt_struct_type(m, "ScriptRun", "A run of text in one script.", run_fields);
  ScriptSummary = lt_struct_type(m, "ScriptSummary", "Characters per script.", sum_fields);
  if (!ScriptRun || !ScriptSummary) return -1;
  return lt_add_functions(m, methods);
}

/* loctext — language identification: detect, detect_many, detect_spans. */
#include "common.h"

#include <loc/loc.h>

static lt_pool g_pool;
static PyTypeObject *Detection, *Candidate, *LangSpan;

static int make_det(void *owner, void **out) {
  const loc_detect_model *m = loc_detect_model_default();
  if (!m) return LOC_E_INTERNAL;
  return loc_detector_new(m, (loc_detector **)out);
}
static void drop_det(void *d) { loc_detector_free(d); }

static PyObject *result_obj(const loc_detect_result *r) {
  PyObject *cands = PyTuple_New((Py_ssize_t)r->n_candidates);
  for (size_t i = 0; cands && i < r->n_candidates; i++) {
    const loc_detect_candidate *c = &r->candidates[i];
    PyObject *o = lt_struct(Candidate, 3, PyUnicode_FromString(c->lang),
                            PyUnicode_FromString(c->iso639_3), PyFloat_FromDouble(c->confidence));
    if (!o) Py_CLEAR(cands);
    else PyTuple_SET_ITEM(cands, (Py_ssize_t)i, o);
  }
  return lt_struct(Detection, 6, PyUnicode_FromString(r->lang), PyUnicode_FromString(r->iso639_3),
                   PyFloat_FromDouble(r->confidence), PyUnicode_FromString(r->script_code),
                   PyLong_FromSize_t(r->letters), cands);
}

static bool top_arg(PyObject *o, size_t *top) {
  if (!o) return true;
  Py_ssize_t v = PyLong_AsSsize_t(o);
  if (v == -1 && PyErr_Occurred()) return false;
  if (v < 0) {
    PyErr_SetString(PyExc_ValueError, "top must be >= 0");
    return false;
  }
  *top = (size_t)v > LOC_DETECT_MAX_TOP ? LOC_DETECT_MAX_TOP : (size_t)v;
  return true;
}

PyDoc_STRVAR(detect_doc,
"detect(text, top=5) -> Detection\n\n"
"The language of the text: .lang (BCP 47, 'und' when unsure), .iso639_3,\n"
".confidence (0..1, calibrated), .script (dominant), .letters and\n"
".candidates (best first, at most top, up to 16).");

static PyObject *py_detect(PyObject *self, PyObject *args, PyObject *kwds) {
  static char *kwlist[] = {"text", "top", NULL};
  PyObject *text, *topobj = NULL;
  size_t top = 5;
  lt_text t;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "O|O", kwlist, &text, &topobj) ||
      !top_arg(topobj, &top) || !lt_text_scratch(text, "text", &t))
    return NULL;
  void *d;
  int st = lt_pool_take(&g_pool, &d);
  if (st != LOC_OK) return lt_raise(st, NULL);
  loc_detect_result r;
  Py_BEGIN_ALLOW_THREADS
  st = loc_detect(d, t.s, (size_t)t.len, top, &r);
  Py_END_ALLOW_THREADS
  lt_pool_give(&g_pool, d);
  if (st != LOC_OK) return lt_raise(st, NULL);
  return result_obj(&r);
}

PyDoc_STRVAR(detect_many_doc,
"detect_many(texts, top=5) -> list[Detection]\n\n"
"detect() of every str of an iterable.");

static PyObject *py_detect_many(PyObject *self, PyObject *args, PyObject *kwds) {
  static char *kwlist[] = {"texts", "top", NULL};
  PyObject *iterable, *topobj = NULL;
  size_t top = 5;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "O|O", kwlist, &iterable, &topobj) ||
      !top_arg(topobj, &top))
    return NULL;
  PyObject *keep;
  lt_text *texts;
  Py_ssize_t n;
  if (!lt_texts_from_iterable(iterable, "text", &keep, &texts, &n)) return NULL;
  loc_detect_result *res = PyMem_RawCalloc(n ? (size_t)n : 1, sizeof *res);
  void *d = NULL;
  int st = res ? lt_pool_take(&g_pool, &d) : LOC_E_NO_MEMORY;
  if (st == LOC_OK) {
    Py_BEGIN_ALLOW_THREADS
    for (Py_ssize_t i = 0; i < n && st == LOC_OK; i++)
      st = loc_detect(d, texts[i].s, (size_t)texts[i].len, top, &res[i]);
    Py_END_ALLOW_THREADS
    lt_pool_give(&g_pool, d);
  }
  PyObject *list = st == LOC_OK ? PyList_New(n) : lt_raise(st, NULL);
  for (Py_ssize_t i = 0; list && i < n; i++) {
    PyObject *o = result_obj(&res[i]);
    if (!o) Py_CLEAR(list);
    else PyList_SET_ITEM(list, i, o);
  }
  PyMem_RawFree(res);
  PyMem_Free(texts);
  Py_DECREF(keep);
  return list;
}

PyDoc_STRVAR(spans_doc,
"_detect_spans(text) -> list[LangSpan]\n\n"
"Stretches of code-switched text in one language each, covering the text.");

static PyObject *py_spans(PyObject *self, PyObject *arg) {
  lt_text t;
  if (!lt_text_get(arg, "text", &t)) return NULL;
  void *d;
  int st = lt_pool_take(&g_pool, &d);
  if (st != LOC_OK) return lt_raise(st, NULL);
  loc_detect_span *spans = NULL;
  size_t n = 0;
  Py_BEGIN_ALLOW_THREADS
  st = loc_detect_spans(d, t.s, (size_t)t.len, &spans, &n);
  Py_END_ALLOW_THREADS
  lt_pool_give(&g_pool, d);
  if (st != LOC_OK) return lt_raise(st, NULL);
  PyObject *list = PyList_New((Py_ssize_t)n);
  lt_offsets off;
  lt_offsets_init(&off, &t);
  for (size_t i = 0; list && i < n; i++) {
    Py_ssize_t a = lt_offsets_cp(&off, spans[i].start), b = lt_offsets_cp(&off, spans[i].end);
    PyObject *o = lt_struct(LangSpan, 6, PyLong_FromSsize_t(a), PyLong_FromSsize_t(b),
                            PyUnicode_FromString(spans[i].lang),
                            PyFloat_FromDouble(spans[i].confidence),
                            PyUnicode_FromString(loc_script_name(spans[i].script)),
                            PyUnicode_Substring(arg, a, b));
    if (!o) Py_CLEAR(list);
    else PyList_SET_ITEM(list, (Py_ssize_t)i, o);
  }
  loc_free(spans);
  return list;
}

PyDoc_STRVAR(langs_doc,
"detect_languages() -> list[tuple[str, str, str]]\n\n"
"The languages the detector knows: (BCP 47 tag, ISO 639-3, ISO 15924).");

static PyObject *py_langs(PyObject *self, PyObject *unused) {
  const loc_detect_model *m = loc_detect_model_default();
  if (!m) return lt_raise(LOC_E_INTERNAL, "language model failed its check");
  size_t n = loc_detect_model_languages(m);
  PyObject *list = PyList_New((Py_ssize_t)n);
  for (size_t i = 0; list && i < n; i++) {
    const char *lang = NULL, *iso = NULL;
    int32_t sc = 0;
    loc_detect_model_language(m, i, &lang, &iso, &sc);
    PyObject *o = Py_BuildValue("(sss)", lang ? lang : "", iso ? iso : "", loc_script_name(sc));
    if (!o) Py_CLEAR(list);
    else PyList_SET_ITEM(list, (Py_ssize_t)i, o);
  }
  return list;
}

static PyMethodDef methods[] = {
  {"detect", (PyCFunction)(void (*)(void))py_detect, METH_VARARGS | METH_KEYWORDS, detect_doc},
  {"detect_many", (PyCFunction)(void (*)(void))py_detect_many, METH_VARARGS | METH_KEYWORDS,
   detect_many_doc},
  {"_detect_spans", py_spans, METH_O, spans_doc},
  {"detect_languages", py_langs, METH_NOARGS, langs_doc},
  {NULL, NULL, 0, NULL},
};

int lt_init_detect(PyObject *m) {
  lt_pool_init(&g_pool, make_det, drop_det, NULL);
  static const char *const det_fields[] = {
    "lang:BCP 47 tag, or 'und' when the best candidate is under the threshold",
    "iso639_3:ISO 639-3 code, or 'und'",
    "confidence:of the best candidate, 0..1 (0 without candidates)",
    "script:ISO 15924 code of the dominant script",
    "letters:letters and marks seen",
    "candidates:Candidate tuple, best first", NULL};
  static const char *const cand_fields[] = {"lang:BCP 47 tag", "iso639_3:ISO 639-3 code",
                                            "confidence:0..1", NULL};
  static const char *const span_fields[] = {
    "start:code point index", "end:code point index after the span",
    "lang:BCP 47 tag or 'und'", "confidence:of the language on the span alone",
    "script:ISO 15924 code of the span's dominant script", "text:the span's text", NULL};
  Detection = lt_struct_type(m, "Detection", "The language detected for one text.", det_fields);
  Candidate = lt_struct_type(m, "Candidate", "One candidate language.", cand_fields);
  LangSpan = lt_struct_type(m, "LangSpan", "A stretch of text in one language.", span_fields);
  if (!Detection || !Candidate || !LangSpan) return -1;
  return lt_add_functions(m, methods);
}

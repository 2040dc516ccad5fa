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
"detect() of every str of an iterable, in one call, with the GIL released\n"
"while the text is encoded and detected.");

/* Items go in chunks of at most MANY_ITEMS items and about MANY_BYTES
 * bytes. Without the GIL, each item of a chunk is encoded as UTF-8 into a
 * per-thread input buffer (an ASCII str is read where it is) and detected
 * into a per-thread array of results; then, with the GIL, the Detection
 * objects are made. So the GIL is taken once per chunk, and held only to
 * make objects. The results are claimed (lt_tls_claim): a Detection is a
 * tuple the garbage collector tracks, so making one can run a finalizer,
 * which could call detect_many on this thread. */
#define MANY_BYTES (256 * 1024)
#define MANY_ITEMS 1024

enum { SLOT_IN, SLOT_RESULTS };

__attribute__((noinline)) /* profiles then show the time spent without the GIL */
static int many_chunk(loc_detector *d, size_t top, PyObject *keep, Py_ssize_t i, Py_ssize_t j,
                      size_t in_bound, loc_detect_result *res, Py_ssize_t *bad) {
  char *in = lt_tls_buf(SLOT_IN, in_bound + 1, NULL);
  if (!in) return LOC_E_NO_MEMORY;
  for (Py_ssize_t k = i; k < j; k++) {
    const char *s;
    Py_ssize_t len = lt_utf8_view(PyList_GET_ITEM(keep, k), in, &s);
    if (len < 0) {
      *bad = k;
      return LOC_OK;
    }
    /* the input buffer is reused item by item: loc_detect() keeps nothing */
    int st = loc_detect(d, s, (size_t)len, top, &res[k - i]);
    if (st != LOC_OK) return st;
  }
  return LOC_OK;
}

static PyObject *py_detect_many(PyObject *self, PyObject *args, PyObject *kwds) {
  static char *kwlist[] = {"texts", "top", NULL};
  PyObject *iterable, *topobj = NULL;
  size_t top = 5;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "O|O", kwlist, &iterable, &topobj) ||
      !top_arg(topobj, &top))
    return NULL;
  PyObject *keep = lt_str_list(iterable, "text");
  if (!keep) return NULL;
  Py_ssize_t n = PyList_GET_SIZE(keep);
  PyObject *list = PyList_New(n);
  void *d = NULL;
  int st = list ? lt_pool_take(&g_pool, &d) : LOC_OK;
  if (st != LOC_OK) {
    lt_raise(st, NULL);
    Py_CLEAR(list);
  }
  loc_detect_result *res = NULL;
  size_t res_cap = 0;
  for (Py_ssize_t i = 0; list && i < n;) {
    Py_ssize_t bad = -1, j;
    size_t bound;
    /* A call on a few short texts keeps the GIL (see LT_GIL_MINSIZE). */
    LT_BEGIN_ALLOW_THREADS_IF(n - i >= 8 || lt_utf8_bound(PyList_GET_ITEM(keep, i)) >=
                                                LT_GIL_MINSIZE)
    j = lt_chunk_end(keep, i, MANY_ITEMS, MANY_BYTES, &bound);
    if (!res) res = lt_tls_claim(SLOT_RESULTS, (size_t)(n < MANY_ITEMS ? n : MANY_ITEMS) * sizeof *res,
                         &res_cap);
    st = res ? many_chunk(d, top, keep, i, j, bound, res, &bad) : LOC_E_NO_MEMORY;
    LT_END_ALLOW_THREADS_IF
    if (lt_chunk_raise(keep, bad, "text", st)) {
      Py_CLEAR(list);
      break;
    }
    for (Py_ssize_t k = i; k < j; k++) {
      PyObject *o = result_obj(&res[k - i]);
      if (!o) {
        Py_CLEAR(list);
        break;
      }
      PyList_SET_ITEM(list, k, o);
    }
    i = j;
  }
  if (d) lt_pool_give(&g_pool, d);
  lt_tls_unclaim(SLOT_RESULTS, res, res_cap);
  lt_tls_trim();
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

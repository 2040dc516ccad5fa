/* loctext — segmentation: the Segmenter type (graphemes, words, sentences,
 * line breaks; ICU with CLDR tailorings, or plain UAX #29 / #14). */
#include "common.h"

#include <loc/loc.h>

typedef struct {
  PyObject_HEAD
  loc_segmenter *sg;
  PyObject *kind, *lang;
} SegmenterObject;

static PyTypeObject *Segment;

static void sg_dealloc(SegmenterObject *self) {
  loc_segmenter_free(self->sg);
  Py_XDECREF(self->kind);
  Py_XDECREF(self->lang);
  Py_TYPE(self)->tp_free((PyObject *)self);
}

static int sg_init(SegmenterObject *self, PyObject *args, PyObject *kwds) {
  static char *kwlist[] = {"kind", "lang", "uax", NULL};
  PyObject *kind = NULL, *lang = Py_None;
  int uax = 0;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "|UO$p", kwlist, &kind, &lang, &uax)) return -1;
  if (self->sg) {
    PyErr_SetString(PyExc_RuntimeError, "Segmenter already initialised");
    return -1;
  }
  const char *kname = kind ? PyUnicode_AsUTF8(kind) : "word";
  if (!kname) return -1;
  loc_segment_kind k;
  int st = loc_segment_kind_parse(kname, &k);
  if (st != LOC_OK) {
    lt_raisef(st, "unknown kind '%s' (grapheme, word, sentence, line)", kname);
    return -1;
  }
  lt_text tag = {"", 0, true};
  if (lang != Py_None && !lt_text_get(lang, "lang", &tag)) return -1;
  if (uax && tag.len) {
    PyErr_SetString(PyExc_ValueError, "uax=True takes no lang: plain UAX rules have no tailorings");
    return -1;
  }
  loc_segmenter *sg = NULL;
  Py_BEGIN_ALLOW_THREADS
  st = uax ? loc_segmenter_new_uax(k, &sg)
           : loc_segmenter_new_lang(k, tag.len ? tag.s : NULL, (size_t)tag.len, &sg);
  Py_END_ALLOW_THREADS
  if (st != LOC_OK) {
    lt_raisef(st, "lang '%s'", tag.s);
    return -1;
  }
  self->sg = sg;
  self->kind = kind ? Py_NewRef(kind) : PyUnicode_FromString("word");
  self->lang = Py_NewRef(lang);
  return 0;
}

PyDoc_STRVAR(segs_doc,
"segments(text, *, bytes=False) -> list[Segment]\n\n"
"The segments covering the text, in order: Segment(start, end, text, type)\n"
"with code point indices (UTF-8 byte offsets with bytes=True). type is\n"
"'word', 'number', 'kana', 'ideo', 'none' (spaces, punctuation) for words,\n"
"'grapheme', 'term'/'sep' for sentences, 'soft'/'hard' for line breaks.");

static PyObject *sg_segments(SegmenterObject *self, PyObject *args, PyObject *kwds) {
  static char *kwlist[] = {"text", "bytes", NULL};
  PyObject *text;
  int as_bytes = 0;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "O|$p", kwlist, &text, &as_bytes)) return NULL;
  if (!self->sg) {
    PyErr_SetString(PyExc_RuntimeError, "Segmenter not initialised");
    return NULL;
  }
  lt_text t;
  if (!lt_text_get(text, "text", &t)) return NULL;
  loc_segment *segs = NULL;
  size_t n = 0;
  int st;
  Py_BEGIN_ALLOW_THREADS
  st = loc_segment_all(self->sg, loc_segmenter_kind(self->sg), t.s, (size_t)t.len, &segs, &n);
  Py_END_ALLOW_THREADS
  if (st != LOC_OK) return lt_raise(st, NULL);
  PyObject *list = PyList_New((Py_ssize_t)n);
  lt_offsets off;
  lt_offsets_init(&off, &t);
  for (size_t i = 0; list && i < n; i++) {
    Py_ssize_t a = lt_offsets_cp(&off, segs[i].start), b = lt_offsets_cp(&off, segs[i].end);
    PyObject *o = lt_struct(
        Segment, 4, PyLong_FromSsize_t(as_bytes ? (Py_ssize_t)segs[i].start : a),
        PyLong_FromSsize_t(as_bytes ? (Py_ssize_t)segs[i].end : b), PyUnicode_Substring(text, a, b),
        PyUnicode_FromString(loc_segment_type_name(segs[i].type)));
    if (!o) Py_CLEAR(list);
    else PyList_SET_ITEM(list, (Py_ssize_t)i, o);
  }
  loc_free(segs);
  return list;
}

static PyObject *sg_repr(SegmenterObject *self) {
  return PyUnicode_FromFormat("<loctext.Segmenter kind=%R lang=%R>", self->kind ? self->kind : Py_None,
                              self->lang ? self->lang : Py_None);
}

static PyMethodDef sg_methods[] = {
  {"segments", (PyCFunction)(void (*)(void))sg_segments, METH_VARARGS | METH_KEYWORDS, segs_doc},
  {NULL, NULL, 0, NULL},
};

PyDoc_STRVAR(sg_doc,
"Segmenter(kind='word', lang=None, *, uax=False)\n\n"
"Cuts text into 'grapheme', 'word', 'sentence' or 'line' segments with\n"
"ICU's break rules and CLDR's tailorings for lang (BCP 47; dictionaries for\n"
"Thai, Lao, Khmer, Burmese, Chinese, Japanese), or with uax=True the plain\n"
"UAX #29 / UAX #14 rules. Immutable; safe to share between threads.");

static PyTypeObject SegmenterType = {
  PyVarObject_HEAD_INIT(NULL, 0)
  .tp_name = "loctext.Segmenter",
  .tp_basicsize = sizeof(SegmenterObject),
  .tp_dealloc = (destructor)sg_dealloc,
  .tp_repr = (reprfunc)sg_repr,
  .tp_flags = Py_TPFLAGS_DEFAULT,
  .tp_doc = sg_doc,
  .tp_methods = sg_methods,
  .tp_init = (initproc)sg_init,
  .tp_new = PyType_GenericNew,
};

int lt_init_segment(PyObject *m) {
  static const char *const fields[] = {
    "start:code point index (or byte offset)", "end:index after the segment",
    "text:the segment's text", "type:what the segment is ('word', 'none', 'soft', ...)", NULL};
  Segment = lt_struct_type(m, "Segment", "One segment of a text.", fields);
  if (!Segment) return -1;
  return lt_add_type(m, &SegmenterType);
}

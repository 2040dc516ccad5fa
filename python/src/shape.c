/* loctext — fonts, shaping (HarfBuzz) and rendering (PNG, SVG). */
#include "common.h"

#include <loc/loc.h>
#include <string.h>

typedef struct {
  PyObject_HEAD
  loc_font *font;
} FontObject;

static PyTypeObject *Glyph;
static PyTypeObject FontType;

static void font_dealloc(FontObject *self) {
  loc_font_free(self->font);
  Py_TYPE(self)->tp_free((PyObject *)self);
}

static int font_init(FontObject *self, PyObject *args, PyObject *kwds) {
  static char *kwlist[] = {"path", "index", "data", NULL};
  PyObject *path = Py_None;
  unsigned index = 0;
  Py_buffer data = {0};
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "|OI$y*", kwlist, &path, &index, &data)) return -1;
  if (self->font) {
    PyBuffer_Release(&data);
    PyErr_SetString(PyExc_RuntimeError, "Font already initialised");
    return -1;
  }
  if ((path == Py_None) == (data.buf == NULL)) {
    PyBuffer_Release(&data);
    PyErr_SetString(PyExc_TypeError, "give either a path or data=");
    return -1;
  }
  int st;
  loc_font *f = NULL;
  if (data.buf) {
    Py_BEGIN_ALLOW_THREADS
    st = loc_font_new_memory(data.buf, (size_t)data.len, index, &f);
    Py_END_ALLOW_THREADS
    PyBuffer_Release(&data);
    if (st != LOC_OK) {
      lt_raise(st, NULL);
      return -1;
    }
  } else {
    PyObject *bytes = NULL;
    if (!PyUnicode_FSConverter(path, &bytes)) return -1;
    const char *p = PyBytes_AS_STRING(bytes);
    Py_BEGIN_ALLOW_THREADS
    st = loc_font_new(p, index, &f);
    Py_END_ALLOW_THREADS
    if (st != LOC_OK) {
      lt_raisef(st, "%s", p);
      Py_DECREF(bytes);
      return -1;
    }
    Py_DECREF(bytes);
  }
  self->font = f;
  return 0;
}

static bool font_ready(FontObject *self) {
  if (!self->font) PyErr_SetString(PyExc_RuntimeError, "Font not initialised");
  return self->font != NULL;
}

static PyObject *font_has_char(FontObject *self, PyObject *arg) {
  if (!font_ready(self)) return NULL;
  if (!PyUnicode_Check(arg) || PyUnicode_GET_LENGTH(arg) != 1) {
    PyErr_SetString(PyExc_TypeError, "expected one character");
    return NULL;
  }
  return PyBool_FromLong(loc_font_has_char(self->font, PyUnicode_READ_CHAR(arg, 0)));
}

static PyObject *font_path(FontObject *self, void *c) {
  return font_ready(self) ? PyUnicode_DecodeFSDefault(loc_font_path(self->font)) : NULL;
}
static PyObject *font_upem(FontObject *self, void *c) {
  return font_ready(self) ? PyLong_FromUnsignedLong(loc_font_upem(self->font)) : NULL;
}

static PyObject *font_repr(FontObject *self) {
  if (!self->font) return PyUnicode_FromString("<loctext.Font (uninitialised)>");
  return PyUnicode_FromFormat("<loctext.Font '%s' upem=%u>", loc_font_path(self->font),
                              loc_font_upem(self->font));
}

static PyMethodDef font_methods[] = {
  {"has_char", (PyCFunction)font_has_char, METH_O,
   "has_char(char) -> bool\n\nTrue when the font's cmap maps the character to a glyph."},
  {NULL, NULL, 0, NULL},
};

static PyGetSetDef font_getset[] = {
  {"path", (getter)font_path, NULL, "The file the font was opened from ('' from memory).", NULL},
  {"upem", (getter)font_upem, NULL, "Units per em.", NULL},
  {NULL, NULL, NULL, NULL, NULL},
};

static PyTypeObject FontType = {
  PyVarObject_HEAD_INIT(NULL, 0)
  .tp_name = "loctext.Font",
  .tp_basicsize = sizeof(FontObject),
  .tp_dealloc = (destructor)font_dealloc,
  .tp_repr = (reprfunc)font_repr,
  .tp_flags = Py_TPFLAGS_DEFAULT,
  .tp_doc = "Font(path, index=0) or Font(data=bytes, index=0)\n\n"
            "An OpenType/TrueType font face, read once; immutable and shareable.",
  .tp_methods = font_methods,
  .tp_getset = font_getset,
  .tp_init = (initproc)font_init,
  .tp_new = PyType_GenericNew,
};

PyDoc_STRVAR(shape_doc,
"shape(text, font, *, features=None, variations=None, direction=None,\n"
"      script=None, language=None, size=0) -> list[Glyph]\n\n"
"Shapes the text as hb-shape does with the same options: Glyph(id, cluster,\n"
"x_advance, y_advance, x_offset, y_offset, flags) in visual order; cluster\n"
"is a code point index; positions in font units scaled to size (0: upem).");

static PyObject *py_shape(PyObject *self, PyObject *args, PyObject *kwds) {
  static char *kwlist[] = {"text", "font", "features", "variations", "direction", "script",
                           "language", "size", NULL};
  PyObject *text;
  FontObject *font;
  loc_shape_options opt;
  loc_shape_options_init(&opt);
  double size = 0;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "OO!|$zzzzzd", kwlist, &text, &FontType, &font,
                                   &opt.features, &opt.variations, &opt.direction, &opt.script,
                                   &opt.language, &size))
    return NULL;
  lt_text t;
  if (!font_ready(font) || !lt_text_get(text, "text", &t)) return NULL;
  opt.font_size_x = size;
  loc_shaper *sh = NULL;
  int st = loc_shaper_new(font->font, &opt, &sh);
  if (st != LOC_OK) return lt_raise(st, NULL);
  const loc_shape_glyph *g = NULL;
  size_t n = 0;
  Py_BEGIN_ALLOW_THREADS
  st = loc_shape_text(sh, t.s, (size_t)t.len);
  if (st == LOC_OK) n = loc_shaper_glyphs(sh, &g);
  Py_END_ALLOW_THREADS
  PyObject *list = st == LOC_OK ? PyList_New((Py_ssize_t)n) : lt_raise(st, NULL);
  for (size_t i = 0; list && i < n; i++) {
    PyObject *o = lt_struct(Glyph, 7, PyLong_FromUnsignedLong(g[i].id),
                            PyLong_FromUnsignedLong(g[i].cluster), PyLong_FromLong(g[i].x_advance),
                            PyLong_FromLong(g[i].y_advance), PyLong_FromLong(g[i].x_offset),
                            PyLong_FromLong(g[i].y_offset), PyLong_FromUnsignedLong(g[i].flags));
    if (!o) Py_CLEAR(list);
    else PyList_SET_ITEM(list, (Py_ssize_t)i, o);
  }
  loc_shaper_free(sh);
  return list;
}

PyDoc_STRVAR(render_doc,
"_render(paragraphs, fonts, format, size, width, margin, fg, bg, language) -> bytes\n\n"
"Lays out the paragraphs with the fonts (fallback order) and renders a PNG\n"
"or SVG in memory. Use loctext.render().");

static PyObject *py_render(PyObject *self, PyObject *args) {
  PyObject *paras, *fonts;
  const char *format, *language;
  loc_render_options opt;
  memset(&opt, 0, sizeof opt);
  unsigned int fg, bg;
  if (!PyArg_ParseTuple(args, "OOsdiiIIz", &paras, &fonts, &format, &opt.size, &opt.width,
                        &opt.margin, &fg, &bg, &language))
    return NULL;
  opt.fg = fg;
  opt.bg = bg;
  PyObject *result = NULL, *fseq = NULL, *keep = NULL;
  lt_text *texts = NULL;
  Py_ssize_t n = 0;
  const loc_font **fl = NULL;
  loc_canvas *canvas = NULL;
  bool svg = strcmp(format, "svg") == 0;
  if (!svg && strcmp(format, "png") != 0) {
    PyErr_Format(PyExc_ValueError, "format must be 'png' or 'svg', not '%s'", format);
    goto done;
  }
  fseq = PySequence_Fast(fonts, "fonts must be a sequence of loctext.Font");
  if (!fseq) goto done;
  Py_ssize_t nf = PySequence_Fast_GET_SIZE(fseq);
  if (nf == 0) {
    PyErr_SetString(PyExc_ValueError, "at least one font is needed");
    goto done;
  }
  fl = PyMem_Calloc((size_t)nf, sizeof *fl);
  if (!fl) {
    PyErr_NoMemory();
    goto done;
  }
  for (Py_ssize_t i = 0; i < nf; i++) {
    PyObject *f = PySequence_Fast_GET_ITEM(fseq, i);
    if (!PyObject_TypeCheck(f, &FontType) || !font_ready((FontObject *)f)) {
      if (!PyErr_Occurred()) PyErr_SetString(PyExc_TypeError, "fonts must be loctext.Font objects");
      goto done;
    }
    fl[i] = ((FontObject *)f)->font;
  }
  if (!lt_texts_from_iterable(paras, "paragraph", &keep, &texts, &n)) goto done;
  uint8_t *bytes = NULL;
  size_t nbytes = 0;
  int st;
  Py_BEGIN_ALLOW_THREADS
  st = loc_canvas_new(fl, (size_t)nf, &opt, &canvas);
  for (Py_ssize_t i = 0; i < n && st == LOC_OK; i++)
    st = loc_canvas_add_paragraph(canvas, texts[i].s, (size_t)texts[i].len, language);
  if (st == LOC_OK)
    st = loc_render_alloc(canvas, svg ? LOC_RENDER_SVG : LOC_RENDER_PNG, &bytes, &nbytes);
  loc_canvas_free(canvas);
  Py_END_ALLOW_THREADS
  if (st != LOC_OK) lt_raise(st, NULL);
  else if (nbytes > (size_t)PY_SSIZE_T_MAX) PyErr_NoMemory();
  else result = PyBytes_FromStringAndSize((const char *)bytes, (Py_ssize_t)nbytes);
  loc_free(bytes);
done:
  PyMem_Free(fl);
  PyMem_Free(texts);
  Py_XDECREF(keep);
  Py_XDECREF(fseq);
  return result;
}

PyDoc_STRVAR(fontcheck_doc,
"font_check(font, lang, text=None) -> FontReport\n\n"
"Does the font support a language? Checks the language's exemplar\n"
"characters (ICU locale data, or the letters of its script) in the cmap and\n"
"shapes them (and the sample text): FontReport(verdict, script,\n"
"exemplars_from_script, exemplars, missing, notdef, notdef_other,\n"
"dotted_circles, unattached_marks, text_chars); verdict is 'supported',\n"
"'partial' or 'unsupported', missing the characters not in the font.");

static PyTypeObject *FontReport;

static PyObject *py_fontcheck(PyObject *self, PyObject *args, PyObject *kwds) {
  static char *kwlist[] = {"font", "lang", "text", NULL};
  FontObject *font;
  PyObject *langobj, *text = Py_None;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "O!U|O", kwlist, &FontType, &font, &langobj, &text))
    return NULL;
  lt_text lang, t = {NULL, 0, true};
  if (!font_ready(font) || !lt_text_get(langobj, "lang", &lang) ||
      (text != Py_None && !lt_text_get(text, "text", &t)))
    return NULL;
  loc_fontcheck_report rep;
  memset(&rep, 0, sizeof rep);
  int st;
  Py_BEGIN_ALLOW_THREADS
  st = loc_fontcheck(font->font, lang.s, t.s, (size_t)t.len, &rep);
  Py_END_ALLOW_THREADS
  if (st != LOC_OK) return lt_raisef(st, "lang '%s'", lang.s);
  /* code points above U+10FFFF cannot come from a cmap; the str is made
   * in its canonical (smallest) layout */
  static const Py_UCS4 none[1] = {0};
  PyObject *missing = PyUnicode_FromKindAndData(
      PyUnicode_4BYTE_KIND, rep.n_missing ? (const Py_UCS4 *)rep.missing : none,
      (Py_ssize_t)rep.n_missing);
  PyObject *r = lt_struct(FontReport, 10, PyUnicode_FromString(loc_fontcheck_verdict_name(rep.verdict)),
                          PyUnicode_FromString(rep.script), PyBool_FromLong(rep.exemplars_from_script),
                          PyLong_FromSize_t(rep.exemplars), missing, PyLong_FromSize_t(rep.notdef),
                          PyLong_FromSize_t(rep.notdef_other), PyLong_FromSize_t(rep.dotted_circles),
                          PyLong_FromSize_t(rep.unattached_marks), PyLong_FromSize_t(rep.text_chars));
  loc_fontcheck_report_clear(&rep);
  return r;
}

static PyMethodDef methods[] = {
  {"font_check", (PyCFunction)(void (*)(void))py_fontcheck, METH_VARARGS | METH_KEYWORDS,
   fontcheck_doc},
  {"shape", (PyCFunction)(void (*)(void))py_shape, METH_VARARGS | METH_KEYWORDS, shape_doc},
  {"_render", py_render, METH_VARARGS, render_doc},
  {NULL, NULL, 0, NULL},
};

int lt_init_shape(PyObject *m) {
  static const char *const fields[] = {
    "id:glyph index (0 is .notdef)", "cluster:code point index of the glyph's cluster",
    "x_advance", "y_advance", "x_offset", "y_offset",
    "flags:1 unsafe to break, 2 unsafe to concat", NULL};
  static const char *const rep_fields[] = {
    "verdict:'supported', 'partial' or 'unsupported'", "script:the language's script ('Deva') or ''",
    "exemplars_from_script:ICU had no exemplar data for the tag", "exemplars:characters checked",
    "missing:the characters not in the font, as a str", "notdef:.notdef glyphs for the language's characters",
    "notdef_other:.notdef for other characters of the text",
    "dotted_circles:U+25CC inserted by the shaper (broken syllables)",
    "unattached_marks:marks left unpositioned", "text_chars:characters of the text shaped", NULL};
  Glyph = lt_struct_type(m, "Glyph", "One shaped glyph.", fields);
  FontReport = lt_struct_type(m, "FontReport", "Whether a font supports a language.", rep_fields);
  if (!Glyph || !FontReport || lt_add_type(m, &FontType) < 0) return -1;
  return lt_add_functions(m, methods);
}

/* loctext — BCP 47 language tags: analysis and canonical form. */
#include "common.h"

#include <loc/loc.h>

static PyTypeObject *TagInfo, *TagIssue;

static PyObject *opt_str(const char *s) {
  return s ? PyUnicode_FromString(s) : Py_NewRef(Py_None);
}

static PyObject *issues(const loc_tag_diag *d, size_t n) {
  PyObject *tup = PyTuple_New((Py_ssize_t)n);
  for (size_t i = 0; tup && i < n; i++) {
    PyObject *o = lt_struct(TagIssue, 4, PyUnicode_FromString(d[i].rule),
                            PyLong_FromSize_t(d[i].offset), PyLong_FromSize_t(d[i].length),
                            PyUnicode_FromString(d[i].message));
    if (!o) Py_CLEAR(tup);
    else PyTuple_SET_ITEM(tup, (Py_ssize_t)i, o);
  }
  return tup;
}

PyDoc_STRVAR(tag_doc,
"tag(tag) -> TagInfo\n\n"
"A BCP 47 language tag checked against the IANA registry: .valid,\n"
".canonical, .maximal, .minimal (likely subtags), .name, .autonym, and\n"
".errors / .warnings (TagIssue: rule, offset, length, message). An invalid\n"
"tag is a result (valid=False), not an exception.");

static PyObject *py_tag(PyObject *self, PyObject *arg) {
  lt_text t;
  if (!lt_text_get(arg, "tag", &t)) return NULL;
  loc_tag_info *info = NULL;
  int st;
  Py_BEGIN_ALLOW_THREADS
  st = loc_tag_analyze(t.s, (size_t)t.len, &info);
  Py_END_ALLOW_THREADS
  if (st != LOC_OK) return lt_raise(st, NULL);
  PyObject *r = lt_struct(TagInfo, 9, PyUnicode_Substring(arg, 0, PyUnicode_GET_LENGTH(arg)),
                          PyBool_FromLong(info->valid), opt_str(info->canonical),
                          opt_str(info->maximal), opt_str(info->minimal), opt_str(info->name),
                          opt_str(info->autonym), issues(info->errors, info->n_errors),
                          issues(info->warnings, info->n_warnings));
  loc_tag_info_free(info);
  return r;
}

PyDoc_STRVAR(canon_doc,
"canonicalize_tag(tag) -> str\n\n"
"The canonical form of a valid tag ('iw' -> 'he', 'sh' -> 'sr-Latn');\n"
"loctext.Error for an invalid one.");

static PyObject *py_canon(PyObject *self, PyObject *arg) {
  lt_text t;
  if (!lt_text_get(arg, "tag", &t)) return NULL;
  char buf[LOC_TAG_MAX_LEN + 1];
  size_t n = 0;
  int st = loc_tag_canonicalize(t.s, (size_t)t.len, buf, sizeof buf, &n);
  if (st != LOC_OK) return lt_raisef(st, "'%s'", t.s);
  return lt_str(buf, n);
}

static PyMethodDef methods[] = {
  {"tag", py_tag, METH_O, tag_doc},
  {"canonicalize_tag", py_canon, METH_O, canon_doc},
  {NULL, NULL, 0, NULL},
};

int lt_init_tag(PyObject *m) {
  static const char *const info_fields[] = {
    "input", "valid:well-formed and every subtag registered",
    "canonical:canonical form (None when invalid)", "maximal:likely subtags added",
    "minimal:likely subtags removed", "name:English name (None when ICU has none)",
    "autonym:name in the language itself", "errors:TagIssue tuple", "warnings:TagIssue tuple",
    NULL};
  static const char *const issue_fields[] = {
    "rule:'syntax', 'unknown-subtag', 'suppress-script', ...",
    "offset:offset of the subtag (tags are ASCII: bytes are characters)",
    "length:its length", "message:one English sentence", NULL};
  TagInfo = lt_struct_type(m, "TagInfo", "What a BCP 47 tag is.", info_fields);
  TagIssue = lt_struct_type(m, "TagIssue", "One finding about a tag.", issue_fields);
  if (!TagInfo || !TagIssue) return -1;
  return lt_add_functions(m, methods);
}

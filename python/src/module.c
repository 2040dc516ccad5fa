/* loctext — the extension module loctext._loctext: versions, the Error
 * type, and the feature files' functions and types. */
#include "common.h"

#include <loc/loc.h>

PyDoc_STRVAR(versions_doc,
"versions() -> dict[str, str]\n\n"
"Run-time versions of the library and of the components that decide\n"
"results: {'libloc': '1.0.0', 'icu': '72.1', 'unicode': '15.0', ...}.");

static PyObject *py_versions(PyObject *self, PyObject *unused) {
  PyObject *d = PyDict_New();
  if (!d) return NULL;
  for (int c = 0; c < LOC_COMPONENT_COUNT_; c++) {
    const char *name = loc_component_name((loc_component)c);
    const char *ver = loc_component_version((loc_component)c);
    if (!name || !ver) continue;
    PyObject *v = PyUnicode_FromString(ver);
    if (!v || PyDict_SetItemString(d, name, v) < 0) {
      Py_XDECREF(v);
      Py_DECREF(d);
      return NULL;
    }
    Py_DECREF(v);
  }
  return d;
}

PyDoc_STRVAR(strerror_doc,
"strerror(status) -> tuple[str | None, str]\n\n"
"The library's name and message for a status code: (\"LOC_E_UNKNOWN_FORM\",\n"
"\"unknown normalization form\").");

static PyObject *py_strerror(PyObject *self, PyObject *arg) {
  long st = PyLong_AsLong(arg);
  if (st == -1 && PyErr_Occurred()) return NULL;
  const char *name = loc_status_name((int)st);
  return Py_BuildValue("(zs)", name, loc_status_message((int)st));
}

static PyMethodDef module_methods[] = {
  {"versions", py_versions, METH_NOARGS, versions_doc},
  {"strerror", py_strerror, METH_O, strerror_doc},
  {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module_def = {
  PyModuleDef_HEAD_INIT,
  "loctext._loctext",
  "C part of loctext: thin, GIL-free calls into libloc. Use the loctext package.",
  -1,
  module_methods,
  NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__loctext(void);
PyMODINIT_FUNC PyInit__loctext(void) {
  PyObject *m = PyModule_Create(&module_def);
  if (!m) return NULL;
  if (!loctext_Error) {
    loctext_Error = PyErr_NewExceptionWithDoc(
        "loctext.Error",
        "A call libloc refused (bad argument, unknown name, unreadable file).\n\n"
        "Attributes: status (the library's negative status code) and code\n"
        "(its name, such as 'LOC_E_UNKNOWN_FORM'). Verdicts about text, such as\n"
        "a rejected domain name, are results, never this exception.",
        PyExc_ValueError, NULL);
    if (!loctext_Error) goto fail;
  }
  Py_INCREF(loctext_Error);
  if (PyModule_AddObject(m, "Error", loctext_Error) < 0) {
    Py_DECREF(loctext_Error);
    goto fail;
  }
  if (PyModule_AddStringConstant(m, "__version__", loc_version()) < 0) goto fail;
  if (lt_init_normalize(m) < 0 || lt_init_script(m) < 0 || lt_init_detect(m) < 0 ||
      lt_init_translit(m) < 0 || lt_init_legacy(m) < 0 || lt_init_idn(m) < 0 ||
      lt_init_confusable(m) < 0 || lt_init_lgr(m) < 0 || lt_init_check(m) < 0 ||
      lt_init_key(m) < 0 || lt_init_segment(m) < 0 || lt_init_tag(m) < 0 ||
      lt_init_collate(m) < 0 || lt_init_shape(m) < 0)
    goto fail;
  return m;
fail:
  Py_DECREF(m);
  return NULL;
}

/* loctext — helpers shared by the extension's feature files: text in and
 * out, errors, code point offsets and per-thread context pools.
 * Every call into libloc lives in the feature files (python/src/NAME.c). */
#ifndef LOCTEXT_COMMON_H
#define LOCTEXT_COMMON_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The module state lives in static storage: the module has no
 * sub-interpreter support (Py_mod_multiple_interpreters is not declared). */
extern PyObject *loctext_Error; /* loctext.Error, a ValueError */

/* ---------- the GIL ---------- */

/* A call into the library on fewer bytes than this keeps the GIL (as
 * hashlib does under 2 KiB): handing the GIL to another thread and taking
 * it back costs a few microseconds of sleeping and waking when threads
 * share it, more than normalizing or converting a short line takes, so
 * releasing it for a short call makes threads slower, not faster. Longer
 * calls and the bulk helpers (one release per batch) release it. */
#define LT_GIL_MINSIZE 2048
#define LT_BEGIN_ALLOW_THREADS_IF(cond) \
  { PyThreadState *lt_save_ = (cond) ? PyEval_SaveThread() : NULL;
#define LT_END_ALLOW_THREADS_IF \
  if (lt_save_) PyEval_RestoreThread(lt_save_); }

/* ---------- text in ---------- */

/* A str argument as UTF-8. The bytes belong to @obj (CPython caches the
 * UTF-8 form in the str), so they stay valid, with the GIL released too,
 * while the caller holds a reference to @obj. */
typedef struct lt_text {
  const char *s;
  Py_ssize_t len;  /* bytes */
  bool ascii;      /* byte offsets are code point offsets */
} lt_text;

/* Fills @t from @obj. Returns false with an exception set: TypeError for a
 * non-str, ValueError naming the index of a lone surrogate. @what names
 * the argument in messages ("text", "name"). */
bool lt_text_get(PyObject *obj, const char *what, lt_text *t);

/* As lt_text_get(), for calls that read one text: a non-ASCII str is
 * encoded into a per-thread scratch buffer instead of the UTF-8 copy
 * CPython would cache inside the str (no allocation, and no second copy of
 * every line of a corpus kept alive). The bytes stay valid until the
 * thread's next lt_text_scratch() call, which any Python code can make (a
 * finalizer run by the garbage collector): read them only before making
 * Python objects; code that reads the text while it builds its results
 * (offsets) uses lt_text_get(). */
bool lt_text_scratch(PyObject *obj, const char *what, lt_text *t);

/* A new str from UTF-8 the library produced. */
PyObject *lt_str(const char *s, size_t len);

/* For bulk helpers that encode their items themselves, without the GIL:
 * the most bytes the UTF-8 of a str can take, and its UTF-8 written to @out
 * (the length, or -1 for a lone surrogate; reads only the str's immutable
 * data, so no GIL is needed while a reference is held); then, with the
 * GIL, the ValueError for item @i of a bulk call with a lone surrogate. */
size_t lt_utf8_bound(PyObject *str);
Py_ssize_t lt_utf8_encode_raw(PyObject *str, char *out);
void lt_raise_item_surrogate(PyObject *str, const char *what, Py_ssize_t i);
/* After a chunk of a bulk call: raises the ValueError for item @bad of
 * @list (when @bad >= 0), else the error of @status (when not LOC_OK);
 * true when it raised. */
bool lt_chunk_raise(PyObject *list, Py_ssize_t bad, const char *what, int status);
/* The str's text as UTF-8 without the GIL: an ASCII str is read where it
 * is (*out points into it), any other is written to @buf (room for
 * lt_utf8_bound() bytes). Returns the length in bytes, or -1 for a lone
 * surrogate. */
Py_ssize_t lt_utf8_view(PyObject *str, char *buf, const char **out);

/* For bulk helpers: the items of an iterable as a new list, every one
 * checked to be a str (TypeError naming the item otherwise); then, without
 * the GIL, the end of the chunk of that list that starts at @i: at most
 * @max_items items, and more than one only while the UTF-8 bounds of the
 * items before stay under @max_bytes (their sum in *bound). */
PyObject *lt_str_list(PyObject *iterable, const char *what);
Py_ssize_t lt_chunk_end(PyObject *list, Py_ssize_t i, Py_ssize_t max_items, size_t max_bytes,
                        size_t *bound);

/* Bulk helpers build their str results in two steps, so that the GIL is
 * held only to allocate them: lt_utf8_measure() gives the length in code
 * points and the largest code point class of UTF-8 (false when it is not
 * valid UTF-8: then use lt_str), PyUnicode_New(n, maxchar) makes the str
 * (with the GIL), and lt_utf8_fill() writes its characters. Measure and
 * fill need no GIL (the new str is the caller's alone). */
bool lt_utf8_measure(const char *s, size_t len, Py_ssize_t *n, Py_UCS4 *maxchar);
void lt_utf8_fill(PyObject *str, const char *s, size_t len);
/* lt_utf8_measure() of UTF-8 known to be well-formed (what the library
 * makes of text that came from a str), and a new str from such UTF-8:
 * no validation pass. */
void lt_utf8_measure_valid(const char *s, size_t len, Py_ssize_t *n, Py_UCS4 *maxchar);
PyObject *lt_str_valid(const char *s, size_t len);

/* ---------- UTF-16 (utf16.c) ---------- */

/* For the library's UTF-16 calls. None of these needs the GIL while a
 * reference to the str is held (they read its immutable data only; a new
 * str is its maker's alone until it is shared).
 * lt_u16_bound: the most code units the str's UTF-16 can take.
 * lt_u16_view: the str's text as UTF-16: a 2-byte str (PEP 393) is UTF-16
 * as it is and *out points into it; 1- and 4-byte ones are written to @buf
 * (lt_u16_bound units). Returns the length in code units, or -1 for a
 * lone surrogate (then lt_raise_surrogate, with the GIL).
 * lt_u16_measure: the length in code points and largest code point of
 * well-formed UTF-16 (what the library makes of such text), for
 * PyUnicode_New; lt_u16_fill writes it into the new str.
 * lt_str_u16: a new str from well-formed UTF-16 (GIL held). */
size_t lt_u16_bound(PyObject *str);
Py_ssize_t lt_u16_view(PyObject *str, uint16_t *buf, const uint16_t **out);
void lt_u16_measure(const uint16_t *s, size_t n, Py_ssize_t *len, Py_UCS4 *maxchar);
void lt_u16_fill(PyObject *str, const uint16_t *s, size_t n);
PyObject *lt_str_u16(const uint16_t *s, size_t n);
void lt_raise_surrogate(PyObject *str, const char *what);

/* Per-thread buffers that bulk calls reuse from call to call (no
 * allocation per call, and no page faults on fresh memory): a buffer of
 * at least @bytes for @slot (0 .. LT_TLS_SLOTS-1), its size in *cap, or
 * NULL when out of memory. Valid until the thread's next lt_tls_buf() on
 * the same slot; freed when the thread ends. lt_tls_trim() at the end of a
 * call frees the ones that grew past 1 MiB. No GIL needed. Slots 0-2 are
 * the bulk helpers'; LT_TLS_SCRATCH is lt_text_scratch()'s. */
#define LT_TLS_SLOTS 4
#define LT_TLS_SCRATCH 3
void *lt_tls_buf(int slot, size_t bytes, size_t *cap);
void lt_tls_trim(void);
/* A bulk helper that makes objects the garbage collector tracks (tuples,
 * struct sequences) from a buffer can see Python code run in between (a
 * finalizer), which may make a bulk call on this thread: it claims the
 * buffer instead. lt_tls_claim() takes the slot's buffer (of at least
 * @bytes) out of the thread's set, so that such a call gets a fresh one;
 * lt_tls_unclaim() gives it back (or frees it). No GIL needed. */
void *lt_tls_claim(int slot, size_t bytes, size_t *cap);
void lt_tls_unclaim(int slot, void *p, size_t cap);

/* ---------- errors ---------- */

/* Raises loctext.Error (MemoryError for LOC_E_NO_MEMORY) for a libloc
 * status, with the library's message, optional detail and .status / .code
 * attributes. Returns NULL for `return lt_raise(...)`. */
PyObject *lt_raise(int status, const char *detail);
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
PyObject *lt_raisef(int status, const char *fmt, ...);

/* ---------- offsets ---------- */

/* Byte offsets -> code point indices for offsets given in increasing
 * order (any order works; going backwards restarts from 0). */
typedef struct lt_offsets {
  const char *s;
  size_t len;
  bool ascii;
  size_t byte, cp;
} lt_offsets;

void lt_offsets_init(lt_offsets *o, const lt_text *t);
Py_ssize_t lt_offsets_cp(lt_offsets *o, size_t byte_offset);

/* ---------- per-thread contexts ---------- */

/* A pool of contexts of one kind (an IDN context, a transform context...).
 * A call takes one, uses it with the GIL released, and gives it back, so no
 * two threads ever use one context at a time, and a thread that calls
 * again finds a warm one. At most LT_POOL_KEEP idle contexts are kept. */
#define LT_POOL_KEEP 16
typedef struct lt_pool {
  pthread_mutex_t lock;
  void *idle[LT_POOL_KEEP];
  int n_idle;
  /* makes a context (returns a libloc status) / frees one */
  int (*make)(void *owner, void **out);
  void (*drop)(void *ctx);
  void *owner;
} lt_pool;

void lt_pool_init(lt_pool *p, int (*make)(void *, void **), void (*drop)(void *),
                  void *owner);
/* Takes a context; callable without the GIL. Returns a libloc status. */
int lt_pool_take(lt_pool *p, void **ctx);
/* Gives it back (or frees it when the pool is full). */
void lt_pool_give(lt_pool *p, void *ctx);
/* Frees every idle context. */
void lt_pool_clear(lt_pool *p);

/* ---------- iterables ---------- */

/* The items of an iterable of str as a new list of their UTF-8 forms, for
 * bulk helpers: a list (new reference) of the str objects themselves and an
 * array of lt_text (PyMem_Free). The UTF-8 is written with the GIL
 * released when there is much of it. Returns false with an exception set. */
bool lt_texts_from_iterable(PyObject *iterable, const char *what, PyObject **keep,
                            lt_text **texts, Py_ssize_t *n);

/* The bulk form of a per-text call: @one(self, ctx, text) for every str of
 * @iterable, with one context taken from @pool for the whole run. Returns the
 * list of results, or NULL with an exception set. */
PyObject *lt_map_pooled(lt_pool *pool, PyObject *iterable, void *self,
                        PyObject *(*one)(void *self, void *ctx, const lt_text *t));

/* ---------- result classes ---------- */

/* A named, immutable result class (a struct sequence: fields by name and
 * by position, a readable repr), added to the module as @name.
 * @fields: "name" or "name:doc", NULL-terminated. */
PyTypeObject *lt_struct_type(PyObject *m, const char *name, const char *doc,
                             const char *const *fields);
/* An instance from @n values (references stolen; a NULL value makes the
 * call fail after releasing the others). */
PyObject *lt_struct(PyTypeObject *type, int n, ...);

/* ---------- feature registration ---------- */

/* Each feature file adds its functions and types to the module. */
int lt_add_functions(PyObject *m, PyMethodDef *defs);
int lt_add_type(PyObject *m, PyTypeObject *type);

int lt_init_normalize(PyObject *m);
int lt_init_script(PyObject *m);
int lt_init_detect(PyObject *m);
int lt_init_translit(PyObject *m);
int lt_init_legacy(PyObject *m);
int lt_init_idn(PyObject *m);
int lt_init_confusable(PyObject *m);
int lt_init_lgr(PyObject *m);
int lt_init_check(PyObject *m);
int lt_init_key(PyObject *m);
int lt_init_segment(PyObject *m);
int lt_init_tag(PyObject *m);
int lt_init_collate(PyObject *m);
int lt_init_shape(PyObject *m);

#endif

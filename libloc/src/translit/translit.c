/* Transliteration: compiled transforms shared through a process-wide cache,
 * and per-thread contexts that feed ICU one token at a time. */
#include "internal.h"
#include "translit_internal.h"

#include <pthread.h>
#include <strings.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <stdatomic.h>
#include <stdio.h>

/* Idle ICU clones kept per transform. */
#define IDLE_CLONES 4

struct loc_translit {
  atomic_int refs;
  UTransliterator *icu; /* the master: only ever cloned, never run */
  unsigned flags;
  bool han_braces;      /* Any-Latin romanizes: unread Han as {U+XXXX} */
  char *id;
  unsigned cut_mask;    /* separators a cut may fall at (0: whole lines) */
  char any_x[64];       /* first step Any-X: its target, else "" */
  int keep_script;      /* Any-X alone: X's script (text of it is kept), else -1 */
  /* Any-X: per script, its transform's mask | 0x80 once computed. */
  _Atomic unsigned short script_mask[USCRIPT_CODE_LIMIT];
  /* ICU clones of freed contexts, for the next contexts: a clone keeps
   * what ICU built while it ran (Any-X opens each script's transform on
   * first use), which a new clone would build again. */
  pthread_mutex_t idle_lock;
  UTransliterator *idle[IDLE_CLONES];
  int n_idle;
};

/* ---------- process-wide cache of transforms opened by ID ---------- */

typedef struct cache_entry {
  char *id;
  unsigned flags;
  loc_translit *t;
} cache_entry;

static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static cache_entry *cache;
static size_t cache_len, cache_cap;

static loc_translit *cache_find(const char *id, unsigned flags) {
  for (size_t i = 0; i < cache_len; i++)
    if (cache[i].flags == flags && strcmp(cache[i].id, id) == 0)
      return cache[i].t;
  return NULL;
}

/* Takes a reference for the cache; on failure the caller keeps its own. */
static void cache_add(const char *id, unsigned flags, loc_translit *t) {
  if (cache_len == cache_cap) {
    size_t cap = cache_cap ? cache_cap * 2 : 16;
    cache_entry *n = realloc(cache, cap * sizeof *n);
    if (n == NULL)
      return;
    cache = n;
    cache_cap = cap;
  }
  char *key = strdup(id);
  if (key == NULL)
    return;
  atomic_fetch_add(&t->refs, 1);
  cache[cache_len++] = (cache_entry){key, flags, t};
}

/* ---------- opening ---------- */

static bool looks_like_rules(const char *s) {
  return strpbrk(s, "<>") != NULL || strstr(s, "::") != NULL ||
         strstr(s, "\xe2\x86\x92") != NULL || strstr(s, "\xe2\x86\x90") != NULL ||
         strstr(s, "\xe2\x86\x94") != NULL;
}

/* The steps of a compound ID, each without filter, inverse or spaces. */
static bool next_step(const char **p, const char **step, size_t *n) {
  const char *s = *p;
  if (*s == '\0')
    return false;
  const char *end = strchr(s, ';');
  if (end == NULL)
    end = s + strlen(s);
  *p = *end ? end + 1 : end;
  while (s < end && (*s == ' ' || *s == '\t'))
    s++;
  if (*s == '[') { /* a filter: [...] with nesting */
    int depth = 0;
    for (; s < end; s++) {
      if (*s == '\\' && s + 1 < end) {
        s++;
        continue;
      }
      if (*s == '[')
        depth++;
      else if (*s == ']' && --depth == 0) {
        s++;
        break;
      }
    }
  }
  while (s < end && (*s == ' ' || *s == '\t'))
    s++;
  const char *e = memchr(s, '(', (size_t)(end - s));
  if (e == NULL)
    e = end;
  while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
    e--;
  *step = s;
  *n = (size_t)(e - s);
  return true;
}

static bool step_is(const char *step, size_t n, const char *id) {
  return n == strlen(id) && strncasecmp(step, id, n) == 0;
}

/* Is @id one of the project's romanizers, Any-Latin (or its alias Any-Latn)
 * alone or in a compound whose last step writes Latin or ASCII? Then a Han
 * character left without a reading is spelled {U+XXXX} rather than kept.
 * Every other ID (Greek-Latin, Latin-ASCII...) leaves Han as ICU does. */
static bool romanizes(const char *id) {
  const char *p = id, *step = NULL, *last = NULL;
  size_t n = 0, last_n = 0;
  bool any_latin = false;
  while (next_step(&p, &step, &n)) {
    if (n == 0)
      continue;
    any_latin = any_latin || step_is(step, n, "Any-Latin") || step_is(step, n, "Any-Latn");
    last = step;
    last_n = n;
  }
  if (!any_latin || last == NULL)
    return false;
  const char *slash = memchr(last, '/', last_n);
  if (slash != NULL)
    last_n = (size_t)(slash - last);
  static const char *const ends[] = {"-Latin", "-Latn", "-ASCII"};
  for (size_t i = 0; i < 3; i++) {
    size_t e = strlen(ends[i]);
    if (last_n >= e && strncasecmp(last + last_n - e, ends[i], e) == 0)
      return true;
  }
  return false;
}

static loc_status wrap(UTransliterator *icu, unsigned flags, bool han,
                       loc_translit **out) {
  loc_translit *t = calloc(1, sizeof *t);
  char *id = loc__translit_icu_id(icu);
  if (t == NULL || id == NULL) {
    free(t);
    free(id);
    utrans_close(icu);
    return LOC_E_NO_MEMORY;
  }
  atomic_init(&t->refs, 1);
  t->icu = icu;
  t->flags = flags;
  t->han_braces = han;
  t->id = id;
  t->keep_script = -1;
  if (!(flags & LOC_TRANSLIT_LINES))
    t->cut_mask = loc__translit_cut_mask(icu, t->any_x, sizeof t->any_x);
  if (t->any_x[0] != '\0' && (t->cut_mask & LOC_TRANSLIT_ANY_LAST)) {
    /* Any-X as the only step leaves runs of X's own script alone (ICU's
     * AnyTransliterator has no X-X transform), and runs of Common and
     * Inherited characters with nothing else too. */
    char name[64];
    size_t n = strcspn(t->any_x, "/");
    memcpy(name, t->any_x, n);
    name[n] = '\0';
    int sc = u_getPropertyValueEnum(UCHAR_SCRIPT, name);
    if (sc > USCRIPT_INHERITED && sc < USCRIPT_CODE_LIMIT)
      t->keep_script = sc;
  }
  for (int i = 0; i < USCRIPT_CODE_LIMIT; i++)
    atomic_init(&t->script_mask[i], 0);
  pthread_mutex_init(&t->idle_lock, NULL);
  *out = t;
  return LOC_OK;
}

LOC_API loc_status loc_translit_new(const char *id, unsigned flags,
                                     loc_translit **out,
                                     loc_translit_error *err) {
  if (err != NULL)
    *err = (loc_translit_error){.offset = -1};
  if (id == NULL || out == NULL)
    return LOC_E_INVALID_ARGUMENT;
  *out = NULL;
  if (looks_like_rules(id))
    return loc_translit_new_rules(id, strlen(id), flags, out, err);
  loc_status st = loc__translit_register();
  if (st != LOC_OK)
    return st;
  pthread_mutex_lock(&cache_lock);
  loc_translit *t = cache_find(id, flags);
  if (t != NULL) {
    atomic_fetch_add(&t->refs, 1);
    pthread_mutex_unlock(&cache_lock);
    *out = t;
    return LOC_OK;
  }
  /* Compiling under the lock makes a second thread asking for the same ID
   * wait for the first rather than compile it again. */
  UTransliterator *icu = NULL;
  st = loc__translit_icu_open(id, strlen(id), false,
                              (flags & LOC_TRANSLIT_REVERSE) != 0, &icu, err);
  if (st == LOC_OK)
    st = wrap(icu, flags, !(flags & LOC_TRANSLIT_REVERSE) && romanizes(id), &t);
  if (st == LOC_OK) {
    cache_add(id, flags, t);
    *out = t;
  }
  pthread_mutex_unlock(&cache_lock);
  return st;
}

LOC_API loc_status loc_translit_new_rules(const char *rules, size_t len,
                                           unsigned flags, loc_translit **out,
                                           loc_translit_error *err) {
  if (err != NULL)
    *err = (loc_translit_error){.offset = -1};
  if ((rules == NULL && len > 0) || out == NULL)
    return LOC_E_INVALID_ARGUMENT;
  *out = NULL;
  loc_status st = loc__translit_register();
  if (st != LOC_OK)
    return st;
  UTransliterator *icu = NULL;
  st = loc__translit_icu_open(rules ? rules : "", len, true,
                              (flags & LOC_TRANSLIT_REVERSE) != 0, &icu, err);
  if (st != LOC_OK)
    return st;
  return wrap(icu, flags, false, out);
}

LOC_API void loc_translit_free(loc_translit *t) {
  if (t == NULL || atomic_fetch_sub(&t->refs, 1) != 1)
    return;
  for (int i = 0; i < t->n_idle; i++)
    utrans_close(t->idle[i]);
  pthread_mutex_destroy(&t->idle_lock);
  utrans_close(t->icu);
  free(t->id);
  free(t);
}

LOC_API const char *loc_translit_id(const loc_translit *t) {
  return t ? t->id : NULL;
}

/* ---------- contexts ---------- */

LOC_API loc_status loc_translit_ctx_new(loc_translit *t, loc_translit_ctx **ctx) {
  if (t == NULL || ctx == NULL)
    return LOC_E_INVALID_ARGUMENT;
  *ctx = NULL;
  loc_translit_ctx *c = calloc(1, sizeof *c);
  if (c == NULL)
    return LOC_E_NO_MEMORY;
  /* A transliterator keeps no state between calls but caches, so an idle
   * clone serves as well as a new one. */
  pthread_mutex_lock(&t->idle_lock);
  c->icu = t->n_idle > 0 ? t->idle[--t->n_idle] : NULL;
  pthread_mutex_unlock(&t->idle_lock);
  if (c->icu == NULL) {
    UErrorCode e = U_ZERO_ERROR;
    c->icu = utrans_clone(t->icu, &e);
    if (U_FAILURE(e)) {
      utrans_close(c->icu);
      free(c);
      return e == U_MEMORY_ALLOCATION_ERROR ? LOC_E_NO_MEMORY : LOC_E_ICU;
    }
  }
  atomic_fetch_add(&t->refs, 1);
  c->t = t;
  c->lines = (t->flags & LOC_TRANSLIT_LINES) != 0;
  c->no_cache = (t->flags & LOC_TRANSLIT_NO_CACHE) != 0;
  c->han_braces = t->han_braces;
  c->mask = t->cut_mask;
  c->any_x = t->any_x[0] != '\0';
  c->keep_script = t->keep_script;
  c->pair_a = c->pair_b = -2;
  *ctx = c;
  return LOC_OK;
}

static unsigned script_mask(loc_translit *t, int sc) {
  if (sc == USCRIPT_COMMON || sc == USCRIPT_INHERITED || sc < 0 ||
      sc >= USCRIPT_CODE_LIMIT)
    return 0; /* the run goes on across the cut: never cut there */
  unsigned short v = atomic_load_explicit(&t->script_mask[sc], memory_order_acquire);
  if (v == 0) {
    /* Two threads may both compute it: the same value, stored twice. */
    v = (unsigned short)(0x8000 | loc__translit_script_mask(t->any_x, sc));
    atomic_store_explicit(&t->script_mask[sc], v, memory_order_release);
  }
  return v & 0x7FFF;
}

unsigned loc__translit_pair_mask(const loc_translit_ctx *c, int a, int b, unsigned bits) {
  const unsigned all = (1u << LOC_TRANSLIT_SEPS) - 1;
  unsigned ma = script_mask(c->t, a);
  unsigned m = c->t->cut_mask & all & ma;
  if (m == 0)
    return 0;
  unsigned mb = a == b ? ma : script_mask(c->t, b);
  m &= mb;
  /* A separator the script's transform rewrites (a separator of that
   * script, see loc__translit_script_mask) may be cut at only inside one
   * run of that script, with Any-X the last step: transformed alone, it
   * is rewritten as in the run. */
  unsigned cons = ((ma | mb) >> LOC_TRANSLIT_CONSUMED) & all;
  if (a != b || !(c->t->cut_mask & LOC_TRANSLIT_ANY_LAST))
    m &= ~cons;
  /* A separator of a script of its own (U+1361, Ethiopic) between
   * characters of other scripts is a run of its own, which its script's
   * transform sees with the characters around it as context, and whose
   * replacement the next run sees: only a separator that transform
   * neither reaches across nor rewrites may be cut at there. */
  static const int32_t seps[LOC_TRANSLIT_SEPS] = {' ', '\t', '\n', '\r', '\v', '\f', 0x1361};
  for (int i = 0; i < LOC_TRANSLIT_SEPS; i++) {
    unsigned bit = 1u << i;
    if (!(m & bits & bit) || seps[i] < 0x80) /* ASCII whitespace is Common */
      continue;
    UErrorCode e = U_ZERO_ERROR;
    int sc = (int)uscript_getScript(seps[i], &e);
    if (sc == USCRIPT_COMMON || sc == USCRIPT_INHERITED || (sc == a && sc == b))
      continue;
    unsigned ms = script_mask(c->t, sc);
    if (!(ms & bit) || (ms >> LOC_TRANSLIT_CONSUMED) & bit)
      m &= ~bit;
  }
  return m;
}

LOC_API void loc_translit_ctx_free(loc_translit_ctx *c) {
  if (c == NULL)
    return;
  loc_translit *t = c->t;
  pthread_mutex_lock(&t->idle_lock);
  if (t->n_idle < IDLE_CLONES) {
    t->idle[t->n_idle++] = c->icu;
    c->icu = NULL;
  }
  pthread_mutex_unlock(&t->idle_lock);
  utrans_close(c->icu);
  loc_translit_free(t);
  free(c->u);
  free(c->pend.data);
  free(c->out.data);
  loc__token_cache_free(&c->cache);
  free(c);
}

LOC_API void loc_translit_cache_stats(const loc_translit_ctx *c, uint64_t *hits,
                                      uint64_t *misses) {
  if (hits != NULL)
    *hits = c ? c->cache.hits : 0;
  if (misses != NULL)
    *misses = c ? c->cache.misses : 0;
}

/* Private to the transliteration module (translit*.c). */
#ifndef LOC_TRANSLIT_INTERNAL_H
#define LOC_TRANSLIT_INTERNAL_H

#include <unicode/utrans.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Tokens longer than this are not cached. */
#define LOC_TOKEN_CACHE_MAX_KEY 128

/* Output per token, for one context: open addressing over a byte arena;
 * emptied when full, so memory stays bounded. */
typedef struct loc__token_slot {
  uint32_t hash;
  uint32_t key_off;     /* 0 = empty slot; data starts at arena offset 1 */
  uint32_t key_len, val_len;
} loc__token_slot;

typedef struct loc__token_cache {
  loc__token_slot *slots;
  uint32_t mask, used;
  char *arena;
  size_t arena_len, arena_cap;
  uint64_t hits, misses;
} loc__token_cache;

/* The output cached for key, or NULL. */
const char *loc__token_cache_get(loc__token_cache *tc, const char *key,
                                 size_t len, uint32_t hash, size_t *val_len);
/* Remembers key -> val; silently does nothing when memory runs short. */
void loc__token_cache_put(loc__token_cache *tc, const char *key, size_t len,
                          uint32_t hash, const char *val, size_t val_len);
void loc__token_cache_free(loc__token_cache *tc);
uint32_t loc__token_hash(const char *s, size_t len);

struct loc_translit_ctx {
  struct loc_translit *t;
  UTransliterator *icu;  /* this context's clone */
  bool lines;            /* LOC_TRANSLIT_LINES */
  bool no_cache;         /* LOC_TRANSLIT_NO_CACHE */
  bool han_braces;
  UChar *u;              /* UTF-16 work buffer */
  int32_t ucap;
  loc__buf pend;         /* input kept for the next write */
  loc__buf out;          /* output batched for the sink */
  loc__token_cache cache;
};

/* Makes sure the project's rule sets are registered with ICU (once per
 * process; each compiles when first used). LOC_OK or LOC_E_NO_MEMORY. */
loc_status loc__translit_register(void);

/* Opens an ICU transliterator from an ID (@rules false) or rules text. */
loc_status loc__translit_icu_open(const char *text, size_t len, bool rules,
                                  bool reverse, UTransliterator **out,
                                  loc_translit_error *err);

/* The transliterator's ID in UTF-8 (malloc), or NULL when out of memory. */
char *loc__translit_icu_id(const UTransliterator *t);

/* Transforms valid UTF-8 s[0..len) with the context's clone and appends the
 * result to c->out. */
loc_status loc__translit_run(loc_translit_ctx *c, const char *s, size_t len);

/* A one-line description of a project rule set, or NULL if @id is ICU's. */
const char *loc__translit_own_description(const char *id);

#ifdef __cplusplus
}
#endif

#endif

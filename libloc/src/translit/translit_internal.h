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
  unsigned mask;         /* separators a cut may fall at (translit_local.cc) */
  bool any_x;            /* ... and only between characters of scripts */
  int keep_script;       /* see loc__translit_kept */
  int pair_a, pair_b;    /* the last pair of scripts cut_ok judged (-2: none) */
  unsigned pair_bits;    /* ... the separators between them */
  bool pair_ok;          /* ... and its answer */
  size_t scan;           /* bytes of pend known to hold no cut */
  int32_t prev_sep;      /* the separator before the next unit, or 0 */
  loc__buf pend;         /* input kept for the next write */
  loc__buf out;          /* output batched for the sink */
  loc__token_cache cache;
};

/* Any-X: the separators a cut may fall at between a character of script
 * @a and one of script @b (computed once per script and transform); of
 * the separators of a script of their own, only those among @bits (the
 * ones at the cut) are judged. */
unsigned loc__translit_pair_mask(const loc_translit_ctx *c, int a, int b, unsigned bits);

/* Does the transform leave s[0..len) as it is, as ICU's Any-X alone does
 * with text of X's script and Common and Inherited characters (then ICU
 * need not see it)? False for ill-formed UTF-8 and other transforms. */
bool loc__translit_kept(const loc_translit_ctx *c, const char *s, size_t len);

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
 * result to c->out; @before and @after (0: none) are the characters ICU
 * sees as context on either side (a separator at a cut). */
loc_status loc__translit_run(loc_translit_ctx *c, const char *s, size_t len,
                             int32_t before, int32_t after);

/* ICU's transform of u[0..n) with @before / @after (0: none) as context
 * (translit_local.cc); the new length, or the length needed with
 * U_BUFFER_OVERFLOW_ERROR. */
int32_t loc__translit_icu_ctx(const UTransliterator *t, UChar *u, int32_t n,
                              int32_t cap, UChar32 before, UChar32 after, UErrorCode *e);

/* A one-line description of a project rule set, or NULL if @id is ICU's. */
const char *loc__translit_own_description(const char *id);

/* The word separators text may be cut at: ASCII space, tab, LF, CR, VT, FF
 * and U+1361 ETHIOPIC WORDSPACE, bit i for the i-th. @any_x receives the
 * target of a first step Any-X ("Latin", "Latin/BGN"), or "". */
#define LOC_TRANSLIT_SEPS 7
/* The masks below carry, shifted by this, the separators among them that
 * the transform rewrites on their own, whatever surrounds them (a cut
 * there transforms the separator alone; see translit_local.cc). */
#define LOC_TRANSLIT_CONSUMED 8
/* In loc__translit_cut_mask's result: the first step Any-X is the last
 * step, so a script's transform may rewrite a separator of its script. */
#define LOC_TRANSLIT_ANY_LAST (1u << 16)

/* The separators no step of @t can see (translit_local.cc): a cut at a run
 * of them cannot change the output. *any_x: the first step is ICU's Any-X
 * (script runs): then a cut also needs a character of a script on both
 * sides, and each script's own mask (loc__translit_script_mask). 0 when
 * nothing is proven: lines go whole. */
unsigned loc__translit_cut_mask(const UTransliterator *t, char *any_x, size_t cap);

/* The mask of the transform Any-@target hands runs of @script to. */
unsigned loc__translit_script_mask(const char *target, int script);

#ifdef __cplusplus
}
#endif

#ifdef __cplusplus
#include <unicode/translit.h>
/* A project rule set's compiled transform (compiling it now), or nullptr
 * when @t is not one of the project's rule sets or did not compile. */
const icu::Transliterator *loc__translit_lazy_real(const icu::Transliterator &t);
bool loc__translit_is_lazy(const icu::Transliterator &t);
#endif

#endif

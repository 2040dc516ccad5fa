/* The per-context token cache: natural text repeats its words, so most
 * tokens are transformed once and then copied. Bounded: when the slots or
 * the arena are full the whole cache is emptied and refilled. */
#include "internal.h"
#include "translit_internal.h"

#define SLOTS_MIN (1u << 10)           /* slots at first, doubled as used */
#define SLOTS (1u << 16)               /* at most; at most 3/4 used */
#define ARENA_MAX ((size_t)8 << 20)    /* bytes of keys and values */

uint32_t loc__token_hash(const char *s, size_t len) {
  /* FNV-1a: tokens are short, so a simple byte loop is fast enough. */
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < len; i++)
    h = (h ^ (unsigned char)s[i]) * 16777619u;
  return h;
}

const char *loc__token_cache_get(loc__token_cache *tc, const char *key,
                                 size_t len, uint32_t hash, size_t *val_len) {
  if (tc->slots == NULL) {
    tc->misses++;
    return NULL;
  }
  for (uint32_t i = hash & tc->mask;; i = (i + 1) & tc->mask) {
    const loc__token_slot *s = &tc->slots[i];
    if (s->key_off == 0)
      break;
    if (s->hash == hash && s->key_len == len &&
        memcmp(tc->arena + s->key_off, key, len) == 0) {
      tc->hits++;
      *val_len = s->val_len;
      return tc->arena + s->key_off + s->key_len;
    }
  }
  tc->misses++;
  return NULL;
}

/* Doubles the slots (a context that sees few tokens never pays for the
 * full table). False when memory runs short. */
static bool grow(loc__token_cache *tc) {
  uint32_t n = (tc->mask + 1) * 2;
  loc__token_slot *slots = calloc(n, sizeof *slots);
  if (slots == NULL)
    return false;
  for (uint32_t i = 0; i <= tc->mask; i++) {
    loc__token_slot s = tc->slots[i];
    if (s.key_off == 0)
      continue;
    uint32_t j = s.hash & (n - 1);
    while (slots[j].key_off != 0)
      j = (j + 1) & (n - 1);
    slots[j] = s;
  }
  free(tc->slots);
  tc->slots = slots;
  tc->mask = n - 1;
  return true;
}

static void clear(loc__token_cache *tc) {
  memset(tc->slots, 0, (size_t)(tc->mask + 1) * sizeof *tc->slots);
  tc->used = 0;
  tc->arena_len = 1;
}

void loc__token_cache_put(loc__token_cache *tc, const char *key, size_t len,
                          uint32_t hash, const char *val, size_t val_len) {
  if (val_len > 16 * LOC_TOKEN_CACHE_MAX_KEY)
    return;
  if (tc->slots == NULL) {
    tc->slots = calloc(SLOTS_MIN, sizeof *tc->slots);
    tc->arena = malloc(1 << 16);
    if (tc->slots == NULL || tc->arena == NULL) {
      free(tc->slots);
      free(tc->arena);
      tc->slots = NULL;
      tc->arena = NULL;
      return;
    }
    tc->mask = SLOTS_MIN - 1;
    tc->arena_cap = 1 << 16;
    tc->arena_len = 1;
  }
  size_t need = len + val_len;
  if (tc->used >= (tc->mask + 1) / 4 * 3 && (tc->mask + 1 >= SLOTS || !grow(tc)))
    clear(tc);
  if (tc->arena_len + need > ARENA_MAX)
    clear(tc);
  if (tc->arena_len + need > tc->arena_cap) {
    size_t cap = tc->arena_cap * 2;
    while (cap < tc->arena_len + need)
      cap *= 2;
    char *a = realloc(tc->arena, cap);
    if (a == NULL)
      return;
    tc->arena = a;
    tc->arena_cap = cap;
  }
  uint32_t i = hash & tc->mask;
  while (tc->slots[i].key_off != 0)
    i = (i + 1) & tc->mask;
  memcpy(tc->arena + tc->arena_len, key, len);
  memcpy(tc->arena + tc->arena_len + len, val, val_len);
  tc->slots[i] = (loc__token_slot){hash, (uint32_t)tc->arena_len, (uint32_t)len,
                                   (uint32_t)val_len};
  tc->arena_len += need;
  tc->used++;
}

void loc__token_cache_free(loc__token_cache *tc) {
  free(tc->slots);
  free(tc->arena);
  *tc = (loc__token_cache){0};
}

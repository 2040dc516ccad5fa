/* Transliteration: any bytes through a fixed list of transforms without a
 * crash; writing the input in two pieces cut anywhere gives the one-shot
 * output; the caller-buffer form reports the size and then the same bytes;
 * ill-formed input bytes come out unchanged (so valid output needs valid
 * input); a transform to Latin leaves no Han character unspelled.
 * Input: byte 0 picks a transform and the cut point, the rest is the text. */
#include "fuzz.h"

static const char *const ids[] = {
    "Any-Latin", "Any-Latin; Latin-ASCII", "Cyrillic-Latin", "Greek-Latin",
    "Khmer-Latin", "Tibetan-Latin", "Lao-Latin", "Myanmar-Latin",
    "Arabic-Latin", "Latin-Cyrillic", "Any-Upper", "Han-Latin",
    "Zawgyi-my", "Hangul-Latin", "Ethi-Latn", "Any-Hex", "Devanagari-Latin",
    "vec-vec_FONIPA", "Any-Title", "Any-ru_Latn/BGN",
};
#define N_IDS (sizeof ids / sizeof ids[0])

static loc_translit_ctx *ctxs[N_IDS];
static loc_translit_ctx *whole[N_IDS]; /* the same ID, lines never cut */

typedef struct grow {
  char *p;
  size_t len, cap;
} grow;

static loc_status collect(void *user, const char *d, size_t n) {
  grow *g = user;
  if (g->len + n > g->cap) {
    size_t cap = (g->len + n) * 2 + 16;
    char *p = realloc(g->p, cap);
    if (p == NULL)
      return LOC_E_NO_MEMORY;
    g->p = p;
    g->cap = cap;
  }
  memcpy(g->p + g->len, d, n);
  g->len += n;
  return LOC_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size == 0 || size > FUZZ_MAX_INPUT)
    return 0;
  size_t which = data[0] % N_IDS;
  if (ctxs[which] == NULL) {
    loc_translit *t;
    if (loc_translit_new(ids[which], 0, &t, NULL) != LOC_OK)
      return 0;
    loc_status st = loc_translit_ctx_new(t, &ctxs[which]);
    loc_translit_free(t);
    if (st != LOC_OK)
      return 0;
    if (loc_translit_new(ids[which], LOC_TRANSLIT_LINES, &t, NULL) != LOC_OK)
      return 0;
    st = loc_translit_ctx_new(t, &whole[which]);
    loc_translit_free(t);
    if (st != LOC_OK)
      return 0;
  }
  loc_translit_ctx *c = ctxs[which];
  const char *s = (const char *)data + 1;
  size_t n = size - 1;

  char *once = NULL;
  size_t once_len = 0;
  if (loc_translit_text_alloc(c, s, n, &once, &once_len) != LOC_OK)
    return 0; /* out of memory only */
  FUZZ_CHECK(strlen(once) == once_len || memchr(s, 0, n) != NULL);
  if (loc_utf8_valid_prefix(once, once_len) == once_len)
    FUZZ_CHECK(loc_utf8_valid_prefix(s, n) == n);
  /* Cuts never change the output: the same as with whole lines (valid
   * UTF-8; ill-formed bytes are copied and split the text either way). */
  if (loc_utf8_valid_prefix(s, n) == n) {
    char *w = NULL;
    size_t w_len = 0;
    if (loc_translit_text_alloc(whole[which], s, n, &w, &w_len) == LOC_OK) {
      FUZZ_CHECK(w_len == once_len && memcmp(w, once, once_len) == 0);
      loc_free(w);
    }
  }
  if (which == 0) { /* Any-Latin: Han is read or braced */
    for (size_t i = 0; i < once_len;) {
      size_t left = once_len - i;
      const unsigned char *u = (const unsigned char *)once + i;
      /* CJK Unified Ideographs U+4E00-U+9FFF: E4 B8 80 .. E9 BF BF */
      FUZZ_CHECK(!(left >= 3 && u[0] >= 0xE4 && u[0] <= 0xE9 &&
                   (u[0] > 0xE4 || u[1] >= 0xB8) && loc_utf8_valid_prefix(once + i, 3) == 3));
      i++;
    }
  }

  /* Two writes cut at a point byte 0 chooses. */
  size_t cut = n ? (size_t)(data[0] / N_IDS) * 7 % (n + 1) : 0;
  grow g = {0};
  FUZZ_CHECK(loc_translit_write(c, s, cut, collect, &g) == LOC_OK);
  FUZZ_CHECK(loc_translit_write(c, s + cut, n - cut, collect, &g) == LOC_OK);
  FUZZ_CHECK(loc_translit_finish(c, collect, &g) == LOC_OK);
  FUZZ_CHECK(g.len == once_len && (once_len == 0 || memcmp(g.p, once, once_len) == 0));
  free(g.p);

  size_t need = 0, got = 0;
  char small[4];
  loc_status st = loc_translit_text(c, s, n, small, sizeof small, &need);
  FUZZ_CHECK(need == once_len);
  FUZZ_CHECK(st == (once_len <= sizeof small ? LOC_OK : LOC_E_BUFFER_TOO_SMALL));
  char *buf = malloc(need ? need : 1);
  if (buf != NULL) {
    FUZZ_CHECK(loc_translit_text(c, s, n, buf, need, &got) == LOC_OK);
    FUZZ_CHECK(got == once_len && memcmp(buf, once, got) == 0);
    free(buf);
  }
  loc_free(once);
  return 0;
}

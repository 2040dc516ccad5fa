/* Collation: any bytes compare without a crash; compare is antisymmetric and
 * reflexive, and agrees with the order of the sort keys; the caller-buffer
 * and allocating keys are the same, end in their only 0 byte.
 * Input: byte 0 picks a language, the rest is split at the first \n (or in
 * the middle) into the two texts. */
#include "fuzz.h"

static const char *const langs[] = {"", "lt", "sv", "de", "es", "da", "km", "bo",
                                    "ja", "de-u-co-phonebk"};
#define N_LANGS (sizeof langs / sizeof langs[0])

static loc_collator *collators[N_LANGS];

static int sign(int x) { return (x > 0) - (x < 0); }

static int key_cmp(const uint8_t *a, size_t an, const uint8_t *b, size_t bn) {
  int r = memcmp(a, b, an < bn ? an : bn);
  return r ? sign(r) : (an > bn) - (an < bn);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size == 0 || size > FUZZ_MAX_INPUT)
    return 0;
  size_t li = data[0] % N_LANGS;
  if (collators[li] == NULL &&
      loc_collator_new(langs[li], strlen(langs[li]), &collators[li]) != LOC_OK)
    return 0;
  const loc_collator *c = collators[li];
  const char *s = (const char *)data + 1;
  size_t n = size - 1;
  const char *nl = memchr(s, '\n', n);
  size_t an = nl ? (size_t)(nl - s) : n / 2;
  const char *a = s, *b = s + an + (nl ? 1 : 0);
  size_t bn = n - (size_t)(b - s);

  int ab, ba, aa;
  if (loc_collate(c, a, an, b, bn, &ab) != LOC_OK)
    return 0; /* out of memory only */
  FUZZ_CHECK(loc_collate(c, b, bn, a, an, &ba) == LOC_OK);
  FUZZ_CHECK(loc_collate(c, a, an, a, an, &aa) == LOC_OK);
  FUZZ_CHECK(sign(ab) == -sign(ba));
  FUZZ_CHECK(aa == 0);

  uint8_t *ka = NULL, *kb = NULL;
  size_t kan, kbn;
  FUZZ_CHECK(loc_collate_key_alloc(c, a, an, &ka, &kan) == LOC_OK);
  FUZZ_CHECK(loc_collate_key_alloc(c, b, bn, &kb, &kbn) == LOC_OK);
  FUZZ_CHECK(kan > 0 && ka[kan - 1] == 0 && memchr(ka, 0, kan) == ka + kan - 1);
  FUZZ_CHECK(sign(ab) == key_cmp(ka, kan, kb, kbn));

  /* Caller-buffer form: too small reports the size, then the same bytes. */
  uint8_t small[8];
  size_t need = 0, got = 0;
  loc_status st = loc_collate_key(c, a, an, small, sizeof small, &need);
  FUZZ_CHECK(need == kan);
  FUZZ_CHECK(st == (kan <= sizeof small ? LOC_OK : LOC_E_BUFFER_TOO_SMALL));
  uint8_t *buf = malloc(need);
  if (buf != NULL) {
    FUZZ_CHECK(loc_collate_key(c, a, an, buf, need, &got) == LOC_OK);
    FUZZ_CHECK(got == kan && memcmp(buf, ka, kan) == 0);
    free(buf);
  }
  loc_free(ka);
  loc_free(kb);
  return 0;
}

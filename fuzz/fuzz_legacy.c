/* Legacy encodings: the detectors return a probability in [0, 1] or -1 for
 * no signal, on any bytes; every converter accepts any well-formed UTF-8,
 * rejects ill-formed input as a whole, writes well-formed UTF-8, and its
 * caller-buffer and allocating forms agree. Converting text that went
 * legacy -> Unicode back to the legacy encoding and again to Unicode is
 * stable for the font hacks (the first pass settles the order). */
#include "fuzz.h"

static loc_legacy_conv *convs[LOC_LEGACY_COUNT_][2];

static void check_probability(loc_legacy_encoding enc, const char *s, size_t n) {
  double p = 42;
  FUZZ_CHECK(loc_legacy_probability(enc, s, n, &p) == LOC_OK);
  FUZZ_CHECK(p == -1.0 || (p >= 0.0 && p <= 1.0));
}

static char *convert(loc_legacy_conv *c, const char *s, size_t n, size_t *out_len) {
  char *out = NULL;
  loc_status st = loc_legacy_convert_alloc(c, s, n, &out, out_len);
  FUZZ_CHECK(st == LOC_OK);
  FUZZ_CHECK(loc_utf8_valid_prefix(out, *out_len) == *out_len);
  FUZZ_CHECK(out[*out_len] == 0);
  /* The caller-buffer form reports the same size and writes the same bytes. */
  size_t need = 0;
  st = loc_legacy_convert(c, s, n, NULL, 0, &need);
  FUZZ_CHECK(need == *out_len);
  FUZZ_CHECK(st == (need ? LOC_E_BUFFER_TOO_SMALL : LOC_OK));
  if (need) {
    char *buf = malloc(need);
    FUZZ_CHECK(loc_legacy_convert(c, s, n, buf, need, &need) == LOC_OK);
    FUZZ_CHECK(memcmp(buf, out, need) == 0);
    free(buf);
  }
  return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > FUZZ_MAX_INPUT)
    return 0;
  const char *s = (const char *)data;
  for (int e = 0; e < LOC_LEGACY_COUNT_; e++) {
    check_probability((loc_legacy_encoding)e, s, size);
    for (int d = 0; d < 2; d++)
      if (convs[e][d] == NULL)
        FUZZ_CHECK(loc_legacy_conv_new((loc_legacy_encoding)e, (loc_legacy_direction)d,
                                       &convs[e][d]) == LOC_OK);
  }
  double zp, lp;
  FUZZ_CHECK(loc_legacy_zawgyi_probability(s, size, &zp) == LOC_OK);
  FUZZ_CHECK(loc_legacy_probability(LOC_LEGACY_ZAWGYI, s, size, &lp) == LOC_OK && zp == lp);

  size_t valid = loc_utf8_valid_prefix(s, size);
  if (valid < size) {
    char *out = (char *)"untouched";
    FUZZ_CHECK(loc_legacy_convert_alloc(convs[0][0], s, size, &out, NULL) ==
               LOC_E_INVALID_UTF8);
    FUZZ_CHECK(out == NULL);
  }
  for (int e = 0; e < LOC_LEGACY_COUNT_; e++) {
    size_t n1, n2, n3;
    char *u = convert(convs[e][LOC_LEGACY_TO_UNICODE], s, valid, &n1);
    char *l = convert(convs[e][LOC_LEGACY_FROM_UNICODE], s, valid, &n2);
    check_probability((loc_legacy_encoding)e, u, n1);
    check_probability((loc_legacy_encoding)e, l, n2);
    if (e != LOC_LEGACY_ZAWGYI) {
      char *back = convert(convs[e][LOC_LEGACY_TO_UNICODE], l, n2, &n3);
      loc_free(back);
    }
    loc_free(u);
    loc_free(l);
  }
  return 0;
}

/* Normalization: never fails on any bytes; every form is idempotent; the
 * caller-buffer and allocating forms agree; the quick check and the
 * normalized prefix agree with the result; a stream cut at points taken
 * from the input gives the one-shot bytes; the normalizer object agrees. */
#include "fuzz.h"

typedef struct collect {
  char *data;
  size_t len, cap;
} collect;

static loc_status collect_sink(void *user, const char *data, size_t len) {
  collect *c = user;
  FUZZ_CHECK(len > 0 && c->len + len <= c->cap);
  memcpy(c->data + c->len, data, len);
  c->len += len;
  return LOC_OK;
}

static void one_form(loc_normalize_form f, const char *s, size_t size) {
  char *out;
  size_t out_len;
  FUZZ_CHECK(loc_normalize_alloc(f, s, size, &out, &out_len) == LOC_OK);
  FUZZ_CHECK(out[out_len] == '\0');

  /* caller buffer: the size asked for, then exactly that size */
  size_t need;
  loc_status st = loc_normalize(f, s, size, NULL, 0, &need);
  FUZZ_CHECK(st == (need ? LOC_E_BUFFER_TOO_SMALL : LOC_OK));
  FUZZ_CHECK(need == out_len);
  char *buf = malloc(need ? need : 1);
  size_t got;
  FUZZ_CHECK(loc_normalize(f, s, size, buf, need, &got) == LOC_OK);
  FUZZ_CHECK(got == out_len && memcmp(buf, out, got) == 0);
  if (need > 0)
    FUZZ_CHECK(loc_normalize(f, s, size, buf, need - 1, &got) == LOC_E_BUFFER_TOO_SMALL &&
               got == need);

  /* idempotence; NFKC_Casefold deletes default ignorables, which can
   * bring ill-formed bytes together into a character, so for it only
   * valid input counts */
  char *again;
  size_t again_len;
  bool yes;
  FUZZ_CHECK(loc_normalize_alloc(f, out, out_len, &again, &again_len) == LOC_OK);
  if (f != LOC_NORMALIZE_NFKC_CF || loc_utf8_valid_prefix(s, size) == size) {
    FUZZ_CHECK(again_len == out_len && memcmp(again, out, out_len) == 0);
    FUZZ_CHECK(loc_normalize_check(f, out, out_len, &yes) == LOC_OK && yes);
  }

  /* quick check and prefix */
  bool same = out_len == size && memcmp(out, s, size) == 0;
  FUZZ_CHECK(loc_normalize_check(f, s, size, &yes) == LOC_OK && yes == same);
  size_t p;
  FUZZ_CHECK(loc_normalize_unchanged_prefix(f, s, size, &p) == LOC_OK);
  FUZZ_CHECK(p <= size && (p == size) == same);
  char *rest;
  size_t rest_len;
  FUZZ_CHECK(loc_normalize_alloc(f, s + p, size - p, &rest, &rest_len) == LOC_OK);
  FUZZ_CHECK(p + rest_len == out_len && memcmp(out, s, p) == 0 &&
             memcmp(out + p, rest, rest_len) == 0);

  /* stream: cut lengths from the input bytes themselves */
  loc_normalize_stream *stream;
  FUZZ_CHECK(loc_normalize_stream_new(f, &stream) == LOC_OK);
  collect c = {buf, 0, need};
  size_t pos = 0, k = 0;
  while (pos < size) {
    size_t step = 1 + (uint8_t)s[k++ % size] % 11;
    if (step > size - pos)
      step = size - pos;
    FUZZ_CHECK(loc_normalize_stream_write(stream, s + pos, step, collect_sink, &c) == LOC_OK);
    pos += step;
  }
  FUZZ_CHECK(loc_normalize_stream_finish(stream, collect_sink, &c) == LOC_OK);
  FUZZ_CHECK(c.len == out_len && memcmp(buf, out, out_len) == 0);
  loc_normalize_stream_free(stream);

  /* the normalizer object: the same bytes on any input; its quick prefix is
   * a prefix the result keeps, all of the input only when nothing changes */
  loc_normalizer *nz;
  FUZZ_CHECK(loc_normalizer_new(f, &nz) == LOC_OK);
  size_t nz_len;
  FUZZ_CHECK(loc_normalizer_normalize_valid(nz, s, size, buf, need, &nz_len) == LOC_OK);
  FUZZ_CHECK(nz_len == out_len && memcmp(buf, out, out_len) == 0);
  size_t qp = loc_normalizer_quick_prefix(nz, s, size);
  FUZZ_CHECK(qp <= size && qp <= out_len && memcmp(out, s, qp) == 0);
  if (qp == size)
    FUZZ_CHECK(out_len == size);
  if (loc_utf8_valid_prefix(s, size) == size) {
    bool unchanged;
    FUZZ_CHECK(loc_normalizer_check_valid(nz, s, size, &unchanged) == LOC_OK);
    FUZZ_CHECK(unchanged == (out_len == size && memcmp(out, s, size) == 0));
  }
  loc_normalizer_free(nz);

  loc_free(rest);
  loc_free(again);
  free(buf);
  loc_free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > FUZZ_MAX_INPUT)
    return 0;
  for (int f = 0; f < LOC_NORMALIZE_FORM_COUNT_; f++)
    one_form((loc_normalize_form)f, (const char *)data, size);
  return 0;
}

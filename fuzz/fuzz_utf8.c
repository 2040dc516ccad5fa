/* UTF-8 validation: every error is found once, in order; replacement yields
 * valid UTF-8 and agrees with the sizes it reports. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > FUZZ_MAX_INPUT)
    return 0;
  const char *s = (const char *)data;
  size_t prefix = loc_utf8_valid_prefix(s, size);
  FUZZ_CHECK(prefix <= size);

  loc_utf8_error e;
  size_t from = 0, errors = 0, last_end = 0;
  bool first = true;
  while (loc_utf8_next_error(s, size, from, &e)) {
    FUZZ_CHECK(e.offset >= from && e.length >= 1 && e.length <= 3);
    FUZZ_CHECK(e.offset + e.length <= size);
    FUZZ_CHECK(e.byte == data[e.offset]);
    if (first)
      FUZZ_CHECK(e.offset == prefix);
    /* The bytes between two errors are valid. */
    FUZZ_CHECK(loc_utf8_valid_prefix(s + last_end, e.offset - last_end) ==
               e.offset - last_end);
    first = false;
    errors++;
    from = last_end = e.offset + e.length;
  }
  FUZZ_CHECK(errors > 0 || prefix == size);

  size_t need;
  loc_status st = loc_utf8_replace(s, size, NULL, 0, &need);
  FUZZ_CHECK(st == (need ? LOC_E_BUFFER_TOO_SMALL : LOC_OK));
  char *out;
  size_t out_len;
  FUZZ_CHECK(loc_utf8_replace_alloc(s, size, &out, &out_len) == LOC_OK);
  FUZZ_CHECK(out_len == need);
  FUZZ_CHECK(loc_utf8_valid_prefix(out, out_len) == out_len);
  /* Replacing again changes nothing. */
  char *again;
  size_t again_len;
  FUZZ_CHECK(loc_utf8_replace_alloc(out, out_len, &again, &again_len) == LOC_OK);
  FUZZ_CHECK(again_len == out_len && memcmp(again, out, out_len) == 0);
  loc_free(again);
  loc_free(out);
  return 0;
}

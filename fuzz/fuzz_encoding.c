/* Byte-encoding conversion: any bytes in any of a few encodings (stateless,
 * multi-byte, stateful, EBCDIC), converted in one write and in cuts the
 * input chooses, give the same output and the same problems (lines,
 * columns, bytes and characters; see encoding.h on offsets); every problem
 * lies inside the input, with a line and column from 1; UTF-8 output is
 * well-formed. The first byte picks the pair and the cut length. */
#include "fuzz.h"

static const char *const names[] = {"UTF-8", "ISO-8859-1", "windows-1251", "Shift_JIS",
                                    "UTF-16LE", "ISO-2022-JP", "ibm-037", "ISCII,version=0"};
enum { N_NAMES = sizeof names / sizeof names[0] };

typedef struct result {
  char *out;
  size_t len, cap;
  size_t problems;
  uint64_t sum; /* of the problems' positions, to compare two runs */
  size_t in_len;
} result;

static loc_status sink(void *user, const char *data, size_t len) {
  result *r = user;
  FUZZ_CHECK(len > 0); /* the converter never writes nothing */
  if (r->len + len > r->cap) {
    size_t cap = r->cap ? r->cap : 256;
    while (cap < r->len + len)
      cap *= 2;
    char *p = realloc(r->out, cap);
    FUZZ_CHECK(p != NULL);
    r->out = p;
    r->cap = cap;
  }
  memcpy(r->out + r->len, data, len);
  r->len += len;
  return LOC_OK;
}

static loc_status problem(void *user, const loc_encoding_problem *p) {
  result *r = user;
  FUZZ_CHECK(p->line >= 1 && p->column >= 1);
  if (p->kind == LOC_ENCODING_INVALID_INPUT) {
    FUZZ_CHECK(p->n_bytes >= 1 && p->n_bytes <= 32);
    FUZZ_CHECK(p->offset < r->in_len);
    FUZZ_CHECK(p->line_offset <= p->offset);
  } else {
    FUZZ_CHECK(p->kind == LOC_ENCODING_UNMAPPABLE);
    FUZZ_CHECK(p->code_point <= 0x10FFFF);
  }
  r->problems++;
  /* Offsets may differ by the cuts (see encoding.h); the rest may not. */
  r->sum += p->line * 1000003u + p->column * 1009u + p->n_bytes * 7u + p->code_point;
  return LOC_OK;
}

static void convert(const char *from, const char *to, const char *s, size_t n, size_t step,
                    result *r) {
  loc_encoding_conv *c;
  FUZZ_CHECK(loc_encoding_conv_new(from, to, &c) == LOC_OK);
  r->in_len = n;
  size_t i = 0;
  do {
    size_t k = n - i < step ? n - i : step;
    FUZZ_CHECK(loc_encoding_conv_write(c, s + i, k, i + k == n, sink, problem, r) == LOC_OK);
    i += k;
  } while (i < n);
  loc_encoding_conv_free(c);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1 || size > FUZZ_MAX_INPUT)
    return 0;
  const char *from = names[data[0] % N_NAMES];
  const char *to = names[(data[0] / N_NAMES) % N_NAMES];
  size_t step = 1 + (size_t)(data[0] >> 6) * 7;
  const char *s = (const char *)data + 1;
  size_t n = size - 1;
  result whole = {0}, cut = {0};
  convert(from, to, s, n, n ? n : 1, &whole);
  convert(from, to, s, n, step, &cut);
  FUZZ_CHECK(whole.len == cut.len);
  FUZZ_CHECK(whole.len == 0 || memcmp(whole.out, cut.out, whole.len) == 0);
  FUZZ_CHECK(whole.problems == cut.problems && whole.sum == cut.sum);
  if (strcmp(to, "UTF-8") == 0)
    FUZZ_CHECK(loc_utf8_valid_prefix(whole.out, whole.len) == whole.len);
  free(whole.out);
  free(cut.out);
  return 0;
}

/* Byte-encoding conversion (encoding.h): names, conversion in any cuts,
 * invalid input and unmappable characters with their positions, the
 * substitutes, aborts from the callbacks. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <loc/loc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define S(lit) lit, sizeof(lit) - 1

typedef struct collect {
  char out[4096];
  size_t len;
  loc_encoding_problem got[8];
  unsigned char bytes[8][32];
  size_t n;
  loc_status stop_sink; /* returned by the sink when not LOC_OK */
} collect;

static loc_status sink(void *user, const char *data, size_t len) {
  collect *c = user;
  if (c->stop_sink != LOC_OK && len > 0)
    return c->stop_sink;
  assert_true(c->len + len <= sizeof c->out);
  memcpy(c->out + c->len, data, len);
  c->len += len;
  return LOC_OK;
}

static loc_status problem(void *user, const loc_encoding_problem *p) {
  collect *c = user;
  if (c->n < 8) {
    c->got[c->n] = *p;
    if (p->n_bytes) {
      assert_true(p->n_bytes <= 32);
      memcpy(c->bytes[c->n], p->bytes, p->n_bytes);
    }
    c->n++;
  }
  return LOC_OK;
}

static loc_status refuse(void *user, const loc_encoding_problem *p) {
  (void)user;
  (void)p;
  return LOC_E_INVALID_UTF8;
}

/* Converts in[0..len) in cuts of @step bytes (0: one write). */
static void run(const char *from, const char *to, const char *in, size_t len, size_t step,
                collect *c) {
  loc_encoding_conv *conv;
  assert_int_equal(loc_encoding_conv_new(from, to, &conv), LOC_OK);
  memset(c, 0, sizeof *c);
  if (step == 0)
    step = len ? len : 1;
  size_t i = 0;
  do {
    size_t n = len - i < step ? len - i : step;
    assert_int_equal(loc_encoding_conv_write(conv, in + i, n, i + n == len, sink, problem, c),
                     LOC_OK);
    i += n;
  } while (i < len);
  loc_encoding_conv_free(conv);
}

static void test_names(void **state) {
  (void)state;
  size_t n = loc_encoding_count();
  assert_true(n > 50);
  bool latin1 = false;
  for (size_t i = 0; i < n; i++) {
    const char *name = loc_encoding_name(i);
    assert_non_null(name);
    for (size_t k = 0; k < loc_encoding_alias_count(i); k++) {
      const char *a = loc_encoding_alias(i, k);
      assert_non_null(a);
      if (strcmp(a, "latin1") == 0)
        latin1 = true;
    }
  }
  assert_true(latin1);
  assert_null(loc_encoding_name(n));
  assert_int_equal(loc_encoding_alias_count(n), 0);
  assert_null(loc_encoding_alias(0, 100000));
  assert_true(loc_encoding_is_utf8("UTF-8"));
  assert_true(loc_encoding_is_utf8("utf8"));
  assert_true(loc_encoding_is_utf8("utf_8"));
  assert_false(loc_encoding_is_utf8("latin1"));
  assert_false(loc_encoding_is_utf8("no-such-encoding"));
  assert_false(loc_encoding_is_utf8(NULL));
  loc_encoding_conv *conv = NULL;
  assert_int_equal(loc_encoding_conv_new("no-such-encoding", "UTF-8", &conv), LOC_E_UNSUPPORTED);
  assert_null(conv);
  assert_int_equal(loc_encoding_conv_new("UTF-8", "no-such-encoding", &conv), LOC_E_UNSUPPORTED);
  assert_int_equal(loc_encoding_conv_new(NULL, "UTF-8", &conv), LOC_E_INVALID_ARGUMENT);
  assert_int_equal(loc_encoding_conv_new("UTF-8", "UTF-8", NULL), LOC_E_INVALID_ARGUMENT);
  loc_encoding_conv_free(NULL);
}

/* The same output and problems whatever the cuts. */
static void test_cuts(void **state) {
  (void)state;
  static const char in[] = "caf\xE9\nna\xEFve\n\xA4 and more text\n";
  collect whole, cut;
  run("ISO-8859-15", "UTF-8", in, sizeof in - 1, 0, &whole);
  assert_int_equal(whole.n, 0);
  static const char want[] = "caf\xC3\xA9\nna\xC3\xAFve\n\xE2\x82\xAC and more text\n";
  assert_int_equal(whole.len, sizeof want - 1);
  assert_memory_equal(whole.out, want, whole.len);
  for (size_t step = 1; step < sizeof in; step++) {
    run("ISO-8859-15", "UTF-8", in, sizeof in - 1, step, &cut);
    assert_int_equal(cut.len, whole.len);
    assert_memory_equal(cut.out, whole.out, whole.len);
  }
  /* and back */
  run("UTF-8", "ISO-8859-15", want, sizeof want - 1, 3, &cut);
  assert_int_equal(cut.len, sizeof in - 1);
  assert_memory_equal(cut.out, in, cut.len);
}

/* Invalid UTF-8 input: reported with line, column and offsets, replaced by
 * U+FFFD; a character cut at the end of the input too. */
static void test_invalid_input(void **state) {
  (void)state;
  static const char in[] = "ok\nab\xFF" "c\n\xC3";
  for (size_t step = 0; step < 4; step++) {
    collect c;
    run("UTF-8", "UTF-16BE", in, sizeof in - 1, step, &c);
    assert_int_equal(c.n, 2);
    assert_int_equal(c.got[0].kind, LOC_ENCODING_INVALID_INPUT);
    assert_int_equal(c.got[0].line, 2);
    assert_int_equal(c.got[0].column, 3);
    assert_int_equal(c.got[0].n_bytes, 1);
    assert_int_equal(c.bytes[0][0], 0xFF);
    assert_int_equal(c.got[0].line_offset, 2);
    assert_int_equal(c.got[0].offset, 5);
    assert_int_equal(c.got[1].line, 3);
    assert_int_equal(c.got[1].column, 1);
    assert_int_equal(c.got[1].offset, 8);
    static const char want[] = "\0o\0k\0\n\0a\0b\xFF\xFD\0c\0\n\xFF\xFD";
    assert_int_equal(c.len, sizeof want - 1);
    assert_memory_equal(c.out, want, c.len);
  }
}

/* A character the output lacks: its code point and position, the
 * encoding's substitute character written. */
static void test_unmappable(void **state) {
  (void)state;
  static const char in[] = "a\nx\xE0\xA4\x95y\xF0\x9F\x98\x80";
  collect c;
  run("UTF-8", "ISO-8859-1", in, sizeof in - 1, 0, &c);
  assert_int_equal(c.n, 2);
  assert_int_equal(c.got[0].kind, LOC_ENCODING_UNMAPPABLE);
  assert_int_equal(c.got[0].code_point, 0x915);
  assert_int_equal(c.got[0].line, 2);
  assert_int_equal(c.got[0].column, 2);
  assert_int_equal(c.got[1].code_point, 0x1F600);
  assert_int_equal(c.got[1].column, 4);
  assert_int_equal(c.len, 6);
  assert_memory_equal(c.out, "a\nx\x1Ay\x1A", 6);
}

/* Line counting in a two-byte input encoding; reset starts over. */
static void test_utf16_lines_and_reset(void **state) {
  (void)state;
  static const char in[] = "\0a\0\n\xD8\x00\0b"; /* a, LF, lone surrogate, b */
  loc_encoding_conv *conv;
  assert_int_equal(loc_encoding_conv_new("UTF-16BE", "UTF-8", &conv), LOC_OK);
  for (int round = 0; round < 2; round++) {
    collect c;
    memset(&c, 0, sizeof c);
    assert_int_equal(loc_encoding_conv_write(conv, in, sizeof in - 1, true, sink, problem, &c),
                     LOC_OK);
    assert_int_equal(c.n, 1);
    assert_int_equal(c.got[0].line, 2);
    assert_int_equal(c.got[0].column, 1);
    assert_int_equal(c.got[0].line_offset, 0);
    assert_int_equal(c.got[0].offset, 4);
    assert_int_equal(c.len, 6);
    assert_memory_equal(c.out, "a\n\xEF\xBF\xBD" "b", 6);
    loc_encoding_conv_reset(conv);
  }
  loc_encoding_conv_free(conv);
}

/* A callback's status stops the write and is returned; no callback means
 * silent substitution. */
static void test_abort_and_silent(void **state) {
  (void)state;
  loc_encoding_conv *conv;
  assert_int_equal(loc_encoding_conv_new("UTF-8", "UTF-8", &conv), LOC_OK);
  collect c;
  memset(&c, 0, sizeof c);
  assert_int_equal(loc_encoding_conv_write(conv, S("a\xFF" "b"), true, sink, refuse, &c),
                   LOC_E_INVALID_UTF8);
  loc_encoding_conv_reset(conv);
  memset(&c, 0, sizeof c);
  assert_int_equal(loc_encoding_conv_write(conv, S("a\xFF" "b"), true, sink, NULL, &c), LOC_OK);
  assert_int_equal(c.len, 5);
  assert_memory_equal(c.out, "a\xEF\xBF\xBD" "b", 5);
  loc_encoding_conv_reset(conv);
  memset(&c, 0, sizeof c);
  c.stop_sink = LOC_E_IO;
  assert_int_equal(loc_encoding_conv_write(conv, S("abc"), true, sink, NULL, &c), LOC_E_IO);
  assert_int_equal(loc_encoding_conv_write(conv, NULL, 1, true, sink, NULL, &c),
                   LOC_E_INVALID_ARGUMENT);
  assert_int_equal(loc_encoding_conv_write(conv, "a", 1, true, NULL, NULL, &c),
                   LOC_E_INVALID_ARGUMENT);
  loc_encoding_conv_free(conv);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_names),
      cmocka_unit_test(test_cuts),
      cmocka_unit_test(test_invalid_input),
      cmocka_unit_test(test_unmappable),
      cmocka_unit_test(test_utf16_lines_and_reset),
      cmocka_unit_test(test_abort_and_silent),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

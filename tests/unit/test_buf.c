/* The overflow-checked growable array loc__grow() (libloc/src/common/buf.h):
 * first capacity, doubling, no change when there is room, and the byte-size
 * overflow cases, which must fail with LOC_E_NO_MEMORY and leave the array
 * as it was. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../libloc/src/common/buf.h"

static void first_capacity_then_doubling(void **state) {
  (void)state;
  void *p = NULL;
  size_t cap = 0;
  assert_int_equal(loc__grow(&p, &cap, 1, sizeof(int), 16), LOC_OK);
  assert_non_null(p);
  assert_int_equal(cap, 16);
  memset(p, 0x5a, 16 * sizeof(int));
  /* Room already: nothing moves. */
  void *before = p;
  assert_int_equal(loc__grow(&p, &cap, 16, sizeof(int), 16), LOC_OK);
  assert_ptr_equal(p, before);
  assert_int_equal(cap, 16);
  /* 17 -> 32, 100 -> 128 (doubled until it reaches the need). */
  assert_int_equal(loc__grow(&p, &cap, 17, sizeof(int), 16), LOC_OK);
  assert_int_equal(cap, 32);
  assert_int_equal(loc__grow(&p, &cap, 100, sizeof(int), 16), LOC_OK);
  assert_int_equal(cap, 128);
  /* The old contents survive. */
  unsigned char *b = p;
  for (size_t i = 0; i < 16 * sizeof(int); i++)
    assert_int_equal(b[i], 0x5a);
  free(p);
}

static void need_above_first(void **state) {
  (void)state;
  void *p = NULL;
  size_t cap = 0;
  assert_int_equal(loc__grow(&p, &cap, 1000, 1, 256), LOC_OK);
  assert_int_equal(cap, 1024);
  free(p);
  p = NULL;
  cap = 0;
  /* need 0 on an empty array allocates nothing. */
  assert_int_equal(loc__grow(&p, &cap, 0, 8, 16), LOC_OK);
  assert_null(p);
  assert_int_equal(cap, 0);
}

static void overflow_of_need_times_size(void **state) {
  (void)state;
  void *p = NULL;
  size_t cap = 0;
  /* need * size wraps size_t. */
  assert_int_equal(loc__grow(&p, &cap, SIZE_MAX / 8 + 1, 8, 16), LOC_E_NO_MEMORY);
  assert_null(p);
  assert_int_equal(cap, 0);
  assert_int_equal(loc__grow(&p, &cap, SIZE_MAX, 2, 16), LOC_E_NO_MEMORY);
  assert_int_equal(cap, 0);
  /* need * size fits size_t but passes PTRDIFF_MAX. */
  assert_int_equal(loc__grow(&p, &cap, (size_t)PTRDIFF_MAX / 8 + 1, 8, 16), LOC_E_NO_MEMORY);
  assert_int_equal(loc__grow(&p, &cap, (size_t)PTRDIFF_MAX + 1, 1, 16), LOC_E_NO_MEMORY);
  assert_null(p);
  assert_int_equal(cap, 0);
  /* An existing array is left as it was. */
  assert_int_equal(loc__grow(&p, &cap, 4, 8, 4), LOC_OK);
  void *before = p;
  assert_int_equal(loc__grow(&p, &cap, SIZE_MAX / 4, 8, 4), LOC_E_NO_MEMORY);
  assert_ptr_equal(p, before);
  assert_int_equal(cap, 4);
  free(p);
}

static void doubling_would_overflow(void **state) {
  (void)state;
  /* A capacity so large that doubling it would wrap the byte size (the old
   * hand-rolled loops did exactly that): a need beyond the limit fails and
   * leaves the array alone instead of shrinking it. */
  void *p = malloc(16);
  assert_non_null(p);
  const size_t near = (size_t)PTRDIFF_MAX / 16 / 2 + 1; /* doubling it passes the limit */
  size_t cap = near; /* a stand-in capacity: nothing is allocated */
  assert_int_equal(loc__grow(&p, &cap, SIZE_MAX / 16, 16, 16), LOC_E_NO_MEMORY);
  assert_int_equal(cap, near);
  assert_int_equal(loc__grow(&p, &cap, (size_t)PTRDIFF_MAX / 16 + 1, 16, 16),
                   LOC_E_NO_MEMORY);
  assert_int_equal(cap, near);
  free(p);
  /* With 1-byte elements: the whole address space cannot be asked for. */
  p = NULL;
  cap = ((size_t)PTRDIFF_MAX >> 1) + 1;
  assert_int_equal(loc__grow(&p, &cap, SIZE_MAX, 1, 1), LOC_E_NO_MEMORY);
  assert_int_equal(cap, ((size_t)PTRDIFF_MAX >> 1) + 1);
  assert_null(p);
  /* A zero first capacity counts as one. */
  cap = 0;
  assert_int_equal(loc__grow(&p, &cap, 3, 1, 0), LOC_OK);
  assert_int_equal(cap, 4);
  free(p);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(first_capacity_then_doubling),
      cmocka_unit_test(need_above_first),
      cmocka_unit_test(overflow_of_need_times_size),
      cmocka_unit_test(doubling_would_overflow),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

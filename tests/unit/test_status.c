/* Status codes: every code round-trips through its name and has a message. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <loc/loc.h>
#include <string.h>

static const struct {
  int value;
  const char *name;
} all[] = {
#define ROW_(name, value, text) {value, #name},
    LOC_STATUS_LIST(ROW_)
#undef ROW_
};

static void test_names_round_trip(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
    const char *name = loc_status_name(all[i].value);
    assert_non_null(name);
    assert_string_equal(name, all[i].name);
    const char *msg = loc_status_message(all[i].value);
    assert_non_null(msg);
    assert_true(strlen(msg) > 0);
    assert_string_not_equal(msg, "unknown status code");
    /* Values are unique: no other row shares this one. */
    for (size_t j = i + 1; j < sizeof all / sizeof all[0]; j++)
      assert_int_not_equal(all[i].value, all[j].value);
    /* Errors are negative; only LOC_OK is zero. */
    if (strcmp(all[i].name, "LOC_OK") != 0)
      assert_true(all[i].value < 0);
  }
}

static void test_unknown_codes(void **state) {
  (void)state;
  assert_null(loc_status_name(12345));
  assert_null(loc_status_name(-99999));
  assert_string_equal(loc_status_message(12345), "unknown status code");
}

static void test_versions(void **state) {
  (void)state;
  assert_string_equal(loc_version(), LOC_VERSION_STRING);
  for (int c = 0; c < LOC_COMPONENT_COUNT_; c++) {
    assert_non_null(loc_component_version((loc_component)c));
    assert_non_null(loc_component_name((loc_component)c));
    assert_true(strlen(loc_component_version((loc_component)c)) >= 3);
  }
  assert_null(loc_component_version(LOC_COMPONENT_COUNT_));
  assert_null(loc_component_name((loc_component)-1));
  /* ICU 72 implements Unicode 15.0; at least check the shape "N.N". */
  assert_non_null(strchr(loc_component_version(LOC_COMPONENT_UNICODE), '.'));
}

static void test_free_null(void **state) {
  (void)state;
  loc_free(NULL);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_names_round_trip),
      cmocka_unit_test(test_unknown_codes),
      cmocka_unit_test(test_versions),
      cmocka_unit_test(test_free_null),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Fonts, shapers and itemisation. Tests that need an installed Noto font
 * skip themselves when it is absent. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <loc/loc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define S(lit) lit, sizeof(lit) - 1
#define NOTO "/usr/share/fonts/truetype/noto/"

static loc_font *open_or_skip(const char *path) {
  loc_font *f = NULL;
  loc_status st = loc_font_new(path, 0, &f);
  if (st == LOC_E_IO) {
    print_message("font %s not installed: skipped\n", path);
    skip();
  }
  assert_int_equal(st, LOC_OK);
  return f;
}

/* Items as "start-end:level:Code" joined by spaces, logical order, then
 * " / " and the visual order as item indices. */
static void items_string(const char *s, size_t len, loc_shape_direction base, char *out,
                         size_t cap) {
  loc_shape_item *it = NULL;
  size_t n = 0, *vis = NULL;
  assert_int_equal(loc_shape_itemize(s, len, base, &it, &n, &vis), LOC_OK);
  size_t k = 0;
  out[0] = '\0';
  for (size_t i = 0; i < n; i++)
    k += (size_t)snprintf(out + k, cap - k, "%s%zu-%zu:%u:%s", i ? " " : "", it[i].start,
                          it[i].end, (unsigned)it[i].level, loc_script_name(it[i].script));
  k += (size_t)snprintf(out + k, cap - k, " /");
  for (size_t i = 0; i < n; i++)
    k += (size_t)snprintf(out + k, cap - k, " %zu", vis[i]);
  loc_free(it);
  loc_free(vis);
}

static const struct item_case {
  const char *s;
  size_t n;
  loc_shape_direction base;
  const char *want;
  const char *why;
} item_cases[] = {
    {S("abc def"), LOC_DIR_AUTO, "0-7:0:Latn / 0", "one LTR run"},
    {S("abc \xd7\x90\xd7\x91\xd7\x92 def"), LOC_DIR_AUTO,
     "0-4:0:Latn 4-10:1:Hebr 10-11:0:Hebr 11-14:0:Latn / 0 1 2 3",
     "Hebrew inside English: level 1 between level-0 runs; the space after it is in\n"
     "the Hebrew script run but at level 0, so it is an item of its own"},
    {S("\xd7\x90\xd7\x91 123 \xd7\x92"), LOC_DIR_AUTO,
     "0-5:1:Hebr 5-8:2:Hebr 8-11:1:Hebr / 2 1 0",
     "numbers inside RTL text get level 2 (UAX #9 I1) and stay left to right"},
    {S("\xd7\x90 (abc) \xd7\x91"), LOC_DIR_AUTO,
     "0-4:1:Hebr 4-7:2:Latn 7-11:1:Hebr / 2 1 0",
     "brackets around LTR text in an RTL paragraph take the paragraph direction (N0)"},
    {S("abc"), LOC_DIR_RTL, "0-3:2:Latn / 0", "forced RTL paragraph: Latin at level 2"},
    {S("\xe2\x81\xa7\xd7\x90\xe2\x81\xa9 x"), LOC_DIR_AUTO,
     "0-3:0:Hebr 3-5:1:Hebr 5-9:0:Hebr 9-10:0:Latn / 0 1 2 3",
     "an RTL isolate (RLI..PDI) is skipped when finding the paragraph direction"},
    {S("\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7 \xd8\xb9\xd8\xa7\xd9\x84\xd9\x85"),
     LOC_DIR_AUTO, "0-19:1:Arab / 0", "Arabic with a space: one run"},
};

static void test_itemize(void **state) {
  (void)state;
  char got[512];
  for (size_t i = 0; i < sizeof item_cases / sizeof item_cases[0]; i++) {
    const struct item_case *c = &item_cases[i];
    items_string(c->s, c->n, c->base, got, sizeof got);
    if (strcmp(got, c->want) != 0)
      fail_msg("%s\n  want %s\n  got  %s", c->why, c->want, got);
  }
  loc_shape_item *it = (loc_shape_item *)1;
  size_t n = 9;
  assert_int_equal(loc_shape_itemize("", 0, LOC_DIR_AUTO, &it, &n, NULL), LOC_OK);
  assert_null(it);
  assert_int_equal(n, 0);
  assert_int_equal(loc_shape_itemize(NULL, 3, LOC_DIR_AUTO, &it, &n, NULL), LOC_E_INVALID_ARGUMENT);
}

static void test_bad_fonts(void **state) {
  (void)state;
  loc_font *f = (loc_font *)1;
  assert_int_equal(loc_font_new_memory("", 0, 0, &f), LOC_E_FONT_LOAD);
  assert_null(f);
  assert_int_equal(loc_font_new_memory(S("not a font at all"), 0, &f), LOC_E_FONT_LOAD);
  assert_int_equal(loc_font_new("/nonexistent/font.ttf", 0, &f), LOC_E_IO);
  assert_int_equal(loc_font_new(NULL, 0, &f), LOC_E_INVALID_ARGUMENT);
  loc_font_free(NULL);
  loc_shaper_free(NULL);
}

/* Every prefix of a real font (in steps) either fails cleanly or shapes. */
static void test_truncated_font(void **state) {
  (void)state;
  const char *path = NOTO "NotoSansDevanagari-Regular.ttf";
  FILE *fp = fopen(path, "rb");
  if (fp == NULL)
    skip();
  fseek(fp, 0, SEEK_END);
  long size = ftell(fp);
  rewind(fp);
  char *data = malloc((size_t)size);
  assert_non_null(data);
  assert_int_equal(fread(data, 1, (size_t)size, fp), (size_t)size);
  fclose(fp);
  int loaded = 0;
  for (long cut = 0; cut <= size; cut += cut < 4096 ? 97 : 9973) {
    loc_font *f = NULL;
    loc_status st = loc_font_new_memory(data, (size_t)cut, 0, &f);
    if (st != LOC_OK) {
      assert_int_equal(st, LOC_E_FONT_LOAD);
      continue;
    }
    loaded++;
    loc_shaper *sh = NULL;
    assert_int_equal(loc_shaper_new(f, NULL, &sh), LOC_OK);
    assert_int_equal(loc_shape_text(sh, S("\xe0\xa4\x95\xe0\xa5\x8d\xe0\xa4\xb7\xe0\xa4\xbf")),
                     LOC_OK);
    loc_shaper_free(sh);
    loc_font_free(f);
  }
  loc_font *f = NULL;
  assert_int_equal(loc_font_new_memory(data, (size_t)size, 0, &f), LOC_OK);
  loc_font_free(f);
  assert_int_equal(loc_font_new_memory(data, (size_t)size, 1, &f), LOC_E_FONT_LOAD);
  free(data);
  assert_true(loaded >= 1);
}

static void test_shape_devanagari(void **state) {
  (void)state;
  loc_font *f = open_or_skip(NOTO "NotoSansDevanagari-Regular.ttf");
  assert_true(loc_font_has_char(f, 0x0915));
  assert_false(loc_font_has_char(f, 0x05D0));
  assert_true(loc_font_has_mark_positioning(f));
  assert_true(loc_font_upem(f) > 0);
  loc_shaper *sh = NULL;
  assert_int_equal(loc_shaper_new(f, NULL, &sh), LOC_OK);
  /* क्षि: the conjunct, and before it the i-matra variant long enough to
   * reach over it */
  assert_int_equal(loc_shape_text(sh, S("\xe0\xa4\x95\xe0\xa5\x8d\xe0\xa4\xb7\xe0\xa4\xbf")),
                   LOC_OK);
  const char *out;
  size_t len;
  assert_int_equal(loc_shaper_serialize(sh, LOC_SER_NO_POSITIONS, &out, &len), LOC_OK);
  assert_string_equal(out, "[ivowelsign06deva=0|kassadeva=0]");
  assert_int_equal(loc_shape_text(sh, "", 0), LOC_OK);
  assert_int_equal(loc_shaper_serialize(sh, 0, &out, &len), LOC_OK);
  assert_int_equal(len, 0);
  loc_shaper_free(sh);

  loc_shape_options o;
  loc_shape_options_init(&o);
  o.features = "kern,nonsense[";
  assert_int_equal(loc_shaper_new(f, &o, &sh), LOC_E_BAD_FEATURE);
  o.features = NULL;
  o.direction = "sideways";
  assert_int_equal(loc_shaper_new(f, &o, &sh), LOC_E_INVALID_ARGUMENT);
  o.direction = NULL;
  o.cluster_level = 4;
  assert_int_equal(loc_shaper_new(f, &o, &sh), LOC_E_INVALID_ARGUMENT);
  o.cluster_level = 3;
  assert_int_equal(loc_shaper_new(f, &o, &sh), LOC_OK);
  loc_shaper_free(sh);
  o.cluster_level = 0;
  o.shapers = "ot,nonesuch";
  assert_int_equal(loc_shaper_new(f, &o, &sh), LOC_E_INVALID_ARGUMENT);
  o.shapers = NULL;
  o.font_funcs = "cairo";
  assert_int_equal(loc_shaper_new(f, &o, &sh), LOC_E_INVALID_ARGUMENT);
  loc_font_free(f);
}

static int n_traces;
static void count_trace(void *user, const char *message, const char *buffer, size_t len) {
  (void)user;
  assert_non_null(message);
  assert_int_equal(strlen(buffer), len);
  assert_true(len >= 2 && buffer[0] == '[');
  n_traces++;
}

/* hb-shape's other options: context, shapers, font functions, the input
 * serialization of --show-unicode, --trace. */
static void test_shape_options(void **state) {
  (void)state;
  loc_font *f = open_or_skip(NOTO "NotoSansArabic-Regular.ttf");
  const char *const *names = loc_shape_shapers();
  bool ot = false;
  for (const char *const *k = names; *k; k++)
    ot |= strcmp(*k, "ot") == 0;
  assert_true(ot);
  loc_shape_options o;
  loc_shape_options_init(&o);
  o.context_before = "\xd8\xa8"; /* a beh before: the beh shaped is final */
  loc_shaper *sh = NULL;
  assert_int_equal(loc_shaper_new(f, &o, &sh), LOC_OK);
  const char *out;
  size_t len;
  assert_int_equal(loc_shape_text(sh, S("\xd8\xa8")), LOC_OK);
  assert_int_equal(loc_shaper_serialize(sh, LOC_SER_NO_POSITIONS, &out, &len), LOC_OK);
  assert_string_equal(out, "[uniFE90=0]");
  assert_int_equal(loc_shaper_serialize_input(sh, S("\xd8\xa8" "a"), &out, &len), LOC_OK);
  assert_string_equal(out, "<U+0628=0|U+0061=1>");
  loc_shaper_set_trace(sh, LOC_SER_NO_POSITIONS, count_trace, NULL);
  assert_int_equal(loc_shape_text(sh, S("\xd8\xa8")), LOC_OK);
  assert_true(n_traces > 2);
  loc_shaper_set_trace(sh, 0, NULL, NULL);
  int before = n_traces;
  assert_int_equal(loc_shape_text(sh, S("\xd8\xa8")), LOC_OK);
  assert_int_equal(n_traces, before);
  loc_shaper_free(sh);
  /* FreeType's font functions and the fallback shaper give glyphs too. */
  loc_shape_options_init(&o);
  o.font_funcs = "ft";
  o.shapers = "fallback";
  assert_int_equal(loc_shaper_new(f, &o, &sh), LOC_OK);
  assert_int_equal(loc_shape_text(sh, S("\xd8\xa8")), LOC_OK);
  assert_int_equal(loc_shaper_glyphs(sh, NULL), 1);
  loc_shaper_free(sh);
  loc_font_free(f);
}

/* A run shaped with its context: the Arabic letter before the run joins it. */
static void test_shape_run_context(void **state) {
  (void)state;
  loc_font *f = open_or_skip(NOTO "NotoSansArabic-Regular.ttf");
  loc_shaper *sh = NULL;
  assert_int_equal(loc_shaper_new(f, NULL, &sh), LOC_OK);
  static const char s[] = "\xd8\xa8\xd8\xa8"; /* beh beh */
  const char *out;
  size_t len;
  assert_int_equal(loc_shape_run(sh, s, 4, 2, 4, LOC_DIR_RTL, -1), LOC_OK);
  assert_int_equal(loc_shaper_serialize(sh, LOC_SER_NO_POSITIONS, &out, &len), LOC_OK);
  /* the second beh alone would be isolated; after a beh it is final */
  assert_string_equal(out, "[uniFE90=1]");
  assert_int_equal(loc_shape_run(sh, s, 4, 0, 2, LOC_DIR_RTL, -1), LOC_OK);
  assert_int_equal(loc_shaper_serialize(sh, LOC_SER_NO_POSITIONS, &out, &len), LOC_OK);
  assert_string_equal(out, "[uniFE91=0]");
  assert_int_equal(loc_shape_run(sh, s, 4, 3, 2, LOC_DIR_RTL, -1), LOC_E_INVALID_ARGUMENT);
  loc_shaper_free(sh);
  loc_font_free(f);
}

static void check(const char *font, const char *lang, const char *text,
                  loc_fontcheck_verdict want, loc_fontcheck_report *r) {
  loc_font *f = open_or_skip(font);
  assert_int_equal(loc_fontcheck(f, lang, text, text ? strlen(text) : 0, r), LOC_OK);
  if (r->verdict != want)
    fail_msg("%s with %s: %s, expected %s", lang, font, loc_fontcheck_verdict_name(r->verdict),
             loc_fontcheck_verdict_name(want));
  loc_font_free(f);
}

static void test_fontcheck(void **state) {
  (void)state;
  loc_fontcheck_report r;
  /* Hindi in a Devanagari font: every exemplar, real text shapes cleanly */
  check(NOTO "NotoSansDevanagari-Regular.ttf", "hi",
        "\xe0\xa4\xb8\xe0\xa4\xad\xe0\xa5\x80 \xe0\xa4\xae\xe0\xa4\xa8\xe0\xa5\x81"
        "\xe0\xa4\xb7\xe0\xa5\x8d\xe0\xa4\xaf",
        LOC_FONT_SUPPORTED, &r);
  assert_int_equal(r.n_missing, 0);
  assert_string_equal(r.script, "Deva");
  assert_false(r.exemplars_from_script);
  loc_fontcheck_report_clear(&r);
  /* a vowel sign with no consonant: HarfBuzz inserts a dotted circle */
  check(NOTO "NotoSansDevanagari-Regular.ttf", "hi", "\xe0\xa4\xbf", LOC_FONT_PARTIAL, &r);
  assert_int_equal(r.dotted_circles, 1);
  loc_fontcheck_report_clear(&r);
  /* English in a Devanagari font: no Latin letters at all */
  check(NOTO "NotoSansDevanagari-Regular.ttf", "en", NULL, LOC_FONT_UNSUPPORTED, &r);
  assert_int_equal(r.n_missing, 52);
  assert_int_equal(r.missing[0], 'A');
  loc_fontcheck_report_clear(&r);
  /* Latin digits in Arabic text are someone else's job: not in the verdict */
  check(NOTO "NotoSansArabic-Regular.ttf", "ar", "\xd9\x85\xd8\xa7\xd8\xaf\xd8\xa9 12",
        LOC_FONT_SUPPORTED, &r);
  assert_int_equal(r.notdef, 0);
  assert_int_equal(r.notdef_other, 0); /* Noto Sans Arabic has the digits */
  loc_fontcheck_report_clear(&r);
  /* a fatha on the Arabic comma: the font has no anchor there */
  check(NOTO "NotoNaskhArabic-Regular.ttf", "ar", "\xd8\x8c\xd9\x8e", LOC_FONT_PARTIAL, &r);
  assert_int_equal(r.unattached_marks, 1);
  loc_fontcheck_report_clear(&r);
  /* Ol Chiki: ICU has exemplars for Santali (sat) */
  check(NOTO "NotoSansOlChiki-Regular.ttf", "sat", NULL, LOC_FONT_SUPPORTED, &r);
  assert_int_equal(r.exemplars, 36);
  loc_fontcheck_report_clear(&r);
  /* Javanese script: ICU's jv is Latin, jv-Java has no data: the script's
   * letters and marks stand in */
  check(NOTO "NotoSansJavanese-Regular.ttf", "jv-Java", NULL, LOC_FONT_SUPPORTED, &r);
  assert_true(r.exemplars_from_script);
  assert_string_equal(r.script, "Java");
  loc_fontcheck_report_clear(&r);

  loc_font *f = open_or_skip(NOTO "NotoSans-Regular.ttf");
  assert_int_equal(loc_fontcheck(f, "not a tag", NULL, 0, &r), LOC_E_INVALID_TAG);
  assert_int_equal(loc_fontcheck(f, "und", NULL, 0, &r), LOC_E_UNKNOWN_SCRIPT);
  assert_int_equal(loc_fontcheck(NULL, "en", NULL, 0, &r), LOC_E_INVALID_ARGUMENT);
  loc_font_free(f);
  loc_fontcheck_report_clear(NULL);
  char *tags;
  size_t n;
  assert_int_equal(loc_fontcheck_languages(NULL, &tags, &n), LOC_OK);
  assert_true(n > 150);
  bool has_sr_latn = false;
  for (const char *t = tags; n--; t += strlen(t) + 1)
    has_sr_latn |= strcmp(t, "sr-Latn") == 0;
  assert_true(has_sr_latn);
  loc_free(tags);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_itemize),          cmocka_unit_test(test_bad_fonts),
      cmocka_unit_test(test_truncated_font),   cmocka_unit_test(test_shape_devanagari),
      cmocka_unit_test(test_shape_run_context), cmocka_unit_test(test_fontcheck),
      cmocka_unit_test(test_shape_options),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Paragraph layout: bidi order, font fallback, line breaking, re-shaping at
 * a line end. Needs Noto fonts; each test skips itself without them. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <loc/loc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NOTO "/usr/share/fonts/truetype/noto/"

static loc_font *open_or_skip(const char *name) {
  char path[256];
  snprintf(path, sizeof path, NOTO "%s", name);
  loc_font *f = NULL;
  loc_status st = loc_font_new(path, 0, &f);
  if (st == LOC_E_IO) {
    print_message("%s not installed: skipped\n", path);
    skip();
  }
  assert_int_equal(st, LOC_OK);
  return f;
}

/* The clusters of line @line's glyphs, in visual order, as "9 8 5". */
static void clusters(const loc_layout *l, size_t line, char *out, size_t cap) {
  const loc_layout_line *lines;
  const loc_layout_glyph *g;
  assert_true(line < loc_layout_lines(l, &lines));
  loc_layout_glyphs(l, &g);
  size_t k = 0;
  out[0] = '\0';
  for (size_t i = 0; i < lines[line].n_glyphs; i++)
    k += (size_t)snprintf(out + k, cap - k, "%s%u", i ? " " : "",
                          g[lines[line].first_glyph + i].cluster);
}

static void layout_one_line(const loc_font *const *fonts, size_t n, const char *text,
                            const char *want, const char *why) {
  loc_layout *l = NULL;
  assert_int_equal(loc_layout_new(fonts, n, text, strlen(text), NULL, &l), LOC_OK);
  assert_int_equal(loc_layout_lines(l, NULL), 1);
  char got[256];
  clusters(l, 0, got, sizeof got);
  if (strcmp(got, want) != 0)
    fail_msg("%s\n  want %s\n  got  %s", why, want, got);
  loc_layout_free(l);
}

static void test_bidi(void **state) {
  (void)state;
  loc_font *he = open_or_skip("NotoSansHebrew-Regular.ttf");
  loc_font *la = open_or_skip("NotoSans-Regular.ttf");
  const loc_font *fonts[] = {he, la};
  layout_one_line(fonts, 2, "\xd7\x90\xd7\x91 123 \xd7\x92", "9 8 5 6 7 4 2 0",
                  "digits inside Hebrew keep their order, the Hebrew goes right to left");
  layout_one_line(fonts, 2, "\xd7\x90 (abc) \xd7\x91", "9 8 7 4 5 6 3 2 0",
                  "brackets around Latin in a Hebrew paragraph: RTL pair, LTR inside");
  layout_one_line(fonts, 2, "abc \xd7\x90\xd7\x91 def", "0 1 2 3 6 4 8 9 10 11",
                  "Hebrew word inside English");
  loc_font_free(he);
  loc_font_free(la);
}

static void test_fallback(void **state) {
  (void)state;
  loc_font *la = open_or_skip("NotoSans-Regular.ttf");
  loc_font *de = open_or_skip("NotoSansDevanagari-Regular.ttf");
  const loc_font *fonts[] = {la, de};
  /* "ab कि": Latin from font 0; the consonant and its vowel sign from font 1 */
  static const char text[] = "ab \xe0\xa4\x95\xe0\xa4\xbf";
  loc_layout *l = NULL;
  assert_int_equal(loc_layout_new(fonts, 2, text, sizeof text - 1, NULL, &l), LOC_OK);
  const loc_layout_glyph *g;
  size_t n = loc_layout_glyphs(l, &g);
  assert_int_equal(n, 5);
  for (size_t i = 0; i < n; i++) {
    assert_int_not_equal(g[i].id, 0);
    assert_int_equal(g[i].font, g[i].cluster >= 3 ? 1 : 0);
  }
  loc_layout_free(l);
  loc_font_free(la);
  loc_font_free(de);
}

static void test_thai_breaking(void **state) {
  (void)state;
  loc_font *th = open_or_skip("NotoSansThai-Regular.ttf");
  const loc_font *fonts[] = {th};
  /* language|Thai|easy|a|little, twice: breaks only between dictionary words */
  static const char text[] = "\xe0\xb8\xa0\xe0\xb8\xb2\xe0\xb8\xa9\xe0\xb8\xb2\xe0\xb9\x84"
                             "\xe0\xb8\x97\xe0\xb8\xa2\xe0\xb8\x87\xe0\xb9\x88\xe0\xb8\xb2"
                             "\xe0\xb8\xa2\xe0\xb8\x99\xe0\xb8\xb4\xe0\xb8\x94\xe0\xb9\x80"
                             "\xe0\xb8\x94\xe0\xb8\xb5\xe0\xb8\xa2\xe0\xb8\xa7";
  loc_layout_options o = {.size = 1000, .width = 2500};
  loc_layout *l = NULL;
  assert_int_equal(loc_layout_new(fonts, 1, text, sizeof text - 1, &o, &l), LOC_OK);
  const loc_layout_line *lines;
  size_t nl = loc_layout_lines(l, &lines);
  assert_true(nl >= 2);
  loc_segment_line_break *br;
  size_t nb;
  assert_int_equal(loc_segment_line_breaks(NULL, text, sizeof text - 1, &br, &nb), LOC_OK);
  size_t at = 0;
  for (size_t i = 0; i < nl; i++) {
    assert_int_equal(lines[i].start, at);
    at = lines[i].end;
    bool opportunity = false;
    for (size_t k = 0; k < nb; k++)
      opportunity |= br[k].offset == at;
    assert_true(opportunity);
    assert_true(lines[i].width <= o.width || i + 1 == nl);
  }
  assert_int_equal(at, sizeof text - 1);
  loc_free(br);
  loc_layout_free(l);
  loc_font_free(th);
}

/* A soft hyphen inside an Arabic word is a break opportunity that joining
 * passes through: cut there, the letters before and after must be shaped
 * again into final and initial forms. */
static void test_arabic_line_end(void **state) {
  (void)state;
  loc_font *ar = open_or_skip("NotoSansArabic-Regular.ttf");
  const loc_font *fonts[] = {ar};
  loc_shaper *sh = NULL;
  assert_int_equal(loc_shaper_new(ar, NULL, &sh), LOC_OK);
  assert_int_equal(loc_shape_text(sh, "\xd8\xa8\xd8\xa8", 4), LOC_OK);
  const loc_shape_glyph *pair;
  assert_int_equal(loc_shaper_glyphs(sh, &pair), 2);
  uint32_t final = pair[0].id, initial = pair[1].id; /* visual order: RTL */
  loc_shaper_free(sh);

  static const char text[] = "\xd8\xa8\xd8\xa8\xd8\xa8\xc2\xad\xd8\xa8\xd8\xa8\xd8\xa8";
  loc_layout_options o = {.width = 1};
  loc_layout *l = NULL;
  assert_int_equal(loc_layout_new(fonts, 1, text, sizeof text - 1, &o, &l), LOC_OK);
  const loc_layout_line *lines;
  const loc_layout_glyph *g;
  assert_int_equal(loc_layout_lines(l, &lines), 2);
  loc_layout_glyphs(l, &g);
  assert_int_equal(lines[0].end, 8);
  bool saw_final = false, saw_initial = false;
  for (size_t i = 0; i < lines[0].n_glyphs; i++)
    saw_final |= g[lines[0].first_glyph + i].cluster == 4 && g[lines[0].first_glyph + i].id == final;
  for (size_t i = 0; i < lines[1].n_glyphs; i++)
    saw_initial |= g[lines[1].first_glyph + i].cluster == 8 &&
                   g[lines[1].first_glyph + i].id == initial;
  assert_true(saw_final);
  assert_true(saw_initial);
  loc_layout_free(l);

  /* unbroken, the same letters are medial */
  assert_int_equal(loc_layout_new(fonts, 1, text, sizeof text - 1, NULL, &l), LOC_OK);
  assert_int_equal(loc_layout_lines(l, NULL), 1);
  size_t n = loc_layout_glyphs(l, &g);
  for (size_t i = 0; i < n; i++)
    if (g[i].cluster == 4 || g[i].cluster == 8)
      assert_true(g[i].id != final && g[i].id != initial);
  loc_layout_free(l);
  loc_font_free(ar);
}

static void test_edges(void **state) {
  (void)state;
  loc_font *la = open_or_skip("NotoSans-Regular.ttf");
  const loc_font *fonts[] = {la};
  loc_layout *l = NULL;
  assert_int_equal(loc_layout_new(fonts, 1, "", 0, NULL, &l), LOC_OK);
  assert_int_equal(loc_layout_lines(l, NULL), 1);
  assert_int_equal(loc_layout_glyphs(l, NULL), 0);
  loc_layout_free(l);
  assert_int_equal(loc_layout_new(fonts, 1, "a\nb", 3, NULL, &l), LOC_OK);
  assert_int_equal(loc_layout_lines(l, NULL), 2);
  assert_true(loc_layout_line_height(l) > 0);
  loc_layout_free(l);
  assert_int_equal(loc_layout_new(fonts, 0, "a", 1, NULL, &l), LOC_E_INVALID_ARGUMENT);
  loc_layout_free(NULL);
  loc_font_free(la);
}

/* Two layouts are the same, glyph for glyph and line for line. */
static void assert_same_layout(const loc_layout *a, const loc_layout *b, const char *what) {
  const loc_layout_line *la, *lb;
  const loc_layout_glyph *ga, *gb;
  size_t nl = loc_layout_lines(a, &la);
  if (nl != loc_layout_lines(b, &lb))
    fail_msg("%s: %zu lines with the context, %zu without", what, nl, loc_layout_lines(b, NULL));
  assert_true(nl == 0 || memcmp(la, lb, nl * sizeof *la) == 0);
  size_t ng = loc_layout_glyphs(a, &ga);
  assert_int_equal(ng, loc_layout_glyphs(b, &gb));
  if (ng > 0 && memcmp(ga, gb, ng * sizeof *ga) != 0)
    fail_msg("%s: glyphs differ", what);
  assert_int_equal(loc_layout_line_height(a), loc_layout_line_height(b));
  assert_int_equal(loc_layout_ascender(a), loc_layout_ascender(b));
}

/* One context for paragraphs of different scripts, widths, sizes,
 * languages and font lists gives what loc_layout_new gives each time:
 * nothing of one paragraph leaks into the next. */
static void test_context(void **state) {
  (void)state;
  loc_font *ar = open_or_skip("NotoNaskhArabic-Regular.ttf");
  loc_font *la = open_or_skip("NotoSans-Regular.ttf");
  loc_font *th = open_or_skip("NotoSansThai-Regular.ttf");
  loc_layout_ctx *x = NULL;
  assert_int_equal(loc_layout_ctx_new(&x), LOC_OK);
  static const char *texts[] = {
      "\xd8\xa7\xd9\x84\xd8\xb9\xd8\xb1\xd8\xa8\xd9\x8a\xd8\xa9 abc 123 "
      "\xd9\x83\xd8\xaa\xd8\xa7\xd8\xa8 (\xd8\xaa) \xd8\xb3\xd9\x84\xd8\xa7\xd9\x85",
      "",
      "Hello, world.\nSecond line with some words to break",
      "\xe0\xb8\xa0\xe0\xb8\xb2\xe0\xb8\xa9\xe0\xb8\xb2\xe0\xb9\x84\xe0\xb8\x97"
      "\xe0\xb8\xa2\xe0\xb8\x84\xe0\xb8\xb7\xe0\xb8\xad abc",
      "\xff\xfe bad bytes \xd8\xa7",
  };
  const loc_font *lists[][3] = {{ar, la, th}, {la, ar, th}, {th, la, ar}};
  const size_t n_lists[] = {3, 2, 3};
  static const loc_layout_options opts[] = {
      {.size = 1000, .width = 3000},
      {.size = 0, .width = 0, .base = LOC_DIR_RTL},
      {.size = 640, .width = 9000},
      {.size = 640, .width = 9000, .language = "ar"},
      {.size = 640, .width = 9000, .language = "fa"},
      {.size = 500, .width = 9000, .language = "fa"},
  };
  char what[64];
  for (int round = 0; round < 2; round++)
    for (size_t t = 0; t < sizeof texts / sizeof *texts; t++)
      for (size_t f = 0; f < 3; f++)
        for (size_t o = 0; o < sizeof opts / sizeof *opts; o++) {
          loc_layout *a = NULL, *b = NULL;
          assert_int_equal(loc_layout_ctx_new_layout(x, lists[f], n_lists[f], texts[t],
                                                     strlen(texts[t]), &opts[o], &a),
                           LOC_OK);
          assert_int_equal(loc_layout_new(lists[f], n_lists[f], texts[t],
                                                strlen(texts[t]), &opts[o], &b),
                           LOC_OK);
          snprintf(what, sizeof what, "text %zu fonts %zu options %zu", t, f, o);
          assert_same_layout(a, b, what);
          loc_layout_free(a);
          loc_layout_free(b);
        }
  /* a font freed and another opened (perhaps at the same address): the
   * context must not keep using the old one's shaper */
  loc_font_free(la);
  la = open_or_skip("NotoSansHebrew-Regular.ttf");
  const loc_font *he[] = {la};
  loc_layout *a = NULL, *b = NULL;
  const char *heb = "\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d abc";
  assert_int_equal(loc_layout_ctx_new_layout(x, he, 1, heb, strlen(heb), NULL, &a), LOC_OK);
  assert_int_equal(loc_layout_new(he, 1, heb, strlen(heb), NULL, &b), LOC_OK);
  assert_same_layout(a, b, "new font");
  loc_layout_free(a);
  loc_layout_free(b);
  /* a paragraph long enough for the context to let its arrays go, then a
   * short one again */
  size_t big = 300 * 1024;
  char *s = malloc(big);
  assert_non_null(s);
  for (size_t i = 0; i < big; i++)
    s[i] = (char)("word "[i % 5]);
  const loc_layout_options wide = {.size = 1000, .width = 20000};
  assert_int_equal(loc_layout_ctx_new_layout(x, he, 1, s, big, &wide, &a), LOC_OK);
  const loc_layout_line *bl;
  size_t nbl = loc_layout_lines(a, &bl);
  assert_true(nbl > 1000);
  assert_true(bl[0].start == 0 && bl[nbl - 1].end == big);
  for (size_t i = 1; i < nbl; i++)
    assert_true(bl[i].start == bl[i - 1].end && bl[i].start % 5 == 0);
  loc_layout_free(a);
  assert_int_equal(loc_layout_ctx_new_layout(x, he, 1, heb, strlen(heb), NULL, &a), LOC_OK);
  b = NULL;
  assert_int_equal(loc_layout_new(he, 1, heb, strlen(heb), NULL, &b), LOC_OK);
  assert_same_layout(a, b, "after a long paragraph");
  loc_layout_free(a);
  loc_layout_free(b);
  free(s);
  /* errors leave the context usable */
  assert_int_equal(loc_layout_ctx_new_layout(x, he, 0, "a", 1, NULL, &a), LOC_E_INVALID_ARGUMENT);
  assert_null(a);
  assert_int_equal(loc_layout_ctx_new_layout(NULL, he, 1, "a", 1, NULL, &a),
                   LOC_E_INVALID_ARGUMENT);
  loc_layout_ctx_free(x);
  loc_layout_ctx_free(NULL);
  loc_font_free(ar);
  loc_font_free(la);
  loc_font_free(th);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_bidi),          cmocka_unit_test(test_fallback),
      cmocka_unit_test(test_thai_breaking), cmocka_unit_test(test_arabic_line_end),
      cmocka_unit_test(test_edges),         cmocka_unit_test(test_context),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

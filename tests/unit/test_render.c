/* Rendering: the PNG drawn band by band (a line across a band edge comes
 * out whole), the glyph cache (hits, its byte budget, the same pixels after
 * it was emptied), a paragraph long enough to be laid out in pieces, SVG.
 * Needs Noto Sans; each test skips itself without it. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <loc/loc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#ifdef LOC_HAVE_PNG
#include <png.h>
#endif

#include "../../libloc/src/text/render_internal.h"

#define NOTO "/usr/share/fonts/truetype/noto/"

static loc_font *open_or_skip(const char *name) {
  loc_font *f = NULL;
  loc_status st = loc_font_new(name, 0, &f);
  if (st == LOC_E_IO) {
    print_message("%s not installed: skipped\n", name);
    skip();
  }
  assert_int_equal(st, LOC_OK);
  return f;
}

static char *temp_path(const char *suffix) {
  static char path[64];
  snprintf(path, sizeof path, "/tmp/loc-test-render-%ld%s", (long)getpid(), suffix);
  return path;
}

#ifdef LOC_HAVE_PNG
/* Draws @paras with a margin of @margin around a @avail px wide column and
 * reads the picture back (RGB, freed by the caller). */
static uint8_t *draw(const loc_font *const *fonts, size_t n, const char *const *paras,
                     size_t n_paras, int margin, int avail, unsigned *w, unsigned *h) {
  loc_render_options o = {.size = 20, .width = avail + 2 * margin, .margin = margin,
                          .fg = 0x000000, .bg = 0xFFFFFF};
  loc_canvas *c = NULL;
  assert_int_equal(loc_canvas_new(fonts, n, &o, &c), LOC_OK);
  for (size_t i = 0; i < n_paras; i++)
    assert_int_equal(loc_canvas_add_paragraph(c, paras[i], strlen(paras[i]), NULL), LOC_OK);
  const char *path = temp_path(".png");
  assert_int_equal(loc_canvas_write_png(c, path), LOC_OK);
  loc_canvas_free(c);
  png_image img;
  memset(&img, 0, sizeof img);
  img.version = PNG_IMAGE_VERSION;
  assert_true(png_image_begin_read_from_file(&img, path));
  img.format = PNG_FORMAT_RGB;
  uint8_t *px = malloc(PNG_IMAGE_SIZE(img));
  assert_non_null(px);
  assert_true(png_image_finish_read(&img, NULL, px, 0, NULL));
  unlink(path);
  *w = img.width;
  *h = img.height;
  return px;
}
#endif

/* The same text drawn 100 px further down and right (so its lines cross
 * the edge between two bands of rows) gives the same pixels there. */
static void test_png_bands(void **state) {
  (void)state;
#ifndef LOC_HAVE_PNG
  skip();
#else
  loc_font *la = open_or_skip(NOTO "NotoSans-Regular.ttf");
  const loc_font *fonts[] = {la};
  const char *paras[] = {"Jump quickly, gray fox; ÅÉÎ ỗ q̣̇ gjpqy", "",
                         "A second paragraph, broken at the width into lines."};
  unsigned wa, ha, wb, hb;
  uint8_t *a = draw(fonts, 1, paras, 3, 10, 300, &wa, &ha);
  uint8_t *b = draw(fonts, 1, paras, 3, 110, 300, &wb, &hb);
  assert_int_equal(wb, wa + 200);
  assert_int_equal(hb, ha + 200);
  size_t ink = 0;
  for (unsigned y = 0; y < ha; y++) {
    const uint8_t *ra = a + (size_t)y * wa * 3, *rb = b + ((size_t)(y + 100) * wb + 100) * 3;
    if (memcmp(ra, rb, (size_t)wa * 3) != 0)
      fail_msg("row %u differs when drawn 100 px lower", y);
    for (unsigned x = 0; x < wa * 3; x++)
      ink += ra[x] < 128;
  }
  assert_true(ink > 1000); /* something was drawn */
  /* and nothing outside the shifted picture */
  for (size_t i = 0; i < (size_t)wb * 100 * 3; i++)
    assert_int_equal(b[i], 0xFF);
  free(a);
  free(b);
  loc_font_free(la);
#endif
}

static FT_Face face_of(FT_Library *ft, const char *path, int size) {
  FT_Face face;
  assert_int_equal(FT_Init_FreeType(ft), 0);
  assert_int_equal(FT_New_Face(*ft, path, 0, &face), 0);
  FT_Set_Char_Size(face, 0, size, 72, 72);
  return face;
}

/* Hits for a glyph asked again; a small budget empties the cache instead
 * of growing past it; a glyph drawn again afterwards has the same pixels. */
static void test_glyph_cache(void **state) {
  (void)state;
  const char *path = NOTO "NotoSans-Regular.ttf";
  if (access(path, R_OK) != 0)
    skip();
  FT_Library ft;
  FT_Face face = face_of(&ft, path, 24 * 64);
  loc__glyph_cache *gc = loc__glyph_cache_new(8 * 1024);
  assert_non_null(gc);
  bool ok;
  FT_UInt gid = FT_Get_Char_Index(face, 'g');
  const loc__glyph_bitmap *bm = loc__glyph_cache_get(gc, face, 0, gid, 24 * 64, 1, 0, &ok);
  assert_true(ok && bm->width > 0 && bm->rows > 0);
  loc__glyph_bitmap first = *bm;
  uint8_t *copy = malloc((size_t)first.width * first.rows);
  assert_non_null(copy);
  memcpy(copy, first.pixels, (size_t)first.width * first.rows);
  bm = loc__glyph_cache_get(gc, face, 0, gid, 24 * 64, 1, 0, &ok);
  loc__glyph_cache_stats s = loc__glyph_cache_stats_get(gc);
  assert_true(s.hits == 1 && s.misses == 1);
  /* another phase is another bitmap */
  loc__glyph_cache_get(gc, face, 0, gid, 24 * 64, 2, 0, &ok);
  assert_int_equal(loc__glyph_cache_stats_get(gc).misses, 2);
  /* many glyphs through an 8 KB cache */
  for (FT_UInt g = 1; g < 400; g++) {
    loc__glyph_cache_get(gc, face, 0, g, 24 * 64, g & 3, 0, &ok);
    assert_true(loc__glyph_cache_stats_get(gc).bytes <= 8 * 1024 + 4096);
  }
  s = loc__glyph_cache_stats_get(gc);
  assert_true(s.flushes > 0);
  bm = loc__glyph_cache_get(gc, face, 0, gid, 24 * 64, 1, 0, &ok);
  assert_true(ok && bm->width == first.width && bm->rows == first.rows &&
              bm->left == first.left && bm->top == first.top);
  assert_memory_equal(bm->pixels, copy, (size_t)first.width * first.rows);
  /* a glyph id the font does not have draws nothing */
  loc__glyph_cache_get(gc, face, 0, 60000, 24 * 64, 0, 0, &ok);
  assert_false(ok);
  free(copy);
  loc__glyph_cache_free(gc);
  FT_Done_Face(face);
  FT_Done_FreeType(ft);
}

/* A paragraph of 600 KB is laid out in pieces (each starting a line): the
 * picture has the lines one layout of the whole gives, give or take one per
 * piece. */
static void test_long_paragraph(void **state) {
  (void)state;
#ifndef LOC_HAVE_PNG
  skip();
#else
  loc_font *la = open_or_skip(NOTO "NotoSans-Regular.ttf");
  const loc_font *fonts[] = {la};
  size_t len = 600 * 1000;
  char *s = malloc(len);
  assert_non_null(s);
  for (size_t i = 0; i < len; i++)
    s[i] = "abc def "[i % 8];
  loc_render_options o = {.size = 4, .width = 2000, .margin = 0, .bg = 0xFFFFFF};
  loc_canvas *c = NULL;
  assert_int_equal(loc_canvas_new(fonts, 1, &o, &c), LOC_OK);
  assert_int_equal(loc_canvas_add_paragraph(c, s, len, NULL), LOC_OK);
  /* the PNG's header has the height (SVG would write 500,000 paths) */
  const char *path = temp_path(".png");
  assert_int_equal(loc_canvas_write_png(c, path), LOC_OK);
  loc_canvas_free(c);
  png_image img;
  memset(&img, 0, sizeof img);
  img.version = PNG_IMAGE_VERSION;
  assert_true(png_image_begin_read_from_file(&img, path));
  unsigned h = img.height;
  png_image_free(&img);
  unlink(path);
  loc_layout_options lo = {.size = 4 * 64, .width = 2000 * 64};
  loc_layout *l = NULL;
  assert_int_equal(loc_layout_new(fonts, 1, s, len, &lo, &l), LOC_OK);
  double lines = (double)h * 64 / loc_layout_line_height(l);
  size_t whole = loc_layout_lines(l, NULL);
  if (lines < (double)whole - 1 || lines > (double)whole + 4)
    fail_msg("%.1f lines in the picture, %zu in one layout", lines, whole);
  loc_layout_free(l);
  free(s);
  loc_font_free(la);
#endif
}

/* SVG: one path per glyph with an outline (spaces have none). */
static void test_svg(void **state) {
  (void)state;
  loc_font *la = open_or_skip(NOTO "NotoSans-Regular.ttf");
  const loc_font *fonts[] = {la};
  loc_render_options o = {.size = 24, .width = 400, .margin = 5, .bg = 0xFFFFFF};
  loc_canvas *c = NULL;
  assert_int_equal(loc_canvas_new(fonts, 1, &o, &c), LOC_OK);
  assert_int_equal(loc_canvas_add_paragraph(c, "ab c", 4, NULL), LOC_OK);
  assert_int_equal(loc_canvas_add_paragraph(c, "d", 1, NULL), LOC_OK);
  const char *path = temp_path(".svg");
  assert_int_equal(loc_canvas_write_svg(c, path), LOC_OK);
  loc_canvas_free(c);
  FILE *fp = fopen(path, "r");
  assert_non_null(fp);
  char line[4096];
  int paths = 0;
  double last_y = 0;
  while (fgets(line, sizeof line, fp)) {
    const char *m = strstr(line, "<path transform=\"matrix(");
    if (m == NULL)
      continue;
    double k1, k2, x, y;
    assert_int_equal(sscanf(m, "<path transform=\"matrix(%lf 0 0 %lf %lf %lf)", &k1, &k2, &x, &y),
                     4);
    assert_true(y >= last_y); /* "d" is on the second paragraph's line */
    last_y = y;
    paths++;
  }
  fclose(fp);
  unlink(path);
  assert_int_equal(paths, 4);
  assert_true(last_y > 24 + 5);
  loc_font_free(la);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_png_bands),
      cmocka_unit_test(test_glyph_cache),
      cmocka_unit_test(test_long_paragraph),
      cmocka_unit_test(test_svg),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

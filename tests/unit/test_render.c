/* Rendering: the PNG drawn band by band (a line across a band edge comes
 * out whole), the glyph cache (hits, its byte budget, the same pixels after
 * it was emptied), a paragraph long enough to be laid out in pieces, SVG,
 * pictures in memory (the file's bytes; bad arguments; a failing sink).
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

static uint8_t *read_all(const char *path, size_t *len) {
  FILE *fp = fopen(path, "rb");
  assert_non_null(fp);
  assert_int_equal(fseek(fp, 0, SEEK_END), 0);
  long n = ftell(fp);
  assert_true(n > 0);
  rewind(fp);
  uint8_t *b = malloc((size_t)n);
  assert_non_null(b);
  assert_int_equal(fread(b, 1, (size_t)n, fp), (size_t)n);
  fclose(fp);
  *len = (size_t)n;
  return b;
}

static loc_canvas *small_canvas(loc_font *f) {
  const loc_font *fonts[] = {f};
  loc_render_options o = {.size = 18, .width = 240, .margin = 4, .fg = 0x203040, .bg = 0xFFFFF0};
  loc_canvas *c = NULL;
  assert_int_equal(loc_canvas_new(fonts, 1, &o, &c), LOC_OK);
  const char *p = "Rendering into memory: the same bytes as the file, ÅÉÎ.";
  assert_int_equal(loc_canvas_add_paragraph(c, p, strlen(p), NULL), LOC_OK);
  return c;
}

/* loc_render_alloc() and loc_render() give the bytes the file gets; a
 * buffer one byte short answers LOC_E_BUFFER_TOO_SMALL with the size. */
static void check_memory_matches_file(loc_render_format format) {
  loc_font *la = open_or_skip(NOTO "NotoSans-Regular.ttf");
  loc_canvas *c = small_canvas(la);
  const char *path = temp_path(format == LOC_RENDER_PNG ? ".png" : ".svg");
  assert_int_equal(format == LOC_RENDER_PNG ? loc_canvas_write_png(c, path)
                                            : loc_canvas_write_svg(c, path),
                   LOC_OK);
  size_t flen;
  uint8_t *file = read_all(path, &flen);
  unlink(path);
  uint8_t *mem = NULL;
  size_t mlen = 0;
  assert_int_equal(loc_render_alloc(c, format, &mem, &mlen), LOC_OK);
  assert_int_equal(mlen, flen);
  assert_memory_equal(mem, file, flen);
  if (format == LOC_RENDER_PNG)
    assert_memory_equal(mem, "\x89PNG\r\n\x1a\n", 8);
  else
    assert_memory_equal(mem, "<svg ", 5);
  loc_free(mem);
  /* caller's buffer: exact, one byte short, none at all */
  uint8_t *buf = malloc(flen);
  assert_non_null(buf);
  size_t n = 0;
  assert_int_equal(loc_render(c, format, buf, flen, &n), LOC_OK);
  assert_int_equal(n, flen);
  assert_memory_equal(buf, file, flen);
  memset(buf, 0, flen);
  assert_int_equal(loc_render(c, format, buf, flen - 1, &n), LOC_E_BUFFER_TOO_SMALL);
  assert_int_equal(n, flen);
  assert_memory_equal(buf, file, flen - 1);
  assert_int_equal(buf[flen - 1], 0);
  assert_int_equal(loc_render(c, format, NULL, 0, &n), LOC_E_BUFFER_TOO_SMALL);
  assert_int_equal(n, flen);
  free(buf);
  free(file);
  loc_canvas_free(c);
  loc_font_free(la);
}

static void test_render_memory_png(void **state) {
  (void)state;
#ifndef LOC_HAVE_PNG
  loc_font *la = open_or_skip(NOTO "NotoSans-Regular.ttf");
  loc_canvas *c = small_canvas(la);
  uint8_t *mem = (uint8_t *)"x";
  size_t n = 1;
  assert_int_equal(loc_render_alloc(c, LOC_RENDER_PNG, &mem, &n), LOC_E_UNSUPPORTED);
  assert_null(mem);
  loc_canvas_free(c);
  loc_font_free(la);
#else
  check_memory_matches_file(LOC_RENDER_PNG);
#endif
}

static void test_render_memory_svg(void **state) {
  (void)state;
  check_memory_matches_file(LOC_RENDER_SVG);
}

/* A sink that fails on its call number @fail_at (from 1). */
typedef struct failing {
  int calls, fail_at;
  size_t bytes;
} failing;

static loc_status failing_sink(void *user, const char *data, size_t len) {
  failing *f = user;
  (void)data;
  assert_true(f->fail_at == 0 || f->calls < f->fail_at); /* never called after failing */
  if (++f->calls == f->fail_at)
    return LOC_E_IO;
  f->bytes += len;
  return LOC_OK;
}

/* Bad arguments are refused, a failing sink stops the writing with its
 * status, in every format, however late it fails. */
static void test_render_bad_input(void **state) {
  (void)state;
  loc_font *la = open_or_skip(NOTO "NotoSans-Regular.ttf");
  loc_canvas *c = small_canvas(la);
  failing f = {0, 0, 0};
  uint8_t *mem = NULL;
  size_t n = 0;
  uint8_t buf[8];
  assert_int_equal(loc_render_write(NULL, LOC_RENDER_SVG, failing_sink, &f), LOC_E_INVALID_ARGUMENT);
  assert_int_equal(loc_render_write(c, LOC_RENDER_SVG, NULL, NULL), LOC_E_INVALID_ARGUMENT);
  assert_int_equal(loc_render_write(c, (loc_render_format)7, failing_sink, &f),
                   LOC_E_INVALID_ARGUMENT);
  assert_int_equal(loc_render_write(c, (loc_render_format)-1, failing_sink, &f),
                   LOC_E_INVALID_ARGUMENT);
  assert_int_equal(f.calls, 0);
  assert_int_equal(loc_render_alloc(c, (loc_render_format)2, &mem, &n), LOC_E_INVALID_ARGUMENT);
  assert_null(mem);
  assert_int_equal(loc_render_alloc(NULL, LOC_RENDER_SVG, &mem, &n), LOC_E_INVALID_ARGUMENT);
  assert_int_equal(loc_render_alloc(c, LOC_RENDER_SVG, NULL, &n), LOC_E_INVALID_ARGUMENT);
  assert_int_equal(loc_render_alloc(c, LOC_RENDER_SVG, &mem, NULL), LOC_E_INVALID_ARGUMENT);
  assert_int_equal(loc_render(c, LOC_RENDER_SVG, NULL, 8, &n), LOC_E_INVALID_ARGUMENT);
  assert_int_equal(loc_render(c, LOC_RENDER_SVG, buf, sizeof buf, NULL), LOC_E_INVALID_ARGUMENT);
  assert_int_equal(loc_render(NULL, LOC_RENDER_SVG, buf, sizeof buf, &n), LOC_E_INVALID_ARGUMENT);
  for (int fmt = 0; fmt < 2; fmt++) {
#ifndef LOC_HAVE_PNG
    if (fmt == LOC_RENDER_PNG)
      continue;
#endif
    failing all = {0, 0, 0};
    assert_int_equal(loc_render_write(c, (loc_render_format)fmt, failing_sink, &all), LOC_OK);
    assert_true(all.calls >= 1);
    for (int at = 1; at <= all.calls; at++) {
      failing g = {0, at, 0};
      assert_int_equal(loc_render_write(c, (loc_render_format)fmt, failing_sink, &g), LOC_E_IO);
      assert_int_equal(g.calls, at);
    }
  }
  loc_canvas_free(c);
  loc_font_free(la);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_render_memory_png),
      cmocka_unit_test(test_render_memory_svg),
      cmocka_unit_test(test_render_bad_input),
      cmocka_unit_test(test_png_bands),
      cmocka_unit_test(test_glyph_cache),
      cmocka_unit_test(test_long_paragraph),
      cmocka_unit_test(test_svg),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

/* In-process: loc_layout_paragraph (itemisation, fallback, shaping, line
 * breaking at WIDTH em/1000) against loc_shape_text alone (one buffer per
 * line, the first font), over the lines of FILE, best of RUNS passes.
 * Usage: lib_layout FILE WIDTH RUNS FONT [FONT...]   (prints key=value) */
#include <loc/loc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
  if (argc < 5) {
    fprintf(stderr, "usage: lib_layout FILE WIDTH RUNS FONT [FONT...]\n");
    return 2;
  }
  FILE *f = fopen(argv[1], "rb");
  if (f == NULL) {
    perror(argv[1]);
    return 2;
  }
  size_t cap = 1 << 20, len = 0;
  char *text = malloc(cap);
  for (size_t got; text && (got = fread(text + len, 1, cap - len, f)) > 0;) {
    len += got;
    if (len == cap)
      text = realloc(text, cap *= 2);
  }
  fclose(f);
  if (text == NULL)
    return 2;
  int width = atoi(argv[2]), runs = atoi(argv[3]);
  size_t n_fonts = (size_t)argc - 4;
  loc_font **fonts = calloc(n_fonts, sizeof *fonts);
  for (size_t i = 0; i < n_fonts; i++)
    if (loc_font_open(argv[4 + i], 0, &fonts[i]) != LOC_OK) {
      fprintf(stderr, "%s: cannot open\n", argv[4 + i]);
      return 2;
    }
  loc_shaper *sh = NULL;
  loc_shaper_new(fonts[0], NULL, &sh);
  loc_layout_options o = {.size = 1000, .width = width};
  double best_shape = 1e30, best_layout = 1e30;
  size_t lines = 0, out_lines = 0;
  for (int r = 0; r < runs; r++) {
    double t0 = now();
    lines = 0;
    for (size_t at = 0; at < len;) {
      const char *nl = memchr(text + at, '\n', len - at);
      size_t end = nl ? (size_t)(nl - text) : len;
      loc_shape_text(sh, text + at, end - at);
      loc_shaper_glyphs(sh, NULL);
      lines++;
      at = end + 1;
    }
    double t1 = now();
    out_lines = 0;
    for (size_t at = 0; at < len;) {
      const char *nl = memchr(text + at, '\n', len - at);
      size_t end = nl ? (size_t)(nl - text) : len;
      loc_layout *l = NULL;
      if (loc_layout_paragraph((const loc_font *const *)fonts, n_fonts, text + at, end - at, &o,
                               &l) == LOC_OK)
        out_lines += loc_layout_lines(l, NULL);
      loc_layout_free(l);
      at = end + 1;
    }
    double t2 = now();
    if (t1 - t0 < best_shape)
      best_shape = t1 - t0;
    if (t2 - t1 < best_layout)
      best_layout = t2 - t1;
  }
  printf("paragraphs=%zu lines_out=%zu shape_s=%.4f layout_s=%.4f ratio=%.2f\n", lines,
         out_lines, best_shape, best_layout, best_layout / best_shape);
  loc_shaper_free(sh);
  for (size_t i = 0; i < n_fonts; i++)
    loc_font_free(fonts[i]);
  free(fonts);
  free(text);
  return 0;
}

/* In-process: layout (itemisation, fallback, shaping, line breaking at
 * WIDTH em/1000) with one loc_layout_ctx, and with loc_layout_new
 * (set-up per paragraph), against loc_shape_text alone (one buffer per
 * line, the first font), over the lines of FILE; RUNS passes of each,
 * interleaved, timed by the process's CPU time (steadier than wall time on a
 * loaded machine); the medians, and the median of the per-pass ratios.
 * Usage: lib_layout FILE WIDTH RUNS FONT [FONT...]   (prints key=value) */
#include <loc/loc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static double median(double *v, int n) {
  qsort(v, (size_t)n, sizeof *v, cmp_double);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
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
  if (runs < 1)
    runs = 1;
  double *t_shape = calloc((size_t)runs, sizeof *t_shape);
  double *t_layout = calloc((size_t)runs, sizeof *t_layout);
  double *t_ratio = calloc((size_t)runs, sizeof *t_ratio);
  double *t_plain = calloc((size_t)runs, sizeof *t_plain);
  double *t_pratio = calloc((size_t)runs, sizeof *t_pratio);
  loc_layout_ctx *ctx = NULL;
  if (t_shape == NULL || t_layout == NULL || t_ratio == NULL || t_plain == NULL ||
      t_pratio == NULL || loc_layout_ctx_new(&ctx) != LOC_OK)
    return 2;
  size_t n_fonts = (size_t)argc - 4;
  loc_font **fonts = calloc(n_fonts, sizeof *fonts);
  for (size_t i = 0; i < n_fonts; i++)
    if (loc_font_new(argv[4 + i], 0, &fonts[i]) != LOC_OK) {
      fprintf(stderr, "%s: cannot open\n", argv[4 + i]);
      return 2;
    }
  loc_shaper *sh = NULL;
  loc_shaper_new(fonts[0], NULL, &sh);
  loc_layout_options o = {.size = 1000, .width = width};
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
      if (loc_layout_ctx_new_layout(ctx, (const loc_font *const *)fonts, n_fonts, text + at,
                                   end - at, &o, &l) == LOC_OK)
        out_lines += loc_layout_lines(l, NULL);
      loc_layout_free(l);
      at = end + 1;
    }
    double t2 = now();
    size_t plain_lines = 0;
    for (size_t at = 0; at < len;) {
      const char *nl = memchr(text + at, '\n', len - at);
      size_t end = nl ? (size_t)(nl - text) : len;
      loc_layout *l = NULL;
      if (loc_layout_new((const loc_font *const *)fonts, n_fonts, text + at, end - at, &o,
                               &l) == LOC_OK)
        plain_lines += loc_layout_lines(l, NULL);
      loc_layout_free(l);
      at = end + 1;
    }
    double t3 = now();
    if (plain_lines != out_lines) {
      fprintf(stderr, "lib_layout: %zu lines with a context, %zu without\n", out_lines,
              plain_lines);
      return 1;
    }
    t_plain[r] = t3 - t2;
    t_pratio[r] = t1 > t0 ? (t3 - t2) / (t1 - t0) : 0;
    t_shape[r] = t1 - t0;
    t_layout[r] = t2 - t1;
    t_ratio[r] = t_shape[r] > 0 ? t_layout[r] / t_shape[r] : 0;
  }
  printf("paragraphs=%zu lines_out=%zu shape_cpu_s=%.4f layout_cpu_s=%.4f ratio=%.2f "
         "no_ctx_cpu_s=%.4f no_ctx_ratio=%.2f\n",
         lines, out_lines, median(t_shape, runs), median(t_layout, runs), median(t_ratio, runs),
         median(t_plain, runs), median(t_pratio, runs));
  loc_layout_ctx_free(ctx);
  free(t_plain);
  free(t_pratio);
  free(t_shape);
  free(t_layout);
  free(t_ratio);
  loc_shaper_free(sh);
  for (size_t i = 0; i < n_fonts; i++)
    loc_font_free(fonts[i]);
  free(fonts);
  free(text);
  return 0;
}

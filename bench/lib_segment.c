/* The library under test, called the way ubrk_raw calls ICU: every line
 * (without its '\n') through one reused loc_segment_iter (-m iter, default)
 * or through loc_segment_all(), which returns a fresh array per line (-m array).
 * Segments and word-like segments (loc_segment_type_has_letter_or_digit)
 * are counted, as ubrk_raw counts them. Only the pass over the lines is
 * timed. */
#include "blocks.h"

#include <loc/loc.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void usage(void) {
  fprintf(stderr, "usage: lib_segment [-m iter|array] [-r REPS] FILE\n");
  exit(2);
}

static void fail(loc_status st) {
  fprintf(stderr, "lib_segment: %s\n", loc_status_message(st));
  exit(1);
}

int main(int argc, char **argv) {
  int reps = 1, opt;
  const char *mode = "iter";
  while ((opt = getopt(argc, argv, "m:r:")) != -1) {
    switch (opt) {
    case 'm': mode = optarg; break;
    case 'r': reps = bench_parse_reps("lib_segment", optarg); break;
    default: usage();
    }
  }
  if (optind != argc - 1)
    usage();
  bool array = strcmp(mode, "array") == 0;
  if (!array && strcmp(mode, "iter") != 0)
    usage();
  bench_file f;
  bench_load(argv[optind], &f);

  const loc_segmenter *sg = loc_segmenter_root(LOC_BREAK_WORD);
  if (sg == NULL)
    fail(LOC_E_ICU);
  loc_segment_iter *it = NULL;
  loc_status st = loc_segment_iter_new(sg, &it);
  if (st != LOC_OK)
    fail(st);
  double *times = malloc((size_t)reps * sizeof *times);
  double *cpus = malloc((size_t)reps * sizeof *cpus);
  if (times == NULL || cpus == NULL)
    return 2;
  unsigned long long segments = 0, wordlike = 0, lines = 0;
  for (int r = 0; r < reps; r++) {
    segments = wordlike = lines = 0;
    double t0 = bench_now(), c0 = bench_cpu_now();
    for (size_t pos = 0; pos < f.len;) {
      const char *line = f.data + pos;
      const char *nl = memchr(line, '\n', f.len - pos);
      size_t n = nl ? (size_t)(nl - line) : f.len - pos;
      pos += n + (nl != NULL);
      lines++;
      if (array) {
        loc_segment *segs;
        size_t count;
        if ((st = loc_segment_all(sg, LOC_BREAK_WORD, line, n, &segs, &count)) != LOC_OK)
          fail(st);
        segments += count;
        for (size_t i = 0; i < count; i++)
          wordlike += loc_segment_type_has_letter_or_digit(segs[i].type);
        loc_free(segs);
        continue;
      }
      if ((st = loc_segment_iter_set_text(it, line, n)) != LOC_OK)
        fail(st);
      loc_segment seg;
      while (loc_segment_iter_next(it, &seg)) {
        segments++;
        wordlike += loc_segment_type_has_letter_or_digit(seg.type);
      }
    }
    times[r] = bench_now() - t0;
    cpus[r] = bench_cpu_now() - c0;
  }
  printf("lib_segment lines=%llu segments=%llu wordlike=%llu\n", lines, segments, wordlike);
  char what[16];
  snprintf(what, sizeof what, "mode=%s", array ? "array" : "iter");
  bench_report("lib_segment", what, f.len, 0, reps, bench_median(times, reps),
               bench_median(cpus, reps));
  loc_segment_iter_free(it);
  free(cpus);
  free(times);
  bench_unload(&f);
  return 0;
}

/* Baseline for word segmentation: ICU's word break iterator used directly,
 * the way a C program that links ICU would write it. One UBreakIterator
 * (UBRK_WORD, root locale) is opened once; for every line (without its
 * '\n') the text is wrapped in place with utext_openUTF8, and the loop
 * counts ubrk_next() boundaries and reads ubrk_getRuleStatus() for each, so
 * the count of word-like segments costs what loc's typing costs. Only the
 * pass over the lines is timed. */
#include "blocks.h"

#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void usage(void) {
  fprintf(stderr, "usage: ubrk_raw [-r REPS] FILE\n");
  exit(2);
}

int main(int argc, char **argv) {
  int reps = 1, opt;
  while ((opt = getopt(argc, argv, "r:")) != -1) {
    if (opt == 'r')
      reps = bench_parse_reps("ubrk_raw", optarg);
    else
      usage();
  }
  if (optind != argc - 1)
    usage();
  bench_file f;
  bench_load(argv[optind], &f);

  UErrorCode e = U_ZERO_ERROR;
  UBreakIterator *bi = ubrk_open(UBRK_WORD, "", NULL, 0, &e);
  UText ut = UTEXT_INITIALIZER;
  if (U_FAILURE(e)) {
    fprintf(stderr, "ubrk_raw: ubrk_open: %s\n", u_errorName(e));
    return 2;
  }
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
      if (n == 0)
        continue;
      if (n > INT32_MAX) {
        fprintf(stderr, "ubrk_raw: line longer than INT32_MAX bytes\n");
        return 2;
      }
      utext_openUTF8(&ut, line, (int64_t)n, &e);
      ubrk_setUText(bi, &ut, &e);
      if (U_FAILURE(e)) {
        fprintf(stderr, "ubrk_raw: %s\n", u_errorName(e));
        return 2;
      }
      ubrk_first(bi);
      while (ubrk_next(bi) != UBRK_DONE) {
        segments++;
        if (ubrk_getRuleStatus(bi) >= UBRK_WORD_NONE_LIMIT)
          wordlike++;
      }
    }
    times[r] = bench_now() - t0;
    cpus[r] = bench_cpu_now() - c0;
  }
  printf("ubrk_raw lines=%llu segments=%llu wordlike=%llu\n", lines, segments, wordlike);
  bench_report("ubrk_raw", "loop=utext_openUTF8+ubrk_next+ubrk_getRuleStatus", f.len, 0,
               reps, bench_median(times, reps), bench_median(cpus, reps));
  utext_close(&ut);
  ubrk_close(bi);
  free(cpus);
  free(times);
  bench_unload(&f);
  return 0;
}

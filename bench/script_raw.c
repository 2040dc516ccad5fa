/* Baseline for `loc script --summary`: decode UTF-8 with ICU's U8_NEXT and
 * count uscript_getScript() per code point. No Script_Extensions, no
 * context for Common/Inherited: the least work a script count can do with
 * ICU. Only the counting loop is timed. */
#include "blocks.h"

#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct {
  UScriptCode code;
  unsigned long long n;
} script_count;

static int by_count_desc(const void *a, const void *b) {
  const script_count *x = a, *y = b;
  return (x->n < y->n) - (x->n > y->n);
}

int main(int argc, char **argv) {
  int reps = 1, opt;
  while ((opt = getopt(argc, argv, "r:")) != -1) {
    if (opt == 'r')
      reps = bench_parse_reps("script_raw", optarg);
    else {
      fprintf(stderr, "usage: script_raw [-r REPS] FILE\n");
      return 2;
    }
  }
  if (optind != argc - 1) {
    fprintf(stderr, "usage: script_raw [-r REPS] FILE\n");
    return 2;
  }
  bench_file f;
  bench_load(argv[optind], &f);

  static unsigned long long counts[USCRIPT_CODE_LIMIT + 1];
  unsigned long long invalid = 0, total = 0;
  double *times = malloc((size_t)reps * sizeof *times);
  double *cpus = malloc((size_t)reps * sizeof *cpus);
  if (times == NULL || cpus == NULL)
    return 2;
  const uint8_t *s = (const uint8_t *)f.data;
  /* U8_NEXT indexes with int32_t: walk the file in slices that fit. */
  const size_t slice = (size_t)1 << 30;
  for (int r = 0; r < reps; r++) {
    memset(counts, 0, sizeof counts);
    invalid = total = 0;
    double t0 = bench_now(), c0 = bench_cpu_now();
    for (size_t base = 0; base < f.len;) {
      size_t end = f.len - base > slice ? base + slice : f.len;
      while (end < f.len && (s[end] & 0xC0) == 0x80)
        end--;
      int32_t i = 0, len = (int32_t)(end - base);
      while (i < len) {
        UChar32 c;
        U8_NEXT(s + base, i, len, c);
        if (c < 0) {
          invalid++;
          continue;
        }
        UErrorCode ec = U_ZERO_ERROR;
        UScriptCode sc = uscript_getScript(c, &ec);
        if (U_FAILURE(ec) || sc < 0 || sc >= USCRIPT_CODE_LIMIT)
          sc = USCRIPT_CODE_LIMIT;
        counts[sc]++;
        total++;
      }
      base = end;
    }
    times[r] = bench_now() - t0;
    cpus[r] = bench_cpu_now() - c0;
  }

  script_count top[USCRIPT_CODE_LIMIT + 1];
  int n = 0;
  for (int sc = 0; sc <= USCRIPT_CODE_LIMIT; sc++)
    if (counts[sc])
      top[n++] = (script_count){(UScriptCode)sc, counts[sc]};
  qsort(top, (size_t)n, sizeof *top, by_count_desc);
  printf("script_raw total=%llu invalid=%llu scripts=%d\n", total, invalid, n);
  for (int k = 0; k < n; k++)
    printf("  %s %llu\n",
           top[k].code == USCRIPT_CODE_LIMIT ? "????"
                                             : uscript_getShortName(top[k].code),
           top[k].n);
  bench_report("script_raw", "loop=U8_NEXT+uscript_getScript", f.len, 0, reps,
               bench_median(times, reps), bench_median(cpus, reps));
  free(cpus);
  free(times);
  bench_unload(&f);
  return 0;
}

/* loc_legacy_zawgyi_probability() on every line of FILE (without its '\n'), the
 * way bench/zawgyi_node.js calls myanmar-tools' detector. Prints the lines
 * scored, how many are called Zawgyi (P > 0.95) and the time of the pass
 * over the lines only (the best of -r REPS passes). */
#include "blocks.h"

#include <loc/loc.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv) {
  int reps = 1, opt;
  while ((opt = getopt(argc, argv, "r:")) != -1) {
    if (opt != 'r') {
      fprintf(stderr, "usage: lib_zawgyi [-r REPS] FILE\n");
      return 2;
    }
    reps = bench_parse_reps("lib_zawgyi", optarg);
  }
  if (optind != argc - 1) {
    fprintf(stderr, "usage: lib_zawgyi [-r REPS] FILE\n");
    return 2;
  }
  bench_file f;
  bench_load(argv[optind], &f);
  double best = -1, best_cpu = -1;
  long lines = 0, zawgyi = 0;
  for (int r = 0; r < reps; r++) {
    lines = zawgyi = 0;
    double t0 = bench_now(), c0 = bench_cpu_now();
    for (size_t i = 0; i < f.len;) {
      const char *nl = memchr(f.data + i, '\n', f.len - i);
      size_t n = nl ? (size_t)(nl - (f.data + i)) : f.len - i;
      double p;
      loc_legacy_zawgyi_probability(f.data + i, n, &p);
      lines++;
      zawgyi += p > 0.95;
      i += n + 1;
    }
    double t = bench_now() - t0, c = bench_cpu_now() - c0;
    if (best < 0 || t < best)
      best = t;
    if (best_cpu < 0 || c < best_cpu)
      best_cpu = c;
  }
  printf("lines=%ld zawgyi=%ld bytes=%zu seconds=%.4f cpu=%.4f\n", lines, zawgyi, f.len,
         best, best_cpu);
  bench_unload(&f);
  return 0;
}

/* The library under test, called the way icu_raw calls ICU: loc_normalize()
 * on 1 MiB blocks into one reused buffer. Only the calls are timed. */
#include "blocks.h"

#include <loc/loc.h>

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static void usage(void) {
  fprintf(stderr, "usage: lib_normalize [-f nfc|nfd|nfkc|nfkd|nfkc_cf] "
                  "[-r REPS] [-o OUT] FILE\n");
  exit(2);
}

int main(int argc, char **argv) {
  const char *form_name = "nfc", *out_path = NULL;
  int reps = 5, opt;
  while ((opt = getopt(argc, argv, "f:r:o:")) != -1) {
    switch (opt) {
    case 'f': form_name = optarg; break;
    case 'r': reps = bench_parse_reps("lib_normalize", optarg); break;
    case 'o': out_path = optarg; break;
    default: usage();
    }
  }
  if (optind != argc - 1)
    usage();

  loc_normalize_form form;
  loc_status st = loc_normalize_form_parse(form_name, &form);
  if (st != LOC_OK) {
    fprintf(stderr, "lib_normalize: %s: %s\n", form_name, loc_status_message(st));
    return 2;
  }
  bench_file f;
  bench_load(argv[optind], &f);
  FILE *out = NULL;
  if (out_path != NULL && (out = fopen(out_path, "wb")) == NULL) {
    perror(out_path);
    return 2;
  }

  size_t cap = 3 * BENCH_BLOCK + 64;
  char *buf = malloc(cap);
  double *times = malloc((size_t)reps * sizeof *times);
  double *cpus = malloc((size_t)reps * sizeof *cpus);
  if (buf == NULL || times == NULL || cpus == NULL) {
    fprintf(stderr, "lib_normalize: out of memory\n");
    return 2;
  }
  size_t out_total = 0;
  for (int r = 0; r < reps; r++) {
    double spent = 0, spent_cpu = 0;
    out_total = 0;
    for (size_t pos = 0; pos < f.len;) {
      size_t n = bench_block_len(f.data, f.len, pos), got = 0;
      double t0 = bench_now(), c0 = bench_cpu_now();
      st = loc_normalize(form, f.data + pos, n, buf, cap, &got);
      spent_cpu += bench_cpu_now() - c0;
      spent += bench_now() - t0;
      if (st == LOC_E_BUFFER_TOO_SMALL) {
        free(buf);
        cap = got + 64;
        if ((buf = malloc(cap)) == NULL) {
          fprintf(stderr, "lib_normalize: out of memory\n");
          return 2;
        }
        continue; /* the same block again, as icu_raw does */
      }
      if (st != LOC_OK) {
        fprintf(stderr, "lib_normalize: %s\n", loc_status_message(st));
        return 1;
      }
      if (out != NULL && r == 0 && fwrite(buf, 1, got, out) != got) {
        perror(out_path);
        return 2;
      }
      out_total += got;
      pos += n;
    }
    times[r] = spent;
    cpus[r] = spent_cpu;
  }
  if (out != NULL && fclose(out) != 0) {
    perror(out_path);
    return 2;
  }
  char what[32];
  snprintf(what, sizeof what, "form=%s", form_name);
  bench_report("lib_normalize", what, f.len, out_total, reps,
               bench_median(times, reps), bench_median(cpus, reps));
  free(cpus);
  free(times);
  free(buf);
  bench_unload(&f);
  return 0;
}

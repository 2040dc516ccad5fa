/* The timed loop of the IDN benchmarks; see names.h. */
#include "names.h"

#include "blocks.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void usage(const char *prog) {
  fprintf(stderr, "usage: %s [-r REPS] [-o VERDICTS] [-a ACCEPTED] FILE\n", prog);
  exit(2);
}

static FILE *open_out(const char *path) {
  if (path == NULL)
    return NULL;
  FILE *f = fopen(path, "wb");
  if (f == NULL) {
    perror(path);
    exit(2);
  }
  return f;
}

static void close_out(FILE *f, const char *path) {
  if (f != NULL && fclose(f) != 0) {
    perror(path);
    exit(2);
  }
}

int bench_names_main(const char *prog, int argc, char **argv, bench_convert_fn *convert,
                     void *user) {
  const char *out_path = NULL, *acc_path = NULL;
  int reps = 5, opt;
  while ((opt = getopt(argc, argv, "r:o:a:")) != -1) {
    switch (opt) {
    case 'r': reps = bench_parse_reps(prog, optarg); break;
    case 'o': out_path = optarg; break;
    case 'a': acc_path = optarg; break;
    default: usage(prog);
    }
  }
  if (optind != argc - 1)
    usage(prog);
  bench_file f;
  bench_load(argv[optind], &f);
  size_t count = 0;
  for (size_t i = 0; i < f.len; i++)
    count += f.data[i] == '\n';
  if (f.len > 0 && f.data[f.len - 1] != '\n')
    count++;
  bench_name *names = malloc((count ? count : 1) * sizeof *names);
  double *times = malloc((size_t)reps * sizeof *times);
  double *cpus = malloc((size_t)reps * sizeof *cpus);
  if (names == NULL || times == NULL || cpus == NULL) {
    fprintf(stderr, "%s: out of memory\n", prog);
    return 2;
  }
  size_t n = 0;
  for (size_t pos = 0; pos < f.len;) {
    char *nl = memchr(f.data + pos, '\n', f.len - pos);
    size_t len = nl ? (size_t)(nl - (f.data + pos)) : f.len - pos;
    if (nl != NULL)
      *nl = '\0';
    names[n].s = f.data + pos;
    names[n].len = len;
    n++;
    pos += len + 1;
  }
  /* The verdict files come from a pass of their own, outside the timing. */
  FILE *out = open_out(out_path), *acc = open_out(acc_path);
  if (out != NULL || acc != NULL) {
    for (size_t i = 0; i < n; i++) {
      bool ok = convert(user, &names[i], out);
      if (ok && acc != NULL) {
        fwrite(names[i].s, 1, names[i].len, acc);
        fputc('\n', acc);
      }
    }
  }
  close_out(out, out_path);
  close_out(acc, acc_path);
  size_t ok = 0;
  for (int r = 0; r < reps; r++) {
    ok = 0;
    double t0 = bench_now(), c0 = bench_cpu_now();
    for (size_t i = 0; i < n; i++)
      ok += convert(user, &names[i], NULL);
    cpus[r] = bench_cpu_now() - c0;
    times[r] = bench_now() - t0;
  }
  double median = bench_median(times, reps), cpu = bench_median(cpus, reps);
  printf("%s names=%zu ok=%zu reps=%d median_s=%.6f cpu_s=%.6f names_per_s=%.0f\n", prog, n,
         ok, reps, median, cpu, median > 0 ? (double)n / median : 0.0);
  free(cpus);
  free(times);
  free(names);
  bench_unload(&f);
  return 0;
}

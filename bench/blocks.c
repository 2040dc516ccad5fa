#include "blocks.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void bench_load(const char *path, bench_file *f) {
  FILE *in = stdin;
  if (path != NULL && strcmp(path, "-") != 0) {
    in = fopen(path, "rb");
    if (in == NULL) {
      fprintf(stderr, "bench: %s: %s\n", path, strerror(errno));
      exit(2);
    }
  }
  size_t cap = (size_t)64 << 20, len = 0;
  char *data = malloc(cap);
  for (;;) {
    if (data == NULL) {
      fprintf(stderr, "bench: out of memory\n");
      exit(2);
    }
    len += fread(data + len, 1, cap - len, in);
    if (len < cap)
      break;
    cap *= 2;
    data = realloc(data, cap);
  }
  if (ferror(in)) {
    fprintf(stderr, "bench: %s: read error\n", path ? path : "-");
    exit(2);
  }
  if (in != stdin)
    fclose(in);
  f->data = data;
  f->len = len;
}

void bench_unload(bench_file *f) {
  free(f->data);
  f->data = NULL;
  f->len = 0;
}

size_t bench_block_len(const char *data, size_t len, size_t pos) {
  size_t left = len - pos;
  if (left <= BENCH_BLOCK)
    return left;
  const char *nl = memrchr(data + pos, '\n', BENCH_BLOCK);
  if (nl != NULL)
    return (size_t)(nl - (data + pos)) + 1;
  /* A line longer than a block: never split a character. */
  size_t n = BENCH_BLOCK;
  while (n > 1 && ((unsigned char)data[pos + n] & 0xC0) == 0x80)
    n--;
  return n;
}

double bench_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

double bench_cpu_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

double bench_median(double *v, int n) {
  qsort(v, (size_t)n, sizeof *v, cmp_double);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

int bench_parse_reps(const char *prog, const char *arg) {
  char *end;
  long r = strtol(arg, &end, 10);
  if (*end != '\0' || r < 1 || r > 1000) {
    fprintf(stderr, "%s: -r wants a count from 1 to 1000\n", prog);
    exit(2);
  }
  return (int)r;
}

void bench_report(const char *prog, const char *what, size_t in_bytes,
                  size_t out_bytes, int reps, double median_s, double cpu_s) {
  printf("%s %s in_bytes=%zu out_bytes=%zu reps=%d median_s=%.6f "
         "cpu_s=%.6f mb_per_s=%.1f\n",
         prog, what, in_bytes, out_bytes, reps, median_s, cpu_s,
         median_s > 0 ? (double)in_bytes / 1e6 / median_s : 0.0);
}

/* Shared pieces of the in-process benchmarks: whole-file loading, 1 MiB
 * blocks cut at line ends, a monotonic clock and a median. */
#ifndef BENCH_BLOCKS_H
#define BENCH_BLOCKS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Blocks end at the last '\n' inside this many bytes, like a reader that
 * hands whole lines to the normalizer. */
#define BENCH_BLOCK ((size_t)1 << 20)

typedef struct bench_file {
  char *data;
  size_t len;
} bench_file;

/* Reads all of @path ("-" or NULL: stdin). Exits with a message on failure. */
void bench_load(const char *path, bench_file *f);
void bench_unload(bench_file *f);

/* Length of the block starting at @pos: up to the last '\n' within
 * BENCH_BLOCK bytes, or, in a longer line, a cut before a UTF-8 lead byte. */
size_t bench_block_len(const char *data, size_t len, size_t pos);

double bench_now(void);
/* CPU time of this process: steadier than bench_now() on a loaded machine. */
double bench_cpu_now(void);

/* Sorts @v in place and returns its median. */
double bench_median(double *v, int n);

/* Parses -r's argument: 1..1000, or exits with a usage error. */
int bench_parse_reps(const char *prog, const char *arg);

/* Prints the result line every benchmark shares; the shell scripts read
 * the key=value pairs. @median_s is wall time, @cpu_s CPU time, both the
 * median over @reps; MB are 10^6 bytes, from wall time. */
void bench_report(const char *prog, const char *what, size_t in_bytes,
                  size_t out_bytes, int reps, double median_s, double cpu_s);

#ifdef __cplusplus
}
#endif
#endif

/* Shared by the in-process IDN benchmarks: the names of a file, one a line,
 * converted in a timed loop by a callback, with the result line the shell
 * script reads (key=value pairs, as bench_report's). */
#ifndef BENCH_NAMES_H
#define BENCH_NAMES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct bench_name {
  const char *s; /* not NUL-terminated unless the callback needs it: see nul */
  size_t len;
} bench_name;

/* Converts one name; returns true when the name was accepted. Writes the
 * result to @out (when not NULL) as "NAME<TAB>OUTPUT" or "NAME<TAB>!" for a
 * rejected one, so the script can compare the peers' verdicts. */
typedef bool bench_convert_fn(void *user, const bench_name *name, FILE *out);

/* Parses [-r REPS] [-o OUT] [-a ACCEPTED] FILE, loads the names (each one
 * NUL-terminated in place of its '\n'), runs @convert over all of them
 * REPS times (timing only the loop), writes -o's verdicts on the first
 * pass and -a's accepted names, one a line, and prints
 * "PROG names=N ok=K reps=R median_s=S cpu_s=C names_per_s=X". */
int bench_names_main(const char *prog, int argc, char **argv, bench_convert_fn *convert,
                     void *user);

#ifdef __cplusplus
}
#endif
#endif

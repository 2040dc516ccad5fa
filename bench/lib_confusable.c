/* loc_confusable_lookup() in a timed loop: the index is built once from
 * the registered names (its build time and memory are reported on stderr),
 * then every name of FILE is looked up; -o writes "NAME<TAB>MATCHES".
 *
 *   lib_confusable REGISTERED [-r REPS] [-o OUT] FILE */
#include "names.h"

#include <loc/loc.h>

#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct conf_state {
  loc_confusable_index *ix;
  loc_confusable_ctx *ctx;
} conf_state;

static bool lookup(void *user, const bench_name *name, FILE *out) {
  conf_state *cs = user;
  size_t count = 0;
  loc_status st = loc_confusable_lookup(cs->ctx, name->s, name->len, &count);
  if (st != LOC_OK && st != LOC_E_INVALID_UTF8 && st != LOC_E_OVERFLOW) {
    fprintf(stderr, "lib_confusable: %s\n", loc_status_message(st));
    exit(1);
  }
  if (out != NULL)
    fprintf(out, "%.*s\t%zu\n", (int)name->len, name->s, count);
  return count > 0;
}

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: lib_confusable REGISTERED [-r REPS] [-o OUT] FILE\n");
    return 2;
  }
  static conf_state cs;
  if (loc_confusable_index_new(&cs.ix) != LOC_OK || loc_confusable_ctx_new(cs.ix, &cs.ctx) != LOC_OK) {
    fprintf(stderr, "lib_confusable: cannot open ICU's UTS #39 data\n");
    return 2;
  }
  FILE *f = fopen(argv[1], "rb");
  if (f == NULL) {
    perror(argv[1]);
    return 2;
  }
  double t0 = now();
  char *line = NULL;
  size_t cap = 0;
  ssize_t n;
  size_t skipped = 0;
  while ((n = getline(&line, &cap, f)) > 0) {
    if (line[n - 1] == '\n')
      n--;
    if (n > 0 && loc_confusable_index_add(cs.ix, line, (size_t)n) != LOC_OK)
      skipped++;
  }
  free(line);
  fclose(f);
  if (loc_confusable_index_finish(cs.ix) != LOC_OK)
    return 2;
  double t1 = now();
  size_t names = loc_confusable_index_count(cs.ix), bytes = loc_confusable_index_bytes(cs.ix);
  fprintf(stderr,
          "lib_confusable: index of %zu names (%zu skipped) built in %.2f s, %zu bytes, "
          "%.1f bytes/name\n",
          names, skipped, t1 - t0, bytes, names ? (double)bytes / (double)names : 0.0);
  argv[1] = argv[0];
  int rc = bench_names_main("lib_confusable", argc - 1, argv + 1, lookup, &cs);
  loc_confusable_ctx_free(cs.ctx);
  loc_confusable_index_free(cs.ix);
  return rc;
}

/* `loc serve` in the `loc` program: runs the server program, loc-serve,
 * which alone links the HTTP server, Jansson and the TLS libraries, so that
 * every other command starts without loading them (about 2-4 ms of CPU and
 * 150 page faults less a run). loc-serve is `loc` with the server built in
 * (serve.c), built and installed next to it (BINDIR, also in a pip
 * install); it is looked for next to this program, then in the BINDIR the
 * build was configured with. The process stays the same (exec), so its
 * PID, standard streams and signals are the server's. */
#include "cli.h"
#include "serve.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef LOC_SERVE_PATH
#error "LOC_SERVE_PATH: where loc-serve is installed (cli/meson.build)"
#endif

/* PATH_MAX-sized @buf: the loc-serve beside this program, if there is one. */
static bool beside_self(char *buf, size_t cap) {
  ssize_t n = readlink("/proc/self/exe", buf, cap - 1);
  if (n <= 0)
    return false;
  buf[n] = '\0';
  char *slash = strrchr(buf, '/');
  static const char name[] = "loc-serve";
  if (slash == NULL || (size_t)(slash + 1 - buf) + sizeof name > cap)
    return false;
  memcpy(slash + 1, name, sizeof name);
  return access(buf, X_OK) == 0;
}

int cmd_serve(int argc, char **argv) {
  char path[PATH_MAX];
  const char *prog = beside_self(path, sizeof path) ? path : LOC_SERVE_PATH;
  /* loc-serve's own dispatcher sees `loc serve ARGS...` */
  char **args = calloc((size_t)argc + 2, sizeof *args);
  if (args == NULL) {
    fprintf(stderr, "loc: serve: out of memory\n");
    return EXIT_USAGE;
  }
  args[0] = (char *)"loc";
  for (int i = 0; i < argc; i++)
    args[i + 1] = argv[i];
  fflush(NULL);
  execv(prog, args);
  fprintf(stderr, "loc: serve: cannot run the server program %s: %s\n", prog, strerror(errno));
  free(args);
  return EXIT_USAGE;
}

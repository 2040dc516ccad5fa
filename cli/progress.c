/* One status line on stderr while a long run reads its input:
 *   loc normalize: 512.0 MB, 4120331 lines, 85.2 MB/s, 47%, 0:00:06 left
 * redrawn in place with '\r' at most four times a second and cleared at the
 * end, so it never stays between diagnostics and never reaches stdout.
 * Shown when stderr is a terminal (after half a second, so short runs stay
 * quiet) or always with --progress. Only the reading thread calls this. */
#include "progress.h"

#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static struct {
  bool on;
  bool forced;           /* --progress */
  bool shown;            /* a status line is on screen now */
  const char *command;
  uint64_t total;        /* bytes of all inputs, when all are regular files */
  bool sized;
  uint64_t bytes, lines;
  double t0, last;
} pg;

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void progress_start(const cli_run *run, int argc, char **argv) {
  pg.on = run->progress || isatty(STDERR_FILENO);
  pg.forced = run->progress;
  pg.shown = false;
  pg.command = run->command;
  pg.bytes = pg.lines = 0;
  pg.t0 = pg.last = now();
  pg.sized = true;
  pg.total = 0;
  if (!pg.on)
    return;
  struct stat st;
  if (argc <= 0) {
    pg.sized = fstat(STDIN_FILENO, &st) == 0 && S_ISREG(st.st_mode);
    if (pg.sized)
      pg.total = (uint64_t)st.st_size;
  }
  for (int i = 0; i < argc && pg.sized; i++) {
    int r = strcmp(argv[i], "-") == 0 ? fstat(STDIN_FILENO, &st) : stat(argv[i], &st);
    pg.sized = r == 0 && S_ISREG(st.st_mode);
    pg.total += pg.sized ? (uint64_t)st.st_size : 0;
  }
}

static void draw(double t) {
  char line[160];
  double secs = t - pg.t0 > 1e-3 ? t - pg.t0 : 1e-3;
  double rate = (double)pg.bytes / secs;
  int n = snprintf(line, sizeof line, "\rloc %s: %.1f MB, %llu lines, %.1f MB/s", pg.command,
                   (double)pg.bytes / 1e6, (unsigned long long)pg.lines, rate / 1e6);
  if (pg.sized && pg.total > 0 && n > 0 && (size_t)n < sizeof line) {
    uint64_t done = pg.bytes < pg.total ? pg.bytes : pg.total;
    double left = rate > 0 ? (double)(pg.total - done) / rate : 0;
    unsigned long s = (unsigned long)(left + 0.5);
    n += snprintf(line + n, sizeof line - (size_t)n, ", %d%%, %lu:%02lu:%02lu left",
                  (int)(100.0 * (double)done / (double)pg.total), s / 3600, s / 60 % 60, s % 60);
  }
  if (n < 0)
    return;
  if ((size_t)n >= sizeof line)
    n = (int)sizeof line - 1;
  /* ESC [ K erases what a longer earlier line left on the right. */
  fwrite(line, 1, (size_t)n, stderr);
  fputs("\033[K", stderr);
  fflush(stderr);
  pg.shown = true;
  pg.last = t;
}

void progress_update(uint64_t bytes, uint64_t lines) {
  if (!pg.on)
    return;
  pg.bytes += bytes;
  pg.lines = lines;
  double t = now();
  if (t - pg.last < 0.25 || (!pg.forced && t - pg.t0 < 0.5))
    return;
  draw(t);
}

void progress_clear(void) {
  if (!pg.shown)
    return;
  fputs("\r\033[K", stderr);
  fflush(stderr);
  pg.shown = false;
}

void progress_end(void) {
  if (!pg.on)
    return;
  if (pg.forced)
    draw(now());
  progress_clear();
  pg.on = false;
}

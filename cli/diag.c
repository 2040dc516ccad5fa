/* Diagnostics on stderr, compiler style, and the exit status they imply. */
#include "cli.h"

#include <unistd.h>

int cli_exit_status(const cli_run *run) {
  if (run->failed)
    return EXIT_USAGE;
  return run->findings ? EXIT_FINDINGS : EXIT_DONE;
}

/* Where this thread's diagnostics go instead of stderr (see diag_capture). */
static _Thread_local out_buf *diag_sink;

void diag_capture(out_buf *o) { diag_sink = o; }

__attribute__((format(printf, 2, 0)))
static void vdiag(const char *prefix, const char *fmt, va_list ap) {
  if (diag_sink != NULL) {
    out_write(diag_sink, prefix, strlen(prefix));
    out_vprintf(diag_sink, fmt, ap);
    out_putc(diag_sink, '\n');
    return;
  }
  progress_clear();
  fputs(prefix, stderr);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
}

void diag_at(cli_run *run, const char *file, uint64_t line, uint64_t col,
             const char *fmt, ...) {
  char prefix[64];
  const char *p = prefix;
  char *big = NULL;
  int n = snprintf(prefix, sizeof prefix, "loc: %s:%llu:%llu: ", file,
                   (unsigned long long)line, (unsigned long long)col);
  if (n >= (int)sizeof prefix && (big = malloc((size_t)n + 1)) != NULL) {
    snprintf(big, (size_t)n + 1, "loc: %s:%llu:%llu: ", file,
             (unsigned long long)line, (unsigned long long)col);
    p = big;
  }
  va_list ap;
  va_start(ap, fmt);
  vdiag(p, fmt, ap);
  va_end(ap);
  free(big);
  run->findings = true;
}

void diag_fail(cli_run *run, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vdiag("loc: ", fmt, ap);
  va_end(ap);
  run->failed = true;
}

int diag_usage(const char *command, const char *fmt, ...) {
  va_list ap;
  fprintf(stderr, "loc: %s%s", command ? command : "", command ? ": " : "");
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fprintf(stderr, "\nTry 'loc %s%s--help'.\n", command ? command : "",
          command ? " " : "");
  return EXIT_USAGE;
}

int diag_bad_option(const char *command, int opt, char **argv) {
  if (opt == ':')
    return diag_usage(command, "option '%s' needs an argument", argv[optind - 1]);
  if (optopt != 0 && optopt < OPT_INVALID)
    return diag_usage(command, "unknown option '-%c'", optopt);
  return diag_usage(command, "unknown option '%s'", argv[optind - 1]);
}

bool report_invalid_utf8(cli_run *run, const char *file, const line_pos *pos,
                         uint64_t byte_offset, const char *s, size_t len) {
  loc_utf8_error e;
  size_t from = 0, counted = 0;
  uint64_t chars = pos->chars;
  bool valid = true;
  while (loc_utf8_next_error(s, len, from, &e)) {
    chars += loc_utf8_count_chars(s + counted, e.offset - counted);
    counted = e.offset;
    diag_at(run, file, pos->line, chars + 1,
            "invalid UTF-8: byte 0x%02X at byte offset %llu", e.byte,
            (unsigned long long)(byte_offset + e.offset));
    valid = false;
    from = e.offset + e.length;
  }
  return valid;
}

bool handle_common_option(cli_run *run, int opt, const char *arg) {
  switch (opt) {
  case OPT_INVALID:
    if (strcmp(arg, "report") == 0)
      run->invalid = INVALID_REPORT;
    else if (strcmp(arg, "replace") == 0)
      run->invalid = INVALID_REPLACE;
    else {
      diag_usage(run->command, "--invalid takes 'report' or 'replace', not '%s'", arg);
      return false;
    }
    return true;
  case 'j': {
    char *end;
    long n = strtol(arg, &end, 10);
    if (*arg == '\0' || *end != '\0' || n < 0 || n > 256) {
      diag_usage(run->command,
                 "--jobs takes a number from 0 (one per core) to 256, not '%s'", arg);
      return false;
    }
    if (n == 0) {
      n = sysconf(_SC_NPROCESSORS_ONLN);
      n = n < 1 ? 1 : n > 256 ? 256 : n;
    }
    run->jobs = (int)n;
    return true;
  }
  case OPT_PROGRESS:
    run->progress = true;
    return true;
  }
  return false;
}

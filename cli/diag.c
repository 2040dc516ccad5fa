/* Diagnostics on stderr, compiler style, and the exit status they imply. */
#include "cli.h"

#include <errno.h>
#include <unistd.h>

int cli_exit_status(const cli_run *run) {
  if (run->failed)
    return EXIT_USAGE;
  return run->findings ? EXIT_FINDINGS : EXIT_DONE;
}

/* Where this thread's diagnostics go instead of stderr (see diag_capture). */
static _Thread_local out_buf *diag_sink;

void diag_capture(out_buf *o) { diag_sink = o; }

_Atomic unsigned long diag_messages; /* workers report too */

__attribute__((format(printf, 2, 0)))
static void vdiag(const char *prefix, const char *fmt, va_list ap) {
  diag_messages++;
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
  diag_messages++;
  fprintf(stderr, "loc: %s%s", command ? command : "", command ? ": " : "");
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fprintf(stderr, "\nTry 'loc %s%s--help'.\n", command ? command : "",
          command ? " " : "");
  return EXIT_USAGE;
}

int diag_lib_error(const char *command, loc_status st) {
  diag_messages++;
  progress_clear();
  fprintf(stderr, "loc: %s: %s\n", command, loc_status_message(st));
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

bool cli_lang_ok(const char *command, const char *tag) {
  loc_tag_info *info = NULL;
  if (tag[0] == '\0') {
    diag_usage(command, "--lang '': not a valid BCP 47 language tag (it is empty)");
    return false;
  }
  if (loc_tag_analyze(tag, strlen(tag), &info) != LOC_OK) {
    diag_usage(command, "--lang '%s': out of memory", tag);
    return false;
  }
  bool ok = info->valid;
  if (!ok)
    diag_usage(command, "--lang '%s': not a valid BCP 47 language tag (%s)", tag,
               info->n_errors ? info->errors[0].message : "'loc tag' says why");
  loc_tag_info_free(info);
  return ok;
}

const char *cli_font_error(const char *path, unsigned face, loc_status st) {
  static char msg[96];
  if (st == LOC_E_IO)
    return strerror(errno);
  loc_font *f = NULL;
  if (st != LOC_E_FONT_LOAD || face == 0 || loc_font_new(path, 0, &f) != LOC_OK)
    return loc_status_message(st);
  loc_font_free(f);
  /* face 0 loads: the index is beyond the collection; count its faces */
  unsigned lo = 1, hi = face; /* faces [0, lo) load; face hi does not */
  while (lo < hi) {
    unsigned mid = lo + (hi - lo) / 2;
    if (loc_font_new(path, mid, &f) == LOC_OK) {
      loc_font_free(f);
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  snprintf(msg, sizeof msg, "no face %u: the file has %u face%s (--face-index 0 to %u)", face,
           lo, lo == 1 ? "" : "s", lo - 1);
  return msg;
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

int cli_option(cli_run *run, int opt, const char *arg, const char *help, char **argv) {
  switch (opt) {
  case 'h':
    fputs(help, stdout);
    return fflush(stdout) == 0 ? EXIT_DONE : EXIT_USAGE;
  case OPT_JSON:
    run->json = true;
    return CLI_NEXT_OPTION;
  case OPT_INVALID:
  case OPT_PROGRESS:
  case 'j':
    return handle_common_option(run, opt, arg) ? CLI_NEXT_OPTION : EXIT_USAGE;
  default:
    return diag_bad_option(run->command, opt, argv);
  }
}

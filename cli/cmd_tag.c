/* loc tag — BCP 47 language tags: validity, canonical form, likely subtags,
 * names. Tags come from the arguments, or one per line on standard input
 * (a \r right before \n is dropped, so CRLF lists work).
 *
 * Text output: one tab-separated line per tag,
 *   INPUT CANONICAL MAXIMAL MINIMAL NAME AUTONYM STATUS
 * with "-" for a field that has no value and STATUS "valid" or
 * "invalid: MESSAGE; ...", warnings appended as "; warning: MESSAGE".
 * --json: docs/design.md, the JSON shapes. */
#include "cli.h"

/* Bytes of an input line kept for the output; a longer line is no tag
 * (LOC_TAG_MAX_LEN) and is shown cut, so memory stays bounded. */
#define KEEP (4 * LOC_TAG_MAX_LEN)

static const char help_text[] =
    "Usage: loc tag [--json] [TAG...]\n"
    "Checks BCP 47 language tags (RFC 5646) against the IANA Language Subtag\n"
    "Registry and gives their canonical form (RFC 5646 section 4.5 plus CLDR\n"
    "aliases: iw -> he, zh-min-nan -> nan, sh -> sr-Latn), their form with\n"
    "likely subtags added and removed, and their English name and autonym.\n"
    "Without TAG arguments, reads one tag per line from standard input.\n"
    "\n"
    "Output, one line per tag, tab-separated:\n"
    "  INPUT CANONICAL MAXIMAL MINIMAL NAME AUTONYM STATUS\n"
    "'-' stands for no value; STATUS is 'valid' or 'invalid: ' and the errors,\n"
    "warnings follow as '; warning: ...'. Control characters of the input are\n"
    "written as \\xHH.\n"
    "\n"
    "  --json           NDJSON, one object per tag:\n"
    "                   {\"input\":\"iw\",\"canonical\":\"he\",\"maximal\":\"he-Hebr-IL\",\n"
    "                   \"minimal\":\"he\",\"name\":\"Hebrew\",\"autonym\":\"...\",\n"
    "                   \"valid\":true,\"errors\":[],\"warnings\":[]}; an error or\n"
    "                   warning is {\"code\":...,\"subtag\":...,\"offset\":N,\n"
    "                   \"length\":N,\"message\":...} (byte offsets in the input)\n"
    "  --invalid=MODE   report (default): ill-formed UTF-8 on standard input is\n"
    "                   also reported on stderr; replace: only in the output\n"
    "  -j, --jobs N     accepted; tags are processed in one thread\n"
    "  -h, --help       this text\n"
    "Exit status 1 when any tag is invalid.\n";

typedef struct tag_cmd {
  cli_run *run;
  out_buf out;
  char line[KEEP];
  size_t kept;
  uint64_t line_len;     /* bytes of the line, kept or not */
  uint64_t line_no;
  bool line_open;
} tag_cmd;

static void put_field(out_buf *o, const char *s) {
  if (s == NULL) {
    out_putc(o, '-');
    return;
  }
  out_write(o, s, strlen(s));
}

/* Text form of the input: bytes as read, except controls (a tab would
 * shift the columns). */
static void put_input(out_buf *o, const char *s, size_t len) {
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c < 0x20 || c == 0x7f)
      out_printf(o, "\\x%02X", c);
    else
      out_putc(o, (char)c);
  }
}

static void json_field(out_buf *o, const char *key, const char *s) {
  out_printf(o, ",\"%s\":", key);
  if (s == NULL)
    out_write(o, "null", 4);
  else
    out_json_string(o, s, strlen(s));
}

static void json_diags(out_buf *o, const char *key, const loc_tag_info *t,
                       const loc_tag_diag *d, size_t n) {
  out_printf(o, ",\"%s\":[", key);
  for (size_t i = 0; i < n; i++) {
    out_write(o, i ? ",{\"code\":" : "{\"code\":", i ? 9 : 8);
    out_json_string(o, d[i].rule, strlen(d[i].rule));
    /* The subtag is only meaningful when it lies inside the input. */
    if (d[i].length > 0 && d[i].offset + d[i].length <= t->input_len &&
        strcmp(d[i].rule, "too-long") != 0) {
      out_write(o, ",\"subtag\":", 10);
      out_json_string(o, t->input + d[i].offset, d[i].length);
    }
    out_printf(o, ",\"offset\":%zu,\"length\":%zu,\"message\":", d[i].offset, d[i].length);
    out_json_string(o, d[i].message, strlen(d[i].message));
    out_putc(o, '}');
  }
  out_putc(o, ']');
}

static void print_info(tag_cmd *tc, const loc_tag_info *t, size_t shown_len) {
  out_buf *o = &tc->out;
  if (tc->run->json) {
    out_write(o, "{\"input\":", 9);
    out_json_string(o, t->input, shown_len);
    json_field(o, "canonical", t->canonical);
    json_field(o, "maximal", t->maximal);
    json_field(o, "minimal", t->minimal);
    json_field(o, "name", t->name);
    json_field(o, "autonym", t->autonym);
    out_printf(o, ",\"valid\":%s", t->valid ? "true" : "false");
    json_diags(o, "errors", t, t->errors, t->n_errors);
    json_diags(o, "warnings", t, t->warnings, t->n_warnings);
    out_write(o, "}\n", 2);
    return;
  }
  put_input(o, t->input, shown_len);
  const char *fields[] = {t->canonical, t->maximal, t->minimal, t->name, t->autonym};
  for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
    out_putc(o, '\t');
    put_field(o, fields[i]);
  }
  out_write(o, t->valid ? "\tvalid" : "\tinvalid: ", t->valid ? 6 : 10);
  for (size_t i = 0; i < t->n_errors; i++) {
    if (i)
      out_write(o, "; ", 2);
    put_field(o, t->errors[i].message);
  }
  for (size_t i = 0; i < t->n_warnings; i++) {
    out_write(o, "; warning: ", 11);
    put_field(o, t->warnings[i].message);
  }
  out_putc(o, '\n');
}

static void one_tag(tag_cmd *tc, const char *s, size_t len) {
  loc_tag_info *t;
  loc_status st = loc_tag_analyze(s, len, &t);
  if (st != LOC_OK) {
    diag_fail(tc->run, "tag: %s", loc_strerror(st));
    return;
  }
  print_info(tc, t, t->input_len);
  if (!t->valid)
    tc->run->findings = true;
  loc_tag_info_free(t);
}

/* @newline: the line ended with \n (not the end of the input). A line
 * longer than KEEP is analysed as its first KEEP bytes: already too long. */
static void end_line(tag_cmd *tc, const char *file, bool newline) {
  size_t n = tc->kept;
  /* CRLF lists: the \r before \n is not part of the tag. */
  if (newline && tc->line_len == n && n > 0 && tc->line[n - 1] == '\r')
    n--;
  if (tc->run->invalid == INVALID_REPORT) {
    line_pos pos = {tc->line_no, 0};
    report_invalid_utf8(tc->run, file, &pos, 0, tc->line, n);
  }
  one_tag(tc, tc->line, n);
  tc->kept = 0;
  tc->line_len = 0;
  tc->line_open = false;
}

static void append(tag_cmd *tc, const char *p, size_t n) {
  size_t room = KEEP - tc->kept;
  memcpy(tc->line + tc->kept, p, n < room ? n : room);
  tc->kept += n < room ? n : room;
  tc->line_len += n;
}

static bool tags_of_piece(cli_run *run, const char *file, const lr_piece *lp,
                          void *user) {
  tag_cmd *tc = user;
  if (!tc->line_open) {
    tc->line_open = true;
    tc->line_no = lp->line;
  }
  append(tc, lp->data, lp->len);
  if (lp->last)
    end_line(tc, file, lp->newline);
  return !tc->out.error;
}

static void tags_of_input(cli_run *run, line_reader *r, void *user) {
  tag_cmd *tc = user;
  tc->line_open = false;
  tc->kept = 0;
  tc->line_len = 0;
  for_each_piece(run, r, tags_of_piece, tc);
  if (tc->line_open) /* read error in the middle of a line */
    end_line(tc, r->name, false);
}

int cmd_tag(int argc, char **argv) {
  static const struct option longopts[] = {
      {"json", no_argument, NULL, OPT_JSON},
      COMMON_LONG_OPTIONS,
      {NULL, 0, NULL, 0},
  };
  cli_run run = {.command = "tag", .invalid = INVALID_REPORT, .jobs = 1};
  int opt;
  optind = 1;
  opterr = 0;
  while ((opt = getopt_long(argc, argv, ":hj:", longopts, NULL)) != -1) {
    switch (opt) {
    case 'h':
      fputs(help_text, stdout);
      return fflush(stdout) == 0 ? EXIT_DONE : EXIT_USAGE;
    case OPT_JSON:
      run.json = true;
      break;
    case OPT_INVALID:
    case 'j':
      if (!handle_common_option(&run, opt, optarg))
        return EXIT_USAGE;
      break;
    default:
      return diag_bad_option("tag", opt, argv);
    }
  }
  tag_cmd *tc = calloc(1, sizeof *tc);
  if (tc == NULL) {
    fputs("loc: tag: out of memory\n", stderr);
    return EXIT_USAGE;
  }
  tc->run = &run;
  out_init(&tc->out, 1);
  if (optind < argc) {
    for (int i = optind; i < argc && !tc->out.error; i++)
      one_tag(tc, argv[i], strlen(argv[i]));
  } else {
    for_each_input(&run, 0, NULL, LR_DEFAULT_BLOCK, tags_of_input, tc);
  }
  if (!out_flush(&tc->out))
    diag_fail(&run, "standard output: write error");
  out_free(&tc->out);
  free(tc);
  return cli_exit_status(&run);
}

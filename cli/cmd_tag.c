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

enum { OPT_STRICT = OPT_FIRST_COMMAND_OWN };

static const char tag_usage[] =
    "Usage: loc tag [--json] [TAG...]\n"
    "Checks BCP 47 language tags (RFC 5646) against the IANA Language Subtag\n"
    "Registry and gives their canonical form (RFC 5646 section 4.5, then CLDR's\n"
    "canonicalization, UTS #35: iw -> he, sh -> sr-Latn, variants sorted), their\n"
    "form with likely subtags added and removed, and their English name and\n"
    "autonym. A well-formed tag whose unregistered subtags are CLDR aliases of\n"
    "registered ones is valid too (eng -> en, chi -> zh, und-004 -> und-AF,\n"
    "sgn-076 -> bzs, no-bokmal -> nb), with an 'unregistered' warning per subtag;\n"
    "codes that are neither (xx, qqq-bogus) are invalid.\n"
    "Without TAG arguments, reads one tag per line from standard input (a line is\n"
    "read whole however long; over 255 bytes it is no tag).\n"
    "\n"
    "Output, one line per tag, tab-separated:\n"
    "  INPUT CANONICAL MAXIMAL MINIMAL NAME AUTONYM STATUS\n"
    "'-' stands for no value; STATUS is 'valid' or 'invalid: ' and the errors,\n"
    "warnings follow as '; warning: ...'. Control characters of the input are\n"
    "written as \\xHH.\n"
    "\n";

static const cli_opt tag_opts[] = {
    {"json", OPT_JSON, NULL,
     "NDJSON, one object per tag:\n"
     "{\"input\":\"iw\",\"canonical\":\"he\",\"maximal\":\"he-Hebr-IL\",\n"
     "\"minimal\":\"he\",\"name\":\"Hebrew\",\"autonym\":\"...\",\n"
     "\"valid\":true,\"registered\":true,\"errors\":[],\"warnings\":[]};\n"
     "an error or warning is {\"code\":...,\"subtag\":...,\"offset\":N,\n"
     "\"length\":N,\"message\":...} (byte offsets in the input);\n"
     "registered: the input itself is an IANA-registered tag"},
    {"strict", OPT_STRICT, NULL,
     "a tag that is not IANA-registered (a CLDR alias) is invalid"},
    {"invalid", OPT_INVALID, "=MODE",
     "report (default): ill-formed UTF-8 on standard input is\n"
     "also reported on stderr; replace: only in the output"},
    {"jobs", 'j', " N",
     "accepted; tags are processed in one thread"},
    {0},
};
static const char tag_notes[] =
    "Exit status 1 when any tag is invalid.\n";
static const cli_command tag_command = {"tag", tag_usage, tag_opts, tag_notes, 19, 0, NULL};

typedef struct tag_cmd {
  cli_run *run;
  out_buf out;
  bool strict;
  char *line;            /* the line in progress, read whole */
  size_t len, cap;
  uint64_t line_no;
  bool line_open, nomem;
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

static void print_info(tag_cmd *tc, const loc_tag_info *t, size_t shown_len) {
  out_buf *o = &tc->out;
  if (tc->run->json) {
    json_tag_info(o, t, shown_len);
    out_putc(o, '\n');
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

/* --strict: a tag that is valid only through CLDR aliases is an error;
 * its "unregistered" warnings become the errors. */
static void make_strict(loc_tag_info *t) {
  if (!t->valid || t->registered)
    return;
  size_t ne = 0;
  for (size_t i = 0; i < t->n_warnings; i++) {
    if (strcmp(t->warnings[i].rule, "unregistered") == 0)
      t->warnings[ne++] = t->warnings[i];
  }
  /* The errors are the unregistered subtags, in input order; the other
   * warnings concern the canonical tag, which is not given. */
  free(t->errors);
  t->errors = t->warnings;
  t->n_errors = ne;
  t->warnings = NULL;
  t->n_warnings = 0;
  t->valid = false;
  char **fields[] = {&t->canonical, &t->maximal, &t->minimal, &t->name, &t->autonym};
  for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
    free(*fields[i]);
    *fields[i] = NULL;
  }
}

static void one_tag(tag_cmd *tc, const char *s, size_t len) {
  loc_tag_info *t;
  loc_status st = loc_tag_analyze(s, len, &t);
  if (st != LOC_OK) {
    diag_fail(tc->run, "tag: %s", loc_status_message(st));
    return;
  }
  if (tc->strict)
    make_strict(t);
  print_info(tc, t, t->input_len);
  if (!t->valid)
    tc->run->findings = true;
  loc_tag_info_free(t);
}

/* @newline: the line ended with \n (not the end of the input). The line is
 * analysed whole, however long: a tag over LOC_TAG_MAX_LEN bytes is
 * reported as too long, and ill-formed UTF-8 is reported where it is. */
static void end_line(tag_cmd *tc, const char *file, bool newline) {
  size_t n = tc->len;
  /* CRLF lists: the \r before \n is not part of the tag. */
  if (newline && n > 0 && tc->line[n - 1] == '\r')
    n--;
  if (tc->run->invalid == INVALID_REPORT) {
    line_pos pos = {tc->line_no, 0};
    report_invalid_utf8(tc->run, file, &pos, 0, tc->line, n);
  }
  one_tag(tc, tc->line ? tc->line : "", n);
  tc->len = 0;
  tc->line_open = false;
}

static bool append(tag_cmd *tc, const char *p, size_t n) {
  return cli_append(&tc->line, &tc->len, &tc->cap, p, n);
}

static bool tags_of_piece(cli_run *run, const char *file, const lr_piece *lp,
                          void *user) {
  tag_cmd *tc = user;
  if (!tc->line_open) {
    tc->line_open = true;
    tc->line_no = lp->line;
  }
  if (!append(tc, lp->data, lp->len)) {
    diag_fail(run, "%s: line %llu: out of memory reading a line of over %zu bytes", file,
              (unsigned long long)tc->line_no, tc->len);
    return false;
  }
  if (lp->last)
    end_line(tc, file, lp->newline);
  return !tc->out.error;
}

static void tags_of_input(cli_run *run, line_reader *r, void *user) {
  tag_cmd *tc = user;
  tc->line_open = false;
  tc->len = 0;
  for_each_piece(run, r, tags_of_piece, tc);
  if (tc->line_open && !run->failed) /* read error in the middle of a line */
    end_line(tc, r->name, false);
}

int cmd_tag(int argc, char **argv) {
  cli_run run;
  cli_args args = cli_args_of(&tag_command, &run, argc, argv);
  if (!cli_parse(&args))
    return args.status;
  bool strict = cli_flag(&args, OPT_STRICT);
  tag_cmd *tc = calloc(1, sizeof *tc);
  if (tc == NULL) {
    fputs("loc: tag: out of memory\n", stderr);
    return EXIT_USAGE;
  }
  tc->run = &run;
  tc->strict = strict;
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
  free(tc->line);
  free(tc);
  return cli_exit_status(&run);
}

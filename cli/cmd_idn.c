/* loc idn — UTS #46 ToASCII / ToUnicode of domain names, in bulk.
 *
 * One output line per name, in input order: TSV "input, output, status,
 * errors" or NDJSON (docs/design.md). A rejected name never stops the run;
 * the exit status is 1 when any name was rejected. Names come from the
 * arguments, or one per line from standard input (only \n ends a line; a
 * \r right before it is dropped; nothing else is trimmed). With --column N
 * the name is column N of a TAB- or comma-separated line and the line's
 * columns are carried through in front of the result. */
#include "cli.h"
#include "idn_lgr.h"

#include <errno.h>

enum { OPT_TRANSITIONAL = OPT_FIRST_COMMAND_OWN, OPT_PROFILE, OPT_COLUMN, OPT_MAX_LEVEL,
       OPT_LGR, OPT_AGAINST };

static const char idn_usage[] =
    "Usage: loc idn to-ascii [--profile uts46|url] [--transitional] [--column N] [--json]\n"
    "                        [NAME...]\n"
    "       loc idn to-unicode [--profile uts46|url] [--column N] [--json] [NAME...]\n"
    "       loc idn check [--profile registration|uts46|url] [--max-level LEVEL] [--column N]\n"
    "                     [--lgr FILE [--against REGISTERED]] [--json] [NAME...]\n"
    "       loc idn lgr|variants --lgr FILE ... (loc idn lgr --help)\n"
    "       loc idn confusables --against FILE [--column N] [--json] [NAME...]\n"
    "to-ascii and to-unicode convert domain names with UTS #46 (profile uts46:\n"
    "nontransitional, with CheckHyphens, CheckBidi, CheckJoiners,\n"
    "UseSTD3ASCIIRules and, for to-ascii, VerifyDnsLength). check judges names\n"
    "for registration (profile registration: strict IDNA2008, RFC 5891 §4, RFC\n"
    "5892, RFC 5893; nothing is mapped, only PVALID code points and satisfied\n"
    "CONTEXTJ/CONTEXTO rules, whole-name bidi rule, A-labels must round-trip)\n"
    "and prints the A-label form; check --profile uts46 is to-ascii.\n"
    "Profile url is the URL Standard's domain to ASCII: UTS #46 nontransitional\n"
    "without CheckHyphens, UseSTD3ASCIIRules and VerifyDnsLength, then the host\n"
    "parser's forbidden domain code points (X_FORBIDDEN) and empty result (X_EMPTY).\n"
    "confusables finds registered names that look the same (loc idn confusables\n"
    "--help).\n"
    "NAMEs come from the arguments, or one per line from standard input: only\n"
    "\\n ends a line, a \\r right before it is dropped, and nothing else is\n"
    "trimmed (a leading space makes a name invalid).\n"
    "\n"
    "Output, one line per name, in order:\n"
    "  INPUT<TAB>OUTPUT<TAB>ok|error<TAB>CODES\n"
    "CODES lists the status codes of the errors, comma-separated: UTS #46's (P1,\n"
    "P4, V1..V6, B1..B6, C1, C2, A4_1, A4_2, X4_2), the registration profile's\n"
    "R_DISALLOWED, R_UNASSIGNED, R_CONTEXTO and R_ALABEL, and X_UTF8 for invalid\n"
    "UTF-8, X_TOO_LONG for names over 65536 bytes and lines over 1 MiB. In INPUT\n"
    "and OUTPUT a backslash, control characters and bytes that are not UTF-8 are\n"
    "written as \\\\, \\t, \\r, \\n, \\0 or \\xHH, so the columns stay intact.\n"
    "An invalid name still gets the output its profile defines for it.\n"
    "check adds two columns: the name's UTS #39 restriction level (that of its\n"
    "least restrictive label: ascii, single-script, highly-restrictive,\n"
    "moderately-restrictive, minimally-restrictive, unrestricted) and the codes\n"
    "of its warnings (W_INVISIBLE, W_MIXED_NUMBERS; look-alikes: W_WHOLE_SCRIPT,\n"
    "W_DIGIT_LOOKALIKE, W_LOOKALIKE_CONTEXT, W_LATIN_MIX, W_TLD_LETTER,\n"
    "W_RARE_CHAR), which never make it invalid; W_WHOLE_SCRIPT and\n"
    "W_DIGIT_LOOKALIKE carry in JSON the \"lookalike\" the label passes for.\n"
    "\n";

static const cli_opt idn_opts[] = {
    {"transitional", OPT_TRANSITIONAL, NULL,
     "to-ascii with transitional processing (ß -> ss, ...)"},
    {"profile", OPT_PROFILE, " P",
     "uts46 (to-ascii, to-unicode; the default there), url, or,\n"
     "for check, registration (the default)"},
    {"max-level", OPT_MAX_LEVEL, " L",
     "check: a label less restrictive than level L is an error\n"
     "(R_LEVEL)"},
    {"lgr", OPT_LGR, " FILE",
     "check: also judge each name's first label by an RFC 7940\n"
     "LGR: three more columns DISPOSITION, REASON, INDEX\n"
     "(JSON \"lgr\"); a name the IDNA2008 checks rejected is\n"
     "'invalid'; not valid/allocatable is a finding (exit 1)"},
    {"against", OPT_AGAINST, " FILE",
     "with --lgr: registered names, one per line; a column\n"
     "COLLIDES names the one in the same variant set (same\n"
     "index label), and such a name is a finding"},
    {"column", OPT_COLUMN, " N",
     "the name is column N (1-based) of each line; columns are\n"
     "split at TABs if the line has one, else at commas (no\n"
     "quoting). Output: the line's columns, TAB-separated, then\n"
     "OUTPUT<TAB>ok|error<TAB>CODES; with --json a \"columns\"\n"
     "array comes first. A line with fewer than N columns gives\n"
     "status error, code X_COLUMN"},
    {"json", OPT_JSON, NULL,
     "NDJSON: {\"input\":...,\"output\":...,\"ok\":true|false,\n"
     "\"errors\":[{\"code\":\"B1\",\"label\":0,\"offset\":3,\n"
     "\"codepoint\":\"U+05D0\",\"message\":\"...\"}]}; offset is a\n"
     "byte offset in the input, codepoint null when none;\n"
     "check adds \"warnings\" (same form), \"restriction_level\"\n"
     "and \"label_levels\""},
    {"jobs", 'j', " N",
     "N threads for names from standard input (0: one per core;\n"
     "default 1); output and diagnostics exactly as with 1"},
    {0},
};
static const char idn_notes[] =
    "\n"
    "Exit status: 0 all names valid; 1 some name rejected; 2 usage or I/O error.\n";
static const cli_command idn_command = {"idn", idn_usage, idn_opts, idn_notes, 19, CLI_PARALLEL,
                                        NULL};

enum idn_op { IDN_TO_ASCII, IDN_TO_UNICODE, IDN_CHECK };

typedef struct idn_cmd {
  cli_state base;          /* run, output, current line */
  /* configuration and shared objects, copied to the workers */
  enum idn_op op;
  unsigned flags;
  loc_idn *idn;            /* the main state's */
  unsigned long column;  /* --column N, 0 without */
  const loc_lgr *lgr;    /* check --lgr: the ruleset and registry */
  const idn_lgr_registry *reg;
  /* each state's own */
  loc_idn_ctx *ctx;
  char *buf;
  size_t cap;
  idn_record rec;        /* with --column: the current record */
  loc_lgr_ctx *lgr_ctx;
  loc_idn_ctx *label_ctx; /* decodes the A-label the LGR judges */
} idn_cmd;

/* A TSV field: escapes keep one name on one line and in one column. */
void idn_put_field(out_buf *o, const char *s, size_t len) {
  static const char hex[] = "0123456789ABCDEF";
  size_t run = 0, i = 0;
  /* Valid UTF-8 (nearly every name) needs only the ASCII bytes looked at. */
  if (loc_utf8_valid_prefix(s, len) == len) {
    for (; i < len; i++) {
      unsigned char c = (unsigned char)s[i];
      if (c < 0x20 || c == 0x7F || c == '\\')
        break;
    }
    if (i == len) {
      out_write(o, s, len);
      return;
    }
    i = 0;
  }
  while (i < len) {
    unsigned char c = (unsigned char)s[i];
    size_t n = 1;
    bool plain = c >= 0x20 && c != 0x7F && c != '\\';
    if (c >= 0x80) {
      size_t v = loc_utf8_valid_prefix(s + i, len - i < 4 ? len - i : 4);
      size_t want = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
      plain = c >= 0xC2 && v >= want;
      n = plain ? want : 1;
    }
    if (plain) {
      i += n;
      continue;
    }
    out_write(o, s + run, i - run);
    char esc[4] = {'\\', 'x', hex[c >> 4], hex[c & 15]};
    switch (c) {
    case '\\': out_write(o, "\\\\", 2); break;
    case '\t': out_write(o, "\\t", 2); break;
    case '\r': out_write(o, "\\r", 2); break;
    case '\n': out_write(o, "\\n", 2); break;
    case '\0': out_write(o, "\\0", 2); break;
    default: out_write(o, esc, 4); break;
    }
    i++;
    run = i;
  }
  out_write(o, s + run, len - run);
}

bool idn_parse_column(const char *arg, unsigned long *column) {
  char *end;
  errno = 0;
  *column = strtoul(arg, &end, 10);
  if (arg[0] < '1' || arg[0] > '9' || *end != '\0' || errno != 0 || *column > 1000000) {
    diag_usage("idn", "--column wants a column number from 1 to 1000000, not '%s'", arg);
    return false;
  }
  return true;
}

bool idn_record_split(cli_run *run, const char *file, uint64_t line, const char *s,
                      size_t len, unsigned long column, idn_record *r) {
  r->line = s;
  r->len = len;
  r->sep = memchr(s, '\t', len) ? '\t' : ',';
  const char *p = s, *end = s + len;
  unsigned long k = 1;
  for (; k < column; k++) {
    const char *e = memchr(p, r->sep, (size_t)(end - p));
    if (e == NULL)
      break;
    p = e + 1;
  }
  r->columns = k;
  if (k < column) {
    r->name = NULL;
    r->name_len = 0;
    diag_at(run, file, line, 1, "the line has %lu column%s, fewer than %lu (--column %lu)", k,
            k == 1 ? "" : "s", column, column);
    return false;
  }
  const char *e = memchr(p, r->sep, (size_t)(end - p));
  r->name = p;
  r->name_len = e ? (size_t)(e - p) : (size_t)(end - p);
  return true;
}

void idn_put_columns(out_buf *o, bool json, const idn_record *r) {
  const char *p = r->line, *end = r->line + r->len;
  if (json)
    out_write(o, "\"columns\":[", 11);
  for (bool first = true;; first = false) {
    const char *e = memchr(p, r->sep, (size_t)(end - p));
    size_t n = e ? (size_t)(e - p) : (size_t)(end - p);
    if (json) {
      if (!first)
        out_putc(o, ',');
      out_json_string(o, p, n);
    } else {
      idn_put_field(o, p, n);
      out_putc(o, '\t');
    }
    if (e == NULL)
      break;
    p = e + 1;
  }
  if (json)
    out_write(o, "],", 2);
}

/* With --column: the record's columns in front of the result. */
static void put_columns(idn_cmd *ic) {
  if (ic->column != 0)
    idn_put_columns(&ic->base.out, ic->base.run->json, &ic->rec);
}

/* TSV: the codes, comma-separated, each once in order of first appearance. */
static void put_codes(out_buf *o, const loc_idn_ctx *ctx, bool warnings) {
  size_t n = warnings ? loc_idn_warning_count(ctx) : loc_idn_error_count(ctx);
  /* loc_idn_error_code: the messages are not needed here. */
  for (size_t i = 0, shown = 0; i < n; i++) {
    const char *code = warnings ? loc_idn_warning_at(ctx, i)->code : loc_idn_error_code(ctx, i);
    bool seen = false;
    for (size_t k = 0; k < i && !seen; k++)
      seen = strcmp(warnings ? loc_idn_warning_at(ctx, k)->code : loc_idn_error_code(ctx, k),
                    code) == 0;
    if (seen)
      continue;
    if (shown++)
      out_putc(o, ',');
    out_write(o, code, strlen(code));
  }
}

/* Everything printed about one name. check's fields come after the ones
 * to-ascii prints, so that more (an LGR verdict) can be appended here. */
/* A label the registry may not allocate: not valid or allocatable by the
 * LGR, or in the variant set of a registered name. */
static bool lgr_refused(const idn_lgr_verdict *v) {
  const char *d = v->r.disposition;
  return v->collides != NULL || d == NULL ||
         (strcmp(d, "valid") != 0 && strcmp(d, "allocatable") != 0);
}

static void print_result(idn_cmd *ic, const char *in, size_t len, const char *out,
                         size_t out_len) {
  out_buf *o = &ic->base.out;
  const loc_idn_ctx *ctx = ic->ctx;
  bool ok = loc_idn_ok(ctx);
  bool check = ic->op == IDN_CHECK;
  const char *level = loc_idn_level_name(loc_idn_restriction_level(ctx));
  idn_lgr_verdict v = {0};
  if (check && ic->lgr)
    idn_lgr_first_label(ic->lgr, ic->lgr_ctx, ic->label_ctx, ic->reg, ok, out, out_len, &v);
  if (ic->base.run->json) {
    json_idn_result(o, ic->column ? &ic->rec : NULL, in, len, out, out_len, ctx, check,
                    ic->lgr ? &v : NULL, ic->reg != NULL);
  } else {
    /* A valid name and its output are UTF-8 without controls or
     * backslashes (all disallowed): nothing to escape. */
    if (ic->column == 0) {
      if (ok)
        out_write(o, in, len);
      else
        idn_put_field(o, in, len);
      out_putc(o, '\t');
    } else {
      put_columns(ic);
    }
    if (ok)
      out_write(o, out, out_len);
    else
      idn_put_field(o, out, out_len);
    out_write(o, ok ? "\tok\t" : "\terror\t", ok ? 4 : 7);
    put_codes(o, ctx, false);
    if (check) {
      out_putc(o, '\t');
      if (level)
        out_write(o, level, strlen(level));
      out_putc(o, '\t');
      put_codes(o, ctx, true);
      if (ic->lgr) {
        out_putc(o, '\t');
        idn_lgr_put_tsv(o, &v);
        if (ic->reg) {
          out_putc(o, '\t');
          if (v.collides)
            idn_lgr_put_field(o, v.collides, v.collides_len);
        }
      }
    }
    out_putc(o, '\n');
  }
  /* Written once per batch, not per name: the workers' runs may share a
   * cache line. */
  if ((!ok || (ic->lgr && lgr_refused(&v))) && !ic->base.run->findings)
    ic->base.run->findings = true;
}

/* Converts one name; @file/@line locate it for stderr diagnostics. */
static void convert(idn_cmd *ic, const char *file, uint64_t line, const char *s, size_t len) {
  size_t n = 0;
  loc_status st;
  for (;;) {
    switch (ic->op) {
    case IDN_TO_ASCII:
      st = loc_idn_to_ascii(ic->ctx, ic->flags, s, len, ic->buf, ic->cap, &n);
      break;
    case IDN_TO_UNICODE:
      st = loc_idn_to_unicode(ic->ctx, ic->flags, s, len, ic->buf, ic->cap, &n);
      break;
    default:
      st = loc_idn_check(ic->ctx, ic->flags, s, len, ic->buf, ic->cap, &n);
      break;
    }
    if (st != LOC_E_BUFFER_TOO_SMALL)
      break;
    char *g = realloc(ic->buf, n);
    if (g == NULL) {
      st = LOC_E_NO_MEMORY;
      break;
    }
    ic->buf = g;
    ic->cap = n;
  }
  /* A name the library accepted is well-formed UTF-8: only a rejected one
   * can need the report. */
  if (ic->column == 0 && len <= LOC_IDN_MAX_INPUT && !loc_idn_ok(ic->ctx) &&
      loc_utf8_valid_prefix(s, len) != len) {
    line_pos pos = {line, 0};
    report_invalid_utf8(ic->base.run, file, &pos, 0, s, len);
  }
  if (st != LOC_OK) {
    diag_fail(ic->base.run, "%s:%llu: %s", file, (unsigned long long)line, loc_status_message(st));
    return;
  }
  print_result(ic, s, len, ic->buf ? ic->buf : "", n); /* no buffer yet: empty */
}

/* The JSON fields check adds, for a line that was not converted. */
static const char *check_tail(const idn_cmd *ic) {
  return ic->op == IDN_CHECK ? ",\"warnings\":[],\"restriction_level\":null" : "";
}

/* One input line: the whole name, or with --column the name in column N. */
static void convert_line(idn_cmd *ic, const char *file, uint64_t line, const char *s,
                         size_t len) {
  if (ic->column == 0) {
    convert(ic, file, line, s, len);
    return;
  }
  /* Reported for the whole line, so the column numbers are the line's. */
  if (loc_utf8_valid_prefix(s, len) != len) {
    line_pos pos = {line, 0};
    report_invalid_utf8(ic->base.run, file, &pos, 0, s, len);
  }
  if (!idn_record_split(ic->base.run, file, line, s, len, ic->column, &ic->rec)) {
    unsigned long k = ic->rec.columns;
    out_buf *o = &ic->base.out;
    if (ic->base.run->json) {
      out_putc(o, '{');
      put_columns(ic);
      out_printf(o, "\"input\":\"\",\"output\":\"\",\"ok\":false,\"errors\":[{\"code\":"
                    "\"X_COLUMN\",\"label\":0,\"offset\":0,\"codepoint\":null,\"message\":"
                    "\"the line has %lu column%s, fewer than %lu (project status X_COLUMN)\"}]%s}\n",
                 k, k == 1 ? "" : "s", ic->column, check_tail(ic));
    } else {
      put_columns(ic);
      out_write(o, "\terror\tX_COLUMN", 15);
      out_write(o, ic->op == IDN_CHECK ? "\t\t\n" : "\n", ic->op == IDN_CHECK ? 3 : 1);
    }
    ic->base.run->findings = true;
    return;
  }
  convert(ic, file, line, ic->rec.name, ic->rec.name_len);
}

/* A line longer than the read block: one error line, the rest skipped. */
static void too_long(idn_cmd *ic, const char *file, uint64_t line) {
  diag_at(ic->base.run, file, line, 1, "line longer than %u bytes: not converted", LR_DEFAULT_BLOCK);
  out_buf *o = &ic->base.out;
  if (ic->base.run->json) {
    out_printf(o, "{\"input\":\"\",\"output\":\"\",\"ok\":false,\"errors\":[{\"code\":"
                  "\"X_TOO_LONG\",\"label\":0,\"offset\":0,\"codepoint\":null,\"message\":"
                  "\"the line is longer than %u bytes and is not converted (project limit, "
                  "status X_TOO_LONG)\"}]%s}\n", LR_DEFAULT_BLOCK, check_tail(ic));
  } else {
    out_write(o, "\t\terror\tX_TOO_LONG", 18);
    out_write(o, ic->op == IDN_CHECK ? "\t\t\n" : "\n", ic->op == IDN_CHECK ? 3 : 1);
  }
}

/* A line longer than the reader's block is reported at its first piece and
 * its other pieces are skipped. */
static bool names_of_piece(cli_run *run, const char *file, const lr_piece *lp,
                           void *user) {
  idn_cmd *ic = user;
  size_t len;
  if (lr_whole_line(lp, &len))
    convert_line(ic, file, lp->line, lp->data, len);
  else if (lp->first)
    too_long(ic, file, lp->line);
  return !ic->base.out.error;
}

static void idn_fini(void *user) {
  idn_cmd *ic = user;
  free(ic->buf);
  loc_idn_ctx_free(ic->ctx);
  loc_idn_ctx_free(ic->label_ctx);
  loc_lgr_ctx_free(ic->lgr_ctx);
}

/* A worker's state: the shared profile (copied), contexts of its own. */
static bool idn_init(void *state) {
  idn_cmd *ic = state;
  if (loc_idn_ctx_new(ic->idn, &ic->ctx) != LOC_OK)
    return false;
  return !ic->lgr || (loc_lgr_ctx_new(ic->lgr, &ic->lgr_ctx) == LOC_OK &&
                      loc_idn_ctx_new(ic->idn, &ic->label_ctx) == LOC_OK);
}

int cmd_idn(int argc, char **argv) {
  cli_run run;
  idn_cmd ic = {.base.run = &run};
  if (argc >= 2 && (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0))
    return cli_help(&idn_command);
  if (argc >= 2 && strcmp(argv[1], "lgr") == 0) return cmd_idn_lgr(argc - 1, argv + 1);
  if (argc >= 2 && strcmp(argv[1], "variants") == 0) return cmd_idn_variants(argc - 1, argv + 1);
  if (argc < 2)
    return diag_usage("idn", "missing operation (to-ascii, to-unicode, check or confusables)");
  if (strcmp(argv[1], "confusables") == 0)
    return idn_confusables(argc - 1, argv + 1);
  if (strcmp(argv[1], "to-ascii") == 0)
    ic.op = IDN_TO_ASCII;
  else if (strcmp(argv[1], "to-unicode") == 0)
    ic.op = IDN_TO_UNICODE;
  else if (strcmp(argv[1], "check") == 0)
    ic.op = IDN_CHECK;
  else
    return diag_usage("idn", "unknown operation '%s' (to-ascii, to-unicode, check or "
                             "confusables)", argv[1]);
  argc--;
  argv++;
  cli_args args = cli_args_of(&idn_command, &run, argc, argv);
  const char *lgr_path = NULL, *against = NULL;
  int opt;
  while ((opt = cli_next(&args)) >= 0) {
    switch (opt) {
    case OPT_TRANSITIONAL:
      if (ic.op != IDN_TO_ASCII)
        return diag_usage("idn", "--transitional applies to to-ascii only");
      ic.flags |= LOC_IDN_TRANSITIONAL;
      break;
    case OPT_PROFILE:
      ic.flags &= ~(unsigned)(LOC_IDN_CHECK_UTS46 | LOC_IDN_URL);
      if (ic.op == IDN_CHECK && strcmp(optarg, "registration") == 0)
        ;
      else if (ic.op == IDN_CHECK && strcmp(optarg, "uts46") == 0)
        ic.flags |= LOC_IDN_CHECK_UTS46;
      else if (strcmp(optarg, "url") == 0)
        ic.flags |= LOC_IDN_URL;
      else if (strcmp(optarg, "uts46") != 0)
        return diag_usage("idn", "profile '%s' is not available for %s (%s)", optarg,
                          argv[0], ic.op == IDN_CHECK ? "registration, uts46 or url"
                                                      : "uts46 or url");
      break;
    case OPT_COLUMN:
      if (!idn_parse_column(optarg, &ic.column))
        return EXIT_USAGE;
      break;
    case OPT_MAX_LEVEL: {
      loc_idn_level l = LOC_IDN_LEVEL_NONE;
      if (ic.op != IDN_CHECK)
        return diag_usage("idn", "--max-level applies to check only");
      if (loc_idn_level_parse(optarg, &l) != LOC_OK)
        return diag_usage("idn", "unknown restriction level '%s' (ascii, single-script, "
                                 "highly-restrictive, moderately-restrictive, "
                                 "minimally-restrictive, unrestricted)", optarg);
      ic.flags = (ic.flags & ~(unsigned)LOC_IDN_MAX_LEVEL_MASK) | LOC_IDN_MAX_LEVEL(l);
      break;
    }
    case OPT_LGR:
    case OPT_AGAINST:
      if (ic.op != IDN_CHECK)
        return diag_usage("idn", "--lgr and --against apply to check only");
      *(opt == OPT_LGR ? &lgr_path : &against) = optarg;
      break;
    }
  }
  if (opt == CLI_STOP)
    return args.status;
  if ((ic.flags & LOC_IDN_URL) && (ic.flags & LOC_IDN_TRANSITIONAL))
    return diag_usage("idn", "--transitional does not apply to --profile url (the URL "
                             "Standard is nontransitional)");
  if (loc_idn_new(&ic.idn) != LOC_OK || loc_idn_ctx_new(ic.idn, &ic.ctx) != LOC_OK) {
    fputs("loc: idn: cannot load ICU's UTS #46 data\n", stderr);
    loc_idn_free(ic.idn);
    return EXIT_USAGE;
  }
  loc_lgr *lgr = NULL;
  idn_lgr_registry *reg = NULL;
  if (against && !lgr_path)
    return diag_usage("idn", "--against needs --lgr FILE");
  if (lgr_path) {
    char *err = NULL;
    loc_status st = loc_lgr_new_file(lgr_path, &lgr, &err);
    if (st != LOC_OK) {
      fprintf(stderr, "loc: idn: %s\n", err ? err : loc_status_message(st));
      free(err);
      loc_idn_ctx_free(ic.ctx);
      loc_idn_free(ic.idn);
      return EXIT_USAGE;
    }
    idn_lgr_print_warnings(lgr, lgr_path);
    size_t skipped = 0;
    if (against && (reg = idn_lgr_registry_load(&run, lgr, against, &skipped)) == NULL) {
      loc_lgr_free(lgr);
      loc_idn_ctx_free(ic.ctx);
      loc_idn_free(ic.idn);
      return EXIT_USAGE;
    }
    if (skipped)
      fprintf(stderr, "loc: %s: %zu name%s not in the LGR's repertoire, ignored\n", against,
              skipped, skipped == 1 ? "" : "s");
    ic.lgr = lgr;
    ic.reg = reg;
    if (loc_lgr_ctx_new(ic.lgr, &ic.lgr_ctx) != LOC_OK ||
        loc_idn_ctx_new(ic.idn, &ic.label_ctx) != LOC_OK)
      diag_fail(&run, "out of memory");
  }
  out_init(&ic.base.out, 1);
  if (!run.failed && optind < argc) {
    for (int i = optind; i < argc && !ic.base.out.error; i++)
      convert_line(&ic, "<argument>", (uint64_t)(i - optind + 1), argv[i], strlen(argv[i]));
  } else if (!run.failed) {
    par_job job = {.main = &ic, .state_size = sizeof(idn_cmd),
                   .shared_end = offsetof(idn_cmd, ctx), .state_init = idn_init,
                   .state_fini = idn_fini, .piece = names_of_piece};
    run_lines(&run, 0, NULL, LR_DEFAULT_BLOCK, &job);
  }
  int status = cli_close(&run, &ic.base.out);
  idn_fini(&ic);
  idn_lgr_registry_free(reg);
  loc_lgr_free(lgr);
  loc_idn_free(ic.idn);
  return status;
}

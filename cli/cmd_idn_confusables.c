/* loc idn confusables — names that look like registered ones.
 *
 * The registered list (--against FILE, one name per line, A- or U-labels)
 * is read once into a skeleton index; then every input name is looked up
 * and printed with each registered name of the same UTS #39 skeleton and
 * the code points where the two differ. One output line per input name, in
 * order; exit status 1 when some name collides or a line is bad. With
 * --column N the name is column N of a record and the record's columns come
 * first, exactly as loc idn to-ascii --column prints them. */
#include "cli.h"
#include "idn_lgr.h"

enum { OPT_AGAINST = OPT_FIRST_COMMAND_OWN, OPT_COLUMN };

static const char conf_usage[] =
    "Usage: loc idn confusables --against FILE [--column N] [--json] [-j N] [--progress]\n"
    "                               [NAME...]\n"
    "Reports, for each NAME (from the arguments, or one per line from standard\n"
    "input), every name of FILE (the registered names, one per line, A-labels\n"
    "or U-labels) that has the same UTS #39 skeleton label by label, or the same\n"
    "extended skeleton (look-alikes UTS #39 misses, such as Cyrillic palochka\n"
    "for l, mapped first), i.e. that can be mistaken for it. Names are compared\n"
    "in their UTS #46 Unicode form.\n"
    "\n"
    "Output, one line per name, in order:\n"
    "  INPUT<TAB>SKELETON<TAB>COUNT[<TAB>MATCH<TAB>KEY<TAB>DIFFS]...\n"
    "KEY is uts39 (same UTS #39 skeleton) or extended (same extended skeleton\n"
    "only).\n"
    "DIFFS lists the differing code points, INPUT's then MATCH's, as\n"
    "U+0430>U+0061 separated by spaces ('-' where one name has none; empty for\n"
    "the same name). FILE's lines that are not UTF-8 are reported and skipped.\n"
    "\n";

static const cli_opt conf_opts[] = {
    {"against", OPT_AGAINST, " FILE",
     "the registered names (required)"},
    {"column", OPT_COLUMN, " N",
     "the name is column N (1-based) of each line; columns are\n"
     "split at TABs if the line has one, else at commas (no\n"
     "quoting). Output: the line's columns, TAB-separated, in\n"
     "place of INPUT; with --json a \"columns\" array comes\n"
     "first. A line with fewer than N columns is reported on\n"
     "stderr and gives an empty SKELETON and COUNT 0"},
    {"json", OPT_JSON, NULL,
     "NDJSON: {\"input\":...,\"skeleton\":...,\"extended_skeleton\":\n"
     "...,\"matches\":[{\"name\":...,\"key\":\"uts39\",\"skeleton\":\n"
     "...,\"differences\":[{\"input\":\"U+0430\",\"registered\":\n"
     "\"U+0061\"}]}]}"},
    {"jobs", 'j', " N",
     "look names up in N threads (0: one per core; default 1)"},
    {0},
};
static const char conf_notes[] =
    "\n"
    "Exit status: 0 no name collides; 1 some name collides or a line is bad;\n"
    "2 usage or I/O error.\n";
static const cli_command conf_command = {"idn", conf_usage, conf_opts, conf_notes, 19, CLI_PARALLEL,
                                         NULL};


/* Per-thread state of the lookups; the index is shared and read-only. */
typedef struct conf_cmd {
  cli_state base;          /* run, output, current line */
  /* copied to the workers */
  const loc_confusable_index *ix;
  unsigned long column; /* --column N, 0 without */
  /* each state's own */
  loc_confusable_ctx *ctx;
  loc_confusable_diff *diffs;
  size_t cap;
  idn_record rec;       /* with --column: the current record */
} conf_cmd;

static void put_cp(out_buf *o, int32_t c) {
  if (c < 0)
    out_putc(o, '-');
  else
    out_printf(o, "U+%04X", (unsigned)c);
}

/* The differences with match @i into ic->diffs; their number, or
 * (size_t)-1 after an error (reported). */
static size_t diffs_of(conf_cmd *ic, size_t i) {
  loc_status st;
  size_t n = confusable_diffs(ic->ctx, i, &ic->diffs, &ic->cap, &st);
  if (n == (size_t)-1)
    diag_fail(ic->base.run, "confusables: %s", loc_status_message(st));
  return n;
}

/* Everything printed about one name (with --column, ic->rec's column N). */
static void lookup(conf_cmd *ic, const char *file, uint64_t line, const char *s, size_t len) {
  out_buf *o = &ic->base.out;
  size_t count = 0;
  loc_status st = loc_confusable_lookup(ic->ctx, s, len, &count);
  if (st == LOC_E_INVALID_UTF8 && ic->column == 0) {
    line_pos pos = {line, 0};
    report_invalid_utf8(ic->base.run, file, &pos, 0, s, len);
  } else if (st != LOC_OK) {
    diag_at(ic->base.run, file, line, 1, "not looked up: %s", loc_status_message(st));
  }
  if (st != LOC_OK)
    ic->base.run->findings = true;
  size_t slen;
  const char *skel = loc_confusable_skeleton(ic->ctx, &slen);
  if (ic->base.run->json) {
    loc_status dst = LOC_OK;
    json_confusable_result(o, ic->column ? &ic->rec : NULL, s, len, ic->ctx, count, &ic->diffs,
                           &ic->cap, &dst);
    if (dst != LOC_OK)
      diag_fail(ic->base.run, "confusables: %s", loc_status_message(dst));
    if (count)
      ic->base.run->findings = true;
    return;
  }
  if (ic->column) {
    idn_put_columns(o, false, &ic->rec);
  } else {
    idn_put_field(o, s, len);
    out_putc(o, '\t');
  }
  idn_put_field(o, skel, slen);
  out_printf(o, "\t%zu", count);
  for (size_t i = 0; i < count; i++) {
    size_t mlen;
    const char *m = loc_confusable_match(ic->ctx, i, &mlen);
    size_t nd = diffs_of(ic, i);
    if (nd == (size_t)-1)
      nd = 0;
    const char *key = loc_confusable_match_key(ic->ctx, i);
    out_putc(o, '\t');
    idn_put_field(o, m, mlen);
    out_putc(o, '\t');
    out_write(o, key, strlen(key));
    out_putc(o, '\t');
    for (size_t k = 0; k < nd; k++) {
      if (k)
        out_putc(o, ' ');
      put_cp(o, ic->diffs[k].input);
      out_putc(o, '>');
      put_cp(o, ic->diffs[k].registered);
    }
  }
  out_putc(o, '\n');
  if (count)
    ic->base.run->findings = true;
}

/* One input line: the whole name, or with --column the name in column N. */
static void lookup_line(conf_cmd *ic, const char *file, uint64_t line, const char *s,
                        size_t len) {
  if (ic->column == 0) {
    lookup(ic, file, line, s, len);
    return;
  }
  /* Reported for the whole line, so the column numbers are the line's. */
  if (loc_utf8_valid_prefix(s, len) != len) {
    line_pos pos = {line, 0};
    report_invalid_utf8(ic->base.run, file, &pos, 0, s, len);
  }
  if (idn_record_split(ic->base.run, file, line, s, len, ic->column, &ic->rec)) {
    lookup(ic, file, line, ic->rec.name, ic->rec.name_len);
    return;
  }
  out_buf *o = &ic->base.out;
  bool json = ic->base.run->json;
  if (json)
    out_putc(o, '{');
  idn_put_columns(o, json, &ic->rec);
  static const char json_rest[] =
      "\"input\":\"\",\"skeleton\":\"\",\"extended_skeleton\":\"\",\"matches\":[]}\n";
  if (json)
    out_write(o, json_rest, sizeof json_rest - 1);
  else
    out_write(o, "\t0\n", 3);
  ic->base.run->findings = true;
}

static bool lookup_piece(cli_run *run, const char *file, const lr_piece *lp, void *user) {
  conf_cmd *ic = user;
  (void)run;
  size_t len;
  if (lr_whole_line(lp, &len)) {
    lookup_line(ic, file, lp->line, lp->data, len);
  } else if (lp->first) {
    diag_at(ic->base.run, file, lp->line, 1, "line longer than %u bytes: not looked up",
            LR_DEFAULT_BLOCK);
    ic->base.run->findings = true;
    static const char empty[] =
        "{\"input\":\"\",\"skeleton\":\"\",\"extended_skeleton\":\"\",\"matches\":[]}\n";
    if (ic->base.run->json)
      out_write(&ic->base.out, empty, sizeof empty - 1);
    else
      out_write(&ic->base.out, "\t\t0\n", 4);
  }
  return !ic->base.out.error;
}

static void conf_fini(void *user) {
  conf_cmd *ic = user;
  free(ic->diffs);
  loc_confusable_ctx_free(ic->ctx);
}

/* A worker's state: the shared index (copied), a context of its own. */
static bool conf_init(void *state) {
  conf_cmd *ic = state;
  return loc_confusable_ctx_new(ic->ix, &ic->ctx) == LOC_OK;
}

/* Reading the registered names. */
typedef struct load_state {
  loc_confusable_index *ix;
  bool failed;
} load_state;

static bool load_piece(cli_run *run, const char *file, const lr_piece *lp, void *user) {
  load_state *ls = user;
  size_t len;
  if (!lr_whole_line(lp, &len)) {
    if (lp->first) {
      diag_at(run, file, lp->line, 1, "line longer than %u bytes: not indexed", LR_DEFAULT_BLOCK);
      run->findings = true;
    }
    return true;
  }
  if (len == 0)
    return true; /* blank lines separate nothing in a list */
  loc_status st = loc_confusable_index_add(ls->ix, lp->data, len);
  if (st == LOC_E_INVALID_UTF8) {
    line_pos pos = {lp->line, 0};
    report_invalid_utf8(run, file, &pos, 0, lp->data, len);
    run->findings = true;
  } else if (st == LOC_E_OVERFLOW) {
    diag_at(run, file, lp->line, 1, "name too long: not indexed");
    run->findings = true;
  } else if (st != LOC_OK) {
    diag_fail(run, "%s: %s", file, loc_status_message(st));
    ls->failed = true;
    return false;
  }
  return true;
}

static void load_input(cli_run *run, line_reader *r, void *user) {
  for_each_piece(run, r, load_piece, user);
}

loc_confusable_index *confusables_load(cli_run *run, int n, char **files) {
  load_state ls = {0};
  if (loc_confusable_index_new(&ls.ix) != LOC_OK) {
    fputs("loc: idn: cannot load ICU's UTS #39 data\n", stderr);
    return NULL;
  }
  for_each_input(run, n, files, LR_DEFAULT_BLOCK, load_input, &ls);
  if (run->failed || ls.failed || loc_confusable_index_finish(ls.ix) != LOC_OK) {
    loc_confusable_index_free(ls.ix);
    return NULL;
  }
  return ls.ix;
}

int idn_confusables(int argc, char **argv) {
  cli_run run;
  cli_args args = cli_args_of(&conf_command, &run, argc, argv);
  unsigned long column = 0;
  int opt;
  while ((opt = cli_next(&args)) >= 0)
    if (opt == OPT_COLUMN && !idn_parse_column(optarg, &column))
      return EXIT_USAGE;
  if (opt == CLI_STOP)
    return args.status;
  const char *against = cli_arg(&args, OPT_AGAINST);
  if (against == NULL)
    return diag_usage("idn", "confusables needs --against FILE (the registered names)");
  char *files[] = {(char *)against};
  loc_confusable_index *ix = confusables_load(&run, 1, files);
  if (ix == NULL)
    return EXIT_USAGE;
  conf_cmd ic = {.base.run = &run, .ix = ix, .column = column};
  if (loc_confusable_ctx_new(ic.ix, &ic.ctx) != LOC_OK) {
    loc_confusable_index_free(ix);
    return EXIT_USAGE;
  }
  out_init(&ic.base.out, 1);
  if (optind < argc) {
    for (int i = optind; i < argc && !ic.base.out.error; i++)
      lookup_line(&ic, "<argument>", (uint64_t)(i - optind + 1), argv[i], strlen(argv[i]));
  } else {
    par_job job = {.main = &ic, .state_size = sizeof(conf_cmd),
                   .shared_end = offsetof(conf_cmd, ctx), .state_init = conf_init,
                   .state_fini = conf_fini, .piece = lookup_piece};
    run_lines(&run, 0, NULL, LR_DEFAULT_BLOCK, &job);
  }
  int status = cli_close(&run, &ic.base.out);
  conf_fini(&ic);
  loc_confusable_index_free(ix);
  return status;
}

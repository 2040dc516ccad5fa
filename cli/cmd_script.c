/* loc script — script runs per line, or characters per script (--summary).
 *
 * Per line, text form: one output line per input line, runs separated by
 * spaces as START-END CODE (byte offsets in the line, [START, END)), e.g.
 *   0-6 Latn 6-12 Arab
 * an empty input line gives an empty output line. --json: docs/design.md, the JSON shapes.
 * Runs of a line longer than the read block are printed as the pieces come,
 * so memory stays bounded. */
#include "cli.h"


enum { OPT_SUMMARY = OPT_FIRST_COMMAND_OWN, OPT_LANG, OPT_MERGE };

static const char script_usage[] =
    "Usage: loc script [--summary] [--json] [--lang TAG] [--invalid=report|replace] [FILE...]\n"
    "Script runs of each line (UAX #24 with Script_Extensions; Common and Inherited\n"
    "characters join their context; paired brackets share a script; Han with kana\n"
    "is Jpan, Han with Hangul is Kore), or characters per script with --summary.\n"
    "\n"
    "Output, one line per input line: START-END CODE for each run, separated by\n"
    "spaces; offsets are UTF-8 byte offsets in the line, [START, END).\n"
    "\n";

static const cli_opt script_opts[] = {
    {"summary", OPT_SUMMARY, NULL,
     "count characters per script over all input instead; prints\n"
     "'CODE COUNT' lines (most first), 'total: N', 'dominant: CODE'\n"
     "(never Zyyy/Zinh/Zzzz while another script occurs; Zzzz for\n"
     "empty input)"},
    {"merge", OPT_MERGE, NULL,
     "read the output of 'loc script --summary --json' runs on\n"
     "parts of a text (one object per line) and print the summary\n"
     "of the whole, exactly as --summary on it would"},
    {"lang", OPT_LANG, " TAG",
     "with --summary: also 'expected: CODE' (the script TAG implies\n"
     "by likely subtags) and 'agrees: yes|no'"},
    {"json", OPT_JSON, NULL,
     "NDJSON: {\"line\":1,\"runs\":[{\"start\":0,\"end\":6,\"script\":\"Latn\"}]}\n"
     "per line; with --summary one object {\"scripts\":{...},\n"
     "\"dominant\":...,\"total\":...[,\"expected\":...,\"agrees\":...]}"},
    {"invalid", OPT_INVALID, "=MODE",
     "report (default): ill-formed UTF-8 is reported on stderr and\n"
     "counted as one Common character per maximal subpart in runs,\n"
     "Zzzz in summaries (exit 1); replace: it is read as U+FFFD,\n"
     "silently, and offsets refer to the repaired line"},
    {"jobs", 'j', " N",
     "N threads (0: one per core; default 1); output, diagnostics\n"
     "and summaries exactly as with 1"},
    {0},
};
static const cli_command script_command = {"script", script_usage, script_opts, NULL, 19,
                                           CLI_PARALLEL, NULL};

typedef struct script_cmd {
  cli_state base;          /* run, output, current line */
  /* configuration, copied to the workers */
  bool summary;
  bool have_expected;
  int32_t expected;
  /* each state's own */
  loc_script_iter *it;
  loc_script_summary *sum;
  /* the line in progress */
  size_t nruns;
  uint64_t long_chars; /* --summary: characters of a long line in earlier chunks */
} script_cmd;

/* Returns the piece to use under --invalid=replace (repaired when needed),
 * or NULL when out of memory. */
static const char *repaired(script_cmd *sc, const char *s, size_t len, size_t *out_len) {
  return utf8_repaired(&sc->base.rbuf, &sc->base.rcap, s, len, out_len);
}

/* ---------- per line ---------- */


static void print_runs(script_cmd *sc) {
  loc_script_run r;
  char buf[JSON_SPAN_MAX];
  while (loc_script_iter_next(sc->it, &r)) {
    size_t n = 0;
    if (sc->base.run->json) {
      n = json_span(buf, sc->nruns, r.start, r.end, "script", r.code, 4);
    } else {
      if (sc->nruns)
        buf[n++] = ' ';
      put_u64(buf, &n, r.start);
      buf[n++] = '-';
      put_u64(buf, &n, r.end);
      buf[n++] = ' ';
      put(buf, &n, r.code, 4);
    }
    out_write(&sc->base.out, buf, n);
    sc->nruns++;
  }
}

static void begin_line(void *state, const char *file, uint64_t line) {
  (void)file;
  (void)line;
  ((script_cmd *)state)->nruns = 0;
}

/* Runs of one piece of a line (framed by the core: its line opened, its
 * UTF-8 repaired with --invalid=replace); @last: the line ends with it. */
static void line_piece(script_cmd *sc, const char *file, const char *s, size_t len,
                       uint64_t offset, bool last) {
  uint64_t bad = loc_script_iter_invalid(sc->it);
  loc_script_iter_feed(sc->it, s, len);
  print_runs(sc);
  if (last) {
    loc_script_iter_finish(sc->it);
    print_runs(sc);
  }
  /* The iterator counts ill-formed subparts as it goes, so valid text needs
   * no second pass (the reader never cuts one in two). */
  if (sc->base.run->invalid == INVALID_REPORT && loc_script_iter_invalid(sc->it) != bad)
    report_invalid_utf8(sc->base.run, file, &sc->base.pos, offset, s, len);
}

static bool runs_of_piece(cli_run *run, const char *file, const lr_piece *lp,
                          void *user) {
  (void)run;
  line_piece(user, file, lp->data, lp->len, lp->offset, lp->last);
  return true;
}

/* ---------- summary ---------- */

/* Reports the ill-formed UTF-8 of a chunk, line by line. */
static void report_chunk(script_cmd *sc, const char *file, const lr_chunk *c,
                         uint64_t first_chars) {
  const char *p = c->data, *end = c->data + c->len;
  line_pos pos = {c->line, first_chars};
  uint64_t offset = c->line_offset;
  while (p < end) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
    report_invalid_utf8(sc->base.run, file, &pos, offset, p, n);
    pos.line++;
    pos.chars = 0;
    offset = 0;
    p += n + 1;
  }
}

/* Counts the lines of a chunk, not the '\n' that end them. */
static void add_lines(script_cmd *sc, const char *s, size_t len) {
  const char *end = s + len, *nl;
  while ((nl = memchr(s, '\n', (size_t)(end - s))) != NULL) {
    loc_script_summary_add(sc->sum, s, (size_t)(nl - s));
    s = nl + 1;
  }
  loc_script_summary_add(sc->sum, s, (size_t)(end - s));
}

static bool summary_chunk(cli_run *run, const char *file, const lr_chunk *c, void *user) {
  script_cmd *sc = user;
  const char *s = c->data;
  size_t len = c->len;
  if (c->line_offset == 0)
    sc->long_chars = 0;
  if (run->invalid == INVALID_REPLACE) {
    s = repaired(sc, c->data, c->len, &len);
    if (s == NULL) {
      diag_fail(run, "%s: out of memory", file);
      return false;
    }
    add_lines(sc, s, len);
  } else {
    /* Ill-formed subparts count as Zzzz: only a chunk whose Zzzz count
     * moved needs the (slower) validation pass. */
    uint64_t before = loc_script_summary_count(sc->sum, LOC_SCRIPT_UNKNOWN);
    add_lines(sc, s, len);
    if (loc_script_summary_count(sc->sum, LOC_SCRIPT_UNKNOWN) != before)
      report_chunk(sc, file, c, sc->long_chars);
  }
  if (c->open_end) {
    const char *nl = memrchr(c->data, '\n', c->len);
    const char *tail = nl ? nl + 1 : c->data;
    if (nl)
      sc->long_chars = 0;
    sc->long_chars += loc_utf8_count_chars(tail, (size_t)(c->data + c->len - tail));
  }
  return true;
}

static void summary_end(cli_run *run, const char *file, void *user) {
  (void)run;
  (void)file;
  ((script_cmd *)user)->long_chars = 0;
}

/* ---------- --jobs ---------- */

static void script_fini(void *user) {
  script_cmd *sc = user;
  loc_script_iter_free(sc->it);
  loc_script_summary_free(sc->sum);
}

static bool script_init(void *state) {
  script_cmd *sc = state;
  loc_status st = sc->summary ? loc_script_summary_new(&sc->sum) : loc_script_iter_new(&sc->it);
  return st == LOC_OK;
}

/* A worker's counts join the main summary: sums are exact, so the result
 * is that of one thread. */
static void script_merge(void *main, void *user) {
  script_cmd *m = main, *sc = user;
  if (!sc->summary)
    return;
  size_t n = loc_script_summary_list(sc->sum, NULL, 0);
  loc_script_count *list = calloc(n ? n : 1, sizeof *list);
  if (list == NULL) {
    diag_fail(m->base.run, "out of memory");
    return;
  }
  loc_script_summary_list(sc->sum, list, n);
  for (size_t i = 0; i < n; i++)
    if (loc_script_summary_add_count(m->sum, list[i].script, list[i].count) != LOC_OK)
      diag_fail(m->base.run, "summary: count overflow");
  free(list);
}

static void print_summary(void *state) {
  script_cmd *sc = state;
  out_buf *o = &sc->base.out;
  size_t n = loc_script_summary_list(sc->sum, NULL, 0);
  loc_script_count *list = calloc(n ? n : 1, sizeof *list);
  if (list == NULL) {
    diag_fail(sc->base.run, "out of memory");
    return;
  }
  loc_script_summary_list(sc->sum, list, n);
  const char *dominant = loc_script_name(loc_script_summary_dominant(sc->sum));
  unsigned long long total = (unsigned long long)loc_script_summary_total(sc->sum);
  bool agrees = sc->have_expected &&
                loc_script_agrees(loc_script_summary_dominant(sc->sum), sc->expected);
  if (sc->base.run->json) {
    json_script_summary(o, sc->sum, list, n, sc->have_expected ? &sc->expected : NULL);
    out_putc(o, '\n');
  } else {
    for (size_t i = 0; i < n; i++)
      out_printf(o, "%s %llu\n", list[i].code, (unsigned long long)list[i].count);
    out_printf(o, "total: %llu\ndominant: %s\n", total, dominant);
    if (sc->have_expected)
      out_printf(o, "expected: %s\nagrees: %s\n", loc_script_name(sc->expected),
                 agrees ? "yes" : "no");
  }
  free(list);
}

int cmd_script(int argc, char **argv) {
  cli_run run;
  cli_args args = cli_args_of(&script_command, &run, argc, argv);
  if (!cli_parse(&args))
    return args.status;
  bool merge = cli_flag(&args, OPT_MERGE);
  script_cmd sc = {.base.run = &run, .summary = merge || cli_flag(&args, OPT_SUMMARY)};
  const char *lang = cli_arg(&args, OPT_LANG);
  if (lang != NULL) {
    if (!sc.summary)
      return diag_usage("script", "--lang needs --summary");
    loc_status st = loc_script_for_language(lang, &sc.expected);
    if (st != LOC_OK)
      return diag_usage("script", "--lang '%s': %s", lang,
                        st == LOC_E_UNKNOWN_SCRIPT
                            ? "the tag implies no script"
                            : "not a valid BCP 47 tag ('loc tag' says why)");
    sc.have_expected = true;
  }

  loc_status st = sc.summary ? loc_script_summary_new(&sc.sum) : loc_script_iter_new(&sc.it);
  if (st != LOC_OK) {
    return diag_lib_error("script", st);
  }
  par_job job = {.main = &sc, .state_size = sizeof(script_cmd),
                 .shared_end = offsetof(script_cmd, it), .state_init = script_init,
                 .state_fini = script_fini, .merge = script_merge};
  if (sc.summary) {
    job.chunk = summary_chunk;
    job.end_input = summary_end;
    job.finish = print_summary;
  } else {
    job.piece = runs_of_piece;
    job.frame = true;
    job.utf8 = CLI_UTF8_REPAIR;
    job.json_open = ",\"runs\":[";
    job.json_close = "]}\n";
    job.line_begin = begin_line;
  }
  if (!merge)
    return run_job(&run, argc - optind, argv + optind, &job);
  out_init(&sc.base.out, 1);
  script_merge_inputs(&run, argc - optind, argv + optind, sc.sum);
  print_summary(&sc);
  int status = cli_close(&run, &sc.base.out);
  script_fini(&sc);
  return status;
}

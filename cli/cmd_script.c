/* loc script — script runs per line, or characters per script (--summary).
 *
 * Per line, text form: one output line per input line, runs separated by
 * spaces as START-END CODE (byte offsets in the line, [START, END)), e.g.
 *   0-6 Latn 6-12 Arab
 * an empty input line gives an empty output line. --json: docs/design.md, the JSON shapes.
 * Runs of a line longer than the read block are printed as the pieces come,
 * so memory stays bounded. */
#include "cli.h"

#include <unicode/uscript.h>

enum { OPT_SUMMARY = OPT_FIRST_COMMAND_OWN, OPT_LANG, OPT_MERGE };

static const char help_text[] =
    "Usage: loc script [--summary] [--json] [--lang TAG] [--invalid=report|replace] [FILE...]\n"
    "Script runs of each line (UAX #24 with Script_Extensions; Common and Inherited\n"
    "characters join their context; paired brackets share a script; Han with kana\n"
    "is Jpan, Han with Hangul is Kore), or characters per script with --summary.\n"
    "\n"
    "Output, one line per input line: START-END CODE for each run, separated by\n"
    "spaces; offsets are UTF-8 byte offsets in the line, [START, END).\n"
    "\n"
    "  --summary        count characters per script over all input instead; prints\n"
    "                   'CODE COUNT' lines (most first), 'total: N', 'dominant: CODE'\n"
    "                   (never Zyyy/Zinh/Zzzz while another script occurs; Zzzz for\n"
    "                   empty input)\n"
    "  --merge          read the output of 'loc script --summary --json' runs on\n"
    "                   parts of a text (one object per line) and print the summary\n"
    "                   of the whole, exactly as --summary on it would\n"
    "  --lang TAG       with --summary: also 'expected: CODE' (the script TAG implies\n"
    "                   by likely subtags) and 'agrees: yes|no'\n"
    "  --json           NDJSON: {\"line\":1,\"runs\":[{\"start\":0,\"end\":6,\"script\":\"Latn\"}]}\n"
    "                   per line; with --summary one object {\"scripts\":{...},\n"
    "                   \"dominant\":...,\"total\":...[,\"expected\":...,\"agrees\":...]}\n"
    "  --invalid=MODE   report (default): ill-formed UTF-8 is reported on stderr and\n"
    "                   counted as one Common character per maximal subpart in runs,\n"
    "                   Zzzz in summaries (exit 1); replace: it is read as U+FFFD,\n"
    "                   silently, and offsets refer to the repaired line\n"
    "  -j, --jobs N     N threads (0: one per core; default 1); output, diagnostics\n"
    "                   and summaries exactly as with 1\n"
    "  --progress       a status line on stderr even when it is no terminal\n"
    "  -h, --help       this text\n";

typedef struct script_cmd {
  cli_state base;          /* run, output, current line */
  bool summary;
  bool have_expected;
  int32_t expected;
  loc_script_iter *it;
  loc_script_summary *sum;
  char *rbuf;          /* --invalid=replace: the repaired piece */
  size_t rcap;
  /* the line in progress */
  size_t nruns;
  uint64_t long_chars; /* --summary: characters of a long line in earlier chunks */
} script_cmd;

/* Returns the piece to use under --invalid=replace (repaired when needed),
 * or NULL when out of memory. */
static const char *repaired(script_cmd *sc, const char *s, size_t len, size_t *out_len) {
  return utf8_repaired(&sc->rbuf, &sc->rcap, s, len, out_len);
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

static void begin_line(script_cmd *sc, const char *file, uint64_t line) {
  sc->nruns = 0;
  state_line_begin(&sc->base, file, line, SCRIPT_JSON_OPEN);
}

static void end_line(script_cmd *sc) { state_line_end(&sc->base, SPANS_JSON_CLOSE); }

/* Runs of one piece of a line; @last: the line ends with it. */
static void line_piece(script_cmd *sc, const char *file, const char *s, size_t len,
                       uint64_t offset, bool last) {
  if (sc->base.run->invalid == INVALID_REPLACE) {
    s = repaired(sc, s, len, &len);
    if (s == NULL) {
      diag_fail(sc->base.run, "%s: out of memory", file);
      return;
    }
  }
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
  script_cmd *sc = user;
  if (lp->first)
    begin_line(sc, file, lp->line);
  line_piece(sc, file, lp->data, lp->len, lp->offset, lp->last);
  if (lp->last)
    end_line(sc);
  else
    sc->base.pos.chars += loc_utf8_count_chars(lp->data, lp->len);
  return !sc->base.out.error;
}

/* A read error in the middle of a line leaves it open. */
static void runs_end(cli_run *run, const char *file, void *user) {
  (void)run;
  (void)file;
  script_cmd *sc = user;
  if (sc->base.line_open) {
    loc_script_iter_finish(sc->it);
    print_runs(sc);
    end_line(sc);
  }
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
    uint64_t before = loc_script_summary_count(sc->sum, USCRIPT_UNKNOWN);
    add_lines(sc, s, len);
    if (loc_script_summary_count(sc->sum, USCRIPT_UNKNOWN) != before)
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
  free(sc->rbuf);
  loc_script_iter_free(sc->it);
  loc_script_summary_free(sc->sum);
}

static bool script_init(void *state, const void *main) {
  const script_cmd *m = main;
  script_cmd *sc = state;
  sc->summary = m->summary;
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

static void print_summary(script_cmd *sc) {
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
  static const struct option longopts[] = {
      {"summary", no_argument, NULL, OPT_SUMMARY},
      {"json", no_argument, NULL, OPT_JSON},
      {"lang", required_argument, NULL, OPT_LANG},
      {"merge", no_argument, NULL, OPT_MERGE},
      COMMON_LONG_OPTIONS,
      PROGRESS_LONG_OPTION,
      {NULL, 0, NULL, 0},
  };
  cli_run run = {.command = "script", .invalid = INVALID_REPORT, .jobs = 1};
  script_cmd sc = {.base.run = &run};
  const char *lang = NULL;
  bool merge = false;
  int opt;
  optind = 1;
  opterr = 0;
  while ((opt = getopt_long(argc, argv, ":hj:", longopts, NULL)) != -1) {
    switch (opt) {
    case OPT_SUMMARY:
      sc.summary = true;
      break;
    case OPT_MERGE:
      merge = true;
      sc.summary = true;
      break;
    case OPT_LANG:
      lang = optarg;
      break;
    default:
      if ((opt = cli_option(&run, opt, optarg, help_text, argv)) != CLI_NEXT_OPTION)
        return opt;
    }
  }
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
  out_init(&sc.base.out, 1);
  if (merge) {
    script_merge_inputs(&run, argc - optind, argv + optind, sc.sum);
  } else {
    par_job job = {.main = &sc, .state_size = sizeof(script_cmd), .state_init = script_init,
                   .state_fini = script_fini, .merge = script_merge};
    if (sc.summary) {
      job.chunk = summary_chunk;
      job.end_input = summary_end;
    } else {
      job.piece = runs_of_piece;
      job.end_input = runs_end;
    }
    run_lines(&run, argc - optind, argv + optind, LR_DEFAULT_BLOCK, &job);
  }
  if (sc.summary)
    print_summary(&sc);
  if (!out_flush(&sc.base.out))
    diag_fail(&run, "standard output: write error");
  out_free(&sc.base.out);
  script_fini(&sc);
  return cli_exit_status(&run);
}

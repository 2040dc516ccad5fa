/* loc detect — language identification per line, or of the whole input.
 *
 * Text output, one line per input line, tab-separated:
 *   LINE LANG CONFIDENCE SCRIPT [CANDIDATES]
 * LANG is a BCP 47 tag or "und"; CANDIDATES (with an explicit --top K) is
 * LANG:CONFIDENCE,... best first. --spans: LINE then START-END:LANG:CONFIDENCE
 * per span, space-separated. --json: docs/design.md, the JSON shapes.
 *
 * A line is fed to the detector piece by piece, so memory stays bounded
 * whatever its length; with --spans each piece of a very long line is cut
 * into spans on its own (offsets stay those of the line). */
#include "cli.h"

enum { OPT_TOP = OPT_FIRST_COMMAND_OWN, OPT_SPANS, OPT_WHOLE };

static const char help_text[] =
    "Usage: loc detect [--json] [--top K] [--spans] [--whole] [--invalid=report|replace]\n"
    "                  [FILE...]\n"
    "Identifies the language of each line among the 456 languages (language and\n"
    "script) of the UDHR corpus. The script gates the candidates; a naive Bayes\n"
    "model of character n-grams (trained on the UDHR, Common Voice sentences and\n"
    "CLDR's emoji names) ranks them; confidences are calibrated on held-out text.\n"
    "When no language reaches 0.5 but the members of a macrolanguage together do\n"
    "(Chinese in Han characters, Persian/Dari, Malay/Indonesian, Serbo-Croatian),\n"
    "the answer is that group (zh, fa, ms, sh; \"group\":true in --json). Below\n"
    "confidence 0.3 the answer is 'und' (the candidates still list the best\n"
    "guesses).\n"
    "\n"
    "Output, one line per input line, tab-separated:\n"
    "  LINE LANG CONFIDENCE SCRIPT [CANDIDATES]\n"
    "LANG is a BCP 47 tag or 'und'; SCRIPT the dominant ISO 15924 script. A line\n"
    "with a Myanmar letter also gets zawgyi:P, the probability that it is Burmese\n"
    "in the Zawgyi encoding (myanmar-tools' model; above 0.95: convert it with\n"
    "loc convert --from zawgyi), as the last column and as \"zawgyi\" in --json.\n"
    "\n"
    "  --top K          also list the K best candidates (1 to 16) as a fifth\n"
    "                   column LANG:CONFIDENCE,...; in --json, K candidates\n"
    "                   (default 3)\n"
    "  --spans          for code-switched text: LINE, then START-END:LANG:CONFIDENCE\n"
    "                   for each span (UTF-8 byte offsets, [START, END))\n"
    "  --whole          one answer for the whole input (LINE is the line count)\n"
    "  --json           NDJSON: {\"line\":1,\"lang\":\"am\",\"iso639_3\":\"amh\",\n"
    "                   \"script\":\"Ethi\",\"confidence\":0.97,\"candidates\":[...]};\n"
    "                   with --spans {\"line\":1,\"spans\":[{\"start\":0,\"end\":9,\n"
    "                   \"lang\":...,\"iso639_3\":...,\"script\":...,\"confidence\":...}]}\n"
    "  --invalid=MODE   report (default): ill-formed UTF-8 is reported on stderr\n"
    "                   (exit 1) and read as a non-letter; replace: read as U+FFFD,\n"
    "                   silently (span offsets then refer to the repaired line)\n"
    "  -j, --jobs N     N threads (0: one per core; default 1); output and\n"
    "                   diagnostics exactly as with 1 (--whole: one thread)\n"
    "  --progress       a status line on stderr even when it is no terminal\n"
    "  -h, --help       this text\n";

/* Everything one thread needs to process lines: the shared model is
 * read-only, the detector and buffers belong to this state. */
typedef struct detect_cmd {
  cli_state base;          /* run, output, current line */
  loc_detector *det;
  size_t top;          /* candidates to print */
  bool top_given;
  bool spans;
  bool whole;
  uint64_t lines;      /* --whole: lines seen */
  char *rbuf;          /* --invalid=replace: the repaired piece */
  size_t rcap;
  const char *file;    /* the input the open line is from (JSON "file") */
  size_t nspans;       /* spans printed for the line in progress */
  double zawgyi;       /* P(Zawgyi) of the line, -1 without Myanmar letters */
} detect_cmd;

/* ---------- output: one function per record kind ---------- */

static void put_conf(out_buf *o, double c) { out_printf(o, "%.3f", c); }

/* One result (a line, or the whole input). Fields added to `detect` go
 * here, for both forms. */
static void print_result(detect_cmd *dc, uint64_t line, const loc_detect_result *r) {
  out_buf *o = &dc->base.out;
  if (dc->base.run->json) {
    json_detect_result(o, dc->base.run, dc->file, line, r, dc->zawgyi);
    return;
  }
  out_printf(o, "%llu\t%s\t", (unsigned long long)line, r->lang);
  put_conf(o, r->confidence);
  out_printf(o, "\t%s", r->script_code);
  if (dc->top_given) {
    out_putc(o, '\t');
    for (size_t i = 0; i < r->n_candidates; i++) {
      out_printf(o, "%s%s:", i ? "," : "", r->candidates[i].lang);
      put_conf(o, r->candidates[i].confidence);
    }
  }
  if (dc->zawgyi >= 0) {
    out_write(o, "\tzawgyi:", 8);
    put_conf(o, dc->zawgyi);
  }
  out_putc(o, '\n');
}

static void print_span(detect_cmd *dc, const loc_detect_span *s, uint64_t offset) {
  out_buf *o = &dc->base.out;
  if (dc->base.run->json) {
    json_detect_span(o, dc->nspans > 0, offset, s);
  } else {
    out_printf(o, "%s%llu-%llu:%s:", dc->nspans ? " " : "\t",
               (unsigned long long)(offset + s->start), (unsigned long long)(offset + s->end),
               s->lang);
    put_conf(o, s->confidence);
  }
  dc->nspans++;
}

/* ---------- per line ---------- */

static const char *repaired(detect_cmd *dc, const char *s, size_t len, size_t *out_len) {
  return utf8_repaired(&dc->rbuf, &dc->rcap, s, len, out_len);
}

static void begin_line(detect_cmd *dc, const char *file, uint64_t line) {
  dc->base.line_open = true;
  dc->file = file;
  dc->base.pos.line = line;
  dc->base.pos.chars = 0;
  dc->nspans = 0;
  dc->zawgyi = -1;
  if (dc->whole)
    return;
  if (dc->spans) {
    if (dc->base.run->json)
    {
      out_json_line(&dc->base.out, dc->base.run, file, line);
      out_write(&dc->base.out, ",\"spans\":[", 10);
    }
    else
      out_printf(&dc->base.out, "%llu", (unsigned long long)line);
  } else {
    loc_detect_begin(dc->det);
  }
}

static void end_line(detect_cmd *dc) {
  dc->base.line_open = false;
  dc->lines++;
  if (dc->whole) {
    loc_detect_feed(dc->det, "\n", 1);
    return;
  }
  if (dc->spans) {
    out_write(&dc->base.out, dc->base.run->json ? "]}\n" : "\n", dc->base.run->json ? 3 : 1);
    return;
  }
  loc_detect_result r;
  loc_detect_end(dc->det, dc->top, &r);
  print_result(dc, dc->base.pos.line, &r);
}

static void line_piece(detect_cmd *dc, const char *file, const char *s, size_t len,
                       uint64_t offset) {
  if (dc->base.run->invalid == INVALID_REPLACE) {
    s = repaired(dc, s, len, &len);
    if (s == NULL) {
      diag_fail(dc->base.run, "%s: out of memory", file);
      return;
    }
  } else if (loc_utf8_valid_prefix(s, len) != len) {
    report_invalid_utf8(dc->base.run, file, &dc->base.pos, offset, s, len);
  }
  if (!dc->spans) {
    /* A line longer than the read block is judged on its first piece. */
    if (offset == 0 && !dc->whole && loc_legacy_zawgyi_probability(s, len, &dc->zawgyi) != LOC_OK)
      dc->zawgyi = -1;
    loc_detect_feed(dc->det, s, len);
    return;
  }
  loc_detect_span *sp;
  size_t n;
  if (loc_detect_spans(dc->det, s, len, &sp, &n) != LOC_OK) {
    diag_fail(dc->base.run, "%s: out of memory", file);
    return;
  }
  for (size_t i = 0; i < n; i++)
    print_span(dc, &sp[i], offset);
  loc_free(sp);
}

static bool detect_piece(cli_run *run, const char *file, const lr_piece *lp, void *user) {
  detect_cmd *dc = user;
  if (lp->first)
    begin_line(dc, file, lp->line);
  line_piece(dc, file, lp->data, lp->len, lp->offset);
  if (lp->last)
    end_line(dc);
  else
    dc->base.pos.chars += loc_utf8_count_chars(lp->data, lp->len);
  return !dc->base.out.error;
}

/* After each input, on the main state: a line a read error left open. */
static void detect_end_input(cli_run *run, const char *file, void *main) {
  (void)run;
  (void)file;
  detect_cmd *dc = main;
  if (dc->base.line_open)
    end_line(dc);
}

/* A worker's state: the configuration copied, a detector of its own on
 * the shared model. */
static bool detect_init(void *state, const void *main) {
  const detect_cmd *m = main;
  detect_cmd *dc = state;
  dc->top = m->top;
  dc->top_given = m->top_given;
  dc->spans = m->spans;
  return loc_detector_new(loc_detect_model_default(), &dc->det) == LOC_OK;
}

static void detect_fini(void *state) {
  detect_cmd *dc = state;
  loc_detector_free(dc->det);
  free(dc->rbuf);
}

int cmd_detect(int argc, char **argv) {
  static const struct option longopts[] = {
      {"json", no_argument, NULL, OPT_JSON},
      {"top", required_argument, NULL, OPT_TOP},
      {"spans", no_argument, NULL, OPT_SPANS},
      {"whole", no_argument, NULL, OPT_WHOLE},
      COMMON_LONG_OPTIONS,
      PROGRESS_LONG_OPTION,
      {NULL, 0, NULL, 0},
  };
  cli_run run = {.command = "detect", .invalid = INVALID_REPORT, .jobs = 1};
  detect_cmd dc = {.base.run = &run, .top = 3, .zawgyi = -1};
  int opt;
  optind = 1;
  opterr = 0;
  while ((opt = getopt_long(argc, argv, ":hj:", longopts, NULL)) != -1) {
    switch (opt) {
    case OPT_TOP: {
      char *end;
      long k = strtol(optarg, &end, 10);
      if (*optarg == 0 || *end != 0 || k < 1 || k > LOC_DETECT_MAX_TOP)
        return diag_usage("detect", "--top '%s': not a number from 1 to %d", optarg,
                          LOC_DETECT_MAX_TOP);
      dc.top = (size_t)k;
      dc.top_given = true;
      break;
    }
    case OPT_SPANS:
      dc.spans = true;
      break;
    case OPT_WHOLE:
      dc.whole = true;
      break;
    default:
      if ((opt = cli_option(&run, opt, optarg, help_text, argv)) != CLI_NEXT_OPTION)
        return opt;
    }
  }
  if (dc.spans && dc.whole)
    return diag_usage("detect", "--spans and --whole cannot be combined");
  const loc_detect_model *m = loc_detect_model_default();
  loc_status st = m ? loc_detector_new(m, &dc.det) : LOC_E_INTERNAL;
  if (st != LOC_OK) {
    return diag_lib_error("detect", st);
  }
  out_init(&dc.base.out, 1);
  if (dc.whole)
    loc_detect_begin(dc.det);
  /* --whole folds every line into one detector: one thread. */
  par_job job = {.main = &dc, .state_size = sizeof(detect_cmd),
                 .state_init = dc.whole ? NULL : detect_init, .state_fini = detect_fini,
                 .piece = detect_piece, .end_input = detect_end_input};
  run_lines(&run, argc - optind, argv + optind, LR_DEFAULT_BLOCK, &job);
  if (dc.whole) {
    loc_detect_result r;
    loc_detect_end(dc.det, dc.top, &r);
    print_result(&dc, dc.lines, &r);
  }
  if (!out_flush(&dc.base.out))
    diag_fail(&run, "standard output: write error");
  out_free(&dc.base.out);
  detect_fini(&dc);
  return cli_exit_status(&run);
}

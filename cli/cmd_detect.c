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

static const char detect_usage[] =
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
    "\n";

static const cli_opt detect_opts[] = {
    {"top", OPT_TOP, " K",
     "also list the K best candidates (1 to 16) as a fifth\n"
     "column LANG:CONFIDENCE,...; in --json, K candidates\n"
     "(default 3)"},
    {"spans", OPT_SPANS, NULL,
     "for code-switched text: LINE, then START-END:LANG:CONFIDENCE\n"
     "for each span (UTF-8 byte offsets, [START, END))"},
    {"whole", OPT_WHOLE, NULL,
     "one answer for the whole input (LINE is the line count)"},
    {"json", OPT_JSON, NULL,
     "NDJSON: {\"line\":1,\"lang\":\"am\",\"iso639_3\":\"amh\",\n"
     "\"script\":\"Ethi\",\"confidence\":0.97,\"candidates\":[...]};\n"
     "with --spans {\"line\":1,\"spans\":[{\"start\":0,\"end\":9,\n"
     "\"lang\":...,\"iso639_3\":...,\"script\":...,\"confidence\":...}]}"},
    {"invalid", OPT_INVALID, "=MODE",
     "report (default): ill-formed UTF-8 is reported on stderr\n"
     "(exit 1) and read as a non-letter; replace: read as U+FFFD,\n"
     "silently (span offsets then refer to the repaired line)"},
    {"jobs", 'j', " N",
     "N threads (0: one per core; default 1); output and\n"
     "diagnostics exactly as with 1 (--whole: one thread)"},
    {0},
};
static const cli_command detect_command = {"detect", detect_usage, detect_opts, NULL, 19,
                                           CLI_PARALLEL, NULL};

/* Everything one thread needs to process lines: the shared model is
 * read-only, the detector and buffers belong to this state. */
typedef struct detect_cmd {
  cli_state base;          /* run, output, current line */
  /* configuration, copied to the workers */
  size_t top;          /* candidates to print */
  bool top_given;
  bool spans;
  bool whole;
  /* each state's own */
  loc_detector *det;
  uint64_t lines;      /* --whole: lines seen */
  const char *file;    /* the input the open line is from (JSON "file") */
  size_t nspans;       /* spans printed for the line in progress */
  double zawgyi;       /* P(Zawgyi) of the line, -1 without Myanmar letters */
} detect_cmd;

/* ---------- output: one function per record kind ---------- */

/* The candidates the output shows: TSV without --top prints the answer
 * alone, which needs no more than the best (the confidences are the
 * same). */
static size_t shown(const detect_cmd *dc) {
  return dc->base.run->json || dc->top_given ? dc->top : 1;
}

/* One result (a line, or the whole input). Fields added to `detect` go
 * here, for both forms. */
static void print_result(detect_cmd *dc, uint64_t line, const loc_detect_result *r) {
  out_buf *o = &dc->base.out;
  if (dc->base.run->json) {
    json_detect_result(o, dc->base.run, dc->file, line, r, dc->zawgyi);
    return;
  }
  out_uint(o, line);
  out_putc(o, '\t');
  out_write(o, r->lang, strlen(r->lang));
  out_putc(o, '\t');
  out_conf(o, r->confidence);
  out_putc(o, '\t');
  out_write(o, r->script_code, strlen(r->script_code));
  if (dc->top_given) {
    out_putc(o, '\t');
    for (size_t i = 0; i < r->n_candidates; i++) {
      out_printf(o, "%s%s:", i ? "," : "", r->candidates[i].lang);
      out_conf(o, r->candidates[i].confidence);
    }
  }
  if (dc->zawgyi >= 0) {
    out_write(o, "\tzawgyi:", 8);
    out_conf(o, dc->zawgyi);
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
    out_conf(o, s->confidence);
  }
  dc->nspans++;
}

/* ---------- per line ---------- */

static void begin_line(void *state, const char *file, uint64_t line) {
  detect_cmd *dc = state;
  dc->file = file;
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

static void end_line(void *state, const char *file) {
  (void)file;
  detect_cmd *dc = state;
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
  loc_detect_end(dc->det, shown(dc), &r);
  print_result(dc, dc->base.pos.line, &r);
}

/* One piece of a line (framed by the core: its line opened, its UTF-8
 * reported or repaired). */
static void line_piece(detect_cmd *dc, const char *file, const char *s, size_t len,
                       uint64_t offset) {
  if (!dc->spans) {
    /* A line longer than the read block is judged on its first piece.
     * Every Myanmar letter (U+1000..U+109F, U+A9E0..U+A9FF, U+AA60..U+AA7F)
     * starts with the byte E1 or EA: a line with neither has none, and its
     * P(Zawgyi) stays -1 without the model's walk. */
    if (offset == 0 && !dc->whole && (memchr(s, 0xE1, len) || memchr(s, 0xEA, len)) &&
        loc_legacy_zawgyi_probability(s, len, &dc->zawgyi) != LOC_OK)
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
  (void)run;
  line_piece(user, file, lp->data, lp->len, lp->offset);
  return true;
}

/* A worker's state: the configuration (copied), a detector of its own on
 * the shared model. */
static bool detect_init(void *state) {
  detect_cmd *dc = state;
  return loc_detector_new(loc_detect_model_default(), &dc->det) == LOC_OK;
}

static void detect_fini(void *state) {
  detect_cmd *dc = state;
  loc_detector_free(dc->det);
}

/* --whole: the one result, after the last input. */
static void detect_finish(void *main) {
  detect_cmd *dc = main;
  if (!dc->whole)
    return;
  loc_detect_result r;
  loc_detect_end(dc->det, shown(dc), &r);
  print_result(dc, dc->lines, &r);
}

int cmd_detect(int argc, char **argv) {
  cli_run run;
  cli_args args = cli_args_of(&detect_command, &run, argc, argv);
  detect_cmd dc = {.base.run = &run, .top = 3, .zawgyi = -1};
  int opt;
  while ((opt = cli_next(&args)) >= 0) {
    char *end;
    long k = opt == OPT_TOP ? strtol(optarg, &end, 10) : 0;
    if (opt == OPT_TOP && (*optarg == 0 || *end != 0 || k < 1 || k > LOC_DETECT_MAX_TOP))
      return diag_usage("detect", "--top '%s': not a number from 1 to %d", optarg,
                        LOC_DETECT_MAX_TOP);
    if (opt == OPT_TOP)
      dc.top = (size_t)k;
  }
  if (opt == CLI_STOP)
    return args.status;
  dc.top_given = cli_flag(&args, OPT_TOP);
  dc.spans = cli_flag(&args, OPT_SPANS);
  dc.whole = cli_flag(&args, OPT_WHOLE);
  if (dc.spans && dc.whole)
    return diag_usage("detect", "--spans and --whole cannot be combined");
  const loc_detect_model *m = loc_detect_model_default();
  loc_status st = m ? loc_detector_new(m, &dc.det) : LOC_E_INTERNAL;
  if (st != LOC_OK) {
    return diag_lib_error("detect", st);
  }
  if (dc.whole)
    loc_detect_begin(dc.det);
  /* --whole folds every line into one detector: one thread. */
  par_job job = {.main = &dc, .state_size = sizeof(detect_cmd),
                 .shared_end = offsetof(detect_cmd, det),
                 .state_init = dc.whole ? NULL : detect_init, .state_fini = detect_fini,
                 .piece = detect_piece, .frame = true,
                 .utf8 = CLI_UTF8_REPORT | CLI_UTF8_REPAIR, .line_begin = begin_line,
                 .line_end = end_line, .finish = detect_finish};
  return run_job(&run, argc - optind, argv + optind, &job);
}

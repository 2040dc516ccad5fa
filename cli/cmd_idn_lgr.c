/* loc idn lgr / loc idn variants — RFC 7940 Label Generation Rulesets.
 *
 * One result per label, in input order. Labels come from the arguments or
 * one per line from standard input (only \n ends a line; a \r right before
 * it is dropped; nothing else is trimmed). The LGR is loaded once and
 * shared read-only; per-label work uses the state in lgr_job, so the
 * parallel core can run one per thread. */
#include "idn_lgr.h"

#include <errno.h>

enum { OPT_LGR = OPT_FIRST_COMMAND_OWN, OPT_MAX, OPT_AGAINST, OPT_VALIDATE, OPT_DERIVED_AGE,
       OPT_INCLUDE_INVALID };

static const char lgr_usage[] =
    "Usage: loc idn lgr --lgr FILE [--against REGISTERED] [--json] [LABEL...]\n"
    "       loc idn lgr --validate FILE [--derived-age PATH] [--json]\n"
    "Judges labels against an RFC 7940 Label Generation Ruleset: repertoire\n"
    "(longest sequence first), when/not-when contexts, then the LGR's actions in\n"
    "order and RFC 7940's default actions. LABELs come from the arguments, or one\n"
    "per line from standard input. A label is one U-label (no dots, no A-labels).\n"
    "\n"
    "Output, one line per label: LABEL<TAB>DISPOSITION<TAB>REASON<TAB>INDEX\n"
    "DISPOSITION is invalid, valid, blocked, allocatable or the LGR's own, or\n"
    "undefined-rule when judging the label needs a rule the LGR names but does not\n"
    "define; REASON names the code point and context rule, or the action, that\n"
    "decided; INDEX is the index label (RFC 7940 §8.5, the least over every split\n"
    "of the label), empty when the label is not in the repertoire.\n"
    "An LGR that names undefined rules or lists a code point twice is loaded, as\n"
    "ICANN's lgr-core loads it, with a warning per fault (FILE:LINE) on stderr.\n"
    "\n";

static const cli_opt lgr_opts[] = {
    {"lgr", OPT_LGR, " FILE",
     "the LGR (XML) to judge against"},
    {"against", OPT_AGAINST, " FILE",
     "registered names, one per line: a fifth column names the\n"
     "registered name whose index label equals the label's"},
    {"validate", OPT_VALIDATE, " FILE",
     "check the LGR itself instead: variant symmetry and\n"
     "transitivity, IDNA2008 status (chars whose reflexive\n"
     "variant type starts out-of-repertoire excepted) and\n"
     "Unicode version of the repertoire, unused rules, and\n"
     "every undefined rule and code point listed twice.\n"
     "Output CHECK<TAB>LINE<TAB>MESSAGE"},
    {"derived-age", OPT_DERIVED_AGE, " PATH",
     "DerivedAge.txt for --validate (default\n"
     "/usr/share/unicode/DerivedAge.txt; skipped when absent)"},
    {"json", OPT_JSON, NULL,
     "NDJSON: {\"input\":...,\"lgr\":{\"disposition\":...,\n"
     "\"reason\":...,\"index\":...}}"},
    {"jobs", 'j', " N",
     "accepted; labels are judged in one thread"},
    /* variants' options: accepted, for a message that names that command */
    {"max", OPT_MAX, " N", NULL},
    {"include-invalid", OPT_INCLUDE_INVALID, NULL, NULL},
    {0},
};
static const char lgr_notes[] =
    "\n"
    "Exit status: 0 all labels valid or allocatable (no problem found with\n"
    "--validate); 1 some label invalid, blocked, undefined-rule or colliding, a\n"
    "bad input line, or problems in the LGR; 2 usage error, unreadable or\n"
    "malformed LGR (with --validate too).\n";
static const cli_command lgr_command = {"idn lgr", lgr_usage, lgr_opts, lgr_notes, 22, 0, NULL};

static const char variants_usage[] =
    "Usage: loc idn variants --lgr FILE [--max N] [--include-invalid] [--json] [LABEL...]\n"
    "Lists the variant labels of each label under an RFC 7940 LGR, each with its\n"
    "disposition, over every way the label splits into repertoire elements; the\n"
    "label itself is not listed, nor (unless --include-invalid) variants whose\n"
    "disposition is invalid. LABELs come from the arguments, or one per line from\n"
    "standard input.\n"
    "\n"
    "Output per label: LABEL<TAB>DISPOSITION<TAB>REASON<TAB>INDEX<TAB>COUNT<TAB>\n"
    "complete|truncated, then one line <TAB>VARIANT<TAB>DISPOSITION per variant.\n"
    "COUNT is the exact number of variants listed, or, when truncated, ICANN\n"
    "lgr-core's estimate (the product of the choices at each position of the\n"
    "longest-match split, less the label; not a bound when the label splits in\n"
    "several ways), or 'overflow' when that product does not fit in 64 bits.\n"
    "A variant whose judgement needs a rule the LGR names but does not define has\n"
    "the disposition undefined-rule.\n"
    "\n";

static const cli_opt variants_opts[] = {
    {"lgr", OPT_LGR, " FILE",
     "the LGR (XML)"},
    {"max", OPT_MAX, " N",
     "list at most N variants (default 10000)"},
    {"include-invalid", OPT_INCLUDE_INVALID, NULL,
     "list invalid variants too"},
    {"json", OPT_JSON, NULL,
     "NDJSON: {\"input\":...,\"lgr\":{...},\"variants\":[{\"label\":\n"
     "...,\"disposition\":...}],\"count\":N|null,\n"
     "\"count_overflow\":false,\"truncated\":false}"},
    {"jobs", 'j', " N",
     "accepted; labels are handled in one thread"},
    /* lgr's options: accepted, for a message that names that command */
    {"against", OPT_AGAINST, " FILE", NULL},
    {"validate", OPT_VALIDATE, " FILE", NULL},
    {"derived-age", OPT_DERIVED_AGE, " PATH", NULL},
    {0},
};
static const char variants_notes[] =
    "\n"
    "Exit status: 0 done; 1 some label invalid or undefined-rule, or a bad input\n"
    "line; 2 usage error, unreadable or malformed LGR.\n";
static const cli_command variants_command = {"idn variants", variants_usage, variants_opts,
                                             variants_notes, 21, 0, NULL};

static void put_label_json(out_buf *o, const char *s, size_t len) {
  OUT_LIT(o, "{\"input\":");
  out_json_string(o, s, len);
  out_putc(o, ',');
}

void idn_lgr_one_label(lgr_job *j, const char *file, uint64_t line, const char *s, size_t len) {
  const lgr_shared *sh = j->sh;
  out_buf *o = j->out;
  idn_lgr_verdict v;
  if (len == 0)
    diag_at(j->run, file, line, 1, "empty label");
  else if (loc_utf8_valid_prefix(s, len) != len) {
    line_pos pos = {line, 0};
    report_invalid_utf8(j->run, file, &pos, 0, s, len);
  }
  idn_lgr_judge(sh->lgr, j->ctx, s, len, &v);
  if (sh->reg)
    idn_lgr_registry_find(sh->reg, &v);
  bool bad = strcmp(v.r.disposition, "invalid") == 0 || v.collides ||
             strcmp(v.r.disposition, "undefined-rule") == 0 ||
             (!sh->variants && strcmp(v.r.disposition, "blocked") == 0);
  if (bad)
    j->run->findings = true;
  if (!sh->variants) {
    if (j->run->json) {
      put_label_json(o, s, len);
      idn_lgr_put_json(o, &v, sh->reg != NULL);
      OUT_LIT(o, "}\n");
    } else {
      idn_lgr_put_field(o, s, len);
      out_putc(o, '\t');
      idn_lgr_put_tsv(o, &v);
      if (sh->reg) {
        out_putc(o, '\t');
        if (v.collides)
          idn_lgr_put_field(o, v.collides, v.collides_len);
      }
      out_putc(o, '\n');
    }
    return;
  }
  /* The verdict's strings live in the context; copy what the variant run
   * would overwrite (the index label). */
  char *index = NULL;
  if (v.index) {
    index = malloc(v.index_len + 1);
    if (index)
      memcpy(index, v.index, v.index_len);
    v.index = index;
  }
  if (loc_lgr_variants_ex(j->ctx, s, len, sh->max,
                          sh->include_invalid ? LOC_LGR_VARIANTS_WITH_INVALID : 0) != LOC_OK) {
    diag_fail(j->run, "%s:%llu: out of memory generating variants", file,
              (unsigned long long)line);
    free(index);
    return;
  }
  size_t n = loc_lgr_variant_count(j->ctx);
  uint64_t total = loc_lgr_variants_total(j->ctx);
  bool trunc = loc_lgr_variants_truncated(j->ctx);
  if (j->run->json) {
    put_label_json(o, s, len);
    idn_lgr_put_json(o, &v, false);
    OUT_LIT(o, ",\"variants\":[");
    for (size_t i = 0; i < n; i++) {
      const char *vl;
      size_t vn;
      const char *d = loc_lgr_variant_at(j->ctx, i, &vl, &vn);
      out_write(o, i ? ",{\"label\":" : "{\"label\":", i ? 10 : 9);
      out_json_string(o, vl, vn);
      OUT_LIT(o, ",\"disposition\":");
      out_json_string(o, d, strlen(d));
      out_putc(o, '}');
    }
    /* An estimate past 64 bits is said so, not clipped to a number. */
    if (total == UINT64_MAX)
      OUT_LIT(o, "],\"count\":null,\"count_overflow\":true");
    else
      out_printf(o, "],\"count\":%llu,\"count_overflow\":false", (unsigned long long)total);
    out_printf(o, ",\"truncated\":%s}\n", trunc ? "true" : "false");
  } else {
    idn_lgr_put_field(o, s, len);
    out_putc(o, '\t');
    idn_lgr_put_tsv(o, &v);
    if (total == UINT64_MAX)
      OUT_LIT(o, "\toverflow\ttruncated\n");
    else
      out_printf(o, "\t%llu\t%s\n", (unsigned long long)total, trunc ? "truncated" : "complete");
    for (size_t i = 0; i < n; i++) {
      const char *vl;
      size_t vn;
      const char *d = loc_lgr_variant_at(j->ctx, i, &vl, &vn);
      out_putc(o, '\t');
      idn_lgr_put_field(o, vl, vn);
      out_putc(o, '\t');
      out_write(o, d, strlen(d));
      out_putc(o, '\n');
    }
  }
  free(index);
}

static void too_long(lgr_job *j, const char *file, uint64_t line) {
  diag_at(j->run, file, line, 1, "line longer than %u bytes: not judged", LR_DEFAULT_BLOCK);
  idn_lgr_verdict v;
  idn_lgr_rejected(&v, "line too long");
  if (j->run->json) {
    OUT_LIT(j->out, "{\"input\":\"\",");
    idn_lgr_put_json(j->out, &v, j->sh->reg != NULL);
    static const char tail[] = ",\"variants\":[],\"count\":0,\"count_overflow\":false,"
                               "\"truncated\":false}\n";
    if (j->sh->variants)
      OUT_LIT(j->out, tail);
    else
      OUT_LIT(j->out, "}\n");
  } else {
    out_putc(j->out, '\t');
    idn_lgr_put_tsv(j->out, &v);
    out_write(j->out, j->sh->variants ? "\t0\tcomplete\n" : "\n", j->sh->variants ? 12 : 1);
  }
}

static bool labels_of_piece(cli_run *run, const char *file, const lr_piece *lp, void *user) {
  lgr_job *j = user;
  size_t len;
  if (lr_whole_line(lp, &len))
    idn_lgr_one_label(j, file, lp->line, lp->data, len);
  else if (lp->first)
    too_long(j, file, lp->line);
  return !j->out->error;
}

static void labels_of_input(cli_run *run, line_reader *r, void *user) {
  for_each_piece(run, r, labels_of_piece, user);
}

static void print_problem(const loc_lgr_problem *p, void *user) {
  lgr_job *j = user;
  if (j->run->json) {
    OUT_LIT(j->out, "{\"check\":");
    out_json_string(j->out, p->check, strlen(p->check));
    out_printf(j->out, ",\"line\":%d,\"codepoint\":", p->line);
    if (p->codepoint >= 0)
      out_printf(j->out, "\"U+%04X\"", (unsigned)p->codepoint);
    else
      OUT_LIT(j->out, "null");
    OUT_LIT(j->out, ",\"message\":");
    out_json_string(j->out, p->message, strlen(p->message));
    OUT_LIT(j->out, "}\n");
  } else {
    out_printf(j->out, "%s\t%d\t", p->check, p->line);
    idn_lgr_put_field(j->out, p->message, strlen(p->message));
    out_putc(j->out, '\n');
  }
}

static int run_command(int argc, char **argv, bool variants) {
  cli_run run;
  cli_args args = cli_args_of(variants ? &variants_command : &lgr_command, &run, argc, argv);
  const char *name = run.command;
  lgr_shared sh = {.variants = variants, .max = LOC_LGR_DEFAULT_MAX_VARIANTS};
  int opt;
  while ((opt = cli_next(&args)) >= 0) {
    switch (opt) {
    case OPT_MAX: {
      char *end;
      errno = 0;
      unsigned long m = strtoul(optarg, &end, 10);
      if (!variants)
        return diag_usage(name, "--max applies to 'loc idn variants'");
      if (optarg[0] < '1' || optarg[0] > '9' || *end || errno || m > 100000000)
        return diag_usage(name, "--max wants a number from 1 to 100000000, not '%s'", optarg);
      sh.max = m;
      break;
    }
    case OPT_INCLUDE_INVALID:
      if (!variants)
        return diag_usage(name, "--include-invalid applies to 'loc idn variants'");
      sh.include_invalid = true;
      break;
    case OPT_AGAINST:
    case OPT_VALIDATE:
    case OPT_DERIVED_AGE:
      if (variants)
        return diag_usage(name, "%s applies to 'loc idn lgr'", argv[optind - 1]);
      break;
    }
  }
  if (opt == CLI_STOP)
    return args.status;
  const char *lgr_path = cli_arg(&args, OPT_LGR), *against = cli_arg(&args, OPT_AGAINST);
  const char *validate = cli_arg(&args, OPT_VALIDATE);
  const char *derived_age = cli_arg(&args, OPT_DERIVED_AGE);
  if (validate && (lgr_path || against || optind < argc))
    return diag_usage(name, "--validate takes the LGR itself: no --lgr, --against or labels");
  if (!validate && lgr_path == NULL)
    return diag_usage(name, "missing --lgr FILE");
  loc_lgr *lgr = NULL;
  char *err = NULL;
  loc_status st = loc_lgr_new_file(validate ? validate : lgr_path, &lgr, &err);
  out_buf out;
  out_init(&out, 1);
  lgr_job job = {.sh = &sh, .run = &run, .out = &out};
  if (st != LOC_OK) {
    /* Unreadable or malformed (with --validate too): exit 2, the message
     * names the file and, when it is known, the line. */
    diag_fail(&run, "%s", err ? err : loc_status_message(st));
    free(err);
  } else if (validate) {
    size_t n = 0;
    loc_lgr_validate(lgr, derived_age, print_problem, &job, &n);
    run.findings = n > 0;
  } else {
    idn_lgr_print_warnings(lgr, lgr_path);
    sh.lgr = lgr;
    size_t skipped = 0;
    idn_lgr_registry *reg = NULL;
    if (against) {
      reg = idn_lgr_registry_load(&run, lgr, against, &skipped);
      if (reg && skipped)
        fprintf(stderr, "loc: %s: %zu name%s not in the LGR's repertoire, ignored\n", against,
                skipped, skipped == 1 ? "" : "s");
    }
    sh.reg = reg;
    if (!against || reg) {
      if (loc_lgr_ctx_new(lgr, &job.ctx) != LOC_OK) {
        diag_fail(&run, "out of memory");
      } else if (optind < argc) {
        for (int i = optind; i < argc && !out.error; i++)
          idn_lgr_one_label(&job, "<argument>", (uint64_t)(i - optind + 1), argv[i], strlen(argv[i]));
      } else {
        for_each_input(&run, 0, NULL, LR_DEFAULT_BLOCK, labels_of_input, &job);
      }
    }
    loc_lgr_ctx_free(job.ctx);
    idn_lgr_registry_free(reg);
  }
  int status = cli_close(&run, &out);
  loc_lgr_free(lgr);
  return status;
}

int cmd_idn_lgr(int argc, char **argv) { return run_command(argc, argv, false); }

int cmd_idn_variants(int argc, char **argv) { return run_command(argc, argv, true); }

/* loc translit: ICU transforms and the project's rule sets, line by line.
 *
 * Each line is transformed on its own (a transform never sees two lines at
 * once); the library cuts it only where the transform cannot see across. The compiled transform is shared and read-only; everything a line
 * changes lives in a translit_state, one per thread. */
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

enum {
  OPT_REVERSE = OPT_FIRST_COMMAND_OWN,
  OPT_LIST,
  OPT_RULES,
  OPT_WHOLE_LINES,
};

static const char translit_usage[] =
    "Usage: loc translit -t ID [--reverse] [--whole-lines] [--invalid=report|replace] [FILE...]\n"
    "       loc translit --rules RULESFILE [--reverse] [FILE...]\n"
    "       loc translit --list [--json]\n"
    "Transforms each line of text with an ICU transform (transliteration,\n"
    "romanization, case, normalization...). The project's own rule sets are\n"
    "registered under the standard <Script>-Latin IDs, so -t Any-Latin reaches\n"
    "Khmer, Lao, Tibetan, Sinhala and the other scripts ICU alone leaves as they\n"
    "are; with Any-Latin a Han character with no reading becomes {U+XXXX}.\n"
    "Every other ICU ID gives, line for line, what ICU's transform gives.\n"
    "\n";

static const cli_opt translit_opts[] = {
    {"transform", 't', " ID",
     "an ICU ID ('Any-Latin', 'Greek-Latin/UNGEGN'), a compound\n"
     "ID ('Any-Latin; Latin-ASCII'), a filtered ID\n"
     "('[:Cyrl:] Any-Latin') or inline rules ('a > b; ::Upper;')"},
    {"rules", OPT_RULES, " FILE",
     "compile the ICU transform rules in FILE instead"},
    {"reverse", OPT_REVERSE, NULL,
     "the inverse transform, where ICU has one"},
    {"whole-lines", OPT_WHOLE_LINES, NULL,
     "never cut a line (slower: text is otherwise cut at\n"
     "spaces the transform cannot see across, each word\n"
     "cached)"},
    {"list", OPT_LIST, NULL,
     "every available ID with a one-line description"},
    {"json", OPT_JSON, NULL,
     "with --list: {\"id\":...,\"description\":...} per line"},
    {"invalid", OPT_INVALID, "=MODE",
     "report (default): ill-formed UTF-8 is reported and\n"
     "copied through unchanged (exit 1); replace: U+FFFD"},
    {"jobs", 'j', " N",
     "N threads (0: one per core; default 1); output and\n"
     "diagnostics exactly as with 1"},
    {0},
};
static const cli_command translit_command = {"translit", translit_usage, translit_opts, NULL, 22,
                                             CLI_PARALLEL | CLI_SHORT_COLUMN, NULL};

/* What one thread needs: its context over the shared transform, output. */
typedef struct translit_state {
  cli_state base;         /* run, output, current line */
  loc_translit *t;        /* shared: contexts only read it */
  loc_translit_ctx *ctx;
} translit_state;

loc_status translit_write_piece(loc_translit_ctx *ctx, out_buf *o, const char *s, size_t len,
                                bool last, bool newline) {
  loc_status st = loc_translit_write(ctx, s, len, out_sink, o);
  /* The line break goes to the library too: rules see it after the line
   * (as in ICU's uconv); it comes back unchanged. */
  if (st == LOC_OK && last && newline)
    st = loc_translit_write(ctx, "\n", 1, out_sink, o);
  if (st == LOC_OK && last)
    st = loc_translit_finish(ctx, out_sink, o);
  return st;
}

/* One piece of a line (framed by the core: its UTF-8 reported or
 * repaired); the per-line work, reentrant over its state. */
static bool on_piece(cli_run *run, const char *file, const lr_piece *p, void *user) {
  translit_state *ts = user;
  loc_status st =
      translit_write_piece(ts->ctx, &ts->base.out, p->data, p->len, p->last, p->newline);
  if (st != LOC_OK)
    diag_fail(run, "%s:%llu: %s", file, (unsigned long long)p->line, loc_status_message(st));
  return true;
}

/* A worker's state: a context of its own over the shared transform. */
static bool translit_init(void *state) {
  translit_state *ts = state;
  return loc_translit_ctx_new(ts->t, &ts->ctx) == LOC_OK;
}

static void translit_fini(void *state) { loc_translit_ctx_free(((translit_state *)state)->ctx); }

/* ---------- --list ---------- */

static bool list_one(void *user, const char *id, const char *description) {
  out_buf *o = ((void **)user)[0];
  bool json = *(bool *)((void **)user)[1];
  if (json) {
    out_write(o, "{\"id\":", 6);
    out_json_string(o, id, strlen(id));
    out_write(o, ",\"description\":", 15);
    out_json_string(o, description, strlen(description));
    out_write(o, "}\n", 2);
  } else {
    out_printf(o, "%s\t%s\n", id, description);
  }
  return !o->error;
}

static int list_ids(bool json) {
  out_buf o;
  out_init(&o, 1);
  void *user[2] = {&o, &json};
  loc_status st = loc_translit_list(list_one, user);
  bool ok = out_flush(&o);
  out_free(&o);
  if (st != LOC_OK) {
    return diag_lib_error("translit", st);
  }
  if (!ok) {
    return EXIT_USAGE;
  }
  return EXIT_DONE;
}

/* ---------- opening the transform ---------- */

static int open_error(const char *where, loc_status st, const loc_translit_error *err) {
  if (st == LOC_E_TRANSFORM_RULES && err->line > 0)
    fprintf(stderr, "loc: %s:%u:%u: %s\n", where, err->line, err->column, err->message);
  else if (st == LOC_E_UNKNOWN_TRANSFORM || st == LOC_E_TRANSFORM_RULES)
    fprintf(stderr, "loc: translit: %s (see 'loc translit --list')\n", err->message);
  else
    return diag_lib_error("translit", st);
  return EXIT_USAGE;
}

int cmd_translit(int argc, char **argv) {
  cli_run run;
  cli_args args = cli_args_of(&translit_command, &run, argc, argv);
  if (!cli_parse(&args))
    return args.status;
  const char *id = cli_arg(&args, 't'), *rules_path = cli_arg(&args, OPT_RULES);
  unsigned flags = (cli_flag(&args, OPT_REVERSE) ? LOC_TRANSLIT_REVERSE : 0) |
                   (cli_flag(&args, OPT_WHOLE_LINES) ? LOC_TRANSLIT_LINES : 0);
  bool list = cli_flag(&args, OPT_LIST);
  if (list) {
    if (id != NULL || rules_path != NULL || optind < argc)
      return diag_usage("translit", "--list takes no transform and no FILE");
    return list_ids(run.json);
  }
  if (run.json)
    return diag_usage("translit", "--json goes with --list (text output is text)");
  if ((id == NULL) == (rules_path == NULL))
    return diag_usage("translit", "give one of -t ID or --rules FILE");

  loc_translit *t = NULL;
  loc_translit_error err;
  loc_status st;
  if (rules_path != NULL) {
    size_t len = 0;
    char *rules = cli_read_file(rules_path, (size_t)64 << 20, &len);
    if (rules == NULL) {
      fprintf(stderr, "loc: %s: %s\n", rules_path, strerror(errno));
      return EXIT_USAGE;
    }
    st = loc_translit_new_rules(rules, len, flags, &t, &err);
    free(rules);
  } else {
    st = loc_translit_new(id, flags, &t, &err);
  }
  if (st != LOC_OK)
    return open_error(rules_path ? rules_path : "translit: -t", st, &err);

  translit_state ts = {.base.run = &run, .t = t};
  st = loc_translit_ctx_new(t, &ts.ctx);
  if (st != LOC_OK) {
    loc_translit_free(t);
    return diag_lib_error("translit", st);
  }
  par_job job = {.main = &ts, .state_size = sizeof(translit_state),
                 .shared_end = offsetof(translit_state, ctx), .state_init = translit_init,
                 .state_fini = translit_fini, .piece = on_piece, .frame = true,
                 .utf8 = CLI_UTF8_REPORT | CLI_UTF8_REPAIR, .isolate = true};
  int status = run_job(&run, argc - optind, argv + optind, &job);
  loc_translit_free(t);
  return status;
}

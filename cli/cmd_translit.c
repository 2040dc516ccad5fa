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

static const char help_text[] =
    "Usage: loc translit -t ID [--reverse] [--whole-lines] [--invalid=report|replace] [FILE...]\n"
    "       loc translit --rules RULESFILE [--reverse] [FILE...]\n"
    "       loc translit --list [--json]\n"
    "Transforms each line of text with an ICU transform (transliteration,\n"
    "romanization, case, normalization...). The project's own rule sets are\n"
    "registered under the standard <Script>-Latin IDs, so -t Any-Latin reaches\n"
    "Khmer, Lao, Tibetan, Sinhala and the other scripts ICU alone leaves as they\n"
    "are; with Any-Latin a Han character with no reading becomes {U+XXXX}.\n"
    "Every other ICU ID gives, line for line, what ICU's transform gives.\n"
    "\n"
    "  -t, --transform ID  an ICU ID ('Any-Latin', 'Greek-Latin/UNGEGN'), a compound\n"
    "                      ID ('Any-Latin; Latin-ASCII'), a filtered ID\n"
    "                      ('[:Cyrl:] Any-Latin') or inline rules ('a > b; ::Upper;')\n"
    "      --rules FILE    compile the ICU transform rules in FILE instead\n"
    "      --reverse       the inverse transform, where ICU has one\n"
    "      --whole-lines   never cut a line (slower: text is otherwise cut at\n"
    "                      spaces the transform cannot see across, each word\n"
    "                      cached)\n"
    "      --list          every available ID with a one-line description\n"
    "      --json          with --list: {\"id\":...,\"description\":...} per line\n"
    "  --invalid=MODE      report (default): ill-formed UTF-8 is reported and\n"
    "                      copied through unchanged (exit 1); replace: U+FFFD\n"
    "  -j, --jobs N        N threads (0: one per core; default 1); output and\n"
    "                      diagnostics exactly as with 1\n"
    "  --progress          a status line on stderr even when it is no terminal\n"
    "  -h, --help          this text\n";

/* What one thread needs: its context over the shared transform, output. */
typedef struct translit_state {
  cli_state base;         /* run, output, current line */
  loc_translit *t;        /* shared: contexts only read it */
  loc_translit_ctx *ctx;
  char *rbuf;           /* --invalid=replace: the repaired piece */
  size_t rcap;
} translit_state;

static loc_status sink_out(void *user, const char *data, size_t len) {
  out_write(user, data, len);
  return LOC_OK;
}

static const char *repaired(translit_state *ts, const char *s, size_t len,
                            size_t *out_len) {
  return utf8_repaired(&ts->rbuf, &ts->rcap, s, len, out_len);
}

loc_status translit_write_piece(loc_translit_ctx *ctx, out_buf *o, const char *s, size_t len,
                               bool last, bool newline) {
  loc_status st = loc_translit_write(ctx, s, len, sink_out, o);
  /* The line break goes to the library too: rules see it after the line
   * (as in ICU's uconv); it comes back unchanged. */
  if (st == LOC_OK && last && newline)
    st = loc_translit_write(ctx, "\n", 1, sink_out, o);
  if (st == LOC_OK && last)
    st = loc_translit_finish(ctx, sink_out, o);
  return st;
}

/* One piece of a line: the per-line work, reentrant over its state. */
static void translit_piece(translit_state *ts, const char *file, const lr_piece *p) {
  if (p->first) {
    ts->base.pos.line = p->line;
    ts->base.pos.chars = 0;
    ts->base.line_open = true;
  }
  const char *s = p->data;
  size_t len = p->len;
  if (ts->base.run->invalid == INVALID_REPLACE) {
    s = repaired(ts, s, len, &len);
    if (s == NULL) {
      diag_fail(ts->base.run, "%s: out of memory", file);
      return;
    }
  } else {
    report_invalid_utf8(ts->base.run, file, &ts->base.pos, p->offset, s, len);
  }
  loc_status st = translit_write_piece(ts->ctx, &ts->base.out, s, len, p->last, p->newline);
  if (st != LOC_OK)
    diag_fail(ts->base.run, "%s:%llu: %s", file, (unsigned long long)p->line,
              loc_status_message(st));
  if (p->last) {
    ts->base.line_open = false;
  } else {
    ts->base.pos.chars += loc_utf8_count_chars(p->data, p->len);
  }
}

static bool on_piece(cli_run *run, const char *file, const lr_piece *p, void *user) {
  (void)run;
  translit_state *ts = user;
  translit_piece(ts, file, p);
  return !ts->base.out.error;
}

/* After each input, on the main state: a line a read error left open. */
static void on_end_input(cli_run *run, const char *file, void *main) {
  (void)run;
  (void)file;
  translit_state *ts = main;
  if (ts->base.line_open)
    loc_translit_finish(ts->ctx, sink_out, &ts->base.out);
  ts->base.line_open = false;
}

/* A worker's state: a context of its own over the shared transform. */
static bool translit_init(void *state, const void *main) {
  const translit_state *m = main;
  translit_state *ts = state;
  ts->t = m->t;
  return !(loc_translit_ctx_new(ts->t, &ts->ctx) != LOC_OK);
}

static void translit_fini(void *state) {
  translit_state *ts = state;
  loc_translit_ctx_free(ts->ctx);
  free(ts->rbuf);
}

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

/* Reads a rules file whole (rules are small). NULL after a diagnostic. */
static char *read_rules(const char *path, size_t *len) {
  int fd = open(path, O_RDONLY);
  if (fd < 0) {
    fprintf(stderr, "loc: %s: %s\n", path, strerror(errno));
    return NULL;
  }
  size_t cap = 1 << 14, n = 0;
  char *buf = malloc(cap);
  while (buf != NULL) {
    if (n == cap) {
      char *g = cap < ((size_t)64 << 20) ? realloc(buf, cap *= 2) : NULL;
      if (g == NULL) {
        free(buf);
        buf = NULL;
        break;
      }
      buf = g;
    }
    ssize_t got = read(fd, buf + n, cap - n);
    if (got < 0 && errno == EINTR)
      continue;
    if (got < 0) {
      fprintf(stderr, "loc: %s: %s\n", path, strerror(errno));
      free(buf);
      buf = NULL;
      break;
    }
    if (got == 0)
      break;
    n += (size_t)got;
  }
  close(fd);
  if (buf == NULL)
    return NULL;
  *len = n;
  return buf;
}

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
  static const struct option longopts[] = {
      {"transform", required_argument, NULL, 't'},
      {"rules", required_argument, NULL, OPT_RULES},
      {"reverse", no_argument, NULL, OPT_REVERSE},
      {"whole-lines", no_argument, NULL, OPT_WHOLE_LINES},
      {"list", no_argument, NULL, OPT_LIST},
      {"json", no_argument, NULL, OPT_JSON},
      COMMON_LONG_OPTIONS,
      PROGRESS_LONG_OPTION,
      {NULL, 0, NULL, 0},
  };
  cli_run run = {.command = "translit", .invalid = INVALID_REPORT, .jobs = 1};
  const char *id = NULL, *rules_path = NULL;
  unsigned flags = 0;
  bool list = false;
  int opt;
  optind = 1;
  opterr = 0;
  while ((opt = getopt_long(argc, argv, ":ht:j:", longopts, NULL)) != -1) {
    switch (opt) {
    case 't':
      id = optarg;
      break;
    case OPT_RULES:
      rules_path = optarg;
      break;
    case OPT_REVERSE:
      flags |= LOC_TRANSLIT_REVERSE;
      break;
    case OPT_WHOLE_LINES:
      flags |= LOC_TRANSLIT_LINES;
      break;
    case OPT_LIST:
      list = true;
      break;
    default:
      if ((opt = cli_option(&run, opt, optarg, help_text, argv)) != CLI_NEXT_OPTION)
        return opt;
    }
  }
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
    char *rules = read_rules(rules_path, &len);
    if (rules == NULL)
      return EXIT_USAGE;
    st = loc_translit_new_rules(rules, len, flags, &t, &err);
    free(rules);
  } else {
    st = loc_translit_new(id, flags, &t, &err);
  }
  if (st != LOC_OK)
    return open_error(rules_path ? rules_path : "translit: -t", st, &err);

  translit_state ts = {.base.run = &run, .t = t};
  out_init(&ts.base.out, 1);
  st = loc_translit_ctx_new(t, &ts.ctx);
  if (st != LOC_OK) {
    loc_translit_free(t);
    return diag_lib_error("translit", st);
  }
  par_job job = {.main = &ts, .state_size = sizeof(translit_state), .state_init = translit_init,
                 .state_fini = translit_fini, .piece = on_piece, .end_input = on_end_input,
                 .isolate = true};
  run_lines(&run, argc - optind, argv + optind, LR_DEFAULT_BLOCK, &job);
  if (!out_flush(&ts.base.out))
    diag_fail(&run, "standard output: write error");
  out_free(&ts.base.out);
  translit_fini(&ts);
  loc_translit_free(t);
  return cli_exit_status(&run);
}

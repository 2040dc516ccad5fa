/* loc normalize: Unicode normalization of text files, line structure kept.
 *
 * Speed comes from working on whole reader chunks (up to 1 MiB of complete
 * lines) rather than lines: '\n' is always a normalization boundary, so a
 * chunk normalizes exactly as its lines would one by one. A valid chunk that
 * is already normalized is written straight from the read buffer. Only
 * chunks with invalid UTF-8 fall back to line-by-line handling. A line longer
 * than the reader's block arrives in pieces and goes through a
 * loc_normalize_stream, so memory stays bounded. */
#include "cli.h"

/* The hot path uses the library's normalizer object (the "advanced" calls
 * of normalize.h): the chunk is validated once here, so the plain calls,
 * which must validate their input again, are kept for invalid lines. */

typedef struct norm_cmd {
  cli_state base;          /* run, output, current line; base.rbuf: --invalid=replace */
  /* configuration, copied to the workers */
  loc_normalize_form form;
  const loc_normalizer *norm; /* for form; shared by the threads */
  bool check;
  /* each state's own */
  char *buf;              /* reused normalization output */
  size_t cap;
  /* the long line in progress, if any */
  loc_normalize_stream *stream;
  uint64_t bytes;         /* its bytes handed out so far */
  /* --check of a long line: input not yet matched against the output */
  char *pend;
  size_t pend_len, pend_cap;
  uint64_t matched_chars; /* characters of the line known unchanged */
  bool differs;           /* already reported */
  bool in_long;           /* a long line is open in the stream */
  const char *file;
} norm_cmd;

static const char *form_upper(loc_normalize_form f) {
  static const char *const names[] = {"NFC", "NFD", "NFKC", "NFKD", "NFKC_Casefold"};
  return (unsigned)f < LOC_NORMALIZE_FORM_COUNT_ ? names[f] : "?";
}

static bool grow(char **p, size_t *cap, size_t need) {
  return cli_grow((void **)p, cap, need, 1, 1 << 16);
}

static void lib_failure(norm_cmd *nc, loc_status st) {
  diag_fail(nc->base.run, "%s: %s", nc->file, loc_status_message(st));
}

/* Normalizes valid-or-not text into nc->buf and writes it. */
static void write_normalized(norm_cmd *nc, const char *s, size_t len) {
  bool same;
  loc_status st = loc_normalize_check(nc->form, s, len, &same);
  if (st == LOC_OK && same) {
    out_write(&nc->base.out, s, len);
    return;
  }
  size_t got = 0;
  if (st == LOC_OK)
    st = loc_normalize(nc->form, s, len, nc->buf, nc->cap, &got);
  if (st == LOC_E_BUFFER_TOO_SMALL) {
    if (!grow(&nc->buf, &nc->cap, got))
      st = LOC_E_NO_MEMORY;
    else
      st = loc_normalize(nc->form, s, len, nc->buf, nc->cap, &got);
  }
  if (st != LOC_OK) {
    lib_failure(nc, st);
    return;
  }
  out_write(&nc->base.out, nc->buf, got);
}

/* Valid UTF-8 of at most a reader block: already normalized text is
 * written from the read buffer itself. */
static void write_valid_part(norm_cmd *nc, const char *s, size_t len);

/* Sub-blocks of about this size keep input and output in the L2 cache. */
#define PART ((size_t)64 << 10)

static void write_valid(norm_cmd *nc, const char *s, size_t len) {
  while (len > PART) {
    const char *nl = memchr(s + PART, '\n', len - PART);
    if (nl == NULL)
      break;
    size_t n = (size_t)(nl - s) + 1;
    write_valid_part(nc, s, n);
    s += n;
    len -= n;
  }
  write_valid_part(nc, s, len);
}

/* No separate quick check here: the chunk already failed one, and ICU's
 * normalizeUTF8 copies the unchanged spans itself, so checking each part
 * first would read most of it twice. */
static void write_valid_part(norm_cmd *nc, const char *s, size_t len) {
  size_t got = 0;
  loc_status st = loc_normalizer_normalize_valid(nc->norm, s, len, nc->buf, nc->cap, &got);
  if (st == LOC_E_BUFFER_TOO_SMALL) {
    if (!grow(&nc->buf, &nc->cap, got))
      st = LOC_E_NO_MEMORY;
    else
      st = loc_normalizer_normalize_valid(nc->norm, s, len, nc->buf, nc->cap, &got);
  }
  if (st != LOC_OK) {
    lib_failure(nc, st);
    return;
  }
  out_write(&nc->base.out, nc->buf, got);
}

/* With --invalid=replace: U+FFFD per maximal subpart into nc->base.rbuf. */
static bool replace(norm_cmd *nc, const char *s, size_t len, size_t *out_len) {
  loc_status st = loc_utf8_replace(s, len, nc->base.rbuf, nc->base.rcap, out_len);
  if (st == LOC_E_BUFFER_TOO_SMALL) {
    if (!grow(&nc->base.rbuf, &nc->base.rcap, *out_len)) {
      lib_failure(nc, LOC_E_NO_MEMORY);
      return false;
    }
    st = loc_utf8_replace(s, len, nc->base.rbuf, nc->base.rcap, out_len);
  }
  if (st != LOC_OK) {
    lib_failure(nc, st);
    return false;
  }
  return true;
}

/* --check of complete lines s[0..len), the first being line @line. */
static void check_lines(norm_cmd *nc, const char *s, size_t len, uint64_t line) {
  bool same;
  loc_status st = loc_normalizer_check_valid(nc->norm, s, len, &same);
  if (st == LOC_OK && same)
    return;
  const char *end = s + len;
  for (; s < end; line++) {
    const char *nl = memchr(s, '\n', (size_t)(end - s));
    size_t n = nl ? (size_t)(nl - s) : (size_t)(end - s);
    size_t prefix;
    st = loc_normalize_unchanged_prefix(nc->form, s, n, &prefix);
    if (st != LOC_OK) {
      lib_failure(nc, st);
      return;
    }
    if (prefix < n)
      diag_at(nc->base.run, nc->file, line, loc_utf8_count_chars(s, prefix) + 1,
              "not in %s", form_upper(nc->form));
    s += n + (nl != NULL);
  }
}

/* One line (or the last line without '\n') that holds invalid UTF-8. */
static void invalid_line(norm_cmd *nc, const char *s, size_t len, uint64_t line) {
  if (nc->base.run->invalid == INVALID_REPLACE) {
    size_t n;
    if (!replace(nc, s, len, &n))
      return;
    if (nc->check)
      check_lines(nc, nc->base.rbuf, n, line);
    else
      write_normalized(nc, nc->base.rbuf, n);
    return;
  }
  line_pos pos = {line, 0};
  report_invalid_utf8(nc->base.run, nc->file, &pos, 0, s, len);
  if (!nc->check)
    out_write(&nc->base.out, s, len);
}

/* Complete lines s[0..len) starting at line @line. */
static void lines(norm_cmd *nc, const char *s, size_t len, uint64_t line) {
  /* Most chunks are valid and already normalized: one pass decides it. */
  if (loc_normalizer_quick_prefix(nc->norm, s, len) == len) {
    if (!nc->check)
      out_write(&nc->base.out, s, len);
    return;
  }
  while (len > 0) {
    size_t v = loc_utf8_valid_prefix(s, len);
    /* The valid lines before the first error go as one block. */
    size_t block = v;
    if (v < len) {
      const char *nl = v ? memrchr(s, '\n', v) : NULL;
      block = nl ? (size_t)(nl - s) + 1 : 0;
    }
    if (block > 0) {
      if (nc->check)
        check_lines(nc, s, block, line);
      else
        write_valid(nc, s, block);
      if (block == len)
        break;
      const char *p = s, *end = s + block;
      while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
        line++;
        p++;
      }
      s += block;
      len -= block;
    }
    if (len == 0)
      break;
    const char *nl = memchr(s, '\n', len);
    size_t n = nl ? (size_t)(nl - s) + 1 : len;
    invalid_line(nc, s, n, line);
    s += n;
    len -= n;
    line++;
  }
}

/* ---------- long lines ---------- */

static loc_status sink_out(void *user, const char *data, size_t len) {
  norm_cmd *nc = user;
  out_write(&nc->base.out, data, len);
  return LOC_OK;
}

/* --check: the stream's output must repeat the pending input exactly. */
static loc_status sink_compare(void *user, const char *data, size_t len) {
  norm_cmd *nc = user;
  if (nc->differs)
    return LOC_OK;
  size_t n = len < nc->pend_len ? len : nc->pend_len;
  size_t same = 0;
  while (same < n && data[same] == nc->pend[same])
    same++;
  if (same < len) {
    /* The output starts at a boundary, so the prefix of the pending input
     * gives the same column as check_lines does for short lines. */
    size_t prefix = 0;
    loc_status st = loc_normalize_unchanged_prefix(nc->form, nc->pend, nc->pend_len, &prefix);
    if (st != LOC_OK)
      return st;
    diag_at(nc->base.run, nc->file, nc->base.pos.line,
            nc->matched_chars + loc_utf8_count_chars(nc->pend, prefix) + 1,
            "not in %s", form_upper(nc->form));
    nc->differs = true;
    return LOC_OK;
  }
  nc->matched_chars += loc_utf8_count_chars(nc->pend, len);
  memmove(nc->pend, nc->pend + len, nc->pend_len - len);
  nc->pend_len -= len;
  return LOC_OK;
}

/* A piece of a line longer than the reader's block; @last ends the line. */
static void long_piece(norm_cmd *nc, const char *s, size_t len, uint64_t line,
                       bool first, bool last) {
  if (first) {
    nc->base.pos.line = line;
    nc->base.pos.chars = 0;
    nc->bytes = 0;
    nc->pend_len = 0;
    nc->matched_chars = 0;
    nc->differs = false;
  }
  const char *text = s;
  size_t n = len;
  if (nc->base.run->invalid == INVALID_REPLACE) {
    if (!replace(nc, s, len, &n))
      return;
    text = nc->base.rbuf;
  } else {
    /* A long line cannot be held back whole: its bad bytes are reported
     * and copied through, the valid text around them still normalized. */
    report_invalid_utf8(nc->base.run, nc->file, &nc->base.pos, nc->bytes, s, len);
  }
  nc->base.pos.chars += loc_utf8_count_chars(s, len);
  nc->bytes += len;
  loc_sink_fn sink = sink_out;
  if (nc->check) {
    if (!nc->differs) {
      if (!grow(&nc->pend, &nc->pend_cap, nc->pend_len + n)) {
        lib_failure(nc, LOC_E_NO_MEMORY);
        return;
      }
      memcpy(nc->pend + nc->pend_len, text, n);
      nc->pend_len += n;
    }
    sink = sink_compare;
  }
  loc_status st = loc_normalize_stream_write(nc->stream, text, n, sink, nc);
  if (st == LOC_OK && last)
    st = loc_normalize_stream_finish(nc->stream, sink, nc);
  nc->in_long = !last;
  if (st != LOC_OK)
    lib_failure(nc, st);
}

/* One chunk of whole lines, possibly with the pieces of long lines at its
 * ends (see lr_chunk). */
static bool normalize_chunk(cli_run *run, const char *file, const lr_chunk *c, void *user) {
  (void)run;
  norm_cmd *nc = user;
  nc->file = file;
  const char *s = c->data, *end = c->data + c->len;
  uint64_t line = c->line;
  if (c->line_offset > 0) { /* the rest of a long line */
    const char *nl = memchr(s, '\n', c->len);
    size_t n = nl ? (size_t)(nl - s) + 1 : c->len;
    long_piece(nc, s, n, line, false, nl != NULL || !c->open_end);
    s += n;
    if (nl)
      line++;
  }
  if (s == end)
    return true;
  const char *tail = end;
  if (c->open_end) { /* a long line starts after the last '\n' */
    const char *nl = memrchr(s, '\n', (size_t)(end - s));
    tail = nl ? nl + 1 : s;
  }
  if (tail > s)
    lines(nc, s, (size_t)(tail - s), line);
  if (tail < end) {
    for (const char *p = s; (p = memchr(p, '\n', (size_t)(tail - p))) != NULL; p++)
      line++;
    long_piece(nc, tail, (size_t)(end - tail), line, true, false);
  }
  return true;
}

/* A long line that fills the block exactly ends with the input. */
static void normalize_end(cli_run *run, const char *file, void *user) {
  (void)run;
  norm_cmd *nc = user;
  nc->file = file;
  if (nc->in_long)
    long_piece(nc, "", 0, nc->base.pos.line, false, true);
  nc->in_long = false;
}

static void norm_fini(void *user) {
  norm_cmd *nc = user;
  loc_normalize_stream_free(nc->stream);
  free(nc->buf);
  free(nc->pend);
}

/* A worker's state: the same form and normalizer (copied), its own
 * stream and buffers. */
static bool norm_init(void *state) {
  norm_cmd *nc = state;
  return loc_normalize_stream_new(nc->form, &nc->stream) == LOC_OK;
}

enum { OPT_CHECK = OPT_FIRST_COMMAND_OWN };

static const char normalize_usage[] =
    "Usage: loc normalize [-f nfc|nfd|nfkc|nfkd|nfkc_cf] [--check]\n"
    "                     [--invalid=report|replace] [-j N] [--progress] [FILE...]\n"
    "Writes the text of each FILE (or standard input) in a Unicode\n"
    "normalization form; line structure is kept byte for byte.\n"
    "\n";

static const cli_opt normalize_opts[] = {
    {"form", 'f', " FORM",
     "nfc (default), nfd, nfkc, nfkd or nfkc_cf\n"
     "(NFKC_Casefold)"},
    {"check", OPT_CHECK, NULL,
     "write no text; report each line not in FORM as\n"
     "'loc: FILE:LINE:COL: not in NFC' (exit 1 if any)"},
    {"invalid", OPT_INVALID, "=report|replace",
     "\n"
     "invalid UTF-8: report it and copy the line through\n"
     "(default, exit 1), or replace each maximal\n"
     "subpart with U+FFFD and normalize, silently"},
    {"jobs", 'j', " N",
     "N threads (0: one per core; default 1); output\n"
     "and diagnostics in input order, as with 1"},
    {0},
};
static const cli_command normalize_command = {"normalize", normalize_usage, normalize_opts, NULL,
                                              20, CLI_PARALLEL | CLI_SHORT_COLUMN, NULL};

int cmd_normalize(int argc, char **argv) {
  cli_run run;
  cli_args args = cli_args_of(&normalize_command, &run, argc, argv);
  norm_cmd nc = {.base.run = &run, .form = LOC_NORMALIZE_NFC};
  int opt;
  while ((opt = cli_next(&args)) >= 0)
    if (opt == 'f' && loc_normalize_form_parse(optarg, &nc.form) != LOC_OK)
      return diag_usage("normalize", "unknown form '%s' (nfc, nfd, nfkc, nfkd, nfkc_cf)",
                        optarg);
  if (opt == CLI_STOP)
    return args.status;
  nc.check = cli_flag(&args, OPT_CHECK);
  loc_normalizer *norm = NULL;
  loc_status st = loc_normalize_stream_new(nc.form, &nc.stream);
  if (st == LOC_OK)
    st = loc_normalizer_new(nc.form, &norm);
  if (st != LOC_OK) {
    loc_normalize_stream_free(nc.stream);
    return diag_lib_error("normalize", st);
  }
  nc.norm = norm;
  par_job job = {.main = &nc, .state_size = sizeof(norm_cmd),
                 .shared_end = offsetof(norm_cmd, buf), .state_init = norm_init,
                 .state_fini = norm_fini, .chunk = normalize_chunk, .end_input = normalize_end};
  int status = run_job(&run, argc - optind, argv + optind, &job);
  loc_normalizer_free(norm);
  return status;
}

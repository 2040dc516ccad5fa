/* loc convert: byte encodings through the library's streaming converter
 * (encoding.h), and the legacy pseudo-encodings of the library (Zawgyi,
 * font hacks) line by line.
 *
 * Byte encodings stream in fixed blocks, so memory is bounded whatever the
 * input and however long its lines; the converter tells where each bad byte
 * sequence and each unmappable character is, and writes the substitute. */
#include "cli.h"

#include <errno.h>
#include <strings.h>
#include <unistd.h>

/* ---------- byte encodings ---------- */

enum { BLOCK = 64 << 10 };

typedef struct byte_cmd {
  cli_run *run;
  loc_encoding_conv *conv;
  const char *from_name, *to_name; /* as the user wrote them, for messages */
  out_buf out;
  const char *file;
  char in[BLOCK];
} byte_cmd;

static loc_status byte_sink(void *user, const char *data, size_t len) {
  byte_cmd *bc = user;
  out_write(&bc->out, data, len);
  return LOC_OK;
}

static loc_status byte_problem(void *user, const loc_encoding_problem *p) {
  byte_cmd *bc = user;
  if (bc->run->invalid != INVALID_REPORT)
    return LOC_OK;
  if (p->kind == LOC_ENCODING_UNMAPPABLE) {
    diag_at(bc->run, bc->file, p->line, p->column, "U+%04X cannot be written in %s",
            (unsigned)p->code_point, bc->to_name);
    return LOC_OK;
  }
  char hex[32 * 5 + 1];
  size_t h = 0;
  for (size_t i = 0; i < p->n_bytes && i < 32; i++)
    h += (size_t)snprintf(hex + h, sizeof hex - h, "%s0x%02X", i ? " " : "", p->bytes[i]);
  hex[h] = '\0';
  diag_at(bc->run, bc->file, p->line, p->column, "invalid %s: byte%s %s at byte offset %llu",
          bc->from_name, p->n_bytes > 1 ? "s" : "", hex, (unsigned long long)p->line_offset);
  return LOC_OK;
}

static void byte_input(cli_run *run, line_reader *r, void *user) {
  byte_cmd *bc = user;
  bc->file = r->name;
  loc_encoding_conv_reset(bc->conv);
  for (;;) {
    size_t n = 0;
    bool eof = false;
    while (n < BLOCK) {
      ssize_t got = read(r->fd, bc->in + n, BLOCK - n);
      if (got < 0 && errno == EINTR)
        continue;
      if (got < 0) {
        diag_fail(run, "%s: %s", r->name, strerror(errno));
        return;
      }
      if (got == 0) {
        eof = true;
        break;
      }
      n += (size_t)got;
    }
    loc_status st = loc_encoding_conv_write(bc->conv, bc->in, n, eof, byte_sink,
                                            byte_problem, bc);
    if (st != LOC_OK) {
      diag_fail(run, "%s: %s -> %s: %s", r->name, bc->from_name, bc->to_name,
                loc_status_message(st));
      return;
    }
    if (eof)
      break;
  }
}

static int byte_convert(cli_run *run, const char *from, const char *to, int argc,
                        char **argv) {
  byte_cmd *bc = calloc(1, sizeof *bc);
  if (bc == NULL) {
    fprintf(stderr, "loc: convert: out of memory\n");
    return EXIT_USAGE;
  }
  bc->run = run;
  bc->from_name = from;
  bc->to_name = to;
  loc_status st = loc_encoding_conv_new(from, to, &bc->conv);
  if (st == LOC_E_UNSUPPORTED) {
    free(bc);
    /* Which of the two: the one that does not convert to itself. */
    loc_encoding_conv *probe = NULL;
    bool from_known = loc_encoding_conv_new(from, from, &probe) == LOC_OK;
    loc_encoding_conv_free(probe);
    return diag_usage("convert", "unknown encoding '%s' (see 'loc convert --list')",
                      from_known ? to : from);
  }
  if (st != LOC_OK) {
    free(bc);
    return diag_lib_error("convert", st);
  }
  out_init(&bc->out, 1);
  for_each_input(run, argc, argv, 64, byte_input, bc);
  if (!out_flush(&bc->out))
    diag_fail(run, "standard output: write error");
  out_free(&bc->out);
  loc_encoding_conv_free(bc->conv);
  free(bc);
  return cli_exit_status(run);
}

/* ---------- --list ---------- */

static const char *legacy_description(loc_legacy_encoding enc) {
  switch (enc) {
  case LOC_LEGACY_ZAWGYI:
    return "Burmese in Zawgyi-One code points <-> Unicode, ICU Zawgyi-my / my-Zawgyi";
  case LOC_LEGACY_KRUTIDEV:
    return "Hindi in the Kruti Dev 010 font's windows-1252 slots <-> Unicode";
  case LOC_LEGACY_BIJOY:
    return "Bengali in the Bijoy / SutonnyMJ font's windows-1252 slots <-> Unicode";
  default:
    return "";
  }
}

static int list_encodings(void) {
  out_buf o;
  out_init(&o, 1);
  size_t n = loc_encoding_count();
  for (size_t i = 0; i < n; i++) {
    const char *name = loc_encoding_name(i);
    out_printf(&o, "%s", name);
    size_t na = loc_encoding_alias_count(i);
    bool first = true;
    for (size_t a = 0; a < na; a++) {
      const char *alias = loc_encoding_alias(i, a);
      if (alias && strcmp(alias, name) != 0) {
        out_printf(&o, "%s%s", first ? "\t" : " ", alias);
        first = false;
      }
    }
    out_putc(&o, '\n');
  }
  for (int i = 0; i < LOC_LEGACY_COUNT_; i++)
    out_printf(&o, "%s\t(legacy, line by line: %s)\n", loc_legacy_encoding_name(i),
               legacy_description(i));
  bool ok = out_flush(&o);
  out_free(&o);
  return ok ? EXIT_DONE : EXIT_USAGE;
}

/* ---------- legacy pseudo-encodings, line by line ---------- */

enum { CTX_MAX = 256 };

/* One per thread: the converter and buffers are its own. */
struct legacy_cmd {
  cli_run *run;
  loc_legacy_encoding enc;
  loc_legacy_direction dir;
  bool only_detected;    /* --if-zawgyi, --if-detected */
  loc_legacy_conv *conv;
  out_buf out;
  char *buf, *rep, *carry, *joined, *ctx_out;
  size_t cap, rep_cap, carry_len, carry_cap, joined_cap, ctx_out_cap;
  /* the last word (and its space) of the line's previous cut */
  char ctx[CTX_MAX];
  size_t ctx_len;
  /* the line in progress */
  bool convert_line;
  line_pos pos;
  uint64_t bytes;
};

static bool grow(char **p, size_t *cap, size_t need) {
  return cli_grow((void **)p, cap, need, 1, 1 << 12);
}

/* "Calls it Zawgyi" means myanmar-tools' own threshold; the font-hack
 * detectors use the same one. */
static bool detected(legacy_cmd *lc, const char *s, size_t n) {
  double p;
  return loc_legacy_probability(lc->enc, s, n, &p) == LOC_OK && p > 0.95;
}

enum { PART = 64 << 10 };

/* A line is converted in cuts after a space, where no reordering rule
 * reaches across (a font hack's ASCII letters can be one syllable, so any
 * other ASCII byte would not do). 0 when s[0..n) has no space. */
static size_t safe_cut(const char *s, size_t n) {
  for (size_t i = n; i > 0; i--)
    if (s[i - 1] == ' ')
      return i;
  return 0;
}

/* Converts s[0..n) into *buf (growing it); false after reporting a failure. */
static bool convert_into(legacy_cmd *lc, const char *file, const char *s, size_t n,
                         char **buf, size_t *cap, size_t *got) {
  loc_status st = loc_legacy_convert(lc->conv, s, n, *buf, *cap, got);
  if (st == LOC_E_BUFFER_TOO_SMALL) {
    if (!grow(buf, cap, *got))
      st = LOC_E_NO_MEMORY;
    else
      st = loc_legacy_convert(lc->conv, s, n, *buf, *cap, got);
  }
  if (st != LOC_OK) {
    diag_fail(lc->run, "%s: %s", file, loc_status_message(st));
    return false;
  }
  return true;
}

/* Converts one cut of a line. ICU's Zawgyi rules look at the character
 * before a word (a Myanmar digit zero after a letter is the letter wa), so a
 * cut after the first is converted behind the last word of the cut before
 * it, and that word's own conversion is taken off the front again. */
static void convert_part(legacy_cmd *lc, const char *file, const char *text, size_t tn) {
  size_t got = 0;
  if (lc->ctx_len > 0) {
    size_t jn = lc->ctx_len + tn, cn = 0;
    if (grow(&lc->joined, &lc->joined_cap, jn)) {
      memcpy(lc->joined, lc->ctx, lc->ctx_len);
      memcpy(lc->joined + lc->ctx_len, text, tn);
      if (!convert_into(lc, file, lc->ctx, lc->ctx_len, &lc->ctx_out, &lc->ctx_out_cap, &cn) ||
          !convert_into(lc, file, lc->joined, jn, &lc->buf, &lc->cap, &got))
        return;
      if (got >= cn && memcmp(lc->buf, lc->ctx_out, cn) == 0) {
        out_write(&lc->out, lc->buf + cn, got - cn);
        goto next_ctx;
      }
    }
  }
  if (!convert_into(lc, file, text, tn, &lc->buf, &lc->cap, &got))
    return;
  out_write(&lc->out, lc->buf, got);
next_ctx:
  /* The cut ends with a space; its last word and that space are the
   * context of the next cut (none when the word is too long). */
  lc->ctx_len = 0;
  if (tn > 0 && text[tn - 1] == ' ') {
    size_t w = tn - 1;
    while (w > 0 && text[w - 1] != ' ' && tn - w < CTX_MAX)
      w--;
    if (tn - w < CTX_MAX && (w == 0 || text[w - 1] == ' ')) {
      memcpy(lc->ctx, text + w, tn - w);
      lc->ctx_len = tn - w;
    }
  }
}

/* Converts (or copies) s[0..n), a whole line or a cut of a long one. */
static void legacy_text(legacy_cmd *lc, const char *file, const char *s, size_t n) {
  const char *text = s;
  size_t tn = n;
  if (lc->run->invalid == INVALID_REPLACE) {
    size_t need = 0;
    loc_status st = loc_utf8_replace(s, n, lc->rep, lc->rep_cap, &need);
    if (st == LOC_E_BUFFER_TOO_SMALL && grow(&lc->rep, &lc->rep_cap, need))
      st = loc_utf8_replace(s, n, lc->rep, lc->rep_cap, &need);
    if (st != LOC_OK) {
      diag_fail(lc->run, "%s: %s", file, loc_status_message(st));
      return;
    }
    text = lc->rep;
    tn = need;
  } else if (!report_invalid_utf8(lc->run, file, &lc->pos, lc->bytes, s, n)) {
    /* Reported: the text is copied through unchanged. */
    text = NULL;
  }
  lc->pos.chars += loc_utf8_count_chars(s, n);
  lc->bytes += n;
  if (text == NULL || !lc->convert_line) {
    out_write(&lc->out, text ? text : s, text ? tn : n);
    return;
  }
  /* ICU's transliteration slows down more than linearly on long texts:
   * long lines go in cuts of about PART bytes. */
  while (tn > 0) {
    size_t cut = tn > PART ? safe_cut(text, PART) : tn;
    if (cut == 0)
      cut = tn;
    convert_part(lc, file, text, cut);
    text += cut;
    tn -= cut;
  }
}

bool legacy_piece(cli_run *run, const char *file, const lr_piece *p, void *user) {
  legacy_cmd *lc = user;
  if (p->first) {
    lc->pos.line = p->line;
    lc->pos.chars = 0;
    lc->bytes = 0;
    lc->carry_len = 0;
    lc->ctx_len = 0;
    /* A line longer than the reader's block is judged by its first piece. */
    lc->convert_line = !lc->only_detected || detected(lc, p->data, p->len);
  }
  if (p->first && p->last) {
    legacy_text(lc, file, p->data, p->len);
  } else {
    if (!grow(&lc->carry, &lc->carry_cap, lc->carry_len + p->len)) {
      diag_fail(run, "%s: out of memory", file);
      return false;
    }
    memcpy(lc->carry + lc->carry_len, p->data, p->len);
    lc->carry_len += p->len;
    /* The text after the last space waits for the next piece. */
    size_t cut = p->last ? lc->carry_len : safe_cut(lc->carry, lc->carry_len);
    if (cut == 0) /* no space in a whole block: convert it as it is */
      cut = lc->carry_len;
    legacy_text(lc, file, lc->carry, cut);
    memmove(lc->carry, lc->carry + cut, lc->carry_len - cut);
    lc->carry_len -= cut;
  }
  if (p->newline)
    out_putc(&lc->out, '\n');
  return true;
}

static void legacy_input(cli_run *run, line_reader *r, void *user) {
  for_each_piece(run, r, legacy_piece, user);
}

legacy_cmd *legacy_lines_new(cli_run *run, loc_legacy_encoding enc, loc_legacy_direction dir,
                             bool only_detected, int fd, loc_status *st) {
  legacy_cmd *lc = calloc(1, sizeof *lc);
  if (lc == NULL) {
    *st = LOC_E_NO_MEMORY;
    return NULL;
  }
  *lc = (legacy_cmd){.run = run, .enc = enc, .dir = dir, .only_detected = only_detected};
  *st = loc_legacy_conv_new(enc, dir, &lc->conv);
  if (*st != LOC_OK) {
    free(lc);
    return NULL;
  }
  out_init(&lc->out, fd);
  return lc;
}

out_buf *legacy_lines_out(legacy_cmd *lc) { return &lc->out; }

void legacy_lines_free(legacy_cmd *lc) {
  if (lc == NULL)
    return;
  out_free(&lc->out);
  loc_legacy_conv_free(lc->conv);
  free(lc->buf);
  free(lc->rep);
  free(lc->carry);
  free(lc->joined);
  free(lc->ctx_out);
  free(lc);
}

static int legacy_convert(cli_run *run, loc_legacy_encoding enc, loc_legacy_direction dir,
                          bool only_detected, int argc, char **argv) {
  loc_status st;
  legacy_cmd *lc = legacy_lines_new(run, enc, dir, only_detected, 1, &st);
  if (lc == NULL) {
    return diag_lib_error("convert", st);
  }
  for_each_input(run, argc, argv, LR_DEFAULT_BLOCK, legacy_input, lc);
  if (!out_flush(&lc->out))
    diag_fail(run, "standard output: write error");
  legacy_lines_free(lc);
  return cli_exit_status(run);
}

/* ---------- options ---------- */

enum { OPT_IF_ZAWGYI = OPT_FIRST_COMMAND_OWN, OPT_IF_DETECTED };

static const char convert_usage[] =
    "Usage: loc convert --from ENC [--to ENC] [--if-zawgyi|--if-detected]\n"
    "                   [--invalid=report|replace] [FILE...]\n"
    "       loc convert --list\n"
    "Converts FILEs (or standard input) from one encoding to another;\n"
    "ENC is any encoding ICU knows (ISO-8859-*, windows-125x, KOI8-*,\n"
    "ISCII variants, UTF-16, ...; aliases accepted) or a legacy encoding\n"
    "of libloc (zawgyi, krutidev, bijoy), which converts UTF-8 text line\n"
    "by line. Font-hack text (krutidev, bijoy) is read and written as the\n"
    "characters its bytes show in windows-1252.\n"
    "\n";

static const cli_opt convert_opts[] = {
    {"from", 'f', " ENC",
     "the input's encoding"},
    {"to", 't', " ENC",
     "the output's encoding (default UTF-8)"},
    {"if-zawgyi", OPT_IF_ZAWGYI, NULL,
     "with --from zawgyi: convert only the lines that\n"
     "the detector calls Zawgyi (P > 0.95), copy the rest"},
    {"if-detected", OPT_IF_DETECTED, NULL,
     "the same for any legacy --from: krutidev and bijoy\n"
     "lines are told from Latin-script ones"},
    {"invalid", OPT_INVALID, "=report|replace",
     "\n"
     "bytes invalid in the input encoding, or characters\n"
     "the output encoding lacks: report each one with\n"
     "'loc: FILE:LINE:COL: ...' (default, exit 1) and write\n"
     "a substitute, or substitute silently; a legacy\n"
     "encoding's line with invalid UTF-8 is reported and\n"
     "copied through unchanged"},
    {"list", 'l', NULL,
     "encodings with their aliases, one per line"},
    {"jobs", 'j', " N",
     "accepted; lines are processed in order"},
    {0},
};
static const cli_command convert_command = {"convert", convert_usage, convert_opts, NULL, 20,
                                            CLI_SHORT_COLUMN, NULL};

int cmd_convert(int argc, char **argv) {
  cli_run run;
  cli_args args = cli_args_of(&convert_command, &run, argc, argv);
  if (!cli_parse(&args))
    return args.status;
  const char *from = cli_arg(&args, 'f'), *to = cli_arg(&args, 't');
  bool list = cli_flag(&args, 'l'), if_zawgyi = cli_flag(&args, OPT_IF_ZAWGYI),
       if_detected = cli_flag(&args, OPT_IF_DETECTED);
  if (list)
    return list_encodings();
  if (from == NULL && to == NULL)
    return diag_usage("convert", "--from ENC is required");
  if (from == NULL)
    from = "UTF-8";
  if (to == NULL)
    to = "UTF-8";
  loc_legacy_encoding lf, lt;
  bool legacy_from = loc_legacy_encoding_parse(from, &lf) == LOC_OK;
  bool legacy_to = loc_legacy_encoding_parse(to, &lt) == LOC_OK;
  if (if_zawgyi && !(legacy_from && lf == LOC_LEGACY_ZAWGYI))
    return diag_usage("convert", "--if-zawgyi needs --from zawgyi");
  if (if_detected && !legacy_from)
    return diag_usage("convert", "--if-detected needs --from with a legacy encoding");
  int nfiles = argc - optind;
  char **files = argv + optind;
  if (legacy_from || legacy_to) {
    if (legacy_from && legacy_to)
      return diag_usage("convert", "convert between two legacy encodings through UTF-8");
    if (!loc_encoding_is_utf8(legacy_from ? to : from))
      return diag_usage("convert", "legacy encoding '%s' converts to and from UTF-8 only",
                        legacy_from ? from : to);
    return legacy_convert(&run, legacy_from ? lf : lt,
                          legacy_from ? LOC_LEGACY_TO_UNICODE : LOC_LEGACY_FROM_UNICODE,
                          if_zawgyi || if_detected, nfiles, files);
  }
  return byte_convert(&run, from, to, nfiles, files);
}

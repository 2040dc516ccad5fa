/* loc convert: byte encodings through ICU's converters, and the legacy
 * pseudo-encodings of the library (Zawgyi, font hacks) line by line.
 *
 * Byte encodings stream: fixed blocks go through ucnv_toUnicode and
 * ucnv_fromUnicode, so memory is bounded whatever the input and however
 * long its lines. ICU is asked to stop at each bad byte sequence (instead of
 * substituting silently) so that it can be reported with its line, column
 * and byte offset; the substitute is then written by hand. Line positions
 * come from the offsets ICU gives for every decoded UTF-16 unit. */
#include "cli.h"

#include <errno.h>
#include <strings.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/ustring.h>
#include <unistd.h>

/* ---------- byte encodings ---------- */

enum { BLOCK = 64 << 10 };

typedef struct byte_cmd {
  cli_run *run;
  UConverter *from, *to;
  const char *from_name, *to_name; /* as the user wrote them, for messages */
  bool to_utf8;                    /* output through u_strToUTF8, no converter */
  unsigned nl_width;               /* bytes of '\n' in the input encoding */
  out_buf out;
  char in[BLOCK];
  UChar u16[BLOCK];
  int32_t offs[BLOCK];
  char enc[BLOCK * 4];
  /* position of the next decoded unit */
  const char *file;
  uint64_t line, col;   /* col: characters before it in its line */
  uint64_t line_start;  /* input byte offset where its line starts */
  uint64_t base;        /* input byte offset of in[0] */
  size_t scanned;       /* units of u16 already counted into line/col */
} byte_cmd;

/* Counts u16[scanned..upto) into the line and column. */
static void scan_to(byte_cmd *bc, size_t upto) {
  for (size_t k = bc->scanned; k < upto; k++) {
    UChar c = bc->u16[k];
    if (c == '\n') {
      bc->line++;
      bc->col = 0;
      /* Units decoded from bytes buffered by an earlier call have offset -1:
       * their line then starts at this block's first byte at the latest. */
      bc->line_start = bc->base + (bc->offs[k] >= 0 ? (uint64_t)bc->offs[k] : 0) + bc->nl_width;
    } else if (!U16_IS_TRAIL(c)) {
      bc->col++;
    }
  }
  bc->scanned = upto;
}

static void write_subst(byte_cmd *bc) {
  char sub[32];
  int8_t n = sizeof sub;
  UErrorCode e = U_ZERO_ERROR;
  ucnv_getSubstChars(bc->to, sub, &n, &e);
  if (U_SUCCESS(e))
    out_write(&bc->out, sub, (size_t)n);
}

/* Encodes u16[from..to) into the output encoding, reporting characters it
 * cannot hold. */
static void encode(byte_cmd *bc, size_t from, size_t upto) {
  const UChar *src = bc->u16 + from, *end = bc->u16 + upto;
  if (bc->to_utf8) {
    /* Decoded text is well-formed UTF-16 (ICU substitutes nothing: bad
     * input stops it), so the plain conversion cannot fail. */
    int32_t n8 = 0;
    UErrorCode e = U_ZERO_ERROR;
    u_strToUTF8(bc->enc, (int32_t)sizeof bc->enc, &n8, src, (int32_t)(end - src), &e);
    if (U_SUCCESS(e))
      out_write(&bc->out, bc->enc, (size_t)n8);
    else
      diag_fail(bc->run, "%s: UTF-8: %s", bc->file, u_errorName(e));
    scan_to(bc, upto);
    return;
  }
  for (;;) {
    char *t = bc->enc;
    UErrorCode e = U_ZERO_ERROR;
    ucnv_fromUnicode(bc->to, &t, bc->enc + sizeof bc->enc, &src, end, NULL, false, &e);
    out_write(&bc->out, bc->enc, (size_t)(t - bc->enc));
    if (e == U_BUFFER_OVERFLOW_ERROR)
      continue;
    if (e == U_INVALID_CHAR_FOUND || e == U_ILLEGAL_CHAR_FOUND) {
      UChar bad[8];
      int8_t n = 8;
      UErrorCode e2 = U_ZERO_ERROR;
      ucnv_getInvalidUChars(bc->to, bad, &n, &e2);
      UChar32 cp = n >= 2 && U16_IS_LEAD(bad[0]) ? U16_GET_SUPPLEMENTARY(bad[0], bad[1]) : bad[0];
      scan_to(bc, (size_t)(src - bc->u16) - (size_t)n);
      if (bc->run->invalid == INVALID_REPORT)
        diag_at(bc->run, bc->file, bc->line, bc->col + 1, "U+%04X cannot be written in %s",
                (unsigned)cp, bc->to_name);
      write_subst(bc);
      scan_to(bc, (size_t)(src - bc->u16));
      continue;
    }
    if (U_FAILURE(e))
      diag_fail(bc->run, "%s: %s: %s", bc->file, bc->to_name, u_errorName(e));
    break;
  }
  scan_to(bc, upto);
}

/* The bytes ICU just rejected, reported at the current position. */
static void report_bad_bytes(byte_cmd *bc, const char *src_after) {
  char bad[32];
  int8_t n = sizeof bad;
  UErrorCode e = U_ZERO_ERROR;
  ucnv_getInvalidChars(bc->from, bad, &n, &e);
  if (U_FAILURE(e))
    n = 0;
  if (bc->run->invalid == INVALID_REPORT) {
    char hex[32 * 5 + 1];
    size_t h = 0;
    for (int8_t i = 0; i < n; i++)
      h += (size_t)snprintf(hex + h, sizeof hex - h, "%s0x%02X", i ? " " : "",
                            (unsigned char)bad[i]);
    uint64_t at = bc->base + (uint64_t)(src_after - bc->in);
    at = at >= (uint64_t)n ? at - (uint64_t)n : 0;
    uint64_t in_line = at >= bc->line_start ? at - bc->line_start : 0;
    diag_at(bc->run, bc->file, bc->line, bc->col + 1, "invalid %s: byte%s %s at byte offset %llu",
            bc->from_name, n > 1 ? "s" : "", hex, (unsigned long long)in_line);
  }
  /* The character that stood there is one column. */
  static const UChar fffd = 0xFFFD;
  const UChar *s = &fffd;
  char *t = bc->enc;
  UErrorCode e3 = U_ZERO_ERROR;
  ucnv_fromUnicode(bc->to, &t, bc->enc + sizeof bc->enc, &s, s + 1, NULL, false, &e3);
  if (U_SUCCESS(e3))
    out_write(&bc->out, bc->enc, (size_t)(t - bc->enc));
  else
    write_subst(bc);
  bc->col++;
}

/* Decodes in[0..n) (the last block when @flush) and writes it. */
static void decode_block(byte_cmd *bc, size_t n, bool flush) {
  const char *src = bc->in, *end = bc->in + n;
  for (;;) {
    UChar *t = bc->u16;
    UErrorCode e = U_ZERO_ERROR;
    const char *before = src;
    ucnv_toUnicode(bc->from, &t, bc->u16 + BLOCK, &src, end, bc->offs, flush, &e);
    size_t produced = (size_t)(t - bc->u16);
    /* Offsets are relative to this call's source start. */
    for (size_t k = 0; k < produced; k++)
      if (bc->offs[k] >= 0)
        bc->offs[k] += (int32_t)(before - bc->in);
    bc->scanned = 0;
    encode(bc, 0, produced);
    if (e == U_BUFFER_OVERFLOW_ERROR)
      continue;
    if (e == U_INVALID_CHAR_FOUND || e == U_ILLEGAL_CHAR_FOUND ||
        e == U_TRUNCATED_CHAR_FOUND) {
      report_bad_bytes(bc, src);
      if (src < end || (flush && e != U_TRUNCATED_CHAR_FOUND))
        continue;
      break;
    }
    if (U_FAILURE(e))
      diag_fail(bc->run, "%s: %s: %s", bc->file, bc->from_name, u_errorName(e));
    break;
  }
  bc->base += n;
}

static void byte_input(cli_run *run, line_reader *r, void *user) {
  byte_cmd *bc = user;
  bc->file = r->name;
  bc->line = 1;
  bc->col = 0;
  bc->line_start = 0;
  bc->base = 0;
  ucnv_resetToUnicode(bc->from);
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
    decode_block(bc, n, eof);
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
  UErrorCode e = U_ZERO_ERROR;
  bc->from = ucnv_open(from, &e);
  if (U_FAILURE(e)) {
    free(bc);
    return diag_usage("convert", "unknown encoding '%s' (see 'loc convert --list')", from);
  }
  bc->to = ucnv_open(to, &e);
  if (U_FAILURE(e)) {
    ucnv_close(bc->from);
    free(bc);
    return diag_usage("convert", "unknown encoding '%s' (see 'loc convert --list')", to);
  }
  bc->to_utf8 = ucnv_compareNames(ucnv_getName(bc->to, &e), "UTF-8") == 0;
  UErrorCode e1 = U_ZERO_ERROR, e2 = U_ZERO_ERROR;
  ucnv_setToUCallBack(bc->from, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &e1);
  ucnv_setFromUCallBack(bc->to, UCNV_FROM_U_CALLBACK_STOP, NULL, NULL, NULL, &e2);
  /* '\n' takes as many bytes as the encoding's smallest character
   * (1 for ASCII-based encodings and EBCDIC, 2 for UTF-16, 4 for UTF-32). */
  bc->nl_width = (unsigned)ucnv_getMinCharSize(bc->from);
  out_init(&bc->out, 1);
  for_each_input(run, argc, argv, 64, byte_input, bc);
  if (!out_flush(&bc->out))
    diag_fail(run, "standard output: write error");
  out_free(&bc->out);
  ucnv_close(bc->from);
  ucnv_close(bc->to);
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
  int32_t n = ucnv_countAvailable();
  for (int32_t i = 0; i < n; i++) {
    const char *name = ucnv_getAvailableName(i);
    out_printf(&o, "%s", name);
    UErrorCode e = U_ZERO_ERROR;
    uint16_t na = ucnv_countAliases(name, &e);
    bool first = true;
    for (uint16_t a = 0; U_SUCCESS(e) && a < na; a++) {
      const char *alias = ucnv_getAlias(name, a, &e);
      if (U_SUCCESS(e) && alias && strcmp(alias, name) != 0) {
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
typedef struct legacy_cmd {
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
} legacy_cmd;

static bool grow(char **p, size_t *cap, size_t need) {
  if (need <= *cap)
    return true;
  size_t c = *cap ? *cap : 1 << 12;
  while (c < need)
    c *= 2;
  char *n = realloc(*p, c);
  if (n == NULL)
    return false;
  *p = n;
  *cap = c;
  return true;
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
    diag_fail(lc->run, "%s: %s", file, loc_strerror(st));
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
      diag_fail(lc->run, "%s: %s", file, loc_strerror(st));
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

static bool legacy_piece(cli_run *run, const char *file, const lr_piece *p, void *user) {
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

static int legacy_convert(cli_run *run, loc_legacy_encoding enc, loc_legacy_direction dir,
                          bool only_detected, int argc, char **argv) {
  legacy_cmd lc = {.run = run, .enc = enc, .dir = dir, .only_detected = only_detected};
  loc_status st = loc_legacy_conv_new(enc, dir, &lc.conv);
  if (st != LOC_OK) {
    fprintf(stderr, "loc: convert: %s\n", loc_strerror(st));
    return EXIT_USAGE;
  }
  out_init(&lc.out, 1);
  for_each_input(run, argc, argv, LR_DEFAULT_BLOCK, legacy_input, &lc);
  if (!out_flush(&lc.out))
    diag_fail(run, "standard output: write error");
  out_free(&lc.out);
  loc_legacy_conv_free(lc.conv);
  free(lc.buf);
  free(lc.rep);
  free(lc.carry);
  free(lc.joined);
  free(lc.ctx_out);
  return cli_exit_status(run);
}

/* ---------- options ---------- */

static void usage(FILE *f) {
  fputs("Usage: loc convert --from ENC [--to ENC] [--if-zawgyi|--if-detected]\n"
        "                   [--invalid=report|replace] [FILE...]\n"
        "       loc convert --list\n"
        "Converts FILEs (or standard input) from one encoding to another;\n"
        "ENC is any encoding ICU knows (ISO-8859-*, windows-125x, KOI8-*,\n"
        "ISCII variants, UTF-16, ...; aliases accepted) or a legacy encoding\n"
        "of libloc (zawgyi, krutidev, bijoy), which converts UTF-8 text line\n"
        "by line. Font-hack text (krutidev, bijoy) is read and written as the\n"
        "characters its bytes show in windows-1252.\n\n"
        "  -f, --from ENC    the input's encoding\n"
        "  -t, --to ENC      the output's encoding (default UTF-8)\n"
        "      --if-zawgyi   with --from zawgyi: convert only the lines that\n"
        "                    the detector calls Zawgyi (P > 0.95), copy the rest\n"
        "      --if-detected the same for any legacy --from: krutidev and bijoy\n"
        "                    lines are told from Latin-script ones\n"
        "      --invalid=report|replace\n"
        "                    bytes invalid in the input encoding, or characters\n"
        "                    the output encoding lacks: report each one with\n"
        "                    'loc: FILE:LINE:COL: ...' (default, exit 1) and write\n"
        "                    a substitute, or substitute silently; a legacy\n"
        "                    encoding's line with invalid UTF-8 is reported and\n"
        "                    copied through unchanged\n"
        "  -l, --list        encodings with their aliases, one per line\n"
        "  -j, --jobs N      accepted; lines are processed in order\n"
        "  -h, --help        this text\n",
        f);
}

static bool is_utf8(const char *name) {
  return ucnv_compareNames(name, "UTF-8") == 0 || ucnv_compareNames(name, "utf8") == 0;
}

int cmd_convert(int argc, char **argv) {
  enum { OPT_IF_ZAWGYI = OPT_FIRST_COMMAND_OWN, OPT_IF_DETECTED };
  static const struct option longopts[] = {
      {"from", required_argument, NULL, 'f'},
      {"to", required_argument, NULL, 't'},
      {"list", no_argument, NULL, 'l'},
      {"if-zawgyi", no_argument, NULL, OPT_IF_ZAWGYI},
      {"if-detected", no_argument, NULL, OPT_IF_DETECTED},
      COMMON_LONG_OPTIONS,
      {NULL, 0, NULL, 0},
  };
  cli_run run = {.command = "convert", .jobs = 1};
  const char *from = NULL, *to = NULL;
  bool list = false, if_zawgyi = false, if_detected = false;
  int opt;
  optind = 1;
  opterr = 0;
  while ((opt = getopt_long(argc, argv, ":f:t:lj:h", longopts, NULL)) != -1) {
    switch (opt) {
    case 'f':
      from = optarg;
      break;
    case 't':
      to = optarg;
      break;
    case 'l':
      list = true;
      break;
    case OPT_IF_ZAWGYI:
      if_zawgyi = true;
      break;
    case OPT_IF_DETECTED:
      if_detected = true;
      break;
    case 'h':
      usage(stdout);
      return fflush(stdout) == 0 ? EXIT_DONE : EXIT_USAGE;
    case OPT_INVALID:
    case 'j':
      if (!handle_common_option(&run, opt, optarg))
        return EXIT_USAGE;
      break;
    default:
      return diag_bad_option("convert", opt, argv);
    }
  }
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
    if (!is_utf8(legacy_from ? to : from))
      return diag_usage("convert", "legacy encoding '%s' converts to and from UTF-8 only",
                        legacy_from ? from : to);
    return legacy_convert(&run, legacy_from ? lf : lt,
                          legacy_from ? LOC_LEGACY_TO_UNICODE : LOC_LEGACY_FROM_UNICODE,
                          if_zawgyi || if_detected, nfiles, files);
  }
  return byte_convert(&run, from, to, nfiles, files);
}

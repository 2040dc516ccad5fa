/* loc segment — graphemes, words, sentences or line-break opportunities.
 *
 * Text form: each segment of a line on an output line of its own, then an
 * empty line that ends the input line (segments are never empty, so the
 * empty line is unambiguous; an empty input line gives just the empty line).
 * A segment is written as it is, except that the characters other programs
 * may take for a line end (CR, VT, FF, U+0085, U+2028, U+2029) and the
 * backslash are escaped as \r \v \f \u0085 \u2028 \u2029 \\, so one output
 * line is always one segment. --json: docs/design.md (the JSON shapes), offsets in the line.
 *
 * A line longer than the read block arrives in pieces. Segments are printed
 * as they become final: the last two segments of a piece and any segment
 * ending in its last SEG_MARGIN bytes are carried over and segmented again
 * with the next piece, so boundaries that depend on the text after them come
 * out as for the whole line. The carry is bounded: when a segment would
 * need more than SEG_LIMIT bytes of carried text, it is cut at the end of
 * the piece in hand (so it is at most SEG_LIMIT + one block long) and the
 * cut is reported; segmentation starts afresh after the cut. */
#include "cli.h"

enum { OPT_BY = OPT_FIRST_COMMAND_OWN, OPT_WORDS_ONLY, OPT_STRICT_UAX, OPT_LANG };

/* Context after a boundary that ICU's rules can look at: far more than any
 * rule needs, except dictionary runs, which SEG_LIMIT bounds. */
#define SEG_MARGIN 256
/* Longest segment printed whole; longer ones are cut (a finding). */
#define SEG_LIMIT ((size_t)1 << 20)

static const char help_text[] =
    "Usage: loc segment --by grapheme|word|sentence|line [--words-only] [--json]\n"
    "                   [--lang TAG | --strict-uax] [--invalid=report|replace]\n"
    "                   [FILE...]\n"
    "Splits each line into user-perceived characters, words, sentences or the\n"
    "pieces between line-break opportunities (UAX #29 and UAX #14 with CLDR's root\n"
    "tailorings, from ICU; dictionary words for Thai, Lao, Khmer, Burmese, Chinese\n"
    "and Japanese). The '\\n' that ends a line is not part of any segment.\n"
    "\n"
    "Output: each segment on a line of its own, then an empty line for the end of\n"
    "the input line. CR, VT, FF, U+0085, U+2028, U+2029 and '\\' in a segment are\n"
    "written as \\r \\v \\f \\u0085 \\u2028 \\u2029 \\\\.\n"
    "\n"
    "  --by KIND        grapheme, word, sentence or line (required)\n"
    "  --words-only     with --by word: only segments that contain a letter or a\n"
    "                   digit (types word, number, kana, ideo)\n"
    "  --lang TAG       a language's CLDR tailorings and, for sentences, its\n"
    "                   abbreviations (en: \"Mr. Smith\" is one sentence); TAG is\n"
    "                   canonicalized first (iw is he)\n"
    "  --strict-uax     the plain UAX #29 / UAX #14 rules, without CLDR's\n"
    "                   tailorings or dictionaries (words in Thai, Lao, Khmer,\n"
    "                   Burmese fall apart into letters, as the plain rules\n"
    "                   leave them to dictionaries); passes every line of\n"
    "                   Unicode's *BreakTest.txt files\n"
    "  --json           NDJSON, one object per line: {\"line\":1,\"segments\":\n"
    "                   [{\"start\":0,\"end\":3,\"type\":\"word\"}]}; START/END are UTF-8\n"
    "                   byte offsets in the line, [START, END). Types: word kind\n"
    "                   none|number|word|kana|ideo; grapheme; sentence term|sep;\n"
    "                   line soft|hard (whether a line may or must end after it)\n"
    "  --invalid=MODE   report (default): ill-formed UTF-8 is reported on stderr\n"
    "                   (exit 1) and segmented as U+FFFD per maximal subpart,\n"
    "                   offsets and text unchanged; replace: the line is repaired\n"
    "                   with U+FFFD first, silently, and offsets refer to it\n"
    "  -j, --jobs N     N threads (0: one per core; default 1); output and\n"
    "                   diagnostics exactly as with 1\n"
    "  --progress       a status line on stderr even when it is no terminal\n"
    "  -h, --help       this text\n"
    "Lines longer than 1 MiB are read in 1 MiB blocks; a segment there that is still\n"
    "open after more than 1 MiB is cut at the end of the block in hand and reported\n"
    "(exit 1).\n";

typedef struct seg_cmd {
  cli_state base;          /* run, output, current line */
  const loc_segmenter *sg;
  loc_segment_iter *it;
  bool broken;         /* ICU failed or memory ran out: stop this input */
  bool words_only;
  char *rbuf;          /* --invalid=replace: the repaired piece */
  size_t rcap;
  char *carry;         /* text of the line not printed yet (long lines) */
  size_t clen, ccap;
  uint64_t cstart;     /* its offset in the line */
  /* the line in progress */
  size_t nsegs;
  uint64_t end_col;    /* column after the piece in progress (for a cut) */
} seg_cmd;

static const char *repaired(seg_cmd *sc, const char *s, size_t len, size_t *out_len) {
  return utf8_repaired(&sc->rbuf, &sc->rcap, s, len, out_len);
}


/* Writes a segment's text with the escapes of the text form. */
static void write_text(out_buf *o, const char *s, size_t len) {
  size_t from = 0;
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)s[i];
    const char *esc = NULL;
    size_t skip = 1;
    if (c == '\\')
      esc = "\\\\";
    else if (c == '\r')
      esc = "\\r";
    else if (c == '\v')
      esc = "\\v";
    else if (c == '\f')
      esc = "\\f";
    else if (c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] == 0x85)
      esc = "\\u0085", skip = 2;
    else if (c == 0xE2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 &&
             ((unsigned char)s[i + 2] == 0xA8 || (unsigned char)s[i + 2] == 0xA9))
      esc = (unsigned char)s[i + 2] == 0xA8 ? "\\u2028" : "\\u2029", skip = 3;
    if (esc == NULL)
      continue;
    out_write(o, s + from, i - from);
    out_write(o, esc, strlen(esc));
    i += skip - 1;
    from = i + 1;
  }
  out_write(o, s + from, len - from);
}

/* Type names padded to a fixed size, filled from the library's names. */
typedef struct type_name {
  char s[16];
  size_t len;
} type_name;
static type_name type_names[LOC_SEG_TYPE_COUNT_];

static void init_type_names(void) {
  for (int t = 0; t < LOC_SEG_TYPE_COUNT_; t++) {
    const char *name = loc_segment_type_name((loc_segment_type)t);
    size_t len = strlen(name);
    if (len > sizeof type_names[t].s)
      len = sizeof type_names[t].s;
    memcpy(type_names[t].s, name, len);
    type_names[t].len = len;
  }
}

/* Bytes that may start something the text form escapes. */
static const bool special[256] = {
    ['\\'] = true, ['\r'] = true, ['\v'] = true, ['\f'] = true, [0xC2] = true, [0xE2] = true,
};

/* Room for @need more bytes in the output buffer; false when it cannot be
 * had (then the caller takes the general path). */
static bool room(out_buf *o, size_t need) {
  if (o->cap - o->len >= need)
    return true;
  out_flush(o);
  return !o->error && o->cap - o->len >= need;
}

/* Copies a segment with nothing to escape, and its '\n', into the room
 * made for it; false (nothing written) when it has something to escape. */
static bool copy_plain(out_buf *o, const char *text, size_t len) {
  char *d = o->buf + o->len;
  for (size_t i = 0; i < len; i++) {
    if (special[(unsigned char)text[i]])
      return false;
    d[i] = text[i];
  }
  d[len] = '\n';
  o->len += len + 1;
  return true;
}

/* Prints one segment; @text is its first byte, @offset its offset in the line.
 * Words average a few bytes, so the common cases write straight into the
 * output buffer instead of going through a call per piece. */
static void emit(seg_cmd *sc, const loc_segment *seg, const char *text, uint64_t offset) {
  if (sc->words_only && !loc_segment_type_has_letter_or_digit(seg->type))
    return;
  out_buf *o = &sc->base.out;
  size_t len = seg->end - seg->start;
  if (sc->base.run->json) {
    if (!room(o, JSON_SPAN_MAX))
      return;
    const type_name *t = &type_names[(unsigned)seg->type < LOC_SEG_TYPE_COUNT_ ? seg->type : 0];
    o->len += json_span(o->buf + o->len, sc->nsegs, offset, offset + len, "type", t->s, t->len);
  } else if (!(len <= 256 && room(o, len + 1) && copy_plain(o, text, len))) {
    write_text(o, text, len);
    out_putc(o, '\n');
  }
  sc->nsegs++;
}

static void begin_line(seg_cmd *sc, const char *file, uint64_t line) {
  sc->nsegs = 0;
  sc->clen = 0;
  sc->cstart = 0;
  state_line_begin(&sc->base, file, line, SEGMENT_JSON_OPEN);
}

static void end_line(seg_cmd *sc) { state_line_end(&sc->base, SPANS_JSON_CLOSE); }

static bool icu_failed(seg_cmd *sc, const char *file, loc_status st) {
  if (st == LOC_OK)
    return false;
  diag_fail(sc->base.run, "%s: %s", file, loc_status_message(st));
  sc->broken = true;
  return true;
}

/* Segments text s[0..len) that starts at @base in the line. With @last,
 * prints every segment; otherwise keeps the ones that may still change
 * and returns the offset in s where the unprinted text starts. */
static size_t segment_text(seg_cmd *sc, const char *file, const char *s, size_t len,
                           uint64_t base, bool last) {
  if (icu_failed(sc, file, loc_segment_iter_set_text(sc->it, s, len)))
    return len;
  loc_segment seg, held[2];
  size_t nheld = 0;
  bool stopped = false; /* a held segment ends too close to the piece end */
  size_t done = 0;
  while (loc_segment_iter_next(sc->it, &seg)) {
    if (last) {
      emit(sc, &seg, s + seg.start, base + seg.start);
      continue;
    }
    if (nheld == 2) {
      if (!stopped && held[0].end + SEG_MARGIN <= len) {
        emit(sc, &held[0], s + held[0].start, base + held[0].start);
        done = held[0].end;
      } else {
        stopped = true;
      }
      if (stopped) {
        held[1] = seg; /* held[0] stays: everything from it on is carried */
        continue;
      }
      held[0] = held[1];
      nheld = 1;
    }
    held[nheld++] = seg;
  }
  if (last || len - done <= SEG_LIMIT)
    return last ? len : done;
  /* The carry would pass the limit: print all but the last segment, and
   * that one too (cut here) when it alone is longer than the limit. */
  size_t from = done;
  if (icu_failed(sc, file, loc_segment_iter_set_text(sc->it, s + from, len - from)))
    return len;
  while (loc_segment_iter_next(sc->it, &seg)) {
    seg.start += from;
    seg.end += from;
    if (seg.end == len) {
      if (len - seg.start <= SEG_LIMIT)
        break;
      diag_at(sc->base.run, file, sc->base.pos.line, sc->end_col,
              "segment longer than %zu bytes, cut at byte offset %llu", SEG_LIMIT,
              (unsigned long long)(base + len));
    }
    emit(sc, &seg, s + seg.start, base + seg.start);
    done = seg.end;
  }
  return done;
}

/* One piece of a line; @last: the line ends with it. */
static void line_piece(seg_cmd *sc, const char *file, const char *s, size_t len,
                       uint64_t offset, bool last) {
  if (sc->base.run->invalid == INVALID_REPLACE) {
    s = repaired(sc, s, len, &len);
    if (s == NULL) {
      diag_fail(sc->base.run, "%s: out of memory", file);
      sc->broken = true;
      return;
    }
  } else if (loc_utf8_valid_prefix(s, len) != len) {
    report_invalid_utf8(sc->base.run, file, &sc->base.pos, offset, s, len);
  }
  if (last && sc->clen == 0 && sc->cstart == 0) { /* the whole line at once */
    segment_text(sc, file, s, len, 0, true);
    return;
  }
  if (sc->clen + len > sc->ccap) {
    size_t cap = sc->clen + len;
    char *g = realloc(sc->carry, cap);
    if (g == NULL) {
      diag_fail(sc->base.run, "%s: out of memory", file);
      sc->broken = true;
      return;
    }
    sc->carry = g;
    sc->ccap = cap;
  }
  sc->end_col = sc->base.pos.chars + loc_utf8_count_chars(s, len) + 1;
  memcpy(sc->carry + sc->clen, s, len);
  sc->clen += len;
  size_t done = segment_text(sc, file, sc->carry, sc->clen, sc->cstart, last);
  memmove(sc->carry, sc->carry + done, sc->clen - done);
  sc->clen -= done;
  sc->cstart += done;
}

static bool segments_of_piece(cli_run *run, const char *file, const lr_piece *lp,
                              void *user) {
  seg_cmd *sc = user;
  if (lp->first)
    begin_line(sc, file, lp->line);
  line_piece(sc, file, lp->data, lp->len, lp->offset, lp->last);
  if (lp->last)
    end_line(sc);
  else
    sc->base.pos.chars += loc_utf8_count_chars(lp->data, lp->len);
  /* Its own failures only: a file that could not be opened before this
   * one does not stop it. */
  return !(sc->base.out.error || sc->broken);
}

/* A failure stops the input it happens in (the rest of its chunk is still
 * segmented); each chunk starts unbroken, so a worker that met one in an
 * earlier batch goes on with the next. */
static bool segments_of_chunk(cli_run *run, const char *file, const lr_chunk *c, void *user) {
  seg_cmd *sc = user;
  sc->broken = false;
  return pieces_of_chunk(run, file, c, segments_of_piece, sc);
}

/* A read error in the middle of a line leaves it open. */
static void segments_end(cli_run *run, const char *file, void *user) {
  (void)run;
  seg_cmd *sc = user;
  if (sc->base.line_open) {
    segment_text(sc, file, sc->carry, sc->clen, sc->cstart, true);
    end_line(sc);
  }
  sc->broken = false;
}

static void seg_fini(void *user) {
  seg_cmd *sc = user;
  free(sc->rbuf);
  free(sc->carry);
  loc_segment_iter_free(sc->it);
}

/* A worker's state: an iterator of its own from the shared segmenter. */
static bool seg_init(void *state, const void *main) {
  const seg_cmd *m = main;
  seg_cmd *sc = state;
  sc->sg = m->sg;
  sc->words_only = m->words_only;
  return loc_segment_iter_new(sc->sg, &sc->it) == LOC_OK;
}

int cmd_segment(int argc, char **argv) {
  static const struct option longopts[] = {
      {"by", required_argument, NULL, OPT_BY},
      {"words-only", no_argument, NULL, OPT_WORDS_ONLY},
      {"strict-uax", no_argument, NULL, OPT_STRICT_UAX},
      {"lang", required_argument, NULL, OPT_LANG},
      {"json", no_argument, NULL, OPT_JSON},
      COMMON_LONG_OPTIONS,
      PROGRESS_LONG_OPTION,
      {NULL, 0, NULL, 0},
  };
  cli_run run = {.command = "segment", .invalid = INVALID_REPORT, .jobs = 1};
  seg_cmd sc = {.base.run = &run};
  const char *by = NULL, *lang = NULL;
  bool strict = false;
  int opt;
  optind = 1;
  opterr = 0;
  while ((opt = getopt_long(argc, argv, ":hj:", longopts, NULL)) != -1) {
    switch (opt) {
    case OPT_BY:
      by = optarg;
      break;
    case OPT_WORDS_ONLY:
      sc.words_only = true;
      break;
    case OPT_STRICT_UAX:
      strict = true;
      break;
    case OPT_LANG:
      lang = optarg;
      break;
    default:
      if ((opt = cli_option(&run, opt, optarg, help_text, argv)) != CLI_NEXT_OPTION)
        return opt;
    }
  }
  loc_segment_kind kind;
  if (by == NULL)
    return diag_usage("segment", "--by grapheme|word|sentence|line is required");
  if (loc_segment_kind_parse(by, &kind) != LOC_OK)
    return diag_usage("segment", "--by '%s': not grapheme, word, sentence or line", by);
  if (sc.words_only && kind != LOC_BREAK_WORD)
    return diag_usage("segment", "--words-only needs --by word");

  if (strict && lang != NULL)
    return diag_usage("segment", "--strict-uax and --lang exclude each other");
  if (lang != NULL && !cli_lang_ok("segment", lang))
    return EXIT_USAGE;

  loc_segmenter *own = NULL;
  loc_status st = LOC_OK;
  if (strict)
    st = loc_segmenter_new_uax(kind, &own);
  else if (lang != NULL)
    st = loc_segmenter_new_lang(kind, lang, strlen(lang), &own);
  if (st == LOC_E_INVALID_TAG)
    return diag_usage("segment", "--lang '%s': not a valid BCP 47 language tag", lang);
  sc.sg = strict || lang ? own : loc_segmenter_root(kind);
  if (st == LOC_OK)
    st = sc.sg ? loc_segment_iter_new(sc.sg, &sc.it) : LOC_E_ICU;
  if (st != LOC_OK) {
    loc_segmenter_free(own);
    return diag_lib_error("segment", st);
  }
  init_type_names();
  out_init(&sc.base.out, 1);
  par_job job = {.main = &sc, .state_size = sizeof(seg_cmd), .state_init = seg_init,
                 .state_fini = seg_fini, .chunk = segments_of_chunk, .end_input = segments_end};
  run_lines(&run, argc - optind, argv + optind, LR_DEFAULT_BLOCK, &job);
  if (!out_flush(&sc.base.out))
    diag_fail(&run, "standard output: write error");
  out_free(&sc.base.out);
  seg_fini(&sc);
  loc_segmenter_free(own);
  return cli_exit_status(&run);
}

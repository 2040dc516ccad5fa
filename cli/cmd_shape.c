/* loc shape — HarfBuzz shaping with hb-shape's options and output.
 *
 * Each line (of stdin, of --text-file, or of each TEXT operand) is one
 * HarfBuzz buffer set up as hb-shape 6.0 sets it up, and printed with
 * hb_buffer_serialize() and the same flags, so the output is byte for byte
 * hb-shape's. Every option of hb-shape 6.0's --help-all is taken with its
 * meaning. The default language is taken from the environment's LC_CTYPE
 * locale, as hb-shape's setlocale(LC_ALL, "") makes HarfBuzz do.
 *
 * --runs: each line is itemised first (ICU bidi levels × script runs) and
 * each item shaped with its own direction and script, the rest of the line
 * as context; the groups are printed in visual order (left to right). */
#include "cli.h"
#include "shape_args.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <math.h>
#include <strings.h>
#include <unistd.h>

/* Longest line shaped by default (--max-line): memory grows by about 36
 * bytes per byte of the longest line (HarfBuzz's glyph infos and positions,
 * the line, the output), 151 MB at this limit. */
#define DEFAULT_MAX_LINE (4u << 20)

enum {
  OPT_FONT = OPT_FIRST_COMMAND_OWN,
  OPT_FACE_INDEX,
  OPT_FEATURES,
  OPT_VARIATIONS,
  OPT_DIRECTION,
  OPT_SCRIPT,
  OPT_LANGUAGE,
  OPT_FONT_SIZE,
  OPT_CLUSTER_LEVEL,
  OPT_NO_GLYPH_NAMES,
  OPT_NO_POSITIONS,
  OPT_NO_CLUSTERS,
  OPT_NO_ADVANCES,
  OPT_NED,
  OPT_SHOW_EXTENTS,
  OPT_SHOW_FLAGS,
  OPT_UTF8_CLUSTERS,
  OPT_BOT,
  OPT_EOT,
  OPT_PRESERVE_DI,
  OPT_REMOVE_DI,
  OPT_NORMALIZE_GLYPHS,
  OPT_OUTPUT_FORMAT,
  OPT_RUNS,
  OPT_TEXT,
  OPT_FONT_PPEM,
  OPT_FONT_PTEM,
  OPT_FONT_SLANT,
  OPT_FONT_FUNCS,
  OPT_FT_LOAD_FLAGS,
  OPT_TEXT_FILE,
  OPT_SINGLE_PAR,
  OPT_TEXT_BEFORE,
  OPT_TEXT_AFTER,
  OPT_UNICODES_BEFORE,
  OPT_UNICODES_AFTER,
  OPT_LIST_SHAPERS,
  OPT_SHAPERS,
  OPT_INVISIBLE_GLYPH,
  OPT_NOT_FOUND_GLYPH,
  OPT_UNSAFE_TO_CONCAT,
  OPT_SAFE_TO_INSERT_TATWEEL,
  OPT_VERIFY,
  OPT_SHOW_TEXT,
  OPT_SHOW_UNICODE,
  OPT_SHOW_LINE_NUM,
  OPT_MAX_LINE,
  OPT_SHAPE_VERSION,
  OPT_VERBOSE,
};

static const char help_text[] =
    "Usage: loc shape --font FILE [OPTIONS] [TEXT...]\n"
    "       loc shape [OPTIONS] FONT-FILE [TEXT...]\n"
    "       loc shape --batch\n"
    "Shapes text with HarfBuzz, one buffer per line, exactly as hb-shape 6.0 does:\n"
    "the same options and, in text and JSON formats, the same output byte for byte.\n"
    "TEXT operands are shaped line by line ('\\n' in one starts a new line);\n"
    "without them (and without --unicodes/--text/--text-file) lines are read from\n"
    "standard input.\n"
    "\n"
    "Output per line: [GLYPH=CLUSTER@DX,DY+ADVANCE|...] (hb-shape's text format;\n"
    "CLUSTER counts characters, or bytes with --utf8-clusters); an empty line for an\n"
    "empty line.\n"
    "\n"
    "Font:\n"
    "  --font FILE          the font (also --font-file, or the first operand)\n"
    "  --face-index N       face in a font collection (default 0)\n"
    "  --font-size S[,S]    size in units ('upem', the default, is units per em)\n"
    "  --font-ppem X[,Y]    pixels per em (default 0: disabled)\n"
    "  --font-ptem PT       point size (default 0: disabled; AAT tracking uses it)\n"
    "  --font-slant R       synthetic slant ratio, e.g. 0.2\n"
    "  --font-funcs ot|ft   HarfBuzz's own font functions (default) or FreeType's\n"
    "  --ft-load-flags N    FreeType load flags with --font-funcs=ft (default 2)\n"
    "  --variations LIST    e.g. 'wght=500,slnt=-7.5'\n"
    "Text:\n"
    "  --text STRING        shape STRING (like a TEXT operand)\n"
    "  --text-file FILE     read lines from FILE ('-': standard input)\n"
    "  -u, --unicodes LIST  shape these code points ('U+0915,094D 0937') as text\n"
    "  --single-par         the whole input is one buffer (newlines included)\n"
    "  --text-before S, --text-after S, --unicodes-before LIST,\n"
    "  --unicodes-after LIST   context before / after each line (not shaped)\n"
    "Shaping:\n"
    "  --features LIST      e.g. 'kern,-liga,aalt[3:5]=2' (hb-shape syntax)\n"
    "  --direction DIR      ltr, rtl, ttb or btt (default: guessed per line)\n"
    "  --script CODE        ISO 15924 (default: guessed per line)\n"
    "  --language TAG       BCP 47 (default: from the locale, as hb-shape)\n"
    "  --shapers LIST       shapers to try, of --list-shapers (also --shaper)\n"
    "  --list-shapers       print HarfBuzz's shapers and exit\n"
    "  --cluster-level N    0, 1, 2 or 3 (default 0)\n"
    "  --utf8-clusters      clusters are UTF-8 byte offsets\n"
    "  --bot, --eot         text is at the beginning / end of a paragraph\n"
    "  --preserve-default-ignorables, --remove-default-ignorables, --normalize-glyphs\n"
    "  --invisible-glyph N, --not-found-glyph N   glyphs for those characters\n"
    "  --unsafe-to-concat, --safe-to-insert-tatweel   produce those glyph flags\n"
    "  --verify             HarfBuzz's sanity checks of each result\n"
    "  -n, --num-iterations N   shape each line N times (for timing)\n"
    "Output:\n"
    "  -O, --output-format text|json   (also --json); -o, --output-file FILE\n"
    "  --no-glyph-names, --no-positions, --no-clusters, --no-advances, --ned,\n"
    "  --show-extents, --show-flags     what each glyph shows (as hb-shape)\n"
    "  --show-text, --show-unicode, --show-line-num, --verbose (all three)\n"
    "                       prefix lines as hb-shape does; -v is --verbose --ned\n"
    "                       (as in hb-shape 6.0)\n"
    "  -V, --trace          print each interim buffer as HarfBuzz shapes\n"
    "  --batch              (the only argument) each input line is one command\n"
    "                       line, its arguments separated by ';', as hb-shape --batch\n"
    "  --runs               itemise each line by bidi level (ICU) and script first and\n"
    "                       shape each run with its direction and script; prints one\n"
    "                       [...] group per run in visual order, separated by spaces\n"
    "                       (--json: {\"line\":N,\"runs\":[{\"start\":S,\"end\":E,\"level\":L,\n"
    "                       \"script\":\"Arab\",\"glyphs\":[...]}]}, runs in visual order)\n"
    "  --max-line BYTES     longest line shaped (default 4194304); a longer line is\n"
    "                       reported (exit 1) and gives no output line\n"
    "  --invalid=MODE       report (default): ill-formed UTF-8 is reported (exit 1)\n"
    "                       and shaped as HarfBuzz decodes it (U+FFFD per bad byte);\n"
    "                       replace: repaired first, U+FFFD per maximal subpart\n"
    "  -j, --jobs N         accepted; lines are processed in one thread\n"
    "  --version            libloc's and the shapers' versions\n"
    "  -h, --help (--help-all, --help-*: the same)   this text\n"
    "A line is shaped whole: memory grows with the longest line, about 36 bytes\n"
    "per byte of it. A NUL byte is shaped as a character (hb-shape stops the line\n"
    "there).\n";

/* hb-shape's options and the common ones; the help above lists them in its
 * own layout (hb-shape's groups). */
static const cli_opt shape_opts[] = {
    {"font", OPT_FONT, " FILE", NULL},
    {"font-file", OPT_FONT, " FILE", NULL},
    {"face-index", OPT_FACE_INDEX, " N", NULL},
    {"features", OPT_FEATURES, " LIST", NULL},
    {"variations", OPT_VARIATIONS, " LIST", NULL},
    {"direction", OPT_DIRECTION, " DIR", NULL},
    {"script", OPT_SCRIPT, " CODE", NULL},
    {"language", OPT_LANGUAGE, " TAG", NULL},
    {"font-size", OPT_FONT_SIZE, " S[,S]", NULL},
    {"font-ppem", OPT_FONT_PPEM, " X[,Y]", NULL},
    {"font-ptem", OPT_FONT_PTEM, " PT", NULL},
    {"font-slant", OPT_FONT_SLANT, " R", NULL},
    {"font-funcs", OPT_FONT_FUNCS, " ot|ft", NULL},
    {"ft-load-flags", OPT_FT_LOAD_FLAGS, " N", NULL},
    {"cluster-level", OPT_CLUSTER_LEVEL, " N", NULL},
    {"no-glyph-names", OPT_NO_GLYPH_NAMES, NULL, NULL},
    {"no-positions", OPT_NO_POSITIONS, NULL, NULL},
    {"no-clusters", OPT_NO_CLUSTERS, NULL, NULL},
    {"no-advances", OPT_NO_ADVANCES, NULL, NULL},
    {"ned", OPT_NED, NULL, NULL},
    {"show-extents", OPT_SHOW_EXTENTS, NULL, NULL},
    {"show-flags", OPT_SHOW_FLAGS, NULL, NULL},
    {"show-text", OPT_SHOW_TEXT, NULL, NULL},
    {"show-unicode", OPT_SHOW_UNICODE, NULL, NULL},
    {"show-line-num", OPT_SHOW_LINE_NUM, NULL, NULL},
    {"verbose", OPT_VERBOSE, NULL, NULL},
    {"trace", 'V', NULL, NULL},
    {"utf8-clusters", OPT_UTF8_CLUSTERS, NULL, NULL},
    {"bot", OPT_BOT, NULL, NULL},
    {"eot", OPT_EOT, NULL, NULL},
    {"preserve-default-ignorables", OPT_PRESERVE_DI, NULL, NULL},
    {"remove-default-ignorables", OPT_REMOVE_DI, NULL, NULL},
    {"normalize-glyphs", OPT_NORMALIZE_GLYPHS, NULL, NULL},
    {"invisible-glyph", OPT_INVISIBLE_GLYPH, " N", NULL},
    {"not-found-glyph", OPT_NOT_FOUND_GLYPH, " N", NULL},
    {"unsafe-to-concat", OPT_UNSAFE_TO_CONCAT, NULL, NULL},
    {"safe-to-insert-tatweel", OPT_SAFE_TO_INSERT_TATWEEL, NULL, NULL},
    {"verify", OPT_VERIFY, NULL, NULL},
    {"num-iterations", 'n', " N", NULL},
    {"list-shapers", OPT_LIST_SHAPERS, NULL, NULL},
    {"shapers", OPT_SHAPERS, " LIST", NULL},
    {"shaper", OPT_SHAPERS, " LIST", NULL},
    {"unicodes", 'u', " LIST", NULL},
    {"text", OPT_TEXT, " STRING", NULL},
    {"text-file", OPT_TEXT_FILE, " FILE", NULL},
    {"single-par", OPT_SINGLE_PAR, NULL, NULL},
    {"text-before", OPT_TEXT_BEFORE, " S", NULL},
    {"text-after", OPT_TEXT_AFTER, " S", NULL},
    {"unicodes-before", OPT_UNICODES_BEFORE, " LIST", NULL},
    {"unicodes-after", OPT_UNICODES_AFTER, " LIST", NULL},
    {"output-format", 'O', " text|json", NULL},
    {"output-file", 'o', " FILE", NULL},
    {"runs", OPT_RUNS, NULL, NULL},
    {"max-line", OPT_MAX_LINE, " BYTES", NULL},
    {"json", OPT_JSON, NULL, NULL},
    {"version", OPT_SHAPE_VERSION, NULL, NULL},
    {"help-all", 'h', NULL, NULL},
    {"help-face", 'h', NULL, NULL},
    {"help-font", 'h', NULL, NULL},
    {"help-variations", 'h', NULL, NULL},
    {"help-text", 'h', NULL, NULL},
    {"help-text-context", 'h', NULL, NULL},
    {"help-shape", 'h', NULL, NULL},
    {"help-features", 'h', NULL, NULL},
    {"help-output", 'h', NULL, NULL},
    {"help-output-syntax", 'h', NULL, NULL},
    {NULL, 'v', NULL, NULL}, /* --verbose --ned, as hb-shape 6.0 */
    {"invalid", OPT_INVALID, "=MODE", NULL},
    {"jobs", 'j', " N", NULL},
    {0},
};
static const cli_command shape_command = {"shape", NULL, shape_opts, NULL, 0, 0, help_text};

/* The command's state: one shaper, the line being assembled and the output. */
struct shape_cmd {
  cli_run *run;
  const loc_font *font;
  loc_shaper *shaper;
  unsigned ser_flags;
  out_format format;
  bool runs, single_par;
  bool show_text, show_unicode, show_line_num, trace;
  unsigned iterations;
  size_t max_line;
  uint64_t line_no;      /* hb-shape's line counter: lines shaped so far */
  out_buf out;
  char *line;            /* the line in progress (pieces joined) */
  size_t len, cap;
  bool too_long;         /* the line in progress is over max_line */
  char *rbuf;            /* --invalid=replace */
  size_t rcap;
};

static bool append(shape_cmd *sc, const char *s, size_t len) {
  return cli_append(&sc->line, &sc->len, &sc->cap, s, len);
}

static void write_serialized(shape_cmd *sc, const char *file, uint64_t line) {
  const char *s;
  size_t n;
  if (sc->format == FMT_NONE)
    return; /* -O '': hb-shape's benchmarking mode, empty lines */
  loc_status st = loc_shaper_serialize(sc->shaper, sc->ser_flags, &s, &n);
  if (st != LOC_OK) {
    diag_at(sc->run, file, line, 1, "%s", loc_status_message(st));
    return;
  }
  out_write(&sc->out, s, n);
}

static void shape_runs(shape_cmd *sc, const char *file, uint64_t line, const char *s,
                       size_t len) {
  loc_shape_item *items = NULL;
  size_t n = 0, *visual = NULL;
  loc_status st = loc_shape_itemize(s, len, LOC_DIR_AUTO, &items, &n, &visual);
  if (st != LOC_OK) {
    diag_at(sc->run, file, line, 1, "%s", loc_status_message(st));
    return;
  }
  bool json = sc->ser_flags & LOC_SER_JSON;
  if (json)
    out_printf(&sc->out, "{\"line\":%llu,\"runs\":[", (unsigned long long)line);
  for (size_t v = 0; v < n; v++) {
    const loc_shape_item *it = &items[visual[v]];
    st = loc_shape_run(sc->shaper, s, len, it->start, it->end,
                       (it->level & 1) ? LOC_DIR_RTL : LOC_DIR_LTR, it->script);
    if (st != LOC_OK) {
      diag_at(sc->run, file, line, 1, "%s", loc_status_message(st));
      break;
    }
    if (json)
      out_printf(&sc->out, "%s{\"start\":%zu,\"end\":%zu,\"level\":%u,\"script\":\"%s\",\"glyphs\":",
                 v ? "," : "", it->start, it->end, (unsigned)it->level,
                 loc_script_name(it->script));
    else if (v)
      out_putc(&sc->out, ' ');
    if (loc_shaper_glyphs(sc->shaper, NULL) == 0)
      out_write(&sc->out, "[]", 2);
    else
      write_serialized(sc, file, line);
    if (json)
      out_putc(&sc->out, '}');
  }
  if (json)
    out_write(&sc->out, "]}", 2);
  loc_free(items);
  loc_free(visual);
}

static void line_prefix(shape_cmd *sc) {
  if (sc->show_line_num)
    out_printf(&sc->out, "%llu: ", (unsigned long long)sc->line_no);
}

/* --trace: hb-shape's "trace: MESSAGE<TAB>buffer: [...]" lines. */
static void trace_line(void *user, const char *message, const char *buffer, size_t len) {
  shape_cmd *sc = user;
  line_prefix(sc);
  out_printf(&sc->out, "trace: %s\tbuffer: ", message);
  out_write(&sc->out, buffer, len);
  out_putc(&sc->out, '\n');
}

/* One line as hb-shape's shape_consumer_t does it: shaped N times, the
 * text and its characters shown before the last, then the glyphs. */
static void shape_plain(shape_cmd *sc, const char *file, uint64_t line, const char *s,
                        size_t len) {
  for (unsigned n = sc->iterations; n; n--) {
    if (n == 1 && sc->show_text) {
      line_prefix(sc);
      out_putc(&sc->out, '(');
      out_write(&sc->out, s, len);
      out_write(&sc->out, ")\n", 2);
    }
    if (n == 1 && sc->show_unicode) {
      const char *u;
      size_t un;
      loc_status st = loc_shaper_serialize_input(sc->shaper, s, len, &u, &un);
      if (st != LOC_OK) {
        diag_at(sc->run, file, line, 1, "%s", loc_status_message(st));
        return;
      }
      line_prefix(sc);
      out_write(&sc->out, u, un);
      out_putc(&sc->out, '\n');
    }
    loc_status st = loc_shape_text(sc->shaper, s, len);
    if (st == LOC_E_UNSUPPORTED) {
      /* No shaper of --shapers could: hb-shape's message, no glyphs. */
      line_prefix(sc);
      out_write(&sc->out, "error: Shaping failed.\n", 23);
      sc->run->findings = true;
      return;
    }
    if (st != LOC_OK) {
      diag_at(sc->run, file, line, 1, "%s", loc_status_message(st));
      return;
    }
  }
  line_prefix(sc);
  write_serialized(sc, file, line);
  out_putc(&sc->out, '\n');
}

/* Shapes one whole line and prints its result line. */
static void shape_line(shape_cmd *sc, const char *file, uint64_t line, const char *s,
                       size_t len) {
  if (len > sc->max_line) {
    diag_at(sc->run, file, line, 1,
            "line of %zu bytes is longer than the %zu bytes loc shape takes (--max-line); "
            "not shaped", len, sc->max_line);
    return;
  }
  sc->line_no++;
  if (sc->run->invalid == INVALID_REPLACE && loc_utf8_valid_prefix(s, len) != len) {
    size_t need = 0;
    loc_utf8_replace(s, len, NULL, 0, &need);
    if (need > sc->rcap) {
      char *g = realloc(sc->rbuf, need);
      if (g == NULL) {
        diag_fail(sc->run, "%s: out of memory", file);
        return;
      }
      sc->rbuf = g;
      sc->rcap = need;
    }
    loc_utf8_replace(s, len, sc->rbuf, sc->rcap, &len);
    s = sc->rbuf;
  } else if (loc_utf8_valid_prefix(s, len) != len) {
    line_pos pos = {line, 0};
    report_invalid_utf8(sc->run, file, &pos, 0, s, len);
  }
  if (sc->runs) {
    shape_runs(sc, file, line, s, len);
    out_putc(&sc->out, '\n');
  } else {
    shape_plain(sc, file, line, s, len);
  }
}

bool shape_piece(cli_run *run, const char *file, const lr_piece *p, void *user) {
  shape_cmd *sc = user;
  if (sc->single_par) {
    /* The whole input is one buffer, its newlines included. */
    if (!sc->too_long && sc->len + p->len + 1 > sc->max_line + 1) {
      sc->too_long = true;
      free(sc->line);
      sc->line = NULL;
      sc->cap = 0;
    }
    if (sc->too_long) {
      sc->len += p->len + (p->last && p->newline);
    } else if (!append(sc, p->data, p->len) || (p->last && p->newline && !append(sc, "\n", 1))) {
      diag_fail(run, "%s: out of memory", file);
      return false;
    }
    return !(sc->out.error || run->failed);
  }
  if (p->first) {
    sc->len = 0;
    sc->too_long = false;
  }
  if (p->first && p->last) {
    shape_line(sc, file, p->line, p->data, p->len);
  } else {
    /* Over --max-line the rest is only counted, so memory stays bounded. */
    if (!sc->too_long && sc->len + p->len > sc->max_line)
      sc->too_long = true;
    if (sc->too_long)
      sc->len += p->len;
    else if (!append(sc, p->data, p->len)) {
      diag_fail(run, "%s: line %llu: out of memory", file, (unsigned long long)p->line);
      return false;
    }
    if (p->last) {
      if (sc->too_long)
        diag_at(run, file, p->line, 1,
                "line of %zu bytes is longer than the %zu bytes loc shape takes (--max-line); "
                "not shaped", sc->len, sc->max_line);
      else
        shape_line(sc, file, p->line, sc->line, sc->len);
    }
  }
  return !(sc->out.error || run->failed);
}

shape_cmd *shape_lines_new(cli_run *run, loc_shaper *shaper, unsigned ser_flags, bool runs,
                           int fd) {
  shape_cmd *sc = calloc(1, sizeof *sc);
  if (sc == NULL)
    return NULL;
  *sc = (shape_cmd){.run = run, .shaper = shaper, .ser_flags = ser_flags | LOC_SER_JSON,
                    .format = FMT_JSON, .runs = runs, .iterations = 1,
                    .max_line = DEFAULT_MAX_LINE};
  out_init(&sc->out, fd);
  return sc;
}

out_buf *shape_lines_out(shape_cmd *sc) { return &sc->out; }

void shape_lines_free(shape_cmd *sc) {
  if (sc == NULL)
    return;
  out_free(&sc->out);
  free(sc->line);
  free(sc->rbuf);
  free(sc);
}

static void shape_input(cli_run *run, line_reader *r, void *user) {
  shape_cmd *sc = user;
  sc->len = 0;
  sc->too_long = false;
  for_each_piece(run, r, shape_piece, user);
  if (sc->single_par && sc->len > 0 && !run->failed) {
    if (sc->too_long)
      diag_at(run, r->name, 1, 1,
              "input of %zu bytes is longer than the %zu bytes loc shape takes (--max-line); "
              "not shaped", sc->len, sc->max_line);
    else
      shape_line(sc, r->name, 1, sc->line, sc->len);
  }
}

/* A TEXT operand: its lines, '\n' separated, as hb-shape splits --text
 * (nothing for an empty text; the whole text with --single-par). */
static void shape_operand(shape_cmd *sc, const char *file, const char *text, size_t len) {
  uint64_t line = 1;
  while (len > 0) {
    const char *nl = sc->single_par ? NULL : memchr(text, '\n', len);
    size_t n = nl ? (size_t)(nl - text) : len;
    shape_line(sc, file, line++, text, n);
    if (nl == NULL || sc->out.error)
      break;
    text += n + 1;
    len -= n + 1;
  }
}

/* The language hb-shape would use: HarfBuzz's default language after
 * setlocale(LC_ALL, ""), i.e. the LC_CTYPE locale the environment names. */
char *shape_environment_language(void) {
  const char *cur = setlocale(LC_CTYPE, NULL);
  char *saved = strdup(cur ? cur : "C");
  const char *env = setlocale(LC_ALL, "");
  char *lang = NULL;
  if (env != NULL) {
    const char *ctype = setlocale(LC_CTYPE, NULL);
    lang = strdup(ctype ? ctype : "C");
  } else {
    lang = strdup(saved ? saved : "C");
  }
  if (saved) {
    setlocale(LC_ALL, saved);
    free(saved);
  }
  return lang;
}

static int shape_main(int argc, char **argv);

/* hb-shape --batch: each line of standard input is a command line, its
 * arguments separated by ';' (runs of ';' are one separator). The status
 * is the worst of the lines'. */
static int shape_batch(void) {
  char *line = NULL;
  size_t cap = 0;
  ssize_t n;
  int worst = 0;
  while ((n = getline(&line, &cap, stdin)) > 0) {
    if (line[n - 1] == '\n')
      line[--n] = '\0';
    char *args[64];
    int ac = 0;
    args[ac++] = "shape";
    char *p = line, *e;
    args[ac++] = p;
    while ((e = strchr(p, ';')) && ac < 63) {
      *e++ = '\0';
      while (*e == ';')
        e++;
      args[ac++] = p = e;
    }
    args[ac] = NULL;
    int st = shape_main(ac, args);
    if (st > worst)
      worst = st;
  }
  free(line);
  return worst;
}

int cmd_shape(int argc, char **argv) {
  if (argc == 2 && strcmp(argv[1], "--batch") == 0)
    return shape_batch();
  return shape_main(argc, argv);
}

static int shape_main(int argc, char **argv) {

  cli_run run;
  cli_args args = cli_args_of(&shape_command, &run, argc, argv);
  shape_cmd sc = {.run = &run, .iterations = 1, .max_line = DEFAULT_MAX_LINE};
  loc_shape_options opt;
  loc_shape_options_init(&opt);
  const char *font_path = NULL, *text = NULL, *text_file = NULL, *output_file = NULL;
  const char *format_arg = NULL;
  char *unicodes = NULL, *before = NULL, *after = NULL, *features = NULL;
  size_t unicodes_len = 0;
  unsigned face_index = 0;
  int status = EXIT_USAGE;
  int o;
  long v;
  double d;
#define USAGE(...)                                 \
  do {                                             \
    diag_usage("shape", __VA_ARGS__);              \
    goto done_usage;                               \
  } while (0)
  while ((o = cli_next(&args)) >= 0) {
    switch (o) {
    case OPT_SHAPE_VERSION:
      printf("loc shape (libloc) %s\nAvailable shapers: ", loc_version());
      for (const char *const *k = loc_shape_shapers(); *k; k++)
        printf("%s%s", k == loc_shape_shapers() ? "" : ",", *k);
      putchar('\n');
      status = fflush(stdout) == 0 ? EXIT_DONE : EXIT_USAGE;
      goto done_usage;
    case OPT_LIST_SHAPERS:
      for (const char *const *k = loc_shape_shapers(); *k; k++)
        printf("%s\n", *k);
      status = fflush(stdout) == 0 ? EXIT_DONE : EXIT_USAGE;
      goto done_usage;
    case OPT_FONT:
      font_path = optarg;
      break;
    case OPT_FACE_INDEX:
      if (!parse_int(optarg, 0, 0xFFFF, &v))
        USAGE("--face-index takes a number, not '%s'", optarg);
      face_index = (unsigned)v;
      break;
    case OPT_FEATURES: {
      /* hb-shape strips one pair of quotes around the list. */
      free(features);
      features = strdup(optarg);
      if (features == NULL)
        USAGE("out of memory");
      size_t l = strlen(features);
      if (l >= 2 && features[0] == features[l - 1] && (features[0] == '"' || features[0] == '\'')) {
        features[l - 1] = '\0';
        memmove(features, features + 1, l - 1);
      }
      opt.features = features;
      break;
    }
    case OPT_VARIATIONS: opt.variations = optarg; break;
    case OPT_DIRECTION: opt.direction = optarg; break;
    case OPT_SCRIPT: opt.script = optarg; break;
    case OPT_LANGUAGE: opt.language = optarg; break;
    case OPT_FONT_SIZE:
      if (!parse_font_size(optarg, &opt))
        USAGE("--font-size takes 'upem' or one or two sizes, not '%s'", optarg);
      break;
    case OPT_FONT_PPEM:
      if (!parse_ppem(optarg, &opt))
        USAGE("--font-ppem takes one or two numbers, not '%s'", optarg);
      break;
    case OPT_FONT_PTEM:
      if (!parse_double(optarg, &d) || d < 0)
        USAGE("--font-ptem takes a point size, not '%s'", optarg);
      opt.ptem = d;
      break;
    case OPT_FONT_SLANT:
      if (!parse_double(optarg, &d))
        USAGE("--font-slant takes a number, not '%s'", optarg);
      opt.slant = d;
      break;
    case OPT_FONT_FUNCS:
      if (strcasecmp(optarg, "ot") != 0 && strcasecmp(optarg, "ft") != 0)
        USAGE("unknown font function implementation '%s'; supported values are: ot/ft; "
              "default is ot", optarg);
      opt.font_funcs = optarg;
      break;
    case OPT_FT_LOAD_FLAGS:
      if (!parse_int(optarg, INT32_MIN, INT32_MAX, &v))
        USAGE("--ft-load-flags takes a number, not '%s'", optarg);
      opt.ft_load_flags = (int)v;
      opt.ft_load_flags_set = true;
      break;
    case OPT_CLUSTER_LEVEL:
      if (!parse_int(optarg, 0, 3, &v))
        USAGE("--cluster-level takes 0, 1, 2 or 3, not '%s'", optarg);
      opt.cluster_level = (int)v;
      break;
    case OPT_INVISIBLE_GLYPH:
    case OPT_NOT_FOUND_GLYPH:
      if (!parse_int(optarg, 0, INT32_MAX, &v))
        USAGE("--%s takes a glyph number, not '%s'",
              o == OPT_INVISIBLE_GLYPH ? "invisible-glyph" : "not-found-glyph", optarg);
      if (o == OPT_INVISIBLE_GLYPH)
        opt.invisible_glyph = (uint32_t)v;
      else
        opt.not_found_glyph = (uint32_t)v;
      break;
    case 'n':
      if (!parse_int(optarg, 1, INT32_MAX, &v))
        USAGE("--num-iterations takes a number from 1, not '%s'", optarg);
      sc.iterations = (unsigned)v;
      break;
    case OPT_SHAPERS: {
      /* Checked here for hb-shape's message; the library checks again. */
      const char *p = optarg;
      for (;;) {
        size_t n = strcspn(p, ",");
        bool known = false;
        for (const char *const *k = loc_shape_shapers(); *k && !known; k++)
          known = strlen(*k) == n && memcmp(*k, p, n) == 0;
        if (!known)
          USAGE("unknown or unsupported shaper: %.*s", (int)n, p);
        if (p[n] == '\0')
          break;
        p += n + 1;
      }
      opt.shapers = optarg;
      break;
    }
    case OPT_NO_GLYPH_NAMES: sc.ser_flags |= LOC_SER_NO_GLYPH_NAMES; break;
    case OPT_NO_POSITIONS: sc.ser_flags |= LOC_SER_NO_POSITIONS; break;
    case OPT_NO_CLUSTERS: sc.ser_flags |= LOC_SER_NO_CLUSTERS; break;
    case OPT_NO_ADVANCES: sc.ser_flags |= LOC_SER_NO_ADVANCES; break;
    case OPT_NED: sc.ser_flags |= LOC_SER_NO_CLUSTERS | LOC_SER_NO_ADVANCES; break;
    case OPT_SHOW_EXTENTS: sc.ser_flags |= LOC_SER_EXTENTS; break;
    case OPT_SHOW_FLAGS: sc.ser_flags |= LOC_SER_FLAGS; break;
    case OPT_SHOW_TEXT: sc.show_text = true; break;
    case OPT_SHOW_UNICODE: sc.show_unicode = true; break;
    case OPT_SHOW_LINE_NUM: sc.show_line_num = true; break;
    case OPT_VERBOSE: sc.show_text = sc.show_unicode = sc.show_line_num = true; break;
    case 'v':
      /* hb-shape 6.0 gives -v to both --verbose and --ned, and GOption
       * runs both. */
      sc.show_text = sc.show_unicode = sc.show_line_num = true;
      sc.ser_flags |= LOC_SER_NO_CLUSTERS | LOC_SER_NO_ADVANCES;
      break;
    case 'V': sc.trace = true; break;
    case OPT_UTF8_CLUSTERS: opt.utf8_clusters = true; break;
    case OPT_BOT: opt.bot = true; break;
    case OPT_EOT: opt.eot = true; break;
    case OPT_PRESERVE_DI: opt.preserve_default_ignorables = true; break;
    case OPT_REMOVE_DI: opt.remove_default_ignorables = true; break;
    case OPT_NORMALIZE_GLYPHS: opt.normalize_glyphs = true; break;
    case OPT_UNSAFE_TO_CONCAT: opt.unsafe_to_concat = true; break;
    case OPT_SAFE_TO_INSERT_TATWEEL: opt.safe_to_insert_tatweel = true; break;
    case OPT_VERIFY: opt.verify = true; break;
    case 'u':
    case OPT_UNICODES_BEFORE:
    case OPT_UNICODES_AFTER: {
      if ((o == 'u' && (unicodes || text)) || (o == OPT_UNICODES_BEFORE && before) ||
          (o == OPT_UNICODES_AFTER && after))
        USAGE("%s", o == 'u' ? "either --text or --unicodes can be given, not both"
                    : o == OPT_UNICODES_BEFORE
                        ? "either --text-before or --unicodes-before can be given, not both"
                        : "either --text-after or --unicodes-after can be given, not both");
      char *u = NULL;
      size_t ulen = 0;
      const char *bad = NULL;
      if (!parse_unicodes(optarg, &u, &ulen, &bad)) {
        if (bad)
          USAGE("failed parsing a Unicode value at: '%s'", bad);
        USAGE("out of memory");
      }
      if (o == 'u') {
        unicodes = u;
        unicodes_len = ulen;
      } else if (o == OPT_UNICODES_BEFORE) {
        before = u;
      } else {
        after = u;
      }
      break;
    }
    case OPT_TEXT_BEFORE:
    case OPT_TEXT_AFTER: {
      char **slot = o == OPT_TEXT_BEFORE ? &before : &after;
      if (*slot)
        USAGE("either --text-%s or --unicodes-%s can be given, not both",
              o == OPT_TEXT_BEFORE ? "before" : "after", o == OPT_TEXT_BEFORE ? "before" : "after");
      if ((*slot = strdup(optarg)) == NULL)
        USAGE("out of memory");
      break;
    }
    case OPT_TEXT:
      if (unicodes || text)
        USAGE("either --text or --unicodes can be given, not both");
      text = optarg;
      break;
    case OPT_TEXT_FILE: text_file = optarg; break;
    case OPT_SINGLE_PAR: sc.single_par = true; break;
    case 'O': format_arg = optarg; break;
    case 'o': output_file = optarg; break;
    case OPT_RUNS: sc.runs = true; break;
    case OPT_MAX_LINE:
      if (!parse_int(optarg, 1, INT32_MAX, &v))
        USAGE("--max-line takes a number of bytes (1 to 2147483647), not '%s'", optarg);
      sc.max_line = (size_t)v;
      break;
    }
  }
  if (o == CLI_STOP) {
    status = args.status;
    goto done_usage;
  }
  /* hb-shape [FONT-FILE] [TEXT]: the first operand is the font when no
   * --font-file was given. */
  if (font_path == NULL && optind < argc)
    font_path = argv[optind++];
  if (font_path == NULL)
    USAGE("--font FILE is required");
  if ((unicodes || text) && text_file)
    USAGE("only one of --text/--unicodes and --text-file can be given");
  if (unicodes && optind < argc)
    USAGE("--unicodes cannot be combined with TEXT");
  if (text_file && optind < argc)
    USAGE("--text-file cannot be combined with TEXT");
  if (sc.runs && (sc.show_text || sc.show_unicode || sc.trace || sc.iterations != 1 || before ||
                  after || sc.single_par))
    USAGE("--runs cannot be combined with --show-text, --show-unicode, --trace, "
          "--num-iterations, context or --single-par");
  /* The output format: -O, else --json, else the -o file's extension (as
   * hb-shape: an unknown one means text). */
  if (format_arg) {
    if (!parse_format(format_arg, &sc.format))
      USAGE("unknown output format '%s'; supported formats are: json/text", format_arg);
  } else if (run.json) {
    sc.format = FMT_JSON;
  } else if (output_file && strrchr(output_file, '.')) {
    if (!parse_format(strrchr(output_file, '.') + 1, &sc.format) || sc.format == FMT_NONE)
      sc.format = FMT_TEXT;
  }
  if (sc.format == FMT_JSON)
    sc.ser_flags |= LOC_SER_JSON;
  opt.context_before = before;
  opt.context_after = after;

  loc_font *font = NULL;
  loc_status st = loc_font_new(font_path, face_index, &font);
  if (st != LOC_OK) {
    fprintf(stderr, "loc: shape: %s: %s\n", font_path,
            cli_font_error(font_path, face_index, st));
    goto done_usage;
  }
  char *env_lang = NULL;
  if (opt.language == NULL)
    opt.language = env_lang = shape_environment_language();
  st = loc_shaper_new(font, &opt, &sc.shaper);
  if (st != LOC_OK) {
    free(env_lang);
    loc_font_free(font);
    if (st == LOC_E_BAD_FEATURE)
      USAGE("a feature or variation setting does not parse");
    if (st == LOC_E_INVALID_ARGUMENT)
      USAGE("bad --direction or --script");
    diag_lib_error("shape", st);
    goto done_usage;
  }
  sc.font = font;
  int out_fd = 1;
  if (output_file && strcmp(output_file, "-") != 0) {
    out_fd = open(output_file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (out_fd < 0) {
      fprintf(stderr, "loc: shape: cannot open output file '%s': %s\n", output_file,
              strerror(errno));
      free(env_lang);
      loc_shaper_free(sc.shaper);
      loc_font_free(font);
      goto done_usage;
    }
  }
  out_init(&sc.out, out_fd);
  if (sc.trace)
    loc_shaper_set_trace(sc.shaper, sc.ser_flags, trace_line, &sc);
  if (unicodes) {
    shape_operand(&sc, "<unicodes>", unicodes, unicodes_len);
  } else if (text || optind < argc) {
    if (text)
      shape_operand(&sc, "<text>", text, strlen(text));
    for (int i = optind; i < argc; i++)
      shape_operand(&sc, "<argument>", argv[i], strlen(argv[i]));
  } else if (text_file) {
    char *files[] = {(char *)text_file};
    for_each_input(&run, 1, files, LR_DEFAULT_BLOCK, shape_input, &sc);
  } else {
    for_each_input(&run, 0, NULL, LR_DEFAULT_BLOCK, shape_input, &sc);
  }
  if (!out_flush(&sc.out))
    diag_fail(&run, "%s: write error", out_fd == 1 ? "standard output" : output_file);
  out_free(&sc.out);
  if (out_fd != 1 && close(out_fd) != 0)
    diag_fail(&run, "%s: write error: %s", output_file, strerror(errno));
  free(sc.line);
  free(sc.rbuf);
  free(env_lang);
  loc_shaper_free(sc.shaper);
  loc_font_free(font);
  status = cli_exit_status(&run);
done_usage:
#undef USAGE
  free(unicodes);
  free(before);
  free(after);
  free(features);
  return status;
}

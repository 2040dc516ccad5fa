/* loc shape — HarfBuzz shaping with hb-shape's options and output.
 *
 * Each line (of stdin, or of each TEXT operand) is one HarfBuzz buffer set up
 * as hb-shape 6.0 sets it up, and printed with hb_buffer_serialize() and
 * the same flags, so the output is byte for byte hb-shape's. The default
 * language is taken from the environment's LC_CTYPE locale, as hb-shape's
 * setlocale(LC_ALL, "") makes HarfBuzz do.
 *
 * --runs: each line is itemised first (ICU bidi levels × script runs) and
 * each item shaped with its own direction and script, the rest of the line
 * as context; the groups are printed in visual order (left to right). */
#include "cli.h"

#include <errno.h>
#include <locale.h>

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
};

static const char help_text[] =
    "Usage: loc shape --font FILE [OPTIONS] [TEXT...]\n"
    "Shapes text with HarfBuzz, one buffer per line, exactly as hb-shape does: the\n"
    "same options and, in text and JSON formats, the same output byte for byte.\n"
    "TEXT operands are shaped line by line ('\\n' in one starts a new line);\n"
    "without them (and without --unicodes/--text) lines are read from standard input.\n"
    "\n"
    "Output per line: [GLYPH=CLUSTER@DX,DY+ADVANCE|...] (hb-shape's text format;\n"
    "CLUSTER counts characters, or bytes with --utf8-clusters); an empty line for an\n"
    "empty line.\n"
    "\n"
    "  --font FILE          the font (also --font-file); required\n"
    "  --face-index N       face in a font collection (default 0)\n"
    "  --features LIST      e.g. 'kern,-liga,aalt[3:5]=2' (hb-shape syntax)\n"
    "  --variations LIST    e.g. 'wght=500,slnt=-7.5'\n"
    "  --direction DIR      ltr, rtl, ttb or btt (default: guessed per line)\n"
    "  --script CODE        ISO 15924 (default: guessed per line)\n"
    "  --language TAG       BCP 47 (default: from the locale, as hb-shape)\n"
    "  --font-size S[,S]    size in units ('upem', the default, is units per em)\n"
    "  --cluster-level N    0, 1 or 2 (default 0)\n"
    "  --utf8-clusters      clusters are UTF-8 byte offsets\n"
    "  --bot, --eot         text is at the beginning / end of a paragraph\n"
    "  --preserve-default-ignorables, --remove-default-ignorables, --normalize-glyphs\n"
    "  --no-glyph-names, --no-positions, --no-clusters, --no-advances, --ned,\n"
    "  --show-extents, --show-flags     what each glyph shows (as hb-shape)\n"
    "  -u, --unicodes LIST  shape these code points ('U+0915,094D 0937') as one line\n"
    "  --text STRING        shape STRING (like a TEXT operand)\n"
    "  --json               hb-shape's JSON format (also -O json / --output-format json)\n"
    "  --runs               itemise each line by bidi level (ICU) and script first and\n"
    "                       shape each run with its direction and script; prints one\n"
    "                       [...] group per run in visual order, separated by spaces\n"
    "                       (--json: {\"line\":N,\"runs\":[{\"start\":S,\"end\":E,\"level\":L,\n"
    "                       \"script\":\"Arab\",\"glyphs\":[...]}]}, runs in visual order)\n"
    "  --invalid=MODE       report (default): ill-formed UTF-8 is reported (exit 1)\n"
    "                       and shaped as HarfBuzz decodes it (U+FFFD per bad byte);\n"
    "                       replace: repaired first, U+FFFD per maximal subpart\n"
    "  -j, --jobs N         accepted; lines are processed in one thread\n"
    "  -h, --help           this text\n"
    "A line is shaped whole: memory grows with the longest line. A NUL byte is\n"
    "shaped as a character (hb-shape stops the line there).\n";

/* Per-thread state: one shaper, the line being assembled and the output. */
typedef struct shape_cmd {
  cli_run *run;
  const loc_font *font;
  loc_shaper *shaper;
  unsigned ser_flags;
  bool runs;
  out_buf out;
  char *line;          /* the line in progress (pieces joined) */
  size_t len, cap;
  char *rbuf;          /* --invalid=replace */
  size_t rcap;
} shape_cmd;

static bool append(shape_cmd *sc, const char *s, size_t len) {
  if (sc->len + len > sc->cap) {
    size_t cap = sc->cap ? sc->cap : 4096;
    while (cap < sc->len + len)
      cap *= 2;
    char *g = realloc(sc->line, cap);
    if (g == NULL)
      return false;
    sc->line = g;
    sc->cap = cap;
  }
  memcpy(sc->line + sc->len, s, len);
  sc->len += len;
  return true;
}

static void write_serialized(shape_cmd *sc, const char *file, uint64_t line) {
  const char *s;
  size_t n;
  loc_status st = loc_shaper_serialize(sc->shaper, sc->ser_flags, &s, &n);
  if (st != LOC_OK) {
    diag_at(sc->run, file, line, 1, "%s", loc_strerror(st));
    return;
  }
  out_write(&sc->out, s, n);
}

static void shape_runs(shape_cmd *sc, const char *file, uint64_t line, const char *s,
                       size_t len) {
  loc_item *items = NULL;
  size_t n = 0, *visual = NULL;
  loc_status st = loc_itemize(s, len, LOC_DIR_AUTO, &items, &n, &visual);
  if (st != LOC_OK) {
    diag_at(sc->run, file, line, 1, "%s", loc_strerror(st));
    return;
  }
  bool json = sc->ser_flags & LOC_SER_JSON;
  if (json)
    out_printf(&sc->out, "{\"line\":%llu,\"runs\":[", (unsigned long long)line);
  for (size_t v = 0; v < n; v++) {
    const loc_item *it = &items[visual[v]];
    st = loc_shape_run(sc->shaper, s, len, it->start, it->end,
                       (it->level & 1) ? LOC_DIR_RTL : LOC_DIR_LTR, it->script);
    if (st != LOC_OK) {
      diag_at(sc->run, file, line, 1, "%s", loc_strerror(st));
      break;
    }
    if (json)
      out_printf(&sc->out, "%s{\"start\":%zu,\"end\":%zu,\"level\":%u,\"script\":\"%s\",\"glyphs\":",
                 v ? "," : "", it->start, it->end, (unsigned)it->level,
                 loc_script_code(it->script));
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

/* Shapes one whole line and prints its result line. */
static void shape_line(shape_cmd *sc, const char *file, uint64_t line, const char *s,
                       size_t len) {
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
  } else {
    loc_status st = loc_shape_text(sc->shaper, s, len);
    if (st != LOC_OK)
      diag_at(sc->run, file, line, 1, "%s", loc_strerror(st));
    else
      write_serialized(sc, file, line);
  }
  out_putc(&sc->out, '\n');
}

static bool shape_piece(cli_run *run, const char *file, const lr_piece *p, void *user) {
  shape_cmd *sc = user;
  if (p->first)
    sc->len = 0;
  if (p->first && p->last) {
    shape_line(sc, file, p->line, p->data, p->len);
  } else {
    if (!append(sc, p->data, p->len)) {
      diag_fail(run, "%s: line %llu: out of memory", file, (unsigned long long)p->line);
      return false;
    }
    if (p->last)
      shape_line(sc, file, p->line, sc->line, sc->len);
  }
  return !(sc->out.error || run->failed);
}

static void shape_input(cli_run *run, line_reader *r, void *user) {
  for_each_piece(run, r, shape_piece, user);
}

/* A TEXT operand: its lines, '\n' separated, as hb-shape splits --text. */
static void shape_operand(shape_cmd *sc, const char *text, size_t len) {
  uint64_t line = 1;
  for (;;) {
    const char *nl = memchr(text, '\n', len);
    size_t n = nl ? (size_t)(nl - text) : len;
    shape_line(sc, "<argument>", line++, text, n);
    if (nl == NULL)
      break;
    text += n + 1;
    len -= n + 1;
    if (len == 0)
      break;
  }
}

/* hb-shape's --unicodes: hex numbers, optionally "U+"-prefixed, separated by
 * commas, spaces or semicolons. Returns false on a bad list. */
static bool parse_unicodes(const char *list, char **out, size_t *out_len) {
  size_t cap = strlen(list) * 4 + 4, n = 0;
  char *buf = malloc(cap);
  if (buf == NULL)
    return false;
  const char *p = list;
  while (*p) {
    if (strchr(", ;\t", *p)) {
      p++;
      continue;
    }
    if ((p[0] == 'U' || p[0] == 'u') && p[1] == '+')
      p += 2;
    else if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
      p += 2;
    char *end;
    unsigned long cp = strtoul(p, &end, 16);
    if (end == p || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) ||
        (*end && !strchr(", ;\t", *end))) {
      free(buf);
      return false;
    }
    if (cp < 0x80) {
      buf[n++] = (char)cp;
    } else if (cp < 0x800) {
      buf[n++] = (char)(0xC0 | (cp >> 6));
      buf[n++] = (char)(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      buf[n++] = (char)(0xE0 | (cp >> 12));
      buf[n++] = (char)(0x80 | ((cp >> 6) & 0x3F));
      buf[n++] = (char)(0x80 | (cp & 0x3F));
    } else {
      buf[n++] = (char)(0xF0 | (cp >> 18));
      buf[n++] = (char)(0x80 | ((cp >> 12) & 0x3F));
      buf[n++] = (char)(0x80 | ((cp >> 6) & 0x3F));
      buf[n++] = (char)(0x80 | (cp & 0x3F));
    }
    p = end;
  }
  *out = buf;
  *out_len = n;
  return true;
}

/* The language hb-shape would use: HarfBuzz's default language after
 * setlocale(LC_ALL, ""), i.e. the LC_CTYPE locale the environment names. */
static char *environment_language(void) {
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

static bool parse_font_size(const char *arg, loc_shape_options *o) {
  if (strcmp(arg, "upem") == 0) {
    o->font_size_x = o->font_size_y = 0;
    return true;
  }
  char *end;
  double x = strtod(arg, &end);
  if (end == arg || !(x > 0) || x > 1e9)
    return false;
  double y = x;
  if (*end == ',' || *end == ' ') {
    const char *p = end + 1;
    y = strtod(p, &end);
    if (end == p || !(y > 0) || y > 1e9)
      return false;
  }
  if (*end)
    return false;
  o->font_size_x = x;
  o->font_size_y = y;
  return true;
}

int cmd_shape(int argc, char **argv) {
  static const struct option longopts[] = {
      {"font", required_argument, NULL, OPT_FONT},
      {"font-file", required_argument, NULL, OPT_FONT},
      {"face-index", required_argument, NULL, OPT_FACE_INDEX},
      {"features", required_argument, NULL, OPT_FEATURES},
      {"variations", required_argument, NULL, OPT_VARIATIONS},
      {"direction", required_argument, NULL, OPT_DIRECTION},
      {"script", required_argument, NULL, OPT_SCRIPT},
      {"language", required_argument, NULL, OPT_LANGUAGE},
      {"font-size", required_argument, NULL, OPT_FONT_SIZE},
      {"cluster-level", required_argument, NULL, OPT_CLUSTER_LEVEL},
      {"no-glyph-names", no_argument, NULL, OPT_NO_GLYPH_NAMES},
      {"no-positions", no_argument, NULL, OPT_NO_POSITIONS},
      {"no-clusters", no_argument, NULL, OPT_NO_CLUSTERS},
      {"no-advances", no_argument, NULL, OPT_NO_ADVANCES},
      {"ned", no_argument, NULL, OPT_NED},
      {"show-extents", no_argument, NULL, OPT_SHOW_EXTENTS},
      {"show-flags", no_argument, NULL, OPT_SHOW_FLAGS},
      {"utf8-clusters", no_argument, NULL, OPT_UTF8_CLUSTERS},
      {"bot", no_argument, NULL, OPT_BOT},
      {"eot", no_argument, NULL, OPT_EOT},
      {"preserve-default-ignorables", no_argument, NULL, OPT_PRESERVE_DI},
      {"remove-default-ignorables", no_argument, NULL, OPT_REMOVE_DI},
      {"normalize-glyphs", no_argument, NULL, OPT_NORMALIZE_GLYPHS},
      {"unicodes", required_argument, NULL, 'u'},
      {"text", required_argument, NULL, OPT_TEXT},
      {"output-format", required_argument, NULL, 'O'},
      {"runs", no_argument, NULL, OPT_RUNS},
      {"json", no_argument, NULL, OPT_JSON},
      COMMON_LONG_OPTIONS,
      {NULL, 0, NULL, 0},
  };
  cli_run run = {.command = "shape", .invalid = INVALID_REPORT, .jobs = 1};
  shape_cmd sc = {.run = &run};
  loc_shape_options opt;
  loc_shape_options_init(&opt);
  const char *font_path = NULL, *unicodes = NULL, *text = NULL;
  unsigned face_index = 0;
  int o;
  optind = 1;
  opterr = 0;
  while ((o = getopt_long(argc, argv, ":hj:u:O:", longopts, NULL)) != -1) {
    switch (o) {
    case 'h':
      fputs(help_text, stdout);
      return fflush(stdout) == 0 ? EXIT_DONE : EXIT_USAGE;
    case OPT_FONT:
      font_path = optarg;
      break;
    case OPT_FACE_INDEX: {
      char *end;
      unsigned long v = strtoul(optarg, &end, 10);
      if (*optarg == '\0' || *end || v > 0xFFFF)
        return diag_usage("shape", "--face-index takes a number, not '%s'", optarg);
      face_index = (unsigned)v;
      break;
    }
    case OPT_FEATURES: opt.features = optarg; break;
    case OPT_VARIATIONS: opt.variations = optarg; break;
    case OPT_DIRECTION: opt.direction = optarg; break;
    case OPT_SCRIPT: opt.script = optarg; break;
    case OPT_LANGUAGE: opt.language = optarg; break;
    case OPT_FONT_SIZE:
      if (!parse_font_size(optarg, &opt))
        return diag_usage("shape", "--font-size takes 'upem' or one or two sizes, not '%s'",
                          optarg);
      break;
    case OPT_CLUSTER_LEVEL:
      if (strlen(optarg) != 1 || optarg[0] < '0' || optarg[0] > '2')
        return diag_usage("shape", "--cluster-level takes 0, 1 or 2, not '%s'", optarg);
      opt.cluster_level = optarg[0] - '0';
      break;
    case OPT_NO_GLYPH_NAMES: sc.ser_flags |= LOC_SER_NO_GLYPH_NAMES; break;
    case OPT_NO_POSITIONS: sc.ser_flags |= LOC_SER_NO_POSITIONS; break;
    case OPT_NO_CLUSTERS: sc.ser_flags |= LOC_SER_NO_CLUSTERS; break;
    case OPT_NO_ADVANCES: sc.ser_flags |= LOC_SER_NO_ADVANCES; break;
    case OPT_NED: sc.ser_flags |= LOC_SER_NO_CLUSTERS | LOC_SER_NO_ADVANCES; break;
    case OPT_SHOW_EXTENTS: sc.ser_flags |= LOC_SER_EXTENTS; break;
    case OPT_SHOW_FLAGS: sc.ser_flags |= LOC_SER_FLAGS; break;
    case OPT_UTF8_CLUSTERS: opt.utf8_clusters = true; break;
    case OPT_BOT: opt.bot = true; break;
    case OPT_EOT: opt.eot = true; break;
    case OPT_PRESERVE_DI: opt.preserve_default_ignorables = true; break;
    case OPT_REMOVE_DI: opt.remove_default_ignorables = true; break;
    case OPT_NORMALIZE_GLYPHS: opt.normalize_glyphs = true; break;
    case 'u': unicodes = optarg; break;
    case OPT_TEXT: text = optarg; break;
    case 'O':
      if (strcmp(optarg, "json") == 0)
        sc.ser_flags |= LOC_SER_JSON;
      else if (strcmp(optarg, "text") == 0)
        sc.ser_flags &= ~(unsigned)LOC_SER_JSON;
      else
        return diag_usage("shape", "--output-format takes text or json, not '%s'", optarg);
      break;
    case OPT_JSON: sc.ser_flags |= LOC_SER_JSON; break;
    case OPT_RUNS: sc.runs = true; break;
    case OPT_INVALID:
    case 'j':
      if (!handle_common_option(&run, o, optarg))
        return EXIT_USAGE;
      break;
    default:
      return diag_bad_option("shape", o, argv);
    }
  }
  if (font_path == NULL)
    return diag_usage("shape", "--font FILE is required");
  if (unicodes && (text || optind < argc))
    return diag_usage("shape", "--unicodes cannot be combined with TEXT");

  loc_font *font = NULL;
  loc_status st = loc_font_open(font_path, face_index, &font);
  if (st != LOC_OK) {
    fprintf(stderr, "loc: shape: %s: %s\n", font_path,
            cli_font_error(font_path, face_index, st));
    return EXIT_USAGE;
  }
  char *env_lang = NULL;
  if (opt.language == NULL)
    opt.language = env_lang = environment_language();
  st = loc_shaper_new(font, &opt, &sc.shaper);
  if (st != LOC_OK) {
    free(env_lang);
    loc_font_free(font);
    if (st == LOC_E_BAD_FEATURE)
      return diag_usage("shape", "a feature or variation setting does not parse");
    if (st == LOC_E_INVALID_ARGUMENT)
      return diag_usage("shape", "bad --direction or --script");
    fprintf(stderr, "loc: shape: %s\n", loc_strerror(st));
    return EXIT_USAGE;
  }
  sc.font = font;
  out_init(&sc.out, 1);
  if (unicodes) {
    char *u = NULL;
    size_t ulen = 0;
    if (!parse_unicodes(unicodes, &u, &ulen)) {
      diag_usage("shape", "--unicodes: not a list of code points: '%s'", unicodes);
      run.failed = true;
    } else {
      shape_line(&sc, "<unicodes>", 1, u, ulen);
      free(u);
    }
  } else if (text || optind < argc) {
    if (text)
      shape_operand(&sc, text, strlen(text));
    for (int i = optind; i < argc; i++)
      shape_operand(&sc, argv[i], strlen(argv[i]));
  } else {
    for_each_input(&run, 0, NULL, LR_DEFAULT_BLOCK, shape_input, &sc);
  }
  if (!out_flush(&sc.out))
    diag_fail(&run, "standard output: write error");
  out_free(&sc.out);
  free(sc.line);
  free(sc.rbuf);
  free(env_lang);
  loc_shaper_free(sc.shaper);
  loc_font_free(font);
  return cli_exit_status(&run);
}

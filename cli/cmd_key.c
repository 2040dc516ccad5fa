/* loc key — one search key per line (loc/key.h).
 *
 * A line longer than the read block arrives in pieces; the text not yet
 * keyed is carried and cut where loc_key_cut_for() allows, so memory stays
 * bounded. Text with no such cut in KEY_CARRY_MAX bytes is keyed where it
 * stands and the cut reported. */
#include "cli.h"

enum { OPT_LANG = OPT_FIRST_COMMAND_OWN, OPT_FOLD, OPT_ROMANIZE };

#define KEY_CARRY_MAX ((size_t)4 << 20)

static const char help_text[] =
    "Usage: loc key [--lang TAG] [--fold LIST] [--romanize] [--json]\n"
    "               [--invalid=report|replace] [FILE...]\n"
    "One search key per input line: spellings a reader considers the same get the\n"
    "same key. Always: NFKC_Casefold (which removes default-ignorable characters\n"
    "such as ZWJ, ZWNJ and soft hyphens), and one order for the marks of Khmer and\n"
    "Myanmar syllables, so misordered input gets the key of the canonical spelling.\n"
    "A CR before the line's end is not part of the line.\n"
    "\n"
    "  --fold LIST      comma-separated extra folds:\n"
    "                     diacritics  marks on Latin and Greek letters, stress\n"
    "                                 accents and the diaeresis of ё in Cyrillic;\n"
    "                                 never the vowel signs of abugidas\n"
    "                     kana        katakana as hiragana\n"
    "                     arabic      tatweel and harakat removed; KAF/KEHEH and\n"
    "                                 YEH/FARSI YEH unified per --lang\n"
    "                     hebrew      points and cantillation removed\n"
    "                     han         traditional Han as simplified\n"
    "                     all         every fold above\n"
    "                     romanize    the same as --romanize\n"
    "  --romanize       every script to Latin first (the project's Any-Latin, as\n"
    "                   loc translit -t Any-Latin), then the diacritics fold, so a\n"
    "                   name written in two scripts can meet (Москва, Moskva)\n"
    "  --lang TAG       the text's language (BCP 47, canonicalized): fa, ur, ps,\n"
    "                   ckb and others that write KEHEH and FARSI YEH key Arabic\n"
    "                   KAF and YEH as those letters\n"
    "  --json           NDJSON: {\"line\":1,\"key\":\"...\"}\n"
    "  --invalid=MODE   report (default): ill-formed UTF-8 is reported on stderr\n"
    "                   (exit 1); replace: silently. Either way each maximal\n"
    "                   ill-formed subpart is keyed as U+FFFD\n"
    "  -j, --jobs N     N threads (0: one per core; default 1); output and\n"
    "                   diagnostics exactly as with 1\n"
    "  --progress       a status line on stderr even when it is no terminal\n"
    "  -h, --help       this text\n";

typedef struct key_cmd {
  cli_state base;          /* run, output, current line */
  const loc_keyer *keyer; /* shared, read-only */
  loc_key_ctx *ctx;   /* this state's own */
  /* the line in progress */
  char *carry;
  size_t clen, ccap;
  uint64_t coffset;      /* byte offset in the line of carry[0] */
} key_cmd;

static void begin_line(key_cmd *kc, const char *file, uint64_t line) {
  kc->clen = 0;
  kc->coffset = 0;
  state_line_begin(&kc->base, file, line, KEY_JSON_OPEN);
}

/* Writes the key of s[0..len). */
static void emit_key(key_cmd *kc, const char *file, const char *s, size_t len) {
  const char *key;
  size_t n;
  loc_status st = loc_key(kc->ctx, s, len, &key, &n);
  if (st != LOC_OK) {
    diag_at(kc->base.run, file, kc->base.pos.line, 1, "no key: %s", loc_status_message(st));
    return;
  }
  if (kc->base.run->json) {
    out_json_chars(&kc->base.out, key, n);
  } else {
    out_write(&kc->base.out, key, n);
  }
}

/* Keys the last text of a line (a '\r' before its end dropped) and ends
 * its output line. */
static void finish_line(key_cmd *kc, const char *file, const char *s, size_t len) {
  if (len > 0 && s[len - 1] == '\r')
    len--;
  emit_key(kc, file, s, len);
  state_line_end(&kc->base, KEY_JSON_CLOSE);
}

static void end_line(key_cmd *kc, const char *file) {
  finish_line(kc, file, kc->carry, kc->clen);
  kc->clen = 0;
}

static bool append(key_cmd *kc, const char *s, size_t len) {
  if (kc->clen + len > kc->ccap) {
    size_t cap = kc->ccap ? kc->ccap : 4096;
    while (cap < kc->clen + len)
      cap *= 2;
    char *g = realloc(kc->carry, cap);
    if (g == NULL)
      return false;
    kc->carry = g;
    kc->ccap = cap;
  }
  memcpy(kc->carry + kc->clen, s, len);
  kc->clen += len;
  return true;
}

/* Keys the carried text up to its last safe cut (or all of it when it has
 * grown past KEY_CARRY_MAX) and keeps the rest. */
static void flush_carry(key_cmd *kc, const char *file) {
  size_t cut = loc_key_cut_for(kc->keyer, kc->carry, kc->clen);
  if (cut == 0) {
    if (kc->clen < KEY_CARRY_MAX)
      return;
    /* the last character boundary: no character is split */
    cut = kc->clen;
    while (cut > 0 && ((unsigned char)kc->carry[cut - 1] & 0xC0) == 0x80 &&
           kc->clen - cut < 4)
      cut--;
    if (cut > 0 && (unsigned char)kc->carry[cut - 1] >= 0xC0)
      cut--;
    if (cut == 0)
      cut = kc->clen;
    /* pos.chars counts the line's characters up to the end of the carry */
    uint64_t col = kc->base.pos.chars - loc_utf8_count_chars(kc->carry + cut, kc->clen - cut) + 1;
    diag_at(kc->base.run, file, kc->base.pos.line, col,
            "no place to cut the key in %zu bytes; keyed apart from byte offset %llu",
            kc->clen, (unsigned long long)(kc->coffset + cut));
  }
  emit_key(kc, file, kc->carry, cut);
  memmove(kc->carry, kc->carry + cut, kc->clen - cut);
  kc->clen -= cut;
  kc->coffset += cut;
}

static bool key_of_piece(cli_run *run, const char *file, const lr_piece *lp, void *user) {
  key_cmd *kc = user;
  if (lp->first)
    begin_line(kc, file, lp->line);
  if (run->invalid == INVALID_REPORT && loc_utf8_valid_prefix(lp->data, lp->len) != lp->len)
    report_invalid_utf8(run, file, &kc->base.pos, lp->offset, lp->data, lp->len);
  if (lp->last && kc->clen == 0) {
    /* the usual case, a whole line in one piece: no copy */
    finish_line(kc, file, lp->data, lp->len);
    return !kc->base.out.error;
  }
  if (!append(kc, lp->data, lp->len)) {
    diag_fail(run, "%s: out of memory", file);
    return false;
  }
  if (lp->last) {
    end_line(kc, file);
  } else {
    kc->base.pos.chars += loc_utf8_count_chars(lp->data, lp->len);
    flush_carry(kc, file);
  }
  return !kc->base.out.error;
}

/* After each input, on the main state: a line a read error left open. */
static void key_end_input(cli_run *run, const char *file, void *main) {
  (void)run;
  key_cmd *kc = main;
  if (kc->base.line_open)
    end_line(kc, file);
}

/* A worker's state: the shared keyer, a context of its own. */
static bool key_init(void *state, const void *main) {
  const key_cmd *m = main;
  key_cmd *kc = state;
  kc->keyer = m->keyer;
  return loc_key_ctx_new(kc->keyer, &kc->ctx) == LOC_OK;
}

static void key_fini(void *state) {
  key_cmd *kc = state;
  loc_key_ctx_free(kc->ctx);
  free(kc->carry);
}

int cmd_key(int argc, char **argv) {
  static const struct option longopts[] = {
      {"lang", required_argument, NULL, OPT_LANG},
      {"fold", required_argument, NULL, OPT_FOLD},
      {"romanize", no_argument, NULL, OPT_ROMANIZE},
      {"json", no_argument, NULL, OPT_JSON},
      COMMON_LONG_OPTIONS,
      PROGRESS_LONG_OPTION,
      {NULL, 0, NULL, 0},
  };
  cli_run run = {.command = "key", .invalid = INVALID_REPORT, .jobs = 1};
  key_cmd kc = {.base.run = &run};
  const char *lang = NULL;
  unsigned folds = 0;
  int opt;
  optind = 1;
  opterr = 0;
  while ((opt = getopt_long(argc, argv, ":hj:", longopts, NULL)) != -1) {
    switch (opt) {
    case OPT_LANG:
      lang = optarg;
      break;
    case OPT_FOLD: {
      size_t bad = 0;
      unsigned f;
      if (loc_key_fold_parse(optarg, &f, &bad) != LOC_OK)
        return diag_usage("key", "--fold '%s': unknown fold at '%.*s' (try --help)", optarg,
                          (int)strcspn(optarg + bad, ","), optarg + bad);
      folds |= f;
      break;
    }
    case OPT_ROMANIZE:
      folds |= LOC_KEY_FOLD_ROMANIZE;
      break;
    default:
      if ((opt = cli_option(&run, opt, optarg, help_text, argv)) != CLI_NEXT_OPTION)
        return opt;
    }
  }
  if (lang != NULL && !cli_lang_ok("key", lang))
    return EXIT_USAGE;
  loc_keyer *keyer;
  loc_status st = loc_keyer_new(lang, lang ? strlen(lang) : 0, folds, &keyer);
  if (st == LOC_E_INVALID_TAG)
    return diag_usage("key", "--lang '%s': not a valid BCP 47 language tag", lang);
  kc.keyer = keyer;
  if (st == LOC_OK && (st = loc_key_ctx_new(keyer, &kc.ctx)) != LOC_OK)
    loc_keyer_free(keyer);
  if (st != LOC_OK) {
    return diag_lib_error("key", st);
  }
  out_init(&kc.base.out, 1);
  par_job job = {.main = &kc, .state_size = sizeof(key_cmd), .state_init = key_init,
                 .state_fini = key_fini, .piece = key_of_piece, .end_input = key_end_input};
  run_lines(&run, argc - optind, argv + optind, LR_DEFAULT_BLOCK, &job);
  if (!out_flush(&kc.base.out))
    diag_fail(&run, "standard output: write error");
  out_free(&kc.base.out);
  key_fini(&kc);
  loc_keyer_free(keyer);
  return cli_exit_status(&run);
}

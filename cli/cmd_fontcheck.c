/* loc fontcheck — does a font support a language?
 *
 * Per language: the exemplar characters (ICU locale data) the font lacks,
 * then the shaping findings over the exemplars and the --text sample; see
 * <loc/fontcheck.h> for the rules. Without --lang every ICU language is
 * checked and the supported ones listed. */
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

enum { OPT_FONT = OPT_FIRST_COMMAND_OWN, OPT_LANG, OPT_TEXT, OPT_ALL, OPT_FACE_INDEX };

static const char fontcheck_usage[] =
    "Usage: loc fontcheck --font FILE [--lang TAG]... [--text FILE] [--all] [--json]\n"
    "Does the font support these languages? For each: the language's exemplar\n"
    "characters (ICU locale data; the letters and marks of its script when ICU has\n"
    "none) missing from the font, then .notdef glyphs, dotted circles HarfBuzz\n"
    "inserts, and marks the font attaches on some bases but leaves at 0,0 on\n"
    "others, when shaping the exemplars and the --text sample.\n"
    "\n"
    "Output, one line per language: TAG<TAB>VERDICT<TAB>REASONS, VERDICT being\n"
    "supported, partial (something missing or shaped badly) or unsupported (more\n"
    "than a quarter of the exemplars missing).\n"
    "\n";

static const cli_opt fontcheck_opts[] = {
    {"font", OPT_FONT, " FILE",
     "the font (required); --face-index N for a collection"},
    {"face-index", OPT_FACE_INDEX, " N", NULL}, /* in --font's line */
    {"lang", OPT_LANG, " TAG",
     "a BCP 47 language tag; repeatable. Without it, every ICU\n"
     "language (with or without a script, no region) is checked\n"
     "and the supported ones are listed"},
    {"all", OPT_ALL, NULL,
     "without --lang: list every language with its verdict"},
    {"text", OPT_TEXT, " FILE",
     "also shape this text (UTF-8, line by line; a line over 256 KB\n"
     "in pieces cut after a space) for each language"},
    {"json", OPT_JSON, NULL,
     "one object per language: {\"font\":...,\"lang\":...,\"verdict\":...,\n"
     "\"missing\":[\"U+1363\"],\"notdef\":0,\"dotted_circles\":0,\n"
     "\"unattached_marks\":0,...}"},
    {0},
};
static const char fontcheck_notes[] =
    "Exit status: 0 when every --lang is supported (and always when listing), 1 when\n"
    "one is partial or unsupported, 2 for usage errors or a font that cannot be used.\n";
static const cli_command fontcheck_command = {"fontcheck", fontcheck_usage, fontcheck_opts,
                                              fontcheck_notes, 19, 0, NULL};

static void print_text(out_buf *o, const char *lang, const loc_fontcheck_report *r) {
  out_printf(o, "%s\t%s\t", lang, loc_fontcheck_verdict_name(r->verdict));
  const char *sep = "";
  if (r->exemplars_from_script) {
    out_printf(o, "no ICU exemplars: checked the %zu letters and marks of %s", r->exemplars,
               r->script);
    sep = "; ";
  }
  if (r->n_missing) {
    out_printf(o, "%s%zu of %zu exemplar characters missing:", sep, r->n_missing, r->exemplars);
    for (size_t i = 0; i < r->n_missing && i < 12; i++)
      out_printf(o, " U+%04X", (unsigned)r->missing[i]);
    if (r->n_missing > 12)
      out_write(o, " ...", 4);
    sep = "; ";
  } else if (!r->exemplars_from_script) {
    out_printf(o, "%sall %zu exemplar characters present", sep, r->exemplars);
    sep = "; ";
  }
  if (r->notdef)
    out_printf(o, "%s%zu .notdef glyphs", sep, r->notdef), sep = "; ";
  if (r->dotted_circles)
    out_printf(o, "%s%zu dotted circles inserted", sep, r->dotted_circles), sep = "; ";
  if (r->unattached_marks)
    out_printf(o, "%s%zu marks left unattached", sep, r->unattached_marks), sep = "; ";
  if (r->notdef_other)
    out_printf(o, "%s(%zu characters of other scripts not in the font)", sep, r->notdef_other);
  out_putc(o, '\n');
}

int cmd_fontcheck(int argc, char **argv) {
  cli_run run;
  cli_args args = cli_args_of(&fontcheck_command, &run, argc, argv);
  const char *font_path = NULL, *text_path = NULL;
  const char **langs = calloc((size_t)argc + 1, sizeof *langs);
  size_t n_langs = 0;
  unsigned face_index = 0;
  bool all = false;
  int o;
  if (langs == NULL)
    return EXIT_USAGE;
  while ((o = cli_next(&args)) >= 0) {
    switch (o) {
    case OPT_FONT: font_path = optarg; break;
    case OPT_FACE_INDEX: {
      char *end;
      unsigned long v = strtoul(optarg, &end, 10);
      if (*optarg == '\0' || *end || v > 0xFFFF) {
        free(langs);
        return diag_usage("fontcheck", "--face-index takes a number, not '%s'", optarg);
      }
      face_index = (unsigned)v;
      break;
    }
    case OPT_LANG: langs[n_langs++] = optarg; break;
    case OPT_TEXT: text_path = optarg; break;
    case OPT_ALL: all = true; break;
    }
  }
  if (o == CLI_STOP) {
    free(langs);
    return args.status;
  }
  if (font_path == NULL || optind < argc) {
    free(langs);
    return font_path == NULL ? diag_usage("fontcheck", "--font FILE is required")
                             : diag_usage("fontcheck", "unexpected operand '%s'", argv[optind]);
  }
  loc_font *font = NULL;
  loc_status st = loc_font_new(font_path, face_index, &font);
  if (st != LOC_OK) {
    fprintf(stderr, "loc: fontcheck: %s: %s\n", font_path,
            cli_font_error(font_path, face_index, st));
    free(langs);
    return EXIT_USAGE;
  }
  char *text = NULL;
  size_t text_len = 0;
  if (text_path) {
    text = cli_read_file(text_path, SIZE_MAX, &text_len);
    if (text == NULL) {
      fprintf(stderr, "loc: fontcheck: %s: %s\n", text_path, strerror(errno));
      loc_font_free(font);
      free(langs);
      return EXIT_USAGE;
    }
    /* Each ill-formed sequence at its own line and column. */
    if (loc_utf8_valid_prefix(text, text_len) != text_len) {
      line_pos pos = {1, 0};
      for (size_t at = 0; at < text_len; pos.line++) {
        const char *nl = memchr(text + at, '\n', text_len - at);
        size_t end = nl ? (size_t)(nl - text) : text_len;
        if (loc_utf8_valid_prefix(text + at, end - at) != end - at)
          report_invalid_utf8(&run, text_path, &pos, 0, text + at, end - at);
        at = end + 1;
      }
    }
  }
  char *list = NULL;
  size_t n_list = 0;
  bool listing = n_langs == 0;
  if (listing && loc_fontcheck_languages(font, &list, &n_list) != LOC_OK) {
    diag_fail(&run, "out of memory");
    n_list = 0;
  }
  out_buf out;
  out_init(&out, 1);
  const char *tag = list;
  for (size_t i = 0; i < (listing ? n_list : n_langs); i++) {
    const char *lang = listing ? tag : langs[i];
    if (listing)
      tag += strlen(tag) + 1;
    loc_fontcheck_report r;
    st = loc_fontcheck(font, lang, text, text_len, &r);
    if (st == LOC_E_INVALID_TAG || st == LOC_E_UNKNOWN_SCRIPT) {
      if (!listing) {
        fprintf(stderr, "loc: fontcheck: --lang '%s': %s\n", lang,
                st == LOC_E_INVALID_TAG ? "not a valid BCP 47 tag"
                                        : "ICU has no exemplar characters and no script for it");
        run.failed = true;
      }
      continue;
    }
    if (st != LOC_OK) {
      diag_fail(&run, "%s: %s", lang, loc_status_message(st));
      continue;
    }
    if (!listing && r.verdict != LOC_FONT_SUPPORTED)
      run.findings = true;
    if (!listing || all || r.verdict == LOC_FONT_SUPPORTED) {
      if (run.json)
        json_fontcheck_report(&out, font_path, lang, &r);
      else
        print_text(&out, lang, &r);
    }
    loc_fontcheck_report_clear(&r);
  }
  if (!out_flush(&out))
    diag_fail(&run, "standard output: write error");
  out_free(&out);
  loc_free(list);
  free(text);
  free(langs);
  loc_font_free(font);
  return cli_exit_status(&run);
}

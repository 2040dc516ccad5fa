/* `loc`: the dispatcher. Each subcommand lives in its own cmd_*.c file. */
#include "cli.h"
#include "serve.h" /* loc serve */

#include <errno.h>
#include <string.h>

static const struct command {
  const char *name;
  command_fn fn;
  const char *summary;
} commands[] = {
    {"normalize", cmd_normalize, "Unicode normalization (NFC, NFD, NFKC, NFKD, NFKC_Casefold)"},
    {"script", cmd_script, "script runs per line, or characters per script (--summary)"},
    {"tag", cmd_tag, "BCP 47 language tags: validate, canonicalize, likely subtags, names"},
    {"segment", cmd_segment, "graphemes, words, sentences or line-break opportunities"},
    {"idn", cmd_idn, "domain names: UTS #46 conversion, registration check, confusables"},
    {"sort", cmd_sort, "lines in a language's dictionary order (ICU collation)"},
    {"key", cmd_key, "search keys: equivalent spellings get the same key"},
    {"check", cmd_check, "validate text: encoding, invisibles, syllables, scripts; --fix"},
    {"convert", cmd_convert, "byte encodings (ICU), Zawgyi and font hacks to and from UTF-8"},
    {"shape", cmd_shape, "HarfBuzz shaping with hb-shape's options and output"},
    {"fontcheck", cmd_fontcheck, "does a font support a language: exemplars, .notdef, dotted circles"},
    {"render", cmd_render, "lay out paragraphs (bidi, fallback, line breaking) to PNG or SVG"},
    {"translit", cmd_translit, "transliteration: any ICU transform ID, every script to Latin"},
    {"detect", cmd_detect, "language of each line (456 UDHR languages), calibrated confidence"},
    {"serve", cmd_serve, "local web app and JSON API (HTTP on 127.0.0.1:8080)"},
};

static void usage(FILE *f) {
  fputs("Usage: loc COMMAND [OPTIONS] [FILE...]\n"
        "Text in under-represented languages and internationalised domain names.\n\n"
        "Commands:\n",
        f);
  for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
    fprintf(f, "  %-12s %s\n", commands[i].name, commands[i].summary);
  fputs("\nRules shared by every command:\n"
        "  FILE operands are read in order; none, or '-', reads standard input.\n"
        "  Only \\n ends a line. Diagnostics go to standard error as\n"
        "  'loc: FILE:LINE:COL: message' (COL in characters, from 1).\n"
        "  Invalid UTF-8 is reported and the line copied through unchanged;\n"
        "  --invalid=replace substitutes U+FFFD per maximal subpart instead.\n"
        "  Exit status: 0 done; 1 done, with findings or bad input lines;\n"
        "  2 usage error, missing file or I/O failure.\n\n"
        "Options:\n"
        "  -h, --help     this text; 'loc COMMAND --help' for a command\n"
        "  -V, --version  versions of loc and of the Unicode data it follows\n",
        f);
}

static void version(void) {
  printf("loc %s\n", loc_version());
  for (int c = LOC_COMPONENT_ICU; c < LOC_COMPONENT_COUNT_; c++)
    printf("%s %s\n", loc_component_name((loc_component)c),
           loc_component_version((loc_component)c));
}

/* Every run ends here: output that did not reach standard output (a full
 * disk, a closed pipe's EPIPE) is exit status 2 with a message naming it,
 * unless the command already reported it. */
static int stdout_checked(const char *command, int status) {
  int err = 0;
  if (fflush(stdout) != 0 || ferror(stdout))
    err = errno ? errno : EIO;
  if (err == 0)
    err = out_stdout_errno;
  if (err == 0)
    return status;
  if (diag_messages == 0)
    fprintf(stderr, "loc: %s%sstandard output: write error: %s\n", command ? command : "",
            command ? ": " : "", strerror(err));
  return EXIT_USAGE;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    usage(stderr);
    return EXIT_USAGE;
  }
  const char *cmd = argv[1];
  if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "help") == 0) {
    usage(stdout);
    return stdout_checked(NULL, EXIT_DONE);
  }
  if (strcmp(cmd, "-V") == 0 || strcmp(cmd, "--version") == 0) {
    version();
    return stdout_checked(NULL, EXIT_DONE);
  }
  for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
    if (strcmp(cmd, commands[i].name) == 0)
      return stdout_checked(commands[i].name, commands[i].fn(argc - 1, argv + 1));
  return diag_usage(NULL, "unknown command '%s'", cmd);
}

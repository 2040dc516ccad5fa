/* Letters per script in sections of a text stream, for the transliteration
 * coverage check. Sections start with a line "@@FILE NAME". Reads the
 * romanized stream OUT and the original stream IN; for every section prints
 *   NAME LETTERS NONLATIN [SCRIPT:COUNT...]
 * (letters of the output, those of a script other than Latin, Common or
 * Inherited, and the most frequent such scripts), then a summary of the
 * declarations whose rate NONLATIN/LETTERS is at most 1/1000 and of the
 * scripts of the input of which at most 1/1000 of the letters survive.
 * Usage: letters OUT IN MAX_FAILING — exit 1 when more sections fail. */
#include <loc/loc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include "../../libloc/src/common/internal.h"

#define NSCRIPT USCRIPT_CODE_LIMIT

typedef struct section {
  char name[128];
  long letters;
  long by_script[NSCRIPT];
} section;

static bool foreign(UScriptCode s) {
  return s != USCRIPT_LATIN && s != USCRIPT_COMMON && s != USCRIPT_INHERITED;
}

/* Reads the whole stream into sections. */
static section *read_sections(const char *path, size_t *n) {
  FILE *f = fopen(path, "rb");
  if (f == NULL) {
    perror(path);
    exit(2);
  }
  section *v = NULL;
  size_t len = 0;
  char *line = NULL;
  size_t cap = 0;
  ssize_t got;
  while ((got = getline(&line, &cap, f)) > 0) {
    if (strncmp(line, "@@FILE ", 7) == 0) {
      v = realloc(v, (len + 1) * sizeof *v);
      memset(&v[len], 0, sizeof v[len]);
      snprintf(v[len].name, sizeof v[len].name, "%.*s", (int)strcspn(line + 7, "\n"), line + 7);
      len++;
      continue;
    }
    if (len == 0)
      continue;
    section *s = &v[len - 1];
    for (size_t i = 0; i < (size_t)got;) {
      size_t k;
      int32_t cp = loc__utf8_decode((const uint8_t *)line, (size_t)got, i, &k);
      i += k;
      if (cp < 0 || !(U_GET_GC_MASK(cp) & U_GC_L_MASK))
        continue;
      UErrorCode e = U_ZERO_ERROR;
      UScriptCode sc = uscript_getScript(cp, &e);
      s->letters++;
      if (sc >= 0 && sc < NSCRIPT)
        s->by_script[sc]++;
    }
  }
  free(line);
  fclose(f);
  *n = len;
  return v;
}

int main(int argc, char **argv) {
  if (argc != 4) {
    fputs("usage: letters OUT IN MAX_FAILING\n", stderr);
    return 2;
  }
  size_t n, m;
  section *out = read_sections(argv[1], &n);
  section *in = read_sections(argv[2], &m);
  long max_failing = atol(argv[3]);
  if (n != m) {
    fprintf(stderr, "%zu sections out, %zu in\n", n, m);
    return 2;
  }
  static long in_total[NSCRIPT], left_total[NSCRIPT];
  long failing = 0;
  for (size_t i = 0; i < n; i++) {
    long other = 0;
    for (int s = 0; s < NSCRIPT; s++) {
      if (foreign((UScriptCode)s))
        other += out[i].by_script[s];
      in_total[s] += in[i].by_script[s];
      left_total[s] += out[i].by_script[s];
    }
    bool bad = other * 1000 > out[i].letters;
    failing += bad;
    printf("%s %ld %ld%s", out[i].name, out[i].letters, other, bad ? " FAIL" : "");
    for (int s = 0; s < NSCRIPT; s++)
      if (foreign((UScriptCode)s) && out[i].by_script[s] > 0)
        printf(" %s:%ld", uscript_getShortName((UScriptCode)s), out[i].by_script[s]);
    putchar('\n');
  }
  int scripts = 0, covered = 0;
  printf("scripts left:");
  for (int s = 0; s < NSCRIPT; s++) {
    if (!foreign((UScriptCode)s) || in_total[s] == 0)
      continue;
    scripts++;
    if (left_total[s] * 1000 <= in_total[s])
      covered++;
    else
      printf(" %s(%ld/%ld)", uscript_getShortName((UScriptCode)s), left_total[s], in_total[s]);
  }
  printf("\ndeclarations covered: %ld of %zu (%.1f%%)\n", (long)n - failing, n,
         n ? 100.0 * (double)((long)n - failing) / (double)n : 0.0);
  printf("scripts covered: %d of %d (%.1f%%)\n", covered, scripts,
         scripts ? 100.0 * covered / scripts : 0.0);
  free(out);
  free(in);
  if (failing > max_failing) {
    printf("FAIL: %ld declarations above 1/1000, at most %ld allowed\n", failing, max_failing);
    return 1;
  }
  return 0;
}

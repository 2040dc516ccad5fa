/* ICU's own transform of each line, for tests/translit/icu-ids.sh: the
 * reference `loc translit -t ID` must equal line for line.
 *
 *   icu_ref ID FILE
 *
 * Each line (without its '\n') goes whole through utrans_transUChars of a
 * transform opened by ID from ICU alone (the project's rule sets are not
 * registered here); ill-formed UTF-8 becomes U+FFFD, as with
 * `loc translit --invalid=replace`. This is what `uconv -x ID` prints for
 * the line too, except that uconv 72 cuts its input after every character
 * c with (c & 0x2028) == 0x2028 (its test for U+2028/U+2029 in
 * getChunkLimit is a bit mask), e.g. 类 U+7C7B or 극 U+ADF9, and transforms
 * the pieces apart; icu-ids.sh checks this tool against uconv on the lines
 * uconv does not cut.
 *
 *   icu_ref --uncut FILE
 *
 * prints the lines of FILE that uconv does not cut. Exit 2 when the ID does
 * not open. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

static char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (f == NULL)
    return NULL;
  size_t cap = 1 << 16, n = 0;
  char *b = malloc(cap);
  size_t got;
  while (b != NULL && (got = fread(b + n, 1, cap - n, f)) > 0) {
    n += got;
    if (n == cap) {
      char *g = realloc(b, cap *= 2);
      if (g == NULL)
        free(b);
      b = g;
    }
  }
  fclose(f);
  *len = n;
  return b;
}

/* Does uconv 72 take c for a paragraph end ((c & 0x2028) == 0x2028, or
 * CR, LF, NEL)? */
static int uconv_cuts(UChar c) {
  return c == 0x0D || c == 0x0A || c == 0x85 || (c & 0x2028) == 0x2028;
}

static int uncut(const char *path) {
  size_t len = 0;
  char *text = slurp(path, &len);
  if (text == NULL)
    return 2;
  for (size_t i = 0; i < len;) {
    char *nl = memchr(text + i, '\n', len - i);
    size_t end = nl ? (size_t)(nl - text) : len;
    UChar *u = malloc((end - i + 1) * sizeof *u);
    int32_t n = 0;
    UErrorCode e = U_ZERO_ERROR;
    u_strFromUTF8WithSub(u, (int32_t)(end - i + 1), &n, text + i, (int32_t)(end - i), 0xFFFD,
                         NULL, &e);
    int cut = U_FAILURE(e);
    for (int32_t k = 0; k < n && !cut; k++)
      cut = uconv_cuts(u[k]);
    if (!cut) {
      fwrite(text + i, 1, end - i, stdout);
      putchar('\n');
    }
    free(u);
    i = nl ? end + 1 : len;
  }
  free(text);
  return 0;
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: icu_ref ID FILE | icu_ref --uncut FILE\n");
    return 2;
  }
  if (strcmp(argv[1], "--uncut") == 0)
    return uncut(argv[2]);
  UErrorCode e = U_ZERO_ERROR;
  UChar id[512];
  u_strFromUTF8(id, 512, NULL, argv[1], -1, &e);
  UParseError pe;
  UTransliterator *t = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, &pe, &e);
  if (U_FAILURE(e)) {
    fprintf(stderr, "icu_ref: %s: %s\n", argv[1], u_errorName(e));
    return 2;
  }
  size_t len = 0;
  char *text = slurp(argv[2], &len);
  if (text == NULL) {
    fprintf(stderr, "icu_ref: cannot read %s\n", argv[2]);
    return 2;
  }
  for (size_t i = 0; i < len;) {
    char *nl = memchr(text + i, '\n', len - i);
    size_t end = nl ? (size_t)(nl - text) : len;
    int32_t cap = (int32_t)(end - i) * 8 + 64, n = 0;
    for (;;) {
      UChar *u = malloc((size_t)cap * sizeof *u);
      char *out = NULL;
      e = U_ZERO_ERROR;
      u_strFromUTF8WithSub(u, cap, &n, text + i, (int32_t)(end - i), 0xFFFD, NULL, &e);
      int32_t limit = n;
      utrans_transUChars(t, u, &n, cap, 0, &limit, &e);
      if (e == U_BUFFER_OVERFLOW_ERROR) {
        free(u);
        cap *= 4;
        continue;
      }
      if (U_FAILURE(e)) {
        fprintf(stderr, "icu_ref: %s\n", u_errorName(e));
        return 2;
      }
      int32_t m = 0;
      out = malloc((size_t)n * 3 + 1);
      u_strToUTF8WithSub(out, n * 3 + 1, &m, u, n, 0xFFFD, NULL, &e);
      fwrite(out, 1, (size_t)m, stdout);
      free(out);
      free(u);
      break;
    }
    if (nl != NULL)
      putchar('\n');
    i = nl ? end + 1 : len;
  }
  free(text);
  utrans_close(t);
  return ferror(stdout) ? 2 : 0;
}

/* ICU's own transform of each line, for tests/translit/icu-ids.sh: the
 * reference `loc translit -t ID` must equal line for line.
 *
 *   icu_ref ID FILE
 *
 * Each line goes whole through ICU's non-incremental transform (opened by
 * ID from ICU alone: the project's rule sets are not registered here), with
 * its line break, when it has one, as context after it (rules see it, it is
 * not transformed); ill-formed UTF-8 becomes U+FFFD, as with
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
#include <unicode/translit.h>
#include <unicode/unistr.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>
#include <string>

static char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (f == NULL)
    return NULL;
  size_t cap = 1 << 16, n = 0;
  char *b = (char *)malloc(cap);
  size_t got;
  while (b != NULL && (got = fread(b + n, 1, cap - n, f)) > 0) {
    n += got;
    if (n == cap) {
      char *g = (char *)realloc(b, cap *= 2);
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
    char *nl = (char *)memchr(text + i, '\n', len - i);
    size_t end = nl ? (size_t)(nl - text) : len;
    UChar *u = (UChar *)malloc((end - i + 1) * sizeof *u);
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
  icu::Transliterator *t = icu::Transliterator::createInstance(
      icu::UnicodeString::fromUTF8(argv[1]), UTRANS_FORWARD, e);
  if (U_FAILURE(e) || t == nullptr) {
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
    char *nl = (char *)memchr(text + i, '\n', len - i);
    size_t end = nl ? (size_t)(nl - text) : len;
    int32_t n = 0;
    std::u16string buf((end - i) + 1, u'\0');
    e = U_ZERO_ERROR;
    u_strFromUTF8WithSub(reinterpret_cast<UChar *>(&buf[0]), (int32_t)buf.size(), &n,
                         text + i, (int32_t)(end - i), 0xFFFD, NULL, &e);
    if (U_FAILURE(e)) {
      fprintf(stderr, "icu_ref: %s\n", u_errorName(e));
      return 2;
    }
    icu::UnicodeString s(reinterpret_cast<const UChar *>(buf.data()), n);
    if (nl != NULL)
      s.append((UChar)0x0A);
    UTransPosition p = {0, s.length(), 0, n};
    t->finishTransliteration(s, p);
    std::string out;
    s.tempSubString(0, p.limit).toUTF8String(out);
    fwrite(out.data(), 1, out.size(), stdout);
    if (nl != NULL)
      putchar('\n');
    i = nl ? end + 1 : len;
  }
  free(text);
  delete t;
  return ferror(stdout) ? 2 : 0;
}

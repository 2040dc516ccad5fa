/* Zawgyi detection and conversion against myanmar-tools' own test data
 * (the pinned npm package, corpora/cache/npm/myanmar-tools-1.2.0/) and the
 * UDHR corpus. Each mode is skipped (77) when its data is absent.
 *
 *   zawgyi_check compat   compatibility.tsv: agreement at the 0.95 / 0.05
 *                         thresholds on cases with 4+ Myanmar letters must be
 *                         at least 95 %; also counts probabilities within
 *                         1e-6 relative error of myanmar-tools' own.
 *   zawgyi_check golden   Zawgyi-my on mmgov_zawgyi_src.txt and my-Zawgyi on
 *                         udhr_mya_unicode_src.txt reproduce the golden
 *                         outputs byte for byte (whole file and line by line).
 *   zawgyi_check parts    the golden sources (and a long run of one vowel
 *                         sign with spaces) joined into long lines, which the
 *                         library hands to ICU in parts: the result equals one
 *                         ICU call over the whole line, in both directions.
 *   zawgyi_check udhr     the UDHR Shan and Mon texts score as Unicode
 *                         (below 0.05) as a whole, and Burmese (mya) too;
 *                         the same Burmese converted to Zawgyi scores above
 *                         0.95. */
#include <loc/loc.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

#define PKG "/corpora/cache/npm/myanmar-tools-1.2.0/package/resources/"

static char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (f == NULL)
    return NULL;
  size_t cap = 1 << 16, n = 0;
  char *b = malloc(cap);
  size_t got;
  while (b && (got = fread(b + n, 1, cap - n, f)) > 0) {
    n += got;
    if (n == cap)
      b = realloc(b, cap *= 2);
  }
  fclose(f);
  *len = n;
  return b;
}

static char *path_of(const char *root, const char *rel) {
  static char buf[4096];
  snprintf(buf, sizeof buf, "%s%s", root, rel);
  return buf;
}

/* Letters of the Myanmar block proper (consonants, independent vowels and
 * the Shan/Mon/Karen extensions), as myanmar-tools' own test counts them. */
static int myanmar_letters(const char *s, size_t len) {
  int n = 0;
  for (size_t i = 0; i + 2 < len; i++) {
    unsigned char a = (unsigned char)s[i], b = (unsigned char)s[i + 1],
                  c = (unsigned char)s[i + 2];
    if (a == 0xE1 && b >= 0x80 && b <= 0x82) {
      unsigned cp = 0x1000u + ((b - 0x80u) << 6) + (c - 0x80u);
      if (cp <= 0x102A || (cp >= 0x103F && cp <= 0x103F) || (cp >= 0x1050 && cp <= 0x1055) ||
          (cp >= 0x105A && cp <= 0x105D) || cp == 0x1061 || cp == 0x1065 || cp == 0x1066 ||
          (cp >= 0x106E && cp <= 0x1070) || (cp >= 0x1075 && cp <= 0x1081) || cp == 0x108E)
        n++;
    }
  }
  return n;
}

static int verdict(double p) { return p > 0.95 ? 1 : p < 0.05 ? -1 : 0; }

static int compat(const char *root) {
  size_t len;
  char *data = slurp(path_of(root, PKG "compatibility.tsv"), &len);
  if (data == NULL) {
    printf("SKIP: myanmar-tools 1.2.0 is not in corpora/cache (run scripts/setup)\n");
    return 77;
  }
  int cases = 0, considered = 0, agree = 0, exact = 0;
  for (char *line = data; line < data + len;) {
    char *nl = memchr(line, '\n', (size_t)(data + len - line));
    char *end = nl ? nl : data + len;
    char *tab = memchr(line, '\t', (size_t)(end - line));
    if (tab) {
      *tab = 0;
      double want = strcmp(line, "-Infinity") == 0 ? -INFINITY : strtod(line, NULL);
      const char *text = tab + 1;
      size_t n = (size_t)(end - text);
      double got;
      if (loc_legacy_zawgyi_probability(text, n, &got) != LOC_OK)
        return 1;
      cases++;
      bool same = isinf(want) ? got < 0 : fabs(got - want) <= 1e-6 * fabs(want) + 1e-300;
      exact += same;
      if (!same)
        printf("differs: %.17g vs myanmar-tools %.17g: %.*s\n", got, want, (int)n, text);
      if (myanmar_letters(text, n) >= 4) {
        considered++;
        agree += verdict(got) == verdict(want);
      }
    }
    line = nl ? nl + 1 : data + len;
  }
  free(data);
  double rate = considered ? (double)agree / considered : 0;
  printf("compatibility.tsv: %d cases, %d within 1e-6 of myanmar-tools; "
         "%d with 4+ Myanmar letters, %d agree at 0.95/0.05 (%.1f %%)\n",
         cases, exact, considered, agree, 100 * rate);
  return considered > 0 && rate >= 0.95 ? 0 : 1;
}

/* Converts @src with a fresh converter, whole and line by line; both must
 * equal @want. */
static int golden_one(const char *root, loc_legacy_direction dir, const char *src,
                      const char *want_file) {
  size_t n, wn;
  char *in = slurp(path_of(root, src), &n);
  char *want = slurp(path_of(root, want_file), &wn);
  if (in == NULL || want == NULL)
    return 77;
  loc_legacy_conv *c;
  if (loc_legacy_conv_new(LOC_LEGACY_ZAWGYI, dir, &c) != LOC_OK)
    return 1;
  char *out;
  size_t on;
  int bad = 0;
  if (loc_legacy_convert_alloc(c, in, n, &out, &on) != LOC_OK || on != wn ||
      memcmp(out, want, wn) != 0) {
    printf("FAIL: %s (whole file) differs from %s\n", src, want_file);
    bad = 1;
  }
  loc_free(out);
  /* Line by line, as `loc convert` feeds it. */
  char *acc = malloc(wn + n * 2 + 16);
  size_t an = 0;
  for (size_t i = 0; i < n;) {
    char *nl = memchr(in + i, '\n', n - i);
    size_t ln = nl ? (size_t)(nl - (in + i)) : n - i;
    if (loc_legacy_convert_alloc(c, in + i, ln, &out, &on) != LOC_OK)
      return 1;
    memcpy(acc + an, out, on);
    an += on;
    loc_free(out);
    if (nl)
      acc[an++] = '\n';
    i += ln + (nl != NULL);
  }
  if (an != wn || memcmp(acc, want, wn) != 0) {
    printf("FAIL: %s (line by line) differs from %s\n", src, want_file);
    bad = 1;
  }
  if (!bad)
    printf("%s -> %s: %zu bytes identical\n", src, want_file, wn);
  free(acc);
  loc_legacy_conv_free(c);
  free(in);
  free(want);
  return bad;
}

static int golden(const char *root) {
  int a = golden_one(root, LOC_LEGACY_TO_UNICODE, PKG "mmgov_zawgyi_src.txt",
                     PKG "mmgov_unicode_out.txt");
  int b = golden_one(root, LOC_LEGACY_FROM_UNICODE, PKG "udhr_mya_unicode_src.txt",
                     PKG "udhr_mya_zawgyi_out.txt");
  if (a == 77 || b == 77) {
    printf("SKIP: myanmar-tools 1.2.0 is not in corpora/cache (run scripts/setup)\n");
    return 77;
  }
  return a || b;
}

static int udhr_text(const char *root, const char *code, bool to_zawgyi, int want) {
  char rel[256];
  snprintf(rel, sizeof rel, "/corpora/cache/udhr/txt/%s.txt", code);
  size_t n;
  char *text = slurp(path_of(root, rel), &n);
  if (text == NULL)
    return 77;
  if (to_zawgyi) {
    loc_legacy_conv *c;
    char *z;
    if (loc_legacy_conv_new(LOC_LEGACY_ZAWGYI, LOC_LEGACY_FROM_UNICODE, &c) != LOC_OK ||
        loc_legacy_convert_alloc(c, text, n, &z, &n) != LOC_OK)
      return 1;
    loc_legacy_conv_free(c);
    free(text);
    text = z;
  }
  double whole;
  loc_legacy_zawgyi_probability(text, n, &whole);
  int lines = 0, right = 0;
  for (size_t i = 0; i < n;) {
    char *nl = memchr(text + i, '\n', n - i);
    size_t ln = nl ? (size_t)(nl - (text + i)) : n - i;
    double p;
    loc_legacy_zawgyi_probability(text + i, ln, &p);
    if (p >= 0) {
      lines++;
      right += verdict(p) == want;
    }
    i += ln + (nl != NULL);
  }
  printf("%s%s: whole text P(Zawgyi) = %.3g; %d of %d lines called %s\n", code,
         to_zawgyi ? " (my-Zawgyi)" : "", whole, right, lines,
         want > 0 ? "Zawgyi" : "Unicode");
  free(text);
  return verdict(whole) == want ? 0 : 1;
}

static int udhr(const char *root) {
  int r = 0, skipped = 0;
  const struct {
    const char *code;
    bool to_zawgyi;
    int want;
  } cases[] = {{"shn", false, -1}, {"mnw", false, -1}, {"mya", false, -1}, {"mya", true, 1}};
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    int s = udhr_text(root, cases[i].code, cases[i].to_zawgyi, cases[i].want);
    if (s == 77)
      skipped++;
    else
      r |= s;
  }
  if (skipped == 4) {
    printf("SKIP: the UDHR corpus is not in corpora/cache (run scripts/setup)\n");
    return 77;
  }
  return r;
}

/* One ICU call over the whole of s[0..n) (the reference). */
static char *icu_whole(const char *id, const char *s, size_t n, size_t *out_n) {
  UErrorCode e = U_ZERO_ERROR;
  UChar uid[16];
  u_uastrcpy(uid, id);
  UTransliterator *t = utrans_openU(uid, -1, UTRANS_FORWARD, NULL, 0, NULL, &e);
  int32_t cap = (int32_t)n * 2 + 64, len = 0;
  UChar *u = malloc((size_t)cap * sizeof *u);
  u_strFromUTF8(u, cap, &len, s, (int32_t)n, &e);
  int32_t limit = len;
  utrans_transUChars(t, u, &len, cap, 0, &limit, &e);
  char *out = malloc((size_t)len * 3 + 1);
  int32_t on = 0;
  u_strToUTF8(out, len * 3 + 1, &on, u, len, &e);
  utrans_close(t);
  free(u);
  if (U_FAILURE(e)) {
    free(out);
    return NULL;
  }
  *out_n = (size_t)on;
  return out;
}

static int parts_one(loc_legacy_direction dir, const char *id, const char *what,
                     const char *s, size_t n) {
  loc_legacy_conv *c;
  char *out, *want;
  size_t on, wn;
  if (loc_legacy_conv_new(LOC_LEGACY_ZAWGYI, dir, &c) != LOC_OK ||
      loc_legacy_convert_alloc(c, s, n, &out, &on) != LOC_OK ||
      (want = icu_whole(id, s, n, &wn)) == NULL) {
    printf("FAIL: %s: conversion failed\n", what);
    return 1;
  }
  int bad = on != wn || memcmp(out, want, wn) != 0;
  printf("%s %s: %zu bytes, %s\n", id, what, n, bad ? "FAIL: differs from one ICU call" : "same as one ICU call");
  loc_free(out);
  free(want);
  loc_legacy_conv_free(c);
  return bad;
}

static int parts(const char *root) {
  static const char *const src[] = {PKG "mmgov_zawgyi_src.txt", PKG "udhr_mya_unicode_src.txt"};
  int bad = 0;
  for (int k = 0; k < 2; k++) {
    size_t n;
    char *in = slurp(path_of(root, src[k]), &n);
    if (in == NULL) {
      printf("SKIP: myanmar-tools 1.2.0 is not in corpora/cache (run scripts/setup)\n");
      return 77;
    }
    for (size_t i = 0; i < n; i++)
      if (in[i] == '\n')
        in[i] = ' ';
    bad |= parts_one(LOC_LEGACY_TO_UNICODE, "Zawgyi-my", src[k] + sizeof PKG - 1, in, n);
    bad |= parts_one(LOC_LEGACY_FROM_UNICODE, "my-Zawgyi", src[k] + sizeof PKG - 1, in, n);
    free(in);
  }
  /* U+1031 x 50, a space, again: the cuts fall at spaces only. */
  char run[20000];
  size_t rn = 0;
  while (rn + 160 < sizeof run) {
    for (int j = 0; j < 50; j++, rn += 3)
      memcpy(run + rn, "\xE1\x80\xB1", 3);
    run[rn++] = ' ';
  }
  bad |= parts_one(LOC_LEGACY_TO_UNICODE, "Zawgyi-my", "U+1031 runs", run, rn);
  return bad;
}

int main(int argc, char **argv) {
  const char *root = getenv("LOC_SOURCE_ROOT");
  if (argc != 2 || root == NULL) {
    fprintf(stderr, "usage: LOC_SOURCE_ROOT=DIR zawgyi_check compat|golden|udhr|parts\n");
    return 2;
  }
  if (strcmp(argv[1], "compat") == 0)
    return compat(root);
  if (strcmp(argv[1], "golden") == 0)
    return golden(root);
  if (strcmp(argv[1], "udhr") == 0)
    return udhr(root);
  if (strcmp(argv[1], "parts") == 0)
    return parts(root);
  fprintf(stderr, "zawgyi_check: unknown mode %s\n", argv[1]);
  return 2;
}

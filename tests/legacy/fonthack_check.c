/* Font-hack encodings against the UDHR corpus (skipped, 77, without it).
 *
 *   fonthack_check detect MIN_HIT MAX_FALSE
 *     Held-out lines (even-numbered; the model trained on the odd ones) of
 *     hin converted to Kruti Dev and ben converted to Bijoy must be called
 *     legacy (P > 0.95) at a rate of at least MIN_HIT; the even lines of
 *     every Latin-script declaration must be called legacy by either model
 *     at a rate of at most MAX_FALSE. Lines under 20 bytes are skipped.
 *   fonthack_check roundtrip
 *     hin -> Kruti Dev -> Unicode and ben -> Bijoy -> Unicode give every
 *     line back, up to canonical equivalence (NFC on both sides). */
#include <loc/loc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

static char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (f == NULL)
    return NULL;
  size_t cap = 1 << 16, n = 0, got;
  char *b = malloc(cap);
  while (b && (got = fread(b + n, 1, cap - n, f)) > 0) {
    n += got;
    if (n == cap)
      b = realloc(b, cap *= 2);
  }
  fclose(f);
  *len = n;
  return b;
}

static char root[2048];

static char *udhr(const char *code, size_t *len) {
  char path[8192];
  snprintf(path, sizeof path, "%s/corpora/cache/udhr/txt/%s.txt", root, code);
  return slurp(path, len);
}

static bool latin_text(const char *s, size_t len) {
  size_t latin = 0, other = 0;
  for (int32_t i = 0; i < (int32_t)len;) {
    UChar32 c;
    U8_NEXT(s, i, (int32_t)len, c);
    if (c < 0 || !u_isalpha(c))
      continue;
    UErrorCode e = U_ZERO_ERROR;
    if (uscript_getScript(c, &e) == USCRIPT_LATIN)
      latin++;
    else
      other++;
  }
  return latin > 0 && latin >= 19 * other;
}

typedef struct tally {
  long lines, hits;
} tally;

/* Scores the even-numbered lines of text (converted with @conv if given). */
static void score_even(const char *text, size_t len, loc_legacy_conv *conv,
                       loc_legacy_encoding enc, tally *t) {
  size_t line = 1;
  for (size_t i = 0; i < len; line++) {
    const char *nl = memchr(text + i, '\n', len - i);
    size_t n = nl ? (size_t)(nl - (text + i)) : len - i;
    if (line % 2 == 0 && n >= 20) {
      char *conv_out = NULL;
      const char *s = text + i;
      size_t sn = n;
      if (conv) {
        if (loc_legacy_convert_alloc(conv, s, n, &conv_out, &sn) != LOC_OK)
          exit(1);
        s = conv_out;
      }
      double p;
      loc_legacy_probability(enc, s, sn, &p);
      if (p >= 0) {
        t->lines++;
        t->hits += p > 0.95;
      }
      loc_free(conv_out);
    }
    i += n + 1;
  }
}

static int detect(double min_hit, double max_false) {
  static const struct {
    const char *code;
    loc_legacy_encoding enc;
  } legacy[] = {{"hin", LOC_LEGACY_KRUTIDEV}, {"ben", LOC_LEGACY_BIJOY}};
  int bad = 0;
  for (int k = 0; k < 2; k++) {
    size_t len;
    char *text = udhr(legacy[k].code, &len);
    if (text == NULL)
      return 77;
    loc_legacy_conv *c;
    if (loc_legacy_conv_new(legacy[k].enc, LOC_LEGACY_FROM_UNICODE, &c) != LOC_OK)
      return 1;
    tally t = {0, 0};
    score_even(text, len, c, legacy[k].enc, &t);
    double rate = t.lines ? (double)t.hits / t.lines : 0;
    printf("%s as %s: %ld of %ld held-out lines called %s (%.1f %%)\n", legacy[k].code,
           loc_legacy_encoding_name(legacy[k].enc), t.hits, t.lines,
           loc_legacy_encoding_name(legacy[k].enc), 100 * rate);
    bad |= rate < min_hit;
    loc_legacy_conv_free(c);
    free(text);
  }
  char path[8192];
  snprintf(path, sizeof path, "%s/corpora/cache/udhr/index.tsv", root);
  size_t ilen;
  char *index = slurp(path, &ilen);
  if (index == NULL)
    return 77;
  tally t[2] = {{0, 0}, {0, 0}};
  int files = 0;
  for (size_t i = 0; i < ilen;) {
    char *nl = memchr(index + i, '\n', ilen - i);
    size_t n = nl ? (size_t)(nl - (index + i)) : ilen - i;
    char *tab = memchr(index + i, '\t', n);
    if (tab) {
      char code[256];
      snprintf(code, sizeof code, "%.*s", (int)(tab - (index + i)), index + i);
      size_t len;
      char *text = udhr(code, &len);
      if (text && latin_text(text, len)) {
        files++;
        score_even(text, len, NULL, LOC_LEGACY_KRUTIDEV, &t[0]);
        score_even(text, len, NULL, LOC_LEGACY_BIJOY, &t[1]);
      }
      free(text);
    }
    i += n + 1;
  }
  free(index);
  for (int k = 0; k < 2; k++) {
    double rate = t[k].lines ? (double)t[k].hits / t[k].lines : 1;
    printf("Latin script (%d declarations): %ld of %ld held-out lines called %s (%.3f %%)\n",
           files, t[k].hits, t[k].lines, k ? "bijoy" : "krutidev", 100 * rate);
    bad |= rate > max_false;
  }
  return bad;
}

static char *nfc(const char *s, size_t n, size_t *out_len) {
  char *r;
  if (loc_normalize_alloc(LOC_NORMALIZE_NFC, s, n, &r, out_len) != LOC_OK)
    exit(1);
  return r;
}

static int roundtrip(void) {
  static const struct {
    const char *code;
    loc_legacy_encoding enc;
  } cases[] = {{"hin", LOC_LEGACY_KRUTIDEV}, {"ben", LOC_LEGACY_BIJOY}};
  int bad = 0;
  for (int k = 0; k < 2; k++) {
    size_t len;
    char *text = udhr(cases[k].code, &len);
    if (text == NULL)
      return 77;
    loc_legacy_conv *to, *from;
    loc_legacy_conv_new(cases[k].enc, LOC_LEGACY_FROM_UNICODE, &to);
    loc_legacy_conv_new(cases[k].enc, LOC_LEGACY_TO_UNICODE, &from);
    long lines = 0, same = 0;
    for (size_t i = 0; i < len;) {
      const char *nl = memchr(text + i, '\n', len - i);
      size_t n = nl ? (size_t)(nl - (text + i)) : len - i;
      char *leg, *back;
      size_t ln, bn, an, cn;
      if (loc_legacy_convert_alloc(to, text + i, n, &leg, &ln) != LOC_OK ||
          loc_legacy_convert_alloc(from, leg, ln, &back, &bn) != LOC_OK)
        return 1;
      char *a = nfc(text + i, n, &an), *b = nfc(back, bn, &cn);
      lines++;
      if (an == cn && memcmp(a, b, an) == 0)
        same++;
      else
        printf("%s line %ld differs after the round trip:\n  %.*s\n  %.*s\n", cases[k].code,
               lines, (int)an, a, (int)cn, b);
      loc_free(a);
      loc_free(b);
      loc_free(leg);
      loc_free(back);
      i += n + 1;
    }
    printf("%s -> %s -> Unicode: %ld of %ld lines back (up to NFC)\n", cases[k].code,
           loc_legacy_encoding_name(cases[k].enc), same, lines);
    bad |= same != lines;
    loc_legacy_conv_free(to);
    loc_legacy_conv_free(from);
    free(text);
  }
  return bad;
}

int main(int argc, char **argv) {
  const char *r = getenv("LOC_SOURCE_ROOT");
  if (r == NULL || argc < 2) {
    fprintf(stderr, "usage: LOC_SOURCE_ROOT=DIR fonthack_check detect MIN MAX | roundtrip\n");
    return 2;
  }
  snprintf(root, sizeof root, "%s", r);
  int st;
  if (strcmp(argv[1], "detect") == 0 && argc == 4)
    st = detect(atof(argv[2]), atof(argv[3]));
  else if (strcmp(argv[1], "roundtrip") == 0)
    st = roundtrip();
  else
    return 2;
  if (st == 77)
    printf("SKIP: the UDHR corpus is not in corpora/cache (run scripts/setup)\n");
  return st;
}

/* Hostile inputs for the scaling check: hostile_gen KIND N writes one of
 * them, N units long, to standard output (one line unless said otherwise).
 *
 *   decomposed   "e" U+0301 " " N times: a not-NFC finding every 4 bytes
 *   marks        one "a" and N U+0301: one base, a long run of one mark
 *   alt-marks    one "a" and N times U+0301 U+0323 (different combining
 *                classes: normalization must reorder them)
 *   myanmar      N times U+1031: one Myanmar vowel sign, no space
 *   letters      N times "a": one long word
 *   cjk          N times U+4E00: no space, dictionary segmentation
 *   thai         N times U+0E01 U+0E32: no space, dictionary segmentation
 *   label        N times U+044F then ".com": one very long label
 *   labels       N labels "a" joined by dots
 *   findings     N times U+202E U+202C "x": a bidi finding every 7 bytes
 *   zwj          N times U+200D between "a"s: invisible characters
 *   tag          "en" then N times "-abcdefgh": a long private-use-free tag
 *   lines        N short lines "wordK" in reverse order (for sort)
 *   mixed        N times "aя" (script runs alternating Latin/Cyrillic)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void rep(const char *s, long n) {
  for (long i = 0; i < n; i++)
    fputs(s, stdout);
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: hostile_gen KIND N\n");
    return 2;
  }
  const char *k = argv[1];
  long n = strtol(argv[2], NULL, 10);
  if (n < 0)
    return 2;
  if (!strcmp(k, "decomposed"))
    rep("e\xCC\x81 ", n);
  else if (!strcmp(k, "marks"))
    fputs("a", stdout), rep("\xCC\x81", n);
  else if (!strcmp(k, "alt-marks"))
    fputs("a", stdout), rep("\xCC\x81\xCC\xA3", n);
  else if (!strcmp(k, "myanmar"))
    rep("\xE1\x80\xB1", n);
  else if (!strcmp(k, "letters"))
    rep("a", n);
  else if (!strcmp(k, "cjk"))
    rep("\xE4\xB8\x80", n);
  else if (!strcmp(k, "thai"))
    rep("\xE0\xB8\x81\xE0\xB8\xB2", n);
  else if (!strcmp(k, "label"))
    rep("\xD1\x8F", n), fputs(".com", stdout);
  else if (!strcmp(k, "labels")) {
    fputs("a", stdout);
    rep(".a", n > 0 ? n - 1 : 0);
  } else if (!strcmp(k, "findings"))
    rep("\xE2\x80\xAE\xE2\x80\xAC" "x", n);
  else if (!strcmp(k, "zwj"))
    rep("a\xE2\x80\x8D", n);
  else if (!strcmp(k, "tag"))
    fputs("en", stdout), rep("-abcdefgh", n);
  else if (!strcmp(k, "lines")) {
    for (long i = n; i > 0; i--)
      printf("word%ld\n", i * 7919 % (n + 1));
    return 0;
  } else if (!strcmp(k, "mixed"))
    rep("a\xD1\x8F", n);
  else {
    fprintf(stderr, "hostile_gen: unknown kind %s\n", k);
    return 2;
  }
  putchar('\n');
  return ferror(stdout) ? 1 : 0;
}

/* How the UDHR declarations are split and cut into snippets: shared by the
 * model trainer and the evaluation drivers, so that the held-out text is
 * the same everywhere and never trained on. */
#ifndef LANGID_SPLIT_H
#define LANGID_SPLIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Paragraphs of fewer than this many characters (headings: "Article 12",
 * "Preamble") are always trained on: they say little about the language
 * and would make most of an evaluation set. */
#define LANGID_MIN_PARAGRAPH 30

/* The @i-th paragraph (0-based, counting only paragraphs of at least
 * LANGID_MIN_PARAGRAPH characters) of a declaration: 'T'rain, held out for
 * 'C'alibration, or held out for the 'E'valuation; SIZE_MAX: 'T'. */
static inline char langid_part(size_t i) {
  if (i == SIZE_MAX)
    return 'T';
  if (i % 10 == 4)
    return 'E';
  if (i % 10 == 9)
    return 'C';
  return 'T';
}

static inline size_t langid_chars(const char *s) {
  size_t n = 0;
  for (; *s; s++)
    n += ((unsigned char)*s & 0xC0) != 0x80;
  return n;
}

/* A deterministic generator, seeded from the paragraph's bytes. */
static inline uint32_t langid_rng(uint32_t *st) {
  *st = *st * 1103515245u + 12345u;
  return *st >> 8;
}

static inline uint32_t langid_seed(const char *s, size_t len) {
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < len; i++)
    h = (h ^ (uint8_t)s[i]) * 16777619u;
  return h;
}

/* Up to @max snippets of 20 to 40 characters (code points) from a
 * paragraph, each starting at a word and, where that keeps 20 characters,
 * ending at one. Writes byte ranges [start[k], end[k]); returns the count. */
static inline size_t langid_snippets(const char *s, size_t len, size_t max, size_t *start,
                                     size_t *end) {
  /* byte offset of every code point */
  size_t ncp = 0;
  for (size_t i = 0; i < len; i++)
    if (((uint8_t)s[i] & 0xC0) != 0x80)
      ncp++;
  if (ncp < 20 || max == 0)
    return 0;
  size_t *off = malloc((ncp + 1) * sizeof *off);
  if (off == NULL)
    return 0;
  size_t k = 0;
  for (size_t i = 0; i < len; i++)
    if (((uint8_t)s[i] & 0xC0) != 0x80)
      off[k++] = i;
  off[ncp] = len;
  uint32_t st = langid_seed(s, len);
  size_t n = 0;
  for (size_t tries = 0; n < max && tries < 4 * max; tries++) {
    size_t c0 = langid_rng(&st) % (ncp - 19);
    while (c0 > 0 && s[off[c0 - 1]] != ' ')
      c0--;
    if (s[off[c0]] == ' ')
      c0++;
    size_t want = 20 + langid_rng(&st) % 21;
    if (c0 + 20 > ncp)
      continue;
    size_t c1 = c0 + want < ncp ? c0 + want : ncp;
    if (c1 < ncp && s[off[c1]] != ' ') {
      size_t b = c1;
      while (b > c0 + 20 && s[off[b]] != ' ')
        b--;
      if (s[off[b]] == ' ')
        c1 = b;
    }
    while (c1 > c0 + 20 && s[off[c1 - 1]] == ' ')
      c1--;
    if (c1 - c0 < 20)
      continue;
    bool dup = false;
    for (size_t j = 0; j < n; j++)
      dup |= start[j] == off[c0];
    if (dup)
      continue;
    start[n] = off[c0];
    end[n] = off[c1];
    n++;
  }
  free(off);
  return n;
}

#endif

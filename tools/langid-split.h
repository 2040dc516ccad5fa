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

/* ---------- the Common Voice sentences (../shared/corpora/cv-sentences) ----------
 *
 * The @i-th line (0-based) of a language's file: of every five lines, the
 * third is held out for calibration and the fifth for evaluation, the other
 * three train. The samples are small (1 to 60 lines a language): the split is
 * fixed by position so that every tool agrees on it. */
static inline char langid_cv_part(size_t i) {
  if (i % 5 == 4)
    return 'E';
  if (i % 5 == 2)
    return 'C';
  return 'T';
}

/* Words of a sentence: byte ranges of the runs between spaces, with the
 * punctuation at their ends trimmed (ASCII punctuation and the common
 * CJK and Arabic marks); words without a byte over 0x40 that is not
 * punctuation (numbers) are left out. Writes up to @max ranges; returns the
 * count. */
static inline bool langid_punct_at(const char *s, size_t len, size_t i, size_t *n) {
  static const char *const marks[] = {"\xe3\x80\x82", "\xe3\x80\x81", "\xef\xbc\x8c",
                                      "\xef\xbc\x81", "\xef\xbc\x9f", "\xe3\x80\x8c",
                                      "\xe3\x80\x8d", "\xd8\x8c", "\xd8\x9f", "\xc2\xab",
                                      "\xc2\xbb", "\xe2\x80\x9c", "\xe2\x80\x9d",
                                      "\xe2\x80\x9e", "\xe2\x80\x99", "\xe2\x80\x94",
                                      "\xe2\x80\xa6", "\xd9\xab"};
  uint8_t b = (uint8_t)s[i];
  if (b < 0x80) {
    *n = 1;
    return b != ' ' && !((b | 0x20) >= 'a' && (b | 0x20) <= 'z') && !(b >= '0' && b <= '9');
  }
  for (size_t k = 0; k < sizeof marks / sizeof *marks; k++) {
    size_t m = strlen(marks[k]);
    if (i + m <= len && memcmp(s + i, marks[k], m) == 0) {
      *n = m;
      return true;
    }
  }
  return false;
}

static inline size_t langid_words(const char *s, size_t len, size_t max, size_t *start,
                                  size_t *end) {
  size_t n = 0, i = 0;
  while (i < len && n < max) {
    while (i < len && s[i] == ' ')
      i++;
    size_t a = i;
    while (i < len && s[i] != ' ')
      i++;
    size_t b = i, k;
    /* trim punctuation at both ends */
    while (a < b && langid_punct_at(s, b, a, &k))
      a += k;
    for (bool cut = true; cut && a < b;) {
      cut = false;
      for (size_t back = 1; back <= 3 && back <= b - a; back++)
        if (((uint8_t)s[b - back] & 0xC0) != 0x80) {
          if (langid_punct_at(s, b, b - back, &k) && k == back) {
            b -= back;
            cut = true;
          }
          break;
        }
    }
    bool letter = false;
    for (size_t j = a; j < b; j++)
      letter |= ((uint8_t)s[j] | 0x20) >= 'a' && ((uint8_t)s[j] | 0x20) <= 'z';
    for (size_t j = a; j < b; j++)
      letter |= (uint8_t)s[j] >= 0xC0;
    if (a < b && letter) {
      start[n] = a;
      end[n] = b;
      n++;
    }
  }
  return n;
}

/* The evaluation's short texts from one sentence: a single word (of at
 * least 4 bytes where the sentence has one) and a two-word phrase (two
 * adjacent words, as written between them), positions drawn from a seed
 * hashed from the sentence. A sentence of one run without spaces (Han,
 * Thai, Japanese, ...) gives neither. Returns false when there is none. */
static inline bool langid_word(const char *s, size_t len, size_t *a, size_t *b) {
  size_t st[256], en[256], n = langid_words(s, len, 256, st, en);
  size_t cand[256], nc = 0;
  for (size_t k = 0; n >= 2 && k < n; k++)
    if (en[k] - st[k] >= 4)
      cand[nc++] = k;
  if (nc == 0)
    return false;
  uint32_t r = langid_seed(s, len);
  size_t k = cand[langid_rng(&r) % nc];
  *a = st[k];
  *b = en[k];
  return true;
}

static inline bool langid_phrase(const char *s, size_t len, size_t *a, size_t *b) {
  size_t st[256], en[256], n = langid_words(s, len, 256, st, en);
  if (n < 2)
    return false;
  uint32_t r = langid_seed(s, len) ^ 0x9e3779b9u;
  size_t k = langid_rng(&r) % (n - 1);
  *a = st[k];
  *b = en[k + 1];
  return true;
}

#endif

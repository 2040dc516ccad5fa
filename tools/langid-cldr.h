/* CLDR's emoji annotations (npm cldr-annotations-full, pinned in
 * scripts/setup) as training text for tools/langid-train: the names and
 * keywords of the emoji, short phrases in 150 locales. */
#ifndef LANGID_CLDR_H
#define LANGID_CLDR_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* CLDR locale (folder of annotations/) -> ISO 639-3 code of the model.
 * Regional variants (de-CH, es-419, sr-Latn-BA, ...) and locales whose
 * language the model does not have are not listed; "qu" names no single
 * Quechua. The script comes from the text (sr is Cyrillic, sr-Latn Latin). */
static const struct {
  const char *locale, *iso;
} langid_cldr_map[] = {
    {"af", "afr"},  {"ak", "twi"},  {"am", "amh"},  {"ar", "arb"},  {"ast", "ast"},
    {"az", "azj"},  {"be", "bel"},  {"bg", "bul"},  {"bn", "ben"},  {"br", "bre"},
    {"bs", "bos"},  {"ca", "cat"},  {"ceb", "ceb"}, {"cs", "ces"},  {"cy", "cym"},
    {"da", "dan"},  {"de", "deu"},  {"el", "ell"},  {"en", "eng"},  {"es", "spa"},
    {"et", "ekk"},  {"eu", "eus"},  {"fa", "pes"},  {"fi", "fin"},  {"fil", "tgl"},
    {"fo", "fao"},  {"fr", "fra"},  {"ga", "gle"},  {"gd", "gla"},  {"gl", "glg"},
    {"gu", "guj"},  {"ha", "hau"},  {"he", "heb"},  {"hi", "hin"},  {"hr", "hrv"},
    {"hsb", "hsb"}, {"hu", "hun"},  {"hy", "hye"},  {"ia", "ina"},  {"id", "ind"},
    {"ig", "ibo"},  {"is", "isl"},  {"it", "ita"},  {"ja", "jpn"},  {"jv", "jav"},
    {"ka", "kat"},  {"kab", "kab"}, {"kk", "kaz"},  {"kl", "kal"},  {"km", "khm"},
    {"kn", "kan"},  {"ko", "kor"},  {"ku", "kmr"},  {"ky", "kir"},  {"lb", "ltz"},
    {"lij", "lij"}, {"lo", "lao"},  {"lt", "lit"},  {"lv", "lvs"},  {"mai", "mai"},
    {"mi", "mri"},  {"mk", "mkd"},  {"ml", "mal"},  {"mn", "khk"},  {"mr", "mar"},
    {"ms", "zlm"},  {"mt", "mlt"},  {"my", "mya"},  {"ne", "npi"},  {"nl", "nld"},
    {"nn", "nno"},  {"no", "nob"},  {"nso", "nso"}, {"oc", "oci"},  {"om", "gaz"},
    {"pa", "pan"},  {"pap", "pap"}, {"pcm", "pcm"}, {"pl", "pol"},  {"ps", "pbu"},
    {"pt", "por"},  {"quc", "quc"}, {"rm", "roh"},  {"ro", "ron"},  {"ru", "rus"},
    {"rw", "kin"},  {"sa", "san"},  {"sc", "src"},  {"shn", "shn"}, {"si", "sin"},
    {"sk", "slk"},  {"sl", "slv"},  {"so", "som"},  {"sq", "als"},  {"sr", "srp"},
    {"sr-Latn", "srp"}, {"su", "sun"}, {"sv", "swe"}, {"sw", "swh"}, {"ta", "tam"},
    {"te", "tel"},  {"tg", "tgk"},  {"th", "tha"},  {"ti", "tir"},  {"tk", "tuk"},
    {"tn", "tsn"},  {"to", "ton"},  {"tr", "tur"},  {"tt", "tat"},  {"ug", "uig"},
    {"uk", "ukr"},  {"ur", "urd"},  {"uz", "uzn"},  {"vec", "vec"}, {"vi", "vie"},
    {"wo", "wol"},  {"xh", "xho"},  {"yo", "yor"},  {"yue", "yue"}, {"zh", "cmn"},
    {"zh-Hant", "cmn"}, {"zu", "zul"},
};

/* Appends code point @cp as UTF-8 to @b (at least 4 bytes free). */
static inline size_t langid_put_utf8(char *b, uint32_t cp) {
  if (cp < 0x80) {
    b[0] = (char)cp;
    return 1;
  }
  if (cp < 0x800) {
    b[0] = (char)(0xC0 | cp >> 6);
    b[1] = (char)(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    b[0] = (char)(0xE0 | cp >> 12);
    b[1] = (char)(0x80 | (cp >> 6 & 0x3F));
    b[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
  }
  b[0] = (char)(0xF0 | cp >> 18);
  b[1] = (char)(0x80 | (cp >> 12 & 0x3F));
  b[2] = (char)(0x80 | (cp >> 6 & 0x3F));
  b[3] = (char)(0x80 | (cp & 0x3F));
  return 4;
}

/* The strings of a JSON text that are array elements (the annotations'
 * "default" and "tts" lists; not keys, not single values such as
 * "language": "hr"), in order, as NUL-terminated copies. Returns false on
 * malformed JSON or no memory (with the byte offset in *bad); the strings
 * read so far are still in *out. */
static inline bool langid_json_array_strings(const char *j, size_t len, char ***out, size_t *n,
                                             size_t *bad) {
  char stack[64];
  size_t depth = 0, cap = 0, err = SIZE_MAX;
  *out = NULL;
  *n = 0;
  char *s = malloc(len + 1); /* the string being read */
  if (s == NULL) {
    *bad = 0;
    return false;
  }
  for (size_t i = 0; i < len && err == SIZE_MAX; i++) {
    char c = j[i];
    if (c == '{' || c == '[') {
      if (depth == sizeof stack)
        err = i;
      else
        stack[depth++] = c;
    } else if (c == '}' || c == ']') {
      if (depth == 0 || stack[depth - 1] != (c == '}' ? '{' : '['))
        err = i;
      else
        depth--;
    } else if (c == '"') {
      size_t k = 0, start = i++;
      for (; i < len && j[i] != '"'; i++) {
        if (j[i] != '\\') {
          s[k++] = j[i];
          continue;
        }
        if (++i >= len)
          break;
        char e = j[i];
        if (e == 'u' && i + 4 < len) {
          uint32_t cp = (uint32_t)strtoul((char[5]){j[i + 1], j[i + 2], j[i + 3], j[i + 4], 0},
                                          NULL, 16);
          i += 4;
          if (cp >= 0xD800 && cp < 0xDC00 && i + 6 < len && j[i + 1] == '\\' && j[i + 2] == 'u') {
            uint32_t lo = (uint32_t)strtoul(
                (char[5]){j[i + 3], j[i + 4], j[i + 5], j[i + 6], 0}, NULL, 16);
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            i += 6;
          }
          k += langid_put_utf8(s + k, cp);
        } else {
          s[k++] = strchr("nrtbf", e) != NULL ? ' ' : e;
        }
      }
      if (i >= len) {
        err = start;
        break;
      }
      s[k] = 0;
      if (depth == 0 || stack[depth - 1] != '[')
        continue;
      char *copy = malloc(k + 1);
      if (*n == cap) {
        cap = cap ? 2 * cap : 256;
        char **v = realloc(*out, cap * sizeof *v);
        if (v != NULL)
          *out = v;
        else
          cap = *n;
      }
      if (copy == NULL || *n == cap) {
        free(copy);
        err = i;
        break;
      }
      memcpy(copy, s, k + 1);
      (*out)[(*n)++] = copy;
    }
  }
  free(s);
  if (err == SIZE_MAX && depth != 0)
    err = len;
  *bad = err;
  return err == SIZE_MAX;
}

/* Every @step-th string of @v (freeing the others), so that about @budget
 * bytes stay: a locale's annotations are ten to forty times its UDHR text. */
static inline size_t langid_thin(char **v, size_t n, size_t budget) {
  size_t total = 0;
  for (size_t i = 0; i < n; i++)
    total += strlen(v[i]) + 1;
  size_t step = total / budget + 1, w = 0;
  for (size_t i = 0; i < n; i++) {
    if (i % step == 0)
      v[w++] = v[i];
    else
      free(v[i]);
  }
  return w;
}

#endif

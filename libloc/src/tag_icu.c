/* The parts of language-tag handling that come from ICU's CLDR data: alias
 * tables (UTS #35), likely subtags and display names. */
#include "tag_internal.h"

#include <stdio.h>
#include <unicode/uloc.h>
#include <unicode/ures.h>
#include <unicode/ustring.h>

#define ID_CAP 512

/* Reads alias/<table>/<key>/replacement from ICU's "metadata" bundle (CLDR
 * supplementalMetadata) as ASCII into @out. */
static bool cldr_alias(UResourceBundle *md, const char *table, const char *key, char *out,
                       size_t cap) {
  UErrorCode e = U_ZERO_ERROR;
  UResourceBundle *t = ures_getByKey(md, "alias", NULL, &e);
  t = ures_getByKey(t, table, t, &e);
  t = ures_getByKey(t, key, t, &e);
  int32_t len = 0;
  const UChar *r = ures_getStringByKey(t, "replacement", &len, &e);
  bool ok = U_SUCCESS(e) && len > 0 && (size_t)len < cap;
  if (ok) {
    for (int32_t i = 0; i < len; i++) {
      if (r[i] > 0x7e) {
        ok = false;
        break;
      }
      out[i] = (char)r[i];
    }
    out[len] = '\0';
  }
  ures_close(t);
  return ok;
}

typedef struct parts {
  char lang[9], script[5], region[4];
  char rest[ID_CAP]; /* "-..." after the region, or "" */
} parts;

/* Splits a canonical tag: language, then optional script and region. */
static bool split(const char *tag, parts *p) {
  memset(p, 0, sizeof *p);
  size_t n = strcspn(tag, "-");
  if (n == 0 || n >= sizeof p->lang)
    return false;
  memcpy(p->lang, tag, n);
  tag += n;
  n = *tag ? strcspn(tag + 1, "-") : 0;
  if (n == 4 && tag[1] >= 'A' && tag[1] <= 'Z') {
    memcpy(p->script, tag + 1, 4);
    tag += 5;
    n = *tag ? strcspn(tag + 1, "-") : 0;
  }
  if (n == 2 || (n == 3 && tag[1] >= '0' && tag[1] <= '9')) {
    memcpy(p->region, tag + 1, n);
    tag += n + 1;
  }
  if (strlen(tag) >= sizeof p->rest)
    return false;
  strcpy(p->rest, tag);
  return true;
}

/* From a CLDR replacement like "sr_Latn" or "fa_AF": the language, and the
 * script and region only where the tag has none (UTS #35 Annex C). */
static void apply_language(parts *p, char *repl) {
  char *save = NULL;
  char *f = strtok_r(repl, "_", &save);
  if (f == NULL || strlen(f) >= sizeof p->lang)
    return;
  strcpy(p->lang, f);
  while ((f = strtok_r(NULL, "_", &save)) != NULL) {
    size_t n = strlen(f);
    if (n == 4 && p->script[0] == '\0')
      strcpy(p->script, f);
    else if ((n == 2 || n == 3) && p->region[0] == '\0')
      strcpy(p->region, f);
  }
}

/* A territory alias may list several regions ("SU" → "RU AM AZ ..."): take
 * the language's likely region when it is one of them, else the first. */
static void apply_region(parts *p, const char *repl) {
  char likely[4] = "";
  if (strchr(repl, ' ')) {
    char id[ID_CAP], max[ID_CAP];
    UErrorCode e = U_ZERO_ERROR;
    snprintf(id, sizeof id, "%s%s%s", p->lang, p->script[0] ? "_" : "", p->script);
    uloc_addLikelySubtags(id, max, sizeof max, &e);
    if (U_SUCCESS(e) && e != U_STRING_NOT_TERMINATED_WARNING)
      uloc_getCountry(max, likely, sizeof likely, &e);
    if (U_FAILURE(e))
      likely[0] = '\0';
  }
  const char *r = repl;
  size_t first = strcspn(r, " ");
  while (*r) {
    size_t n = strcspn(r, " ");
    if (likely[0] && n == strlen(likely) && memcmp(r, likely, n) == 0) {
      memcpy(p->region, r, n);
      p->region[n] = '\0';
      return;
    }
    r += n + (r[n] == ' ');
  }
  if (first < sizeof p->region) {
    memcpy(p->region, repl, first);
    p->region[first] = '\0';
  }
}

/* Keys like "hy_arevela" or "und_aaland": a language (or any language,
 * "und") with one variant. The variant goes; the replacement's language
 * replaces the tag's unless it is "und", and its script and region fill in
 * what the tag lacks ("und_aaland" → "und_AX"). */
static bool drop_variant_alias(UResourceBundle *md, parts *p, char *repl, size_t cap) {
  char *r = p->rest;
  while (*r == '-') {
    size_t n = strcspn(r + 1, "-");
    if (n < 4) /* a singleton: the variants are over */
      return false;
    for (int any = 0; any < 2; any++) {
      char key[32];
      snprintf(key, sizeof key, "%s_%.*s", any ? "und" : p->lang, (int)n, r + 1);
      if (!cldr_alias(md, "language", key, repl, cap))
        continue;
      memmove(r, r + n + 1, strlen(r + n + 1) + 1);
      char lang[sizeof p->lang];
      strcpy(lang, p->lang);
      apply_language(p, repl);
      if (strcmp(p->lang, "und") == 0)
        strcpy(p->lang, lang);
      return true;
    }
    r += n + 1;
  }
  return false;
}

loc_status loc__tag_cldr_aliases(const char *tag, char *out, size_t cap) {
  parts p;
  if (!split(tag, &p))
    return LOC_E_INVALID_ARGUMENT;
  UErrorCode e = U_ZERO_ERROR;
  UResourceBundle *md = ures_openDirect(NULL, "metadata", &e);
  if (U_FAILURE(e)) {
    ures_close(md);
    return LOC_E_ICU;
  }
  char repl[ID_CAP], key[32];
  /* A replacement can itself have an alias; CLDR's tables are closed, but
   * a bound keeps a bad table from looping. */
  for (int round = 0; round < 4; round++) {
    bool changed = false;
    if (p.region[0]) {
      /* Keys like "sgn_BR": language and region together. */
      snprintf(key, sizeof key, "%s_%s", p.lang, p.region);
      if (cldr_alias(md, "language", key, repl, sizeof repl)) {
        p.region[0] = '\0';
        apply_language(&p, repl);
        changed = true;
      }
    }
    if (drop_variant_alias(md, &p, repl, sizeof repl))
      changed = true;
    if (cldr_alias(md, "language", p.lang, repl, sizeof repl)) {
      char before[sizeof p.lang];
      strcpy(before, p.lang);
      apply_language(&p, repl);
      changed |= strcmp(before, p.lang) != 0;
    }
    if (p.script[0] && cldr_alias(md, "script", p.script, repl, sizeof repl) &&
        strlen(repl) == 4 && strcmp(repl, p.script) != 0) {
      strcpy(p.script, repl);
      changed = true;
    }
    if (p.region[0] && cldr_alias(md, "territory", p.region, repl, sizeof repl)) {
      char before[sizeof p.region];
      strcpy(before, p.region);
      apply_region(&p, repl);
      changed |= strcmp(before, p.region) != 0;
    }
    if (!changed)
      break;
  }
  ures_close(md);
  int n = snprintf(out, cap, "%s%s%s%s%s%s", p.lang, p.script[0] ? "-" : "", p.script,
                   p.region[0] ? "-" : "", p.region, p.rest);
  return n < 0 || (size_t)n >= cap ? LOC_E_BUFFER_TOO_SMALL : LOC_OK;
}

/* BCP 47 → ICU locale ID; false when ICU does not take the whole tag. */
static bool to_id(const char *tag, char *id, size_t cap) {
  UErrorCode e = U_ZERO_ERROR;
  int32_t parsed = 0;
  uloc_forLanguageTag(tag, id, (int32_t)cap, &parsed, &e);
  return U_SUCCESS(e) && e != U_STRING_NOT_TERMINATED_WARNING && parsed >= 0 &&
         (size_t)parsed == strlen(tag);
}

static bool to_tag(const char *id, char *tag, size_t cap) {
  UErrorCode e = U_ZERO_ERROR;
  uloc_toLanguageTag(id, tag, (int32_t)cap, false, &e);
  return U_SUCCESS(e) && e != U_STRING_NOT_TERMINATED_WARNING;
}

loc_status loc__tag_likely(const char *tag, char *max, char *min, size_t cap) {
  char id[ID_CAP], m[ID_CAP];
  UErrorCode e = U_ZERO_ERROR;
  if (!to_id(tag, id, sizeof id))
    return LOC_E_ICU;
  uloc_addLikelySubtags(id, m, sizeof m, &e);
  if (U_FAILURE(e) || e == U_STRING_NOT_TERMINATED_WARNING || !to_tag(m, max, cap))
    return LOC_E_ICU;
  e = U_ZERO_ERROR;
  uloc_minimizeSubtags(id, m, sizeof m, &e);
  if (U_FAILURE(e) || e == U_STRING_NOT_TERMINATED_WARNING || !to_tag(m, min, cap))
    return LOC_E_ICU;
  return LOC_OK;
}

static loc_status utf8_dup(const UChar *s, int32_t len, char **out) {
  UErrorCode e = U_ZERO_ERROR;
  int32_t need = 0;
  u_strToUTF8(NULL, 0, &need, s, len, &e);
  if (e != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(e))
    return LOC_E_ICU;
  char *d = malloc((size_t)need + 1);
  if (d == NULL)
    return LOC_E_NO_MEMORY;
  e = U_ZERO_ERROR;
  u_strToUTF8(d, need + 1, NULL, s, len, &e);
  if (U_FAILURE(e)) {
    free(d);
    return LOC_E_ICU;
  }
  *out = d;
  return LOC_OK;
}

/* Is the display name of @lang in @display a real name, not the code that
 * ICU falls back to (or a name from the default locale's data)? */
static bool has_name(const char *lang, const char *display) {
  UChar buf[128];
  char ascii[128];
  UErrorCode e = U_ZERO_ERROR;
  int32_t n = uloc_getDisplayLanguage(lang, display, buf, 128, &e);
  if (U_FAILURE(e) || e == U_USING_DEFAULT_WARNING || n <= 0 || n >= 128)
    return false;
  for (int32_t i = 0; i < n; i++) {
    if (buf[i] > 0x7e)
      return true;
    ascii[i] = (char)buf[i];
  }
  ascii[n] = '\0';
  return strcmp(ascii, lang) != 0;
}

static loc_status display(const char *id, const char *in, char **out) {
  UChar buf[ID_CAP];
  UErrorCode e = U_ZERO_ERROR;
  int32_t n = uloc_getDisplayName(id, in, buf, ID_CAP, &e);
  if (U_FAILURE(e) || n >= ID_CAP)
    return LOC_E_ICU;
  return utf8_dup(buf, n, out);
}

loc_status loc__tag_names(const char *tag, char **name, char **autonym) {
  char id[ID_CAP], lang[16];
  UErrorCode e = U_ZERO_ERROR;
  *name = *autonym = NULL;
  if (!to_id(tag, id, sizeof id))
    return LOC_E_ICU;
  uloc_getLanguage(id, lang, sizeof lang, &e);
  if (U_FAILURE(e) || e == U_STRING_NOT_TERMINATED_WARNING)
    return LOC_E_ICU;
  if (lang[0] == '\0')
    strcpy(lang, "und");
  loc_status st = LOC_OK;
  if (has_name(lang, "en"))
    st = display(id, "en", name);
  if (st == LOC_OK && strcmp(lang, "und") != 0 && has_name(lang, lang))
    st = display(id, id, autonym);
  if (st != LOC_OK) {
    free(*name);
    *name = NULL;
  }
  return st;
}

/* The contents of the -u- and -t- extensions against CLDR's BCP 47 data
 * (UTS #35 §3.6.1, "Unicode BCP 47 U Extension", and RFC 6497 with UTS #35
 * §3.7 for -t-): every key must be one CLDR defines, and every type one it
 * defines for that key (or of the key's special kind: code points, reorder
 * codes, script codes, region+zzzz, subdivisions, private use). RFC 5646
 * itself only asks extension subtags to be well-formed, so these are
 * warnings: the tag stays valid, but no CLDR implementation gives the key a
 * meaning. The data is ICU's copy of CLDR's bcp47 files ("keyTypeData"),
 * read once. */
#include "tag_internal.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unicode/ures.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>

static UResourceBundle *key_type_data;
static pthread_once_t data_once = PTHREAD_ONCE_INIT;

static void open_data(void) {
  UErrorCode e = U_ZERO_ERROR;
  UResourceBundle *r = ures_openDirect(NULL, "keyTypeData", &e);
  if (U_FAILURE(e)) {
    ures_close(r);
    r = NULL;
  }
  key_type_data = r;
}

static char lower_c(char c) { return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c; }

static bool eq_nocase(const char *a, const char *b, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (lower_c(a[i]) != lower_c(b[i]))
      return false;
  return true;
}

/* A resource string in ASCII (the data is ASCII), lowercased; "" on error. */
static void res_ascii(const UResourceBundle *item, char *out, size_t cap) {
  UErrorCode e = U_ZERO_ERROR;
  int32_t n = 0;
  const UChar *u = ures_getString(item, &n, &e);
  size_t k = 0;
  for (int32_t i = 0; U_SUCCESS(e) && i < n && k + 1 < cap; i++)
    out[k++] = lower_c((char)(u[i] < 0x80 ? u[i] : '?'));
  out[k] = '\0';
}

/* The name CLDR's data uses for the BCP 47 key @key (the legacy key name
 * when it has one, "collation" for "co"), into @legacy; false when the key
 * is not defined. */
static bool find_key(const char *key, size_t len, char *legacy, size_t cap) {
  UErrorCode e = U_ZERO_ERROR;
  UResourceBundle *map = ures_getByKey(key_type_data, "keyMap", NULL, &e);
  bool found = false;
  for (int32_t i = 0; U_SUCCESS(e) && !found && i < ures_getSize(map); i++) {
    UResourceBundle *item = ures_getByIndex(map, i, NULL, &e);
    char bcp[16];
    res_ascii(item, bcp, sizeof bcp);
    const char *name = ures_getKey(item);
    const char *k = bcp[0] ? bcp : name;
    if (name && strlen(k) == len && eq_nocase(k, key, len)) {
      snprintf(legacy, cap, "%s", name);
      found = true;
    }
    ures_close(item);
  }
  ures_close(map);
  return found;
}

static bool all_alpha(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (!((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z'))
      return false;
  return n > 0;
}
static bool all_digit(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (s[i] < '0' || s[i] > '9')
      return false;
  return n > 0;
}
static bool all_hex(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++) {
    char c = lower_c(s[i]);
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
      return false;
  }
  return n > 0;
}

static bool is_script_code(const char *s, size_t n) {
  if (n != 4 || !all_alpha(s, n))
    return false;
  char code[5] = {s[0], s[1], s[2], s[3], 0};
  return u_getPropertyValueEnum(UCHAR_SCRIPT, code) != UCHAR_INVALID_CODE;
}

/* A type of one of CLDR's special kinds (the upper-case names in the data). */
static bool special_type(const char *kind, const char *s, size_t n) {
  if (strcmp(kind, "codepoints") == 0)
    return n >= 4 && n <= 6 && all_hex(s, n);
  if (strcmp(kind, "reorder_code") == 0)
    return is_script_code(s, n) || (n == 6 && eq_nocase(s, "others", 6)) ||
           (n == 4 && eq_nocase(s, "zzzz", 4));
  if (strcmp(kind, "script_code") == 0)
    return is_script_code(s, n);
  if (strcmp(kind, "rg_key_value") == 0)
    return n == 6 && eq_nocase(s + 2, "zzzz", 4) && all_alpha(s, 2) &&
           loc__lsr_region(s, 2, NULL);
  if (strcmp(kind, "subdivision_code") == 0)
    return n >= 3 && n <= 8 &&
           ((all_alpha(s, 2) && loc__lsr_region(s, 2, NULL)) ||
            (all_digit(s, 3) && loc__lsr_region(s, 3, NULL)));
  if (strcmp(kind, "private_use") == 0)
    return n >= 3 && n <= 8;
  return false;
}

/* Is @s a special kind's name in the data ("CODEPOINTS", "REORDER_CODE")? */
static bool is_kind_name(const char *s) {
  for (; *s; s++)
    if (!((*s >= 'A' && *s <= 'Z') || *s == '_'))
      return false;
  return true;
}

/* Is @s (@n bytes) one of the types listed in @types (by its data name,
 * ':' standing for '/', or by its BCP 47 value)? Also writes into @kind
 * (lower case) the special kind the list names, "" when none. */
static bool listed(const UResourceBundle *types, const char *s, size_t n, char kind[32]) {
  kind[0] = '\0';
  bool found = false;
  for (int32_t i = 0; i < ures_getSize(types); i++) {
    UErrorCode e = U_ZERO_ERROR;
    UResourceBundle *item = ures_getByIndex(types, i, NULL, &e);
    const char *key = U_SUCCESS(e) ? ures_getKey(item) : NULL;
    if (key && is_kind_name(key)) {
      snprintf(kind, 32, "%s", key);
      for (char *p = kind; *p; p++)
        *p = lower_c(*p);
    } else if (key && !found) {
      char bcp[64], name[64];
      res_ascii(item, bcp, sizeof bcp);
      snprintf(name, sizeof name, "%s", key);
      for (char *p = name; *p; p++)
        *p = *p == ':' ? '/' : lower_c(*p);
      found = (strlen(name) == n && eq_nocase(name, s, n)) ||
              (bcp[0] && strlen(bcp) == n && eq_nocase(bcp, s, n));
    }
    ures_close(item);
  }
  return found;
}

/* Is @type (@n bytes; a -u- type's subtags joined by '-', or one -t-
 * subtag) a type CLDR defines for the key whose data name is @legacy: one of
 * the listed types as a whole, or, when the key has a special kind, a list
 * of subtags each of that kind or listed ("kr-latn-digit")? */
static bool find_type(const char *legacy, const char *type, size_t n) {
  UErrorCode e = U_ZERO_ERROR;
  UResourceBundle *map = ures_getByKey(key_type_data, "typeMap", NULL, &e);
  UResourceBundle *types = ures_getByKey(map, legacy, NULL, &e);
  char kind[32] = "", unused[32];
  bool found = U_SUCCESS(e) && listed(types, type, n, kind);
  if (!found && kind[0] && n > 0) {
    found = true;
    for (size_t a = 0; found && a < n;) {
      const char *dash = memchr(type + a, '-', n - a);
      size_t b = dash ? (size_t)(dash - type) : n;
      found = special_type(kind, type + a, b - a) || listed(types, type + a, b - a, unused);
      a = b + 1;
    }
  }
  ures_close(types);
  ures_close(map);
  return found;
}

/* Checks one keyword: key @k (subtag index), types k+1 .. end-1. */
static void check_keyword(const char *tag, const size_t *off, const size_t *len, size_t k,
                          size_t end, char singleton, tag_ext_report report, void *user) {
  char legacy[32], msg[160];
  if (!find_key(tag + off[k], len[k], legacy, sizeof legacy)) {
    snprintf(msg, sizeof msg, "-%c- key '%.*s' is not defined by CLDR", singleton, (int)len[k],
             tag + off[k]);
    report(user, singleton == 'u' ? "unknown-u-key" : "unknown-t-key", off[k], len[k], msg);
    return;
  }
  if (k + 1 == end) { /* a key alone means "true" */
    if (singleton == 'u' && !find_type(legacy, "true", 4)) {
      snprintf(msg, sizeof msg, "-u- key '%.*s' needs a type (it is not a yes/no key)",
               (int)len[k], tag + off[k]);
      report(user, "unknown-u-type", off[k], len[k], msg);
    }
    return;
  }
  size_t from = off[k + 1], to = off[end - 1] + len[end - 1];
  if (singleton == 'u') {
    if (!find_type(legacy, tag + from, to - from)) {
      snprintf(msg, sizeof msg, "'%.*s' is not a type CLDR defines for the -u- key '%.*s'",
               (int)(to - from), tag + from, (int)len[k], tag + off[k]);
      report(user, "unknown-u-type", from, to - from, msg);
    }
    return;
  }
  for (size_t j = k + 1; j < end; j++)
    if (!find_type(legacy, tag + off[j], len[j])) {
      snprintf(msg, sizeof msg, "'%.*s' is not a type CLDR defines for the -t- key '%.*s'",
               (int)len[j], tag + off[j], (int)len[k], tag + off[k]);
      report(user, "unknown-t-type", off[j], len[j], msg);
    }
}

/* -u- keys are two characters, the second a letter; -t- keys a letter and a
 * digit (RFC 6067, RFC 6497). */
static bool is_key(char singleton, const char *s, size_t n) {
  if (n != 2)
    return false;
  char a = lower_c(s[0]), b = lower_c(s[1]);
  bool a_alpha = a >= 'a' && a <= 'z', b_alpha = b >= 'a' && b <= 'z';
  bool a_alnum = a_alpha || (a >= '0' && a <= '9');
  return singleton == 'u' ? a_alnum && b_alpha : a_alpha && b >= '0' && b <= '9';
}

void loc__tag_check_extension(char singleton, const char *tag, const size_t *off,
                              const size_t *len, size_t n, tag_ext_report report, void *user) {
  singleton = lower_c(singleton);
  if ((singleton != 'u' && singleton != 't') || n == 0)
    return;
  pthread_once(&data_once, open_data);
  if (key_type_data == NULL)
    return; /* no CLDR data in this ICU: nothing to say */
  size_t i = 0;
  if (singleton == 't') { /* tlang: a language tag without extensions */
    char msg[160];
    while (i < n && !is_key('t', tag + off[i], len[i])) {
      bool ok = i == 0 ? loc__lsr_language(tag + off[i], len[i], NULL, NULL)
                       : (len[i] == 4 && loc__lsr_script(tag + off[i], len[i])) ||
                             ((len[i] == 2 || len[i] == 3) &&
                              loc__lsr_region(tag + off[i], len[i], NULL)) ||
                             loc__lsr_variant(tag + off[i], len[i], NULL, NULL);
      if (!ok) {
        snprintf(msg, sizeof msg, "'%.*s' in the -t- source language is not in the IANA registry",
                 (int)len[i], tag + off[i]);
        report(user, "unknown-t-lang", off[i], len[i], msg);
      }
      i++;
    }
  } else {
    while (i < n && !is_key('u', tag + off[i], len[i]))
      i++; /* attributes: none is defined, all are allowed (UTS #35 §3.6.1) */
  }
  while (i < n) {
    size_t end = i + 1;
    while (end < n && !is_key(singleton, tag + off[end], len[end]))
      end++;
    check_keyword(tag, off, len, i, end, singleton, report, user);
    i = end;
  }
}

/* The project's rule sets (libloc/data/translit/ (*.txt), embedded by
 * tables/gen-translit.sh) registered with ICU under "<Script>-Latin" IDs.
 *
 * A rule set that adds letters to a transform ICU already has (Cyrillic,
 * Arabic, Myanmar, Malayalam) runs its own rules first and then ICU's: ICU's
 * rules are re-registered as "<ID>/ICU" before the project's transform takes
 * the standard ID, since registering it would otherwise hide them. */
#include "internal.h"
#include "translit_internal.h"

#include <pthread.h>
#include <stdio.h>
#include <unicode/ustring.h>

#include "tables/translit_rules.h"

static pthread_once_t once = PTHREAD_ONCE_INIT;
static loc_status registered = LOC_OK;

static UChar *u16(const char *s, int32_t *n) {
  size_t len = strlen(s);
  UChar *u = malloc((len + 1) * sizeof *u);
  UErrorCode e = U_ZERO_ERROR;
  if (u != NULL)
    u_strFromUTF8(u, (int32_t)len + 1, n, s, (int32_t)len, &e);
  if (U_FAILURE(e)) {
    free(u);
    return NULL;
  }
  return u;
}

/* Compiles @rules as @id and hands it to ICU's registry. */
static loc_status register_rules(const char *id, const UChar *rules, int32_t n) {
  int32_t idn = 0;
  UChar *uid = u16(id, &idn);
  if (uid == NULL)
    return LOC_E_NO_MEMORY;
  UErrorCode e = U_ZERO_ERROR;
  UParseError pe;
  UTransliterator *t = utrans_openU(uid, idn, UTRANS_FORWARD, rules, n, &pe, &e);
  free(uid);
  if (U_FAILURE(e)) {
    utrans_close(t);
    return LOC_E_INTERNAL; /* committed rules must compile: a test checks */
  }
  utrans_register(t, &e); /* ICU adopts t */
  return U_SUCCESS(e) ? LOC_OK : LOC_E_ICU;
}

/* Re-registers ICU's @base as "@base/ICU". */
static loc_status keep_icu(const char *base) {
  int32_t n = 0;
  UChar *uid = u16(base, &n);
  if (uid == NULL)
    return LOC_E_NO_MEMORY;
  UErrorCode e = U_ZERO_ERROR;
  UParseError pe;
  UTransliterator *t = utrans_openU(uid, n, UTRANS_FORWARD, NULL, 0, &pe, &e);
  free(uid);
  if (U_FAILURE(e))
    return LOC_E_INTERNAL;
  int32_t len = utrans_toRules(t, true, NULL, 0, &e);
  e = U_ZERO_ERROR;
  UChar *rules = malloc(((size_t)len + 1) * sizeof *rules);
  if (rules == NULL) {
    utrans_close(t);
    return LOC_E_NO_MEMORY;
  }
  utrans_toRules(t, true, rules, len + 1, &e);
  utrans_close(t);
  char id[96];
  snprintf(id, sizeof id, "%s/ICU", base);
  loc_status st = U_SUCCESS(e) ? register_rules(id, rules, len) : LOC_E_ICU;
  free(rules);
  return st;
}

static loc_status register_one(const struct translit_rule_set *rs) {
  size_t len = strlen(rs->rules);
  char *text = malloc(len + 128);
  if (text == NULL)
    return LOC_E_NO_MEMORY;
  memcpy(text, rs->rules, len + 1);
  if (rs->extends[0] != '\0') {
    loc_status st = keep_icu(rs->extends);
    if (st != LOC_OK) {
      free(text);
      return st;
    }
    snprintf(text + len, 128, "\n::%s/ICU;\n", rs->extends);
  }
  int32_t n = 0;
  UChar *u = u16(text, &n);
  free(text);
  if (u == NULL)
    return LOC_E_NO_MEMORY;
  loc_status st = register_rules(rs->id, u, n);
  free(u);
  return st;
}

/* A rule set that does not compile is left out (its ID then stays ICU's or
 * unknown) rather than taking every transform down; the unit tests open
 * each one, so a broken file cannot be committed unnoticed. Running out of
 * memory is reported. */
static void register_all(void) {
  for (size_t i = 0; i < sizeof translit_rule_sets / sizeof translit_rule_sets[0]; i++) {
    loc_status st = register_one(&translit_rule_sets[i]);
    if (st == LOC_E_NO_MEMORY && registered == LOC_OK)
      registered = st;
  }
}

loc_status loc__translit_register(void) {
  pthread_once(&once, register_all);
  return registered;
}

const char *loc__translit_own_description(const char *id) {
  for (size_t i = 0; i < sizeof translit_rule_sets / sizeof translit_rule_sets[0]; i++)
    if (strcmp(translit_rule_sets[i].id, id) == 0)
      return translit_rule_sets[i].description;
  return NULL;
}

/* CLDR's locale-identifier test data through loc_tag_analyze():
 *
 *   cldr_test canon EXCEPTIONS   localeCanonicalization.txt: the canonical
 *       form of each source (its '_' read as '-') must be the expected one,
 *       except for the sources EXCEPTIONS lists (each with its reason); a
 *       listed source that passes fails the test too, so the list stays
 *       exact.
 *   cldr_test likely             likelySubtags.txt: for each source, the
 *       maximal and minimal forms must be what the ICU the library runs
 *       with gives (uloc_addLikelySubtags, uloc_minimizeSubtags); the
 *       agreement with the file's own columns is printed.
 *
 * The files are read from $LOC_SHARED_TESTDATA/ext/tag-cldr/; exit 77 when
 * they are absent. */
#include <loc/loc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uloc.h>

static char *trim(char *s) {
  while (*s == ' ' || *s == '\t')
    s++;
  size_t n = strlen(s);
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
    s[--n] = '\0';
  return s;
}

static void dashes(char *s) {
  for (; *s; s++)
    if (*s == '_')
      *s = '-';
}

static FILE *open_data(const char *name) {
  const char *dir = getenv("LOC_SHARED_TESTDATA");
  char path[4096];
  snprintf(path, sizeof path, "%s/ext/tag-cldr/%s", dir ? dir : "../shared/testdata", name);
  FILE *f = fopen(path, "r");
  if (f == NULL)
    printf("SKIP: %s not found\n", path);
  return f;
}

/* EXCEPTIONS: "SOURCE<TAB>REASON" lines; '#' comments. */
static char (*exceptions)[64];
static size_t n_exceptions;
static char *exc_used;

static void load_exceptions(const char *path) {
  FILE *f = fopen(path, "r");
  if (f == NULL) {
    perror(path);
    exit(99);
  }
  char line[1024];
  while (fgets(line, sizeof line, f)) {
    char *s = trim(line);
    if (*s == '#' || *s == '\0')
      continue;
    s[strcspn(s, "\t ")] = '\0';
    exceptions = realloc(exceptions, (n_exceptions + 1) * sizeof *exceptions);
    snprintf(exceptions[n_exceptions++], 64, "%s", s);
  }
  fclose(f);
  exc_used = calloc(n_exceptions + 1, 1);
}

static long find_exception(const char *src) {
  for (size_t i = 0; i < n_exceptions; i++)
    if (strcmp(exceptions[i], src) == 0)
      return (long)i;
  return -1;
}

static int canon(const char *exc_path) {
  FILE *f = open_data("localeCanonicalization.txt");
  if (f == NULL)
    return 77;
  load_exceptions(exc_path);
  char line[1024];
  int n = 0, pass = 0, bad = 0;
  while (fgets(line, sizeof line, f)) {
    char *s = trim(line);
    if (*s == '#' || *s == '\0')
      continue;
    char *semi = strchr(s, ';');
    if (semi == NULL)
      continue;
    *semi = '\0';
    char *src = trim(s), *want = trim(semi + 1);
    char tag[256];
    snprintf(tag, sizeof tag, "%s", src);
    dashes(tag);
    dashes(want);
    loc_tag_info *t;
    if (loc_tag_analyze(tag, strlen(tag), &t) != LOC_OK)
      return 99;
    n++;
    bool ok = t->valid && t->canonical && strcmp(t->canonical, want) == 0;
    long e = find_exception(src);
    if (ok)
      pass++;
    if (ok && e >= 0) {
      printf("FAIL %s: listed as an exception but gives %s as expected\n", src, want);
      bad++;
    } else if (!ok && e < 0) {
      printf("FAIL %s -> %s, expected %s%s\n", src, t->canonical ? t->canonical : "(invalid)",
             want, t->n_errors ? t->errors[0].message : "");
      bad++;
    }
    if (e >= 0)
      exc_used[e] = 1;
    loc_tag_info_free(t);
  }
  fclose(f);
  for (size_t i = 0; i < n_exceptions; i++)
    if (!exc_used[i]) {
      printf("FAIL exception %s is not a source of the file\n", exceptions[i]);
      bad++;
    }
  printf("canonical form as CLDR expects: %d of %d (%zu listed exceptions)\n", pass, n,
         n_exceptions);
  return bad ? 1 : 0;
}

static void icu_tag(const char *id, char *out, size_t cap) {
  UErrorCode e = U_ZERO_ERROR;
  uloc_toLanguageTag(id, out, (int32_t)cap, 0, &e);
  if (U_FAILURE(e))
    snprintf(out, cap, "(ICU error)");
}

static int likely(void) {
  FILE *f = open_data("likelySubtags.txt");
  if (f == NULL)
    return 77;
  char line[1024];
  int n = 0, same_icu = 0, file_max = 0, bad = 0;
  while (fgets(line, sizeof line, f)) {
    char *s = trim(line);
    if (*s == '#' || *s == '\0')
      continue;
    char *col[4] = {0};
    int nc = 0;
    for (char *p = s; nc < 4;) {
      char *semi = strchr(p, ';');
      if (semi)
        *semi = '\0';
      col[nc++] = trim(p);
      if (!semi)
        break;
      p = semi + 1;
    }
    if (nc < 2)
      continue;
    n++;
    const char *src = col[0];
    char id[256], max_id[256], min_id[256], imax[256], imin[256];
    UErrorCode e = U_ZERO_ERROR;
    int32_t parsed = 0;
    uloc_forLanguageTag(src, id, sizeof id, &parsed, &e);
    uloc_addLikelySubtags(id, max_id, sizeof max_id, &e);
    uloc_minimizeSubtags(id, min_id, sizeof min_id, &e);
    icu_tag(max_id, imax, sizeof imax);
    icu_tag(min_id, imin, sizeof imin);
    loc_tag_info *t;
    if (loc_tag_analyze(src, strlen(src), &t) != LOC_OK)
      return 99;
    const char *lmax = t->maximal ? t->maximal : "(invalid)";
    const char *lmin = t->minimal ? t->minimal : "(invalid)";
    if (strcmp(lmax, imax) == 0 && strcmp(lmin, imin) == 0) {
      same_icu++;
    } else {
      printf("FAIL %s: loc %s / %s, ICU %s / %s\n", src, lmax, lmin, imax, imin);
      bad++;
    }
    if (strcmp(lmax, col[1]) == 0 || (strcmp(col[1], "FAIL") == 0 && strcmp(lmax, src) == 0))
      file_max++;
    loc_tag_info_free(t);
  }
  fclose(f);
  printf("likely subtags equal to ICU %s's: %d of %d; maximal form as the file expects: %d of "
         "%d\n", U_ICU_VERSION, same_icu, n, file_max, n);
  return bad ? 1 : 0;
}

int main(int argc, char **argv) {
  if (argc == 3 && strcmp(argv[1], "canon") == 0)
    return canon(argv[2]);
  if (argc == 2 && strcmp(argv[1], "likely") == 0)
    return likely();
  fprintf(stderr, "usage: cldr_test canon EXCEPTIONS | likely\n");
  return 99;
}

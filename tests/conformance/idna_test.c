/* Drives every line of Unicode's IdnaTestV2.txt through loc_idn_to_unicode
 * (toUnicode column), loc_idn_to_ascii (toAsciiN) and transitional
 * loc_idn_to_ascii (toAsciiT). A line passes a column when the output string
 * is exactly the expected one and an error is reported exactly when the
 * status column lists one. Separately it counts how often the set of status
 * codes equals the file's (reported, not required: the file itself says
 * implementations need only record that there is an error).
 *
 * Usage: idna_test [--exceptions FILE] [--show N] [--list-failures] TESTFILE
 * (--list-failures prints COLUMN, SOURCE, expected, actual, expected codes
 * for each failing line on stdout, tab-separated; --list-code-differences
 * prints COLUMN, SOURCE, the file's codes and ours where the sets differ)
 * An exception file lists known differences, one per line:
 *   COLUMN <TAB> SOURCE (as written in the test file) <TAB> reason
 * with COLUMN toUnicode, toAsciiN or toAsciiT. A listed line must fail (a
 * stale exception is an error too); any other failure fails the test.
 * Exits 77 (skipped) when TESTFILE does not exist. */
#include <loc/loc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { COL_U, COL_N, COL_T, NCOL };
static const char *const col_name[NCOL] = {"toUnicode", "toAsciiN", "toAsciiT"};

typedef struct text {
  char *s;
  size_t len;
} text;

static size_t put_cp(unsigned long cp, char *o) {
  if (cp < 0x80) {
    o[0] = (char)cp;
    return 1;
  }
  if (cp < 0x800) {
    o[0] = (char)(0xC0 | (cp >> 6));
    o[1] = (char)(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    o[0] = (char)(0xE0 | (cp >> 12));
    o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
  }
  o[0] = (char)(0xF0 | (cp >> 18));
  o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
  o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
  o[3] = (char)(0x80 | (cp & 0x3F));
  return 4;
}

/* The file's \uXXXX and \x{X...} escapes. */
static text unescape(const char *s) {
  size_t n = strlen(s);
  text t = {malloc(n + 1), 0};
  if (t.s == NULL)
    exit(99);
  for (size_t i = 0; i < n;) {
    if (s[i] == '\\' && i + 1 < n && (s[i + 1] == 'u' || s[i + 1] == 'x')) {
      char hex[9] = {0}, *end;
      size_t skip;
      if (s[i + 1] == 'u') {
        memcpy(hex, s + i + 2, 4);
        skip = 6;
      } else {
        const char *close = strchr(s + i, '}');
        size_t k = close ? (size_t)(close - (s + i + 3)) : 0;
        memcpy(hex, s + i + 3, k < 8 ? k : 8);
        skip = close ? (size_t)(close - (s + i)) + 1 : 2;
      }
      t.len += put_cp(strtoul(hex, &end, 16), t.s + t.len);
      i += skip;
    } else {
      t.s[t.len++] = s[i++];
    }
  }
  return t;
}

static char *trim(char *s) {
  while (*s == ' ' || *s == '\t')
    s++;
  char *e = s + strlen(s);
  while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r'))
    e--;
  *e = '\0';
  return s;
}

/* "[B5, B6]" -> sorted, space-separated unique codes in @out ("" for none). */
static void code_set(const char *status, char *out, size_t cap) {
  char codes[32][16];
  int n = 0;
  const char *p = status;
  while (*p && n < 32) {
    while (*p == '[' || *p == ' ' || *p == ',' || *p == ']')
      p++;
    size_t k = 0;
    while (p[k] && p[k] != ',' && p[k] != ']' && p[k] != ' ')
      k++;
    if (k == 0)
      break;
    if (k < 16) {
      memcpy(codes[n], p, k);
      codes[n][k] = '\0';
      n++;
    }
    p += k;
  }
  for (int i = 1; i < n; i++) /* insertion sort */
    for (int j = i; j > 0 && strcmp(codes[j - 1], codes[j]) > 0; j--) {
      char tmp[16];
      memcpy(tmp, codes[j], 16);
      memcpy(codes[j], codes[j - 1], 16);
      memcpy(codes[j - 1], tmp, 16);
    }
  out[0] = '\0';
  size_t len = 0;
  for (int i = 0; i < n; i++) {
    if (i > 0 && strcmp(codes[i], codes[i - 1]) == 0)
      continue;
    len += (size_t)snprintf(out + len, cap - len, "%s%s", len ? " " : "", codes[i]);
    if (len >= cap)
      break;
  }
}

static void our_codes(const loc_idn_ctx *ctx, char *out, size_t cap) {
  char status[512] = "[";
  for (size_t i = 0; i < loc_idn_error_count(ctx); i++) {
    strncat(status, loc_idn_error_at(ctx, i)->code, sizeof status - strlen(status) - 3);
    strcat(status, ",");
  }
  strcat(status, "]");
  code_set(status, out, cap);
}

/* ---------- exceptions ---------- */

typedef struct exception {
  int col;
  char *source;
  bool used;
} exception;

static exception *exc;
static size_t nexc;

static void read_exceptions(const char *path) {
  FILE *f = fopen(path, "r");
  if (f == NULL) {
    perror(path);
    exit(2);
  }
  char line[4096];
  while (fgets(line, sizeof line, f)) {
    if (line[0] == '#' || line[0] == '\n')
      continue;
    char *tab1 = strchr(line, '\t'), *tab2 = tab1 ? strchr(tab1 + 1, '\t') : NULL;
    if (tab2 == NULL || trim(tab2 + 1)[0] == '\0') {
      fprintf(stderr, "%s: every exception needs COLUMN, SOURCE and a reason: %s", path, line);
      exit(2);
    }
    *tab1 = *tab2 = '\0';
    int col = -1;
    for (int c = 0; c < NCOL; c++)
      if (strcmp(line, col_name[c]) == 0)
        col = c;
    if (col < 0) {
      fprintf(stderr, "%s: unknown column '%s'\n", path, line);
      exit(2);
    }
    exc = realloc(exc, (nexc + 1) * sizeof *exc);
    exc[nexc++] = (exception){col, strdup(tab1 + 1), false};
  }
  fclose(f);
}

static exception *find_exception(int col, const char *source) {
  for (size_t i = 0; i < nexc; i++)
    if (exc[i].col == col && strcmp(exc[i].source, source) == 0)
      return &exc[i];
  return NULL;
}

int main(int argc, char **argv) {
  const char *path = NULL;
  long show = 10;
  bool list = false, list_codes = false;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--exceptions") == 0 && i + 1 < argc)
      read_exceptions(argv[++i]);
    else if (strcmp(argv[i], "--list-code-differences") == 0)
      list_codes = true;
    else if (strcmp(argv[i], "--list-failures") == 0)
      list = true;
    else if (strcmp(argv[i], "--show") == 0 && i + 1 < argc)
      show = strtol(argv[++i], NULL, 10);
    else
      path = argv[i];
  }
  if (path == NULL) {
    fputs("usage: idna_test [--exceptions FILE] [--show N] TESTFILE\n", stderr);
    return 2;
  }
  FILE *f = fopen(path, "r");
  if (f == NULL) {
    printf("SKIP: %s not found\n", path);
    return 77;
  }
  loc_idn *idn;
  loc_idn_ctx *ctx;
  if (loc_idn_new(&idn) != LOC_OK || loc_idn_ctx_new(idn, &ctx) != LOC_OK)
    return 99;
  unsigned long lines = 0, pass[NCOL] = {0}, same_codes[NCOL] = {0}, excepted[NCOL] = {0};
  unsigned long failures = 0;
  char buf[16384];
  while (fgets(buf, sizeof buf, f)) {
    char *hash = strchr(buf, '#');
    if (hash)
      *hash = '\0';
    if (strchr(buf, ';') == NULL)
      continue;
    char *col[7];
    char *p = buf;
    for (int i = 0; i < 7; i++) {
      char *semi = strchr(p, ';');
      if (semi)
        *semi = '\0';
      col[i] = trim(p);
      p = semi ? semi + 1 : p + strlen(p);
    }
    lines++;
    text src = unescape(col[0]);
    /* Blank columns inherit as the file's header says. */
    text want[NCOL];
    const char *status[NCOL];
    want[COL_U] = *col[1] ? unescape(col[1]) : unescape(col[0]);
    status[COL_U] = col[2];
    want[COL_N] = *col[3] ? unescape(col[3]) : unescape(*col[1] ? col[1] : col[0]);
    status[COL_N] = *col[4] ? col[4] : status[COL_U];
    want[COL_T] = *col[5] ? unescape(col[5])
                          : unescape(*col[3] ? col[3] : *col[1] ? col[1] : col[0]);
    status[COL_T] = *col[6] ? col[6] : status[COL_N];
    for (int c = 0; c < NCOL; c++) {
      char *out = NULL;
      size_t n = 0;
      loc_status st = c == COL_U
                          ? loc_idn_to_unicode_alloc(ctx, 0, src.s, src.len, &out, &n)
                          : loc_idn_to_ascii_alloc(ctx, c == COL_T ? LOC_IDN_TRANSITIONAL : 0,
                                                   src.s, src.len, &out, &n);
      if (st != LOC_OK) {
        fprintf(stderr, "%s: line %lu: %s\n", col_name[c], lines, loc_status_message(st));
        return 99;
      }
      bool want_err = *status[c] && strcmp(status[c], "[]") != 0;
      bool got_err = !loc_idn_ok(ctx);
      bool ok = got_err == want_err && n == want[c].len && memcmp(out, want[c].s, n) == 0;
      char mine[256], theirs[256];
      our_codes(ctx, mine, sizeof mine);
      code_set(status[c], theirs, sizeof theirs);
      if (strcmp(mine, theirs) == 0)
        same_codes[c]++;
      else if (list_codes)
        printf("%s\t%s\t[%s]\t[%s]\n", col_name[c], col[0], theirs, mine);
      exception *e = find_exception(c, col[0]);
      if (ok && e == NULL) {
        pass[c]++;
      } else if (!ok && e != NULL) {
        excepted[c]++;
        e->used = true;
      } else {
        failures++;
        if (list)
          printf("%s\t%s\t%.*s\t%.*s\t[%s]\n", col_name[c], col[0], (int)want[c].len,
                 want[c].s, (int)n, out, theirs);
        if ((long)failures <= show)
          fprintf(stderr, "%s: %s: %s\n  want \"%.*s\" [%s]\n  got  \"%.*s\" [%s]\n",
                  col_name[c], e ? "listed as an exception but passes" : "FAIL", col[0],
                  (int)want[c].len, want[c].s, theirs, (int)n, out, mine);
      }
      loc_free(out);
    }
    free(src.s);
    for (int c = 0; c < NCOL; c++)
      free(want[c].s);
  }
  fclose(f);
  printf("%s: %lu lines\n", path, lines);
  for (int c = 0; c < NCOL; c++)
    printf("  %-9s  %lu pass, %lu listed exceptions, %lu fail; status-code sets equal to "
           "the file's: %lu (%.1f%%)\n", col_name[c], pass[c], excepted[c],
           lines - pass[c] - excepted[c], same_codes[c],
           lines ? 100.0 * (double)same_codes[c] / (double)lines : 0.0);
  for (size_t i = 0; i < nexc; i++)
    if (!exc[i].used) {
      fprintf(stderr, "stale exception (the line is not in the file, or passes): %s %s\n",
              col_name[exc[i].col], exc[i].source);
      failures++;
    }
  loc_idn_ctx_free(ctx);
  loc_idn_free(idn);
  return failures ? 1 : 0;
}

/* Drives every line of Unicode's GraphemeBreakTest, WordBreakTest,
 * SentenceBreakTest and LineBreakTest through the root segmenters, and
 * compares the boundaries with the file's ÷ marks.
 *
 * The library follows ICU's CLDR root tailorings, which differ from the
 * plain UAX #29 / UAX #14 rules on a few test lines on purpose. Those lines
 * are listed, each with the tailoring that explains it, in
 * tests/conformance/break_tailorings.txt ("FILE LINE reason"); a listed line
 * must differ (so the list stays exact), any other line must agree.
 *
 * With --cli LOC, the same lines go through `LOC segment --by KIND --json`,
 * one test per input line; test lines that contain U+000A (which ends a
 * line for the command) are skipped and counted.
 *
 * With --strict, the segmenters of loc_segmenter_new_uax() (and, with
 * --cli, `loc segment --strict-uax`) are checked instead: the plain rules,
 * so every line must agree and no tailoring list is read.
 *
 * Usage: break_test [--strict] [--cli LOC] [--tailorings FILE] [DIR]
 * DIR defaults to $UNICODE_DATA_DIR/auxiliary, then
 * /usr/share/unicode/auxiliary. Exits 77 (skipped) when the files are absent. */
#include <loc/loc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { MAX_TEXT = 1024, MAX_LIST = 256 };

static const struct {
  const char *file;
  loc_segment_kind kind;
  const char *by;
} files[] = {
    {"GraphemeBreakTest.txt", LOC_BREAK_GRAPHEME, "grapheme"},
    {"WordBreakTest.txt", LOC_BREAK_WORD, "word"},
    {"SentenceBreakTest.txt", LOC_BREAK_SENTENCE, "sentence"},
    {"LineBreakTest.txt", LOC_BREAK_LINE, "line"},
};

typedef struct tcase {
  unsigned long lineno;
  char text[MAX_TEXT];
  size_t len;
  size_t want[MAX_LIST]; /* boundaries after the start; len included */
  size_t nwant;
  bool has_lf;
} tcase;

typedef struct tailoring {
  char file[64];
  unsigned long line;
  bool seen;
} tailoring;

static bool strict;
static tailoring *tails;
static size_t ntails;

static size_t encode(unsigned long cp, char *out) {
  if (cp < 0x80) {
    out[0] = (char)cp;
    return 1;
  }
  if (cp < 0x800) {
    out[0] = (char)(0xC0 | (cp >> 6));
    out[1] = (char)(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = (char)(0xE0 | (cp >> 12));
    out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = (char)(0xF0 | (cp >> 18));
  out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
  out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
  out[3] = (char)(0x80 | (cp & 0x3F));
  return 4;
}

/* "÷ 0020 × 0308 ÷	# ..." -> text and boundaries. 0: comment/blank,
 * 1: a case, -1: malformed. */
static int parse_case(const char *line, tcase *t) {
  t->len = t->nwant = 0;
  t->has_lf = false;
  const char *p = line;
  bool any = false;
  while (*p && *p != '#' && *p != '\n') {
    if (*p == ' ' || *p == '\t') {
      p++;
    } else if (strncmp(p, "\xC3\xB7", 2) == 0) { /* ÷ */
      if (t->nwant == MAX_LIST)
        return -1;
      if (t->len > 0) /* the start of text is no boundary to compare */
        t->want[t->nwant++] = t->len;
      p += 2;
      any = true;
    } else if (strncmp(p, "\xC3\x97", 2) == 0) { /* × */
      p += 2;
      any = true;
    } else {
      char *stop;
      unsigned long cp = strtoul(p, &stop, 16);
      if (stop == p || cp > 0x10FFFF || t->len + 4 > MAX_TEXT)
        return -1;
      if (cp == 0x0A)
        t->has_lf = true;
      t->len += encode(cp, t->text + t->len);
      p = stop;
    }
  }
  return any ? 1 : 0;
}

static bool tailored(const char *file, unsigned long line) {
  for (size_t i = 0; i < ntails; i++)
    if (tails[i].line == line && strcmp(tails[i].file, file) == 0) {
      tails[i].seen = true;
      return true;
    }
  return false;
}

static bool load_tailorings(const char *path) {
  FILE *f = fopen(path, "r");
  if (f == NULL) {
    fprintf(stderr, "cannot open %s\n", path);
    return false;
  }
  char buf[512];
  size_t cap = 0;
  while (fgets(buf, sizeof buf, f)) {
    tailoring t = {{0}, 0, false};
    if (buf[0] == '#' || buf[0] == '\n')
      continue;
    if (sscanf(buf, "%63s %lu", t.file, &t.line) != 2) {
      fprintf(stderr, "%s: bad line: %s", path, buf);
      fclose(f);
      return false;
    }
    if (ntails == cap) {
      cap = cap ? cap * 2 : 64;
      tailoring *g = realloc(tails, cap * sizeof *g);
      if (g == NULL) {
        fclose(f);
        return false;
      }
      tails = g;
    }
    tails[ntails++] = t;
  }
  fclose(f);
  return true;
}

/* Boundaries from the library: every segment end. */
static size_t lib_bounds(loc_segment_kind kind, const tcase *t, size_t *got) {
  loc_segment *segs;
  size_t n, k = 0;
  static loc_segmenter *uax[LOC_BREAK_KIND_COUNT_];
  if (strict && uax[kind] == NULL && loc_segmenter_new_uax(kind, &uax[kind]) != LOC_OK)
    return (size_t)-1;
  if (loc_segment_all(strict ? uax[kind] : NULL, kind, t->text, t->len, &segs, &n) != LOC_OK)
    return (size_t)-1;
  for (size_t i = 0; i < n && k < MAX_LIST; i++)
    got[k++] = segs[i].end;
  loc_free(segs);
  return k;
}

/* Boundaries from one line of `loc segment --json`. */
static size_t json_bounds(const char *line, size_t *got) {
  size_t k = 0;
  const char *p = line;
  while ((p = strstr(p, "\"end\":")) != NULL && k < MAX_LIST) {
    got[k++] = strtoul(p + 6, NULL, 10);
    p += 6;
  }
  return k;
}

static bool same(const size_t *a, size_t na, const size_t *b, size_t nb) {
  return na == nb && memcmp(a, b, na * sizeof *a) == 0;
}

typedef struct counts {
  unsigned long total, pass, tailored, fail, skipped;
} counts;

static void show(const char *file, const tcase *t, const size_t *got, size_t ngot,
                 const char *what) {
  printf("%s:%lu: %s; want", file, t->lineno, what);
  for (size_t i = 0; i < t->nwant; i++)
    printf(" %zu", t->want[i]);
  printf("; got");
  for (size_t i = 0; i < ngot; i++)
    printf(" %zu", got[i]);
  printf("\n");
}

static void judge(const char *file, const tcase *t, const size_t *got, size_t ngot,
                  counts *c) {
  bool ok = ngot != (size_t)-1 && same(t->want, t->nwant, got, ngot);
  bool listed = tailored(file, t->lineno);
  if (ok && !listed) {
    c->pass++;
  } else if (!ok && listed) {
    c->tailored++;
  } else if (ok) {
    c->fail++;
    show(file, t, got, ngot, "listed as a tailoring but agrees with the file");
  } else {
    c->fail++;
    show(file, t, got, ngot == (size_t)-1 ? 0 : ngot, "differs");
  }
}

/* Returns false when the file is missing. */
static bool run_file(const char *dir, int fi, const char *cli, counts *c) {
  char path[4096 + 64];
  snprintf(path, sizeof path, "%s/%s", dir, files[fi].file);
  FILE *f = fopen(path, "r");
  if (f == NULL)
    return false;
  size_t cap = 256, n = 0;
  tcase *cases = malloc(cap * sizeof *cases);
  char buf[8192];
  unsigned long lineno = 0;
  while (cases && fgets(buf, sizeof buf, f)) {
    lineno++;
    if (n == cap) {
      tcase *g = realloc(cases, (cap *= 2) * sizeof *cases);
      if (g == NULL)
        break;
      cases = g;
    }
    int r = parse_case(buf, &cases[n]);
    if (r < 0) {
      printf("%s:%lu: cannot parse\n", files[fi].file, lineno);
      c->fail++;
    } else if (r > 0) {
      cases[n++].lineno = lineno;
    }
  }
  fclose(f);
  if (cases == NULL)
    return true;
  size_t got[MAX_LIST];
  if (cli == NULL) {
    for (size_t i = 0; i < n; i++) {
      c->total++;
      size_t k = lib_bounds(files[fi].kind, &cases[i], got);
      judge(files[fi].file, &cases[i], got, k, c);
    }
  } else {
    char in[] = "/tmp/break_test_XXXXXX";
    int fd = mkstemp(in);
    FILE *w = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (w == NULL) {
      printf("cannot create a temporary file\n");
      c->fail++;
      free(cases);
      return true;
    }
    for (size_t i = 0; i < n; i++)
      if (!cases[i].has_lf) {
        fwrite(cases[i].text, 1, cases[i].len, w);
        fputc('\n', w);
      }
    fclose(w);
    char cmd[8192 + 64];
    snprintf(cmd, sizeof cmd, "'%s' segment --by %s%s --json '%s'", cli, files[fi].by,
             strict ? " --strict-uax" : "", in);
    FILE *pr = popen(cmd, "r");
    static char out[1 << 16];
    for (size_t i = 0; i < n; i++) {
      c->total++;
      if (cases[i].has_lf) {
        c->skipped++;
        continue;
      }
      if (pr == NULL || fgets(out, sizeof out, pr) == NULL) {
        c->fail++;
        show(files[fi].file, &cases[i], got, 0, "no output line from the command");
        continue;
      }
      size_t k = json_bounds(out, got);
      judge(files[fi].file, &cases[i], got, k, c);
    }
    int st = pr ? pclose(pr) : -1;
    if (st != 0) {
      printf("%s: command exited with status %d\n", cmd, st);
      c->fail++;
    }
    unlink(in);
  }
  free(cases);
  return true;
}

int main(int argc, char **argv) {
  const char *cli = NULL, *dir = NULL, *tail_path = NULL;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--strict") == 0)
      strict = true;
    else if (strcmp(argv[i], "--cli") == 0 && i + 1 < argc)
      cli = argv[++i];
    else if (strcmp(argv[i], "--tailorings") == 0 && i + 1 < argc)
      tail_path = argv[++i];
    else
      dir = argv[i];
  }
  char buf[4096];
  if (dir == NULL) {
    const char *u = getenv("UNICODE_DATA_DIR");
    if (u != NULL && *u) {
      snprintf(buf, sizeof buf, "%s/auxiliary", u);
      dir = buf;
    } else {
      dir = "/usr/share/unicode/auxiliary";
    }
  }
  char tbuf[4096];
  if (tail_path == NULL) {
    const char *root = getenv("LOC_SOURCE_ROOT");
    snprintf(tbuf, sizeof tbuf, "%s/tests/conformance/break_tailorings.txt",
             root ? root : ".");
    tail_path = tbuf;
  }
  if (!strict && !load_tailorings(tail_path))
    return 1;
  unsigned long failures = 0;
  for (int fi = 0; fi < (int)(sizeof files / sizeof files[0]); fi++) {
    counts c = {0, 0, 0, 0, 0};
    if (!run_file(dir, fi, cli, &c)) {
      printf("SKIP: %s/%s not found (install unicode-data)\n", dir, files[fi].file);
      return 77;
    }
    printf("%s%s%s: %lu lines: %lu agree with the file, %lu listed CLDR tailorings, "
           "%lu skipped, %lu unexpected\n",
           files[fi].file, strict ? " (strict)" : "", cli ? " (cli)" : "", c.total, c.pass, c.tailored, c.skipped,
           c.fail);
    failures += c.fail;
  }
  for (size_t i = 0; i < ntails; i++)
    if (!tails[i].seen) {
      printf("%s:%lu: listed in %s but not a test line\n", tails[i].file, tails[i].line,
             tail_path);
      failures++;
    }
  free(tails);
  return failures ? 1 : 0;
}

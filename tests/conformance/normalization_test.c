/* Drives every line of Unicode's NormalizationTest.txt through the library:
 * the UAX #15 invariants for NFC, NFD, NFKC and NFKD, each through the
 * one-shot call, the quick check, a stream cut inside the text and the
 * normalizer object's UTF-16 calls (result and quick-check prefix), plus
 * Part 1's rule that every code point it does not list is unchanged by
 * all four forms.
 *
 * With --cli LOC, the same invariants are checked through the command
 * instead: each column, one case per line, goes through `LOC normalize -f X`.
 *
 * Usage: normalization_test [--cli LOC] [FILE]   (FILE may be .txt or
 * .txt.bz2; the default is $UNICODE_DATA_DIR/NormalizationTest.txt[.bz2]).
 * Exits 77 (skipped) when the file is absent. */
#include <loc/loc.h>
#include "../utf16_test.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { MAX_FIELD = 256 };

typedef struct field {
  char s[MAX_FIELD * 4];
  size_t len;
} field;

static unsigned long failures, checks;

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

/* "0044 0307" -> UTF-8 */
static int parse_field(const char *p, const char *end, field *f) {
  f->len = 0;
  while (p < end) {
    while (p < end && *p == ' ')
      p++;
    if (p == end)
      break;
    char *stop;
    unsigned long cp = strtoul(p, &stop, 16);
    if (stop == p || cp > 0x10FFFF || f->len + 4 > sizeof f->s)
      return -1;
    f->len += encode(cp, f->s + f->len);
    p = stop;
  }
  return 0;
}

typedef struct collect {
  char *data;
  size_t len, cap;
} collect;

static loc_status collect_sink(void *user, const char *data, size_t len) {
  collect *c = user;
  if (c->len + len > c->cap)
    return LOC_E_NO_MEMORY;
  memcpy(c->data + c->len, data, len);
  c->len += len;
  return LOC_OK;
}

static loc_normalize_stream *streams[4];
static loc_normalizer *normalizers[4];

/* want == form(in) in UTF-16 (normalizer object), with its quick check. */
static bool expect_utf16(loc_normalize_form form, const field *in, const field *want) {
  uint16_t in16[sizeof in->s], want16[sizeof in->s], out[sizeof in->s * 4];
  size_t il = test_utf8_to_utf16(in->s, in->len, in16);
  size_t wl = test_utf8_to_utf16(want->s, want->len, want16), n;
  if (loc_normalizer_normalize_utf16(normalizers[form], in16, il, out,
                                     sizeof out / sizeof out[0], &n) != LOC_OK ||
      n != wl || memcmp(out, want16, wl * 2) != 0)
    return false;
  bool same = il == wl && memcmp(in16, want16, il * 2) == 0;
  size_t q = loc_normalizer_quick_prefix_utf16(normalizers[form], in16, il);
  return q <= wl && memcmp(in16, want16, q * 2) == 0 && (q < il || same);
}

/* want == form(in), checked four ways. */
static void expect(loc_normalize_form form, const field *in, const field *want,
                   unsigned long line, int col_in, int col_want) {
  char out[sizeof in->s * 4];
  size_t n;
  checks++;
  loc_status st = loc_normalize(form, in->s, in->len, out, sizeof out, &n);
  bool ok = st == LOC_OK && n == want->len && memcmp(out, want->s, n) == 0;
  bool is_norm;
  loc_normalize_check(form, in->s, in->len, &is_norm);
  bool same = in->len == want->len && memcmp(in->s, want->s, in->len) == 0;
  if (is_norm != same)
    ok = false;
  /* through a stream, cut in the middle (maybe inside a character) */
  collect c = {out, 0, sizeof out};
  size_t half = in->len / 2;
  if (loc_normalize_stream_write(streams[form], in->s, half, collect_sink, &c) != LOC_OK ||
      loc_normalize_stream_write(streams[form], in->s + half, in->len - half,
                            collect_sink, &c) != LOC_OK ||
      loc_normalize_stream_finish(streams[form], collect_sink, &c) != LOC_OK ||
      c.len != want->len || memcmp(out, want->s, c.len) != 0)
    ok = false;
  if (!expect_utf16(form, in, want))
    ok = false;
  if (!ok) {
    if (failures < 20 && line == 0)
      fprintf(stderr, "U+%04X: not unchanged by %s\n", (unsigned)col_in,
              loc_normalize_form_name(form));
    else if (failures < 20)
      fprintf(stderr, "line %lu: c%d != %s(c%d)\n", line, col_want,
              loc_normalize_form_name(form), col_in);
    failures++;
  }
}

/* ---------- through the command ---------- */

typedef struct row {
  field c[6];
} row;

/* Which column each form must turn columns 1..5 into (UAX #15 invariants). */
static const int want_col[4][6] = {
    {0, 2, 2, 2, 4, 4}, /* NFC */
    {0, 3, 3, 3, 5, 5}, /* NFD */
    {0, 4, 4, 4, 4, 4}, /* NFKC */
    {0, 5, 5, 5, 5, 5}, /* NFKD */
};

static int run_cli(const char *loc, const row *rows, size_t n) {
  char path[] = "/tmp/loc-normtest-XXXXXX";
  int fd = mkstemp(path);
  if (fd < 0) {
    perror("mkstemp");
    return 99;
  }
  close(fd);
  for (int form = 0; form < 4; form++) {
    for (int col = 1; col <= 5; col++) {
      FILE *in = fopen(path, "w");
      if (in == NULL)
        return 99;
      for (size_t i = 0; i < n; i++) {
        fwrite(rows[i].c[col].s, 1, rows[i].c[col].len, in);
        fputc('\n', in);
      }
      fclose(in);
      char cmd[8192];
      snprintf(cmd, sizeof cmd, "'%s' normalize -f %s '%s'", loc,
               loc_normalize_form_name((loc_normalize_form)form), path);
      FILE *out = popen(cmd, "r");
      if (out == NULL)
        return 99;
      char line[sizeof rows[0].c[0].s * 4];
      size_t i = 0;
      while (fgets(line, sizeof line, out)) {
        size_t len = strlen(line);
        if (len > 0 && line[len - 1] == '\n')
          line[--len] = '\0';
        const field *w = &rows[i < n ? i : n - 1].c[want_col[form][col]];
        checks++;
        if (i >= n || len != w->len || memcmp(line, w->s, len) != 0) {
          if (failures < 20)
            fprintf(stderr, "loc normalize -f %s: case %zu: c%d != %s(c%d)\n",
                    loc_normalize_form_name((loc_normalize_form)form), i + 1,
                    want_col[form][col], loc_normalize_form_name((loc_normalize_form)form), col);
          failures++;
        }
        i++;
      }
      int rc = pclose(out);
      if (rc != 0 || i != n) {
        fprintf(stderr, "%s: status %d, %zu lines of %zu\n", cmd, rc, i, n);
        failures++;
      }
    }
  }
  unlink(path);
  printf("loc normalize: %zu cases x 20 runs, %lu checks, %lu failures\n", n,
         checks, failures);
  return failures ? 1 : 0;
}

static FILE *open_input(int argc, char **argv, bool *piped) {
  char path[4096];
  const char *dir = getenv("UNICODE_DATA_DIR");
  if (argc > 1)
    snprintf(path, sizeof path, "%s", argv[1]);
  else
    snprintf(path, sizeof path, "%s/NormalizationTest.txt", dir ? dir : "/usr/share/unicode");
  *piped = false;
  if (access(path, R_OK) == 0 && strstr(path, ".bz2") == NULL)
    return fopen(path, "r");
  if (strstr(path, ".bz2") == NULL)
    strncat(path, ".bz2", sizeof path - strlen(path) - 1);
  if (access(path, R_OK) != 0)
    return NULL;
  char cmd[4200];
  /* the path is ours or the build's; quote it for the shell anyway */
  if (strchr(path, '\'') != NULL)
    return NULL;
  snprintf(cmd, sizeof cmd, "bzcat '%s'", path);
  *piped = true;
  return popen(cmd, "r");
}

int main(int argc, char **argv) {
  const char *cli = NULL;
  if (argc > 2 && strcmp(argv[1], "--cli") == 0) {
    cli = argv[2];
    argv += 2;
    argc -= 2;
  }
  bool piped;
  FILE *f = open_input(argc, argv, &piped);
  if (f == NULL) {
    fprintf(stderr, "NormalizationTest.txt not found: skipped\n");
    return 77;
  }
  for (int i = 0; i < 4; i++)
    if (loc_normalize_stream_new((loc_normalize_form)i, &streams[i]) != LOC_OK ||
        loc_normalizer_new((loc_normalize_form)i, &normalizers[i]) != LOC_OK)
      return 99;
  static bool listed[0x110000];
  row *rows = NULL;
  size_t nrows = 0, rows_cap = 0;
  char line[8192];
  unsigned long lineno = 0, cases = 0;
  int part = -1;
  while (fgets(line, sizeof line, f)) {
    lineno++;
    if (line[0] == '@') {
      part = atoi(line + 5);
      continue;
    }
    if (line[0] == '#' || line[0] == '\n')
      continue;
    field c[6];
    const char *p = line;
    int k;
    for (k = 1; k <= 5; k++) {
      const char *semi = strchr(p, ';');
      if (semi == NULL || parse_field(p, semi, &c[k]) != 0)
        break;
      p = semi + 1;
    }
    if (k <= 5) {
      fprintf(stderr, "line %lu: cannot parse\n", lineno);
      failures++;
      continue;
    }
    cases++;
    if (cli) {
      bool has_nl = false;
      for (int i = 1; i <= 5; i++)
        has_nl |= memchr(c[i].s, '\n', c[i].len) != NULL;
      if (has_nl)
        continue;
      if (nrows == rows_cap) {
        rows_cap = rows_cap ? rows_cap * 2 : 1024;
        rows = realloc(rows, rows_cap * sizeof *rows);
        if (rows == NULL)
          return 99;
      }
      memcpy(&rows[nrows++], c, sizeof rows[0]);
      continue;
    }
    if (part == 1) {
      unsigned long cp = strtoul(line, NULL, 16);
      if (cp < 0x110000)
        listed[cp] = true;
    }
    /* NFC: c2 == NFC(c1) == NFC(c2) == NFC(c3); c4 == NFC(c4) == NFC(c5) */
    for (int i = 1; i <= 3; i++)
      expect(LOC_NORMALIZE_NFC, &c[i], &c[2], lineno, i, 2);
    for (int i = 4; i <= 5; i++)
      expect(LOC_NORMALIZE_NFC, &c[i], &c[4], lineno, i, 4);
    /* NFD: c3 == NFD(c1) == NFD(c2) == NFD(c3); c5 == NFD(c4) == NFD(c5) */
    for (int i = 1; i <= 3; i++)
      expect(LOC_NORMALIZE_NFD, &c[i], &c[3], lineno, i, 3);
    for (int i = 4; i <= 5; i++)
      expect(LOC_NORMALIZE_NFD, &c[i], &c[5], lineno, i, 5);
    /* NFKC: c4 == NFKC(c1..c5); NFKD: c5 == NFKD(c1..c5) */
    for (int i = 1; i <= 5; i++) {
      expect(LOC_NORMALIZE_NFKC, &c[i], &c[4], lineno, i, 4);
      expect(LOC_NORMALIZE_NFKD, &c[i], &c[5], lineno, i, 5);
    }
  }
  int rc = piped ? pclose(f) : fclose(f);
  if (rc != 0 || cases < 10000) {
    fprintf(stderr, "reading the test file failed (%lu cases)\n", cases);
    return 1;
  }
  if (cli) {
    int crc = run_cli(cli, rows, nrows);
    free(rows);
    return crc;
  }
  /* Part 1: every code point not listed is its own normalization. */
  unsigned long unlisted = 0;
  for (unsigned long cp = 0; cp < 0x110000; cp++) {
    if (listed[cp] || (cp >= 0xD800 && cp <= 0xDFFF))
      continue;
    field x;
    x.len = encode(cp, x.s);
    for (int form = 0; form < 4; form++)
      expect((loc_normalize_form)form, &x, &x, 0, (int)cp, (int)cp);
    unlisted++;
  }
  for (int i = 0; i < 4; i++) {
    loc_normalize_stream_free(streams[i]);
    loc_normalizer_free(normalizers[i]);
  }
  printf("%lu test lines, %lu unlisted code points, %lu checks, %lu failures\n",
         cases, unlisted, checks, failures);
  return failures ? 1 : 0;
}

/* Drives web-platform-tests' url/resources/IdnaTestV2.json and toascii.json
 * through loc_idn_to_ascii with LOC_IDN_URL (the URL Standard's domain to
 * ASCII followed by the host parser's forbidden domain code point check).
 * Each object of the JSON array has "input" and "output" (a string, or null
 * when the host must fail to parse); strings in the array are comments. A
 * case passes when output null <=> the name is rejected, and otherwise the
 * output is exactly the expected one.
 *
 * Usage: idna_wpt [--exceptions FILE] [--list-failures] JSONFILE...
 * An exception file lists cases that are allowed to fail, one per line:
 *   FILE-BASENAME <TAB> INPUT (UTF-8, with JSON \uXXXX escapes allowed) <TAB> reason
 * A listed case must fail (a stale exception is an error too).
 * Exits 77 (skipped) when a JSONFILE does not exist. */
#include <loc/loc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct text {
  char *s;
  size_t len;
  bool null;
} text;

static void put_utf8(unsigned long cp, text *t) {
  char *o = t->s + t->len;
  if (cp < 0x80) {
    o[0] = (char)cp;
    t->len += 1;
  } else if (cp < 0x800) {
    o[0] = (char)(0xC0 | (cp >> 6));
    o[1] = (char)(0x80 | (cp & 0x3F));
    t->len += 2;
  } else if (cp < 0x10000) {
    o[0] = (char)(0xE0 | (cp >> 12));
    o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[2] = (char)(0x80 | (cp & 0x3F));
    t->len += 3;
  } else {
    o[0] = (char)(0xF0 | (cp >> 18));
    o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (char)(0x80 | (cp & 0x3F));
    t->len += 4;
  }
}

static void die(const char *file, const char *what, size_t at) {
  fprintf(stderr, "%s: byte %zu: %s\n", file, at, what);
  exit(99);
}

static unsigned long hex4(const char *p, const char *file, size_t at) {
  unsigned long v = 0;
  for (int i = 0; i < 4; i++) {
    char c = p[i];
    int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
          : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    if (d < 0)
      die(file, "bad \\u escape", at);
    v = v * 16 + (unsigned long)d;
  }
  return v;
}

/* A JSON string at s[*i] (the opening quote), decoded; surrogate pairs are
 * joined; a lone surrogate becomes its 3-byte (ill-formed) encoding, which
 * the library rejects as invalid UTF-8, as a URL parser rejects it. */
static text json_string(const char *s, size_t n, size_t *i, const char *file) {
  text t = {malloc(n - *i + 1), 0, false};
  if (t.s == NULL)
    exit(99);
  size_t p = *i + 1;
  while (p < n && s[p] != '"') {
    if (s[p] != '\\') {
      t.s[t.len++] = s[p++];
      continue;
    }
    if (p + 1 >= n)
      die(file, "unterminated escape", p);
    char e = s[p + 1];
    p += 2;
    switch (e) {
    case 'n': t.s[t.len++] = '\n'; break;
    case 't': t.s[t.len++] = '\t'; break;
    case 'r': t.s[t.len++] = '\r'; break;
    case 'b': t.s[t.len++] = '\b'; break;
    case 'f': t.s[t.len++] = '\f'; break;
    case '/': case '\\': case '"': t.s[t.len++] = e; break;
    case 'u': {
      if (p + 4 > n)
        die(file, "short \\u escape", p);
      unsigned long cp = hex4(s + p, file, p);
      p += 4;
      if (cp >= 0xD800 && cp < 0xDC00 && p + 6 <= n && s[p] == '\\' && s[p + 1] == 'u') {
        unsigned long lo = hex4(s + p + 2, file, p);
        if (lo >= 0xDC00 && lo < 0xE000) {
          cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          p += 6;
        }
      }
      put_utf8(cp, &t);
      break;
    }
    default:
      die(file, "unknown escape", p);
    }
  }
  if (p >= n)
    die(file, "unterminated string", *i);
  *i = p + 1;
  t.s[t.len] = '\0';
  return t;
}

static size_t skip_ws(const char *s, size_t n, size_t i) {
  while (i < n && (s[i] == ' ' || s[i] == '\n' || s[i] == '\r' || s[i] == '\t'))
    i++;
  return i;
}

typedef struct exception {
  char *file;
  text input;
  bool seen;
} exception;

static exception *exc;
static size_t nexc;

static void load_exceptions(const char *path) {
  FILE *f = fopen(path, "r");
  if (f == NULL) {
    perror(path);
    exit(99);
  }
  char line[4096];
  while (fgets(line, sizeof line, f)) {
    if (line[0] == '#' || line[0] == '\n')
      continue;
    char *t1 = strchr(line, '\t');
    char *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
    if (t2 == NULL) {
      fprintf(stderr, "%s: bad line: %s", path, line);
      exit(99);
    }
    *t1 = *t2 = '\0';
    /* The input column is a JSON string body: decode it like one. */
    size_t n = strlen(t1 + 1);
    char *q = malloc(n + 3);
    if (q == NULL)
      exit(99);
    q[0] = '"';
    memcpy(q + 1, t1 + 1, n);
    q[n + 1] = '"';
    q[n + 2] = '\0';
    size_t at = 0;
    exc = realloc(exc, (nexc + 1) * sizeof *exc);
    if (exc == NULL)
      exit(99);
    exc[nexc].file = strdup(line);
    exc[nexc].input = json_string(q, n + 2, &at, path);
    exc[nexc].seen = false;
    nexc++;
    free(q);
  }
  fclose(f);
}

static exception *find_exception(const char *base, const text *in) {
  for (size_t i = 0; i < nexc; i++)
    if (strcmp(exc[i].file, base) == 0 && exc[i].input.len == in->len &&
        memcmp(exc[i].input.s, in->s, in->len) == 0)
      return &exc[i];
  return NULL;
}

int main(int argc, char **argv) {
  bool list = false;
  int a = 1;
  for (; a < argc && argv[a][0] == '-'; a++) {
    if (strcmp(argv[a], "--exceptions") == 0 && a + 1 < argc)
      load_exceptions(argv[++a]);
    else if (strcmp(argv[a], "--list-failures") == 0)
      list = true;
    else {
      fprintf(stderr, "usage: idna_wpt [--exceptions FILE] [--list-failures] JSONFILE...\n");
      return 99;
    }
  }
  if (a == argc) {
    fprintf(stderr, "usage: idna_wpt [--exceptions FILE] [--list-failures] JSONFILE...\n");
    return 99;
  }
  loc_idn *idn;
  loc_idn_ctx *ctx;
  if (loc_idn_new(&idn) != LOC_OK || loc_idn_ctx_new(idn, &ctx) != LOC_OK)
    return 99;
  int bad = 0;
  for (; a < argc; a++) {
    const char *path = argv[a];
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
      printf("%s absent: skipped\n", path);
      return 77;
    }
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    rewind(f);
    char *s = malloc((size_t)size + 1);
    if (s == NULL || fread(s, 1, (size_t)size, f) != (size_t)size)
      return 99;
    fclose(f);
    size_t n = (size_t)size;
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    size_t i = skip_ws(s, n, 0);
    if (i >= n || s[i] != '[')
      die(path, "not a JSON array", i);
    i++;
    size_t cases = 0, pass = 0, excused = 0, rejected = 0;
    for (;;) {
      i = skip_ws(s, n, i);
      if (i < n && s[i] == ',') {
        i++;
        continue;
      }
      if (i < n && s[i] == ']')
        break;
      if (i >= n)
        die(path, "unterminated array", i);
      if (s[i] == '"') { /* a comment line */
        text c = json_string(s, n, &i, path);
        free(c.s);
        continue;
      }
      if (s[i] != '{')
        die(path, "expected an object", i);
      i++;
      text input = {0}, output = {0};
      bool have_in = false, have_out = false;
      for (;;) {
        i = skip_ws(s, n, i);
        if (i < n && s[i] == ',') {
          i++;
          continue;
        }
        if (i < n && s[i] == '}') {
          i++;
          break;
        }
        if (i >= n || s[i] != '"')
          die(path, "expected a key", i);
        text key = json_string(s, n, &i, path);
        i = skip_ws(s, n, i);
        if (i >= n || s[i] != ':')
          die(path, "expected ':'", i);
        i = skip_ws(s, n, i + 1);
        text v = {0};
        if (i + 4 <= n && memcmp(s + i, "null", 4) == 0) {
          v.null = true;
          i += 4;
        } else if (i < n && s[i] == '"') {
          v = json_string(s, n, &i, path);
        } else {
          die(path, "expected a string or null", i);
        }
        if (strcmp(key.s, "input") == 0) {
          input = v;
          have_in = true;
        } else if (strcmp(key.s, "output") == 0) {
          output = v;
          have_out = true;
        } else {
          free(v.s);
        }
        free(key.s);
      }
      if (!have_in || !have_out || input.null)
        die(path, "an object without input or output", i);
      cases++;
      rejected += output.null;
      char *got = NULL;
      size_t got_len = 0;
      loc_status st = loc_idn_to_ascii_alloc(ctx, LOC_IDN_URL, input.s, input.len, &got,
                                             &got_len);
      if (st != LOC_OK) {
        fprintf(stderr, "%s: %s: %s\n", base, input.s, loc_status_message(st));
        return 99;
      }
      bool ok = loc_idn_ok(ctx);
      bool passed = output.null ? !ok
                                : ok && got_len == output.len &&
                                      memcmp(got, output.s, got_len) == 0;
      exception *e = find_exception(base, &input);
      if (e)
        e->seen = true;
      if (passed && e) {
        printf("STALE exception %s\t%s: passes now\n", base, input.s);
        bad++;
      } else if (passed) {
        pass++;
      } else if (e) {
        excused++;
      } else {
        bad++;
        if (list || bad <= 20) {
          printf("FAIL %s\t%s\texpected %s\tgot %s (%s)", base, input.s,
                 output.null ? "failure" : output.s, got, ok ? "ok" : "error");
          for (size_t k = 0; k < loc_idn_error_count(ctx); k++)
            printf(" %s", loc_idn_error_code(ctx, k));
          printf("\n");
        }
      }
      loc_free(got);
      free(input.s);
      free(output.s);
    }
    printf("%s: %zu of %zu cases pass (%zu must fail to parse), %zu listed exceptions\n",
           base, pass, cases, rejected, excused);
    free(s);
  }
  for (size_t k = 0; k < nexc; k++)
    if (!exc[k].seen) {
      printf("STALE exception %s\t%s: no such case\n", exc[k].file, exc[k].input.s);
      bad++;
    }
  loc_idn_ctx_free(ctx);
  loc_idn_free(idn);
  return bad ? 1 : 0;
}

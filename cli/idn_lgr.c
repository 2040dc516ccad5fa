/* Per-label LGR verdicts shared by `loc idn` subcommands (see idn_lgr.h). */
#include "idn_lgr.h"

#include <errno.h>
#include <sys/stat.h>

void idn_lgr_judge(const loc_lgr *lgr, loc_lgr_ctx *ctx, const char *label, size_t len,
                   idn_lgr_verdict *v) {
  memset(v, 0, sizeof *v);
  loc_lgr_evaluate(ctx, label, len, &v->r);
  if (!v->r.in_repertoire)
    return;
  loc_status st = loc_lgr_index_label(ctx, label, len, &v->index, &v->index_len);
  if (st != LOC_OK)
    v->index = NULL;
  if (st == LOC_E_LGR_REFERENCE && strcmp(v->r.disposition, "invalid") != 0) {
    /* No index label, so no collision check: the label cannot be judged
     * whole either. */
    v->r.disposition = "undefined-rule";
    v->r.reason = "its index label needs a context rule the LGR names but does not "
                  "define (see the warnings)";
  }
}

void idn_lgr_print_warnings(const loc_lgr *lgr, const char *path) {
  size_t n = loc_lgr_warning_count(lgr), skip = strlen(path);
  for (size_t i = 0; i < n && i < 20; i++) {
    const char *w = loc_lgr_warning(lgr, i);
    const char *colon = strncmp(w, path, skip) == 0 ? strstr(w + skip, ": ") : NULL;
    /* "FILE:LINE: warning: message" */
    fprintf(stderr, "loc: %.*s: warning: %s\n", colon ? (int)(colon - w) : 0, w,
            colon ? colon + 2 : w);
  }
  if (n > 20)
    fprintf(stderr, "loc: ... and %zu more warnings (loc idn lgr --validate lists them all)\n",
            n - 20);
}

void idn_lgr_rejected(idn_lgr_verdict *v, const char *reason) {
  memset(v, 0, sizeof *v);
  v->r.disposition = "invalid";
  v->r.reason = reason;
  v->r.codepoint = -1;
  v->r.action = -1;
}

void idn_lgr_put_field(out_buf *o, const char *s, size_t len) {
  static const char hex[] = "0123456789ABCDEF";
  size_t i = 0;
  while (i < len) {
    size_t v = loc_utf8_valid_prefix(s + i, len - i);
    /* a valid run: copy all but control characters and backslashes */
    size_t j = i;
    for (; j < i + v; j++) {
      unsigned char c = (unsigned char)s[j];
      if (c < 0x20 || c == 0x7F || c == '\\')
        break;
    }
    out_write(o, s + i, j - i);
    if (j == len)
      break;
    unsigned char c = (unsigned char)s[j];
    switch (c) {
    case '\\': OUT_LIT(o, "\\\\"); break;
    case '\t': OUT_LIT(o, "\\t"); break;
    case '\r': OUT_LIT(o, "\\r"); break;
    case '\n': OUT_LIT(o, "\\n"); break;
    case '\0': OUT_LIT(o, "\\0"); break;
    default: {
      char esc[4] = {'\\', 'x', hex[c >> 4], hex[c & 15]};
      out_write(o, esc, 4);
    }
    }
    i = j + 1;
  }
}

void idn_lgr_put_tsv(out_buf *o, const idn_lgr_verdict *v) {
  out_write(o, v->r.disposition, strlen(v->r.disposition));
  out_putc(o, '\t');
  idn_lgr_put_field(o, v->r.reason, strlen(v->r.reason));
  out_putc(o, '\t');
  if (v->index)
    idn_lgr_put_field(o, v->index, v->index_len);
}

void idn_lgr_put_json(out_buf *o, const idn_lgr_verdict *v, bool with_collisions) {
  OUT_LIT(o, "\"lgr\":{\"disposition\":");
  out_json_string(o, v->r.disposition, strlen(v->r.disposition));
  OUT_LIT(o, ",\"reason\":");
  out_json_string(o, v->r.reason, strlen(v->r.reason));
  if (v->r.codepoint >= 0)
    out_printf(o, ",\"codepoint\":\"U+%04X\",\"offset\":%zu", (unsigned)v->r.codepoint,
               v->r.offset);
  OUT_LIT(o, ",\"index\":");
  if (v->index)
    out_json_string(o, v->index, v->index_len);
  else
    OUT_LIT(o, "null");
  if (with_collisions) {
    OUT_LIT(o, ",\"collides_with\":");
    if (v->collides)
      out_json_string(o, v->collides, v->collides_len);
    else
      OUT_LIT(o, "null");
  }
  out_putc(o, '}');
}

/* ---------- registered names ---------- */

typedef struct reg_entry {
  size_t idx_off, idx_len, name_off, name_len;
} reg_entry;

struct idn_lgr_registry {
  char *text;
  size_t len, cap;
  reg_entry *e;
  size_t n, cap_e;
};

static int cmp_entry(const void *a, const void *b, void *reg) {
  const idn_lgr_registry *sort_reg = reg;
  const reg_entry *x = a, *y = b;
  size_t n = x->idx_len < y->idx_len ? x->idx_len : y->idx_len;
  int c = memcmp(sort_reg->text + x->idx_off, sort_reg->text + y->idx_off, n);
  if (c)
    return c;
  return x->idx_len < y->idx_len ? -1 : x->idx_len > y->idx_len;
}

static bool append(idn_lgr_registry *r, const char *s, size_t n, size_t *off) {
  if (r->len + n > r->cap) {
    size_t c = r->cap ? r->cap : 4096;
    while (c < r->len + n)
      c *= 2;
    char *t = realloc(r->text, c);
    if (t == NULL)
      return false;
    r->text = t;
    r->cap = c;
  }
  memcpy(r->text + r->len, s, n);
  *off = r->len;
  r->len += n;
  return true;
}

idn_lgr_registry *idn_lgr_registry_load(cli_run *run, const loc_lgr *lgr, const char *path,
                                        size_t *skipped) {
  FILE *f = fopen(path, "r");
  *skipped = 0;
  struct stat sb;
  if (f != NULL && fstat(fileno(f), &sb) == 0 && S_ISDIR(sb.st_mode)) {
    fclose(f);
    diag_fail(run, "%s: is a directory, not a list of names", path);
    return NULL;
  }
  if (f == NULL) {
    diag_fail(run, "%s: %s", path, strerror(errno));
    return NULL;
  }
  idn_lgr_registry *r = calloc(1, sizeof *r);
  loc_lgr_ctx *ctx = NULL;
  char *line = NULL;
  size_t lcap = 0;
  ssize_t n;
  bool ok = r && loc_lgr_ctx_new(lgr, &ctx) == LOC_OK;
  while (ok && (n = getline(&line, &lcap, f)) >= 0) {
    size_t len = (size_t)n;
    if (len && line[len - 1] == '\n')
      len--;
    if (len && line[len - 1] == '\r')
      len--;
    const char *idx;
    size_t idx_len;
    if (len == 0 || loc_lgr_index_label(ctx, line, len, &idx, &idx_len) != LOC_OK) {
      (*skipped)++;
      continue;
    }
    if (r->n == r->cap_e) {
      size_t c = r->cap_e ? r->cap_e * 2 : 256;
      reg_entry *e = realloc(r->e, c * sizeof *e);
      if (e == NULL) {
        ok = false;
        break;
      }
      r->e = e;
      r->cap_e = c;
    }
    reg_entry *e = &r->e[r->n];
    ok = append(r, idx, idx_len, &e->idx_off) && append(r, line, len, &e->name_off);
    e->idx_len = idx_len;
    e->name_len = len;
    r->n += ok;
  }
  bool read_error = ferror(f);
  fclose(f);
  free(line);
  loc_lgr_ctx_free(ctx);
  if (!ok || read_error) {
    diag_fail(run, "%s: %s", path, read_error ? "read error" : "out of memory");
    idn_lgr_registry_free(r);
    return NULL;
  }
  qsort_r(r->e, r->n, sizeof *r->e, cmp_entry, r);
  return r;
}

void idn_lgr_registry_find(const idn_lgr_registry *reg, idn_lgr_verdict *v) {
  v->collides = NULL;
  if (reg == NULL || v->index == NULL)
    return;
  size_t lo = 0, hi = reg->n;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    const reg_entry *e = &reg->e[mid];
    size_t n = e->idx_len < v->index_len ? e->idx_len : v->index_len;
    int c = memcmp(reg->text + e->idx_off, v->index, n);
    if (c == 0)
      c = e->idx_len < v->index_len ? -1 : e->idx_len > v->index_len;
    if (c < 0)
      lo = mid + 1;
    else if (c > 0)
      hi = mid;
    else {
      v->collides = reg->text + e->name_off;
      v->collides_len = e->name_len;
      return;
    }
  }
}

void idn_lgr_registry_free(idn_lgr_registry *reg) {
  if (reg == NULL)
    return;
  free(reg->text);
  free(reg->e);
  free(reg);
}

/* How a rule family records a finding (chk_add): the finding list and the
 * string arena of a check context. Kept apart from check.c, which runs the
 * families, so the families and their runner do not call each other. */
#include "internal.h"
#include "buf.h"

#include "check_internal.h"

#include <stdarg.h>
#include <stdio.h>

static size_t arena_put(loc_check_ctx *x, const char *s, size_t len, bool *ok) {
  if (loc__buf_reserve(&x->arena, len + 1) != LOC_OK) {
    *ok = false;
    return CHK_NONE;
  }
  size_t at = x->arena.len;
  if (len)
    memcpy(x->arena.data + at, s, len);
  x->arena.data[at + len] = '\0';
  x->arena.len += len + 1;
  return at;
}

loc_status chk_add(loc_check_ctx *x, chk_rule rule, loc_check_severity sev, size_t off,
                   size_t len, const char *fix, size_t fix_len, const char *sugg,
                   size_t sugg_len, const char *fmt, ...) {
  void *g = x->f;
  loc_status gst = loc__grow(&g, &x->fcap, x->nf + 1, sizeof *x->f, 16);
  x->f = g;
  if (gst != LOC_OK)
    return gst;
  char msg[256];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  if (n < 0)
    n = 0;
  if ((size_t)n >= sizeof msg)
    n = sizeof msg - 1;
  bool ok = true;
  chk_finding *f = &x->f[x->nf];
  f->off = off;
  f->len = len;
  f->rule = rule;
  f->sev = sev;
  f->msg = arena_put(x, msg, (size_t)n, &ok);
  f->fix = fix ? arena_put(x, fix, fix_len, &ok) : CHK_NONE;
  f->fix_len = fix ? fix_len : 0;
  f->sugg = sugg ? arena_put(x, sugg, sugg_len, &ok) : CHK_NONE;
  f->sugg_len = sugg ? sugg_len : 0;
  if (!ok)
    return LOC_E_NO_MEMORY;
  x->nf++;
  return LOC_OK;
}

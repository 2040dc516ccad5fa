/* The errors and warnings of an IDN context: code point names for the
 * messages, recording a finding, and putting the list in order. Every IDN
 * source reports through these; none of them calls back into idn.c. */
#include "idn_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <unicode/uchar.h>

const char *idn__cp_name(int32_t c, char *buf, size_t cap) {
  char name[128];
  UErrorCode e = U_ZERO_ERROR;
  int32_t n = u_charName(c, U_EXTENDED_CHAR_NAME, name, sizeof name, &e);
  if (U_FAILURE(e) || n <= 0 || n >= (int32_t)sizeof name)
    snprintf(name, sizeof name, "<unnamed>");
  snprintf(buf, cap, "U+%04X %s", (unsigned)c, name);
  return buf;
}

/* Errors and warnings share the message buffer and the format. */
static void add_finding(loc_idn_ctx *ctx, bool warning, const char *code, size_t label,
                        size_t offset, int32_t cp, const char *lookalike, const char *fmt,
                        va_list ap) {
  size_t *count = warning ? &ctx->nwarn : &ctx->nerr;
  if (*count == LOC_IDN_MAX_ERRORS) {
    if (!warning)
      ctx->truncated = true;
    return;
  }
  char line[512];
  int n = ctx->codes_only ? (line[0] = '\0', 0) : vsnprintf(line, sizeof line, fmt, ap);
  if (n < 0)
    n = 0;
  if ((size_t)n >= sizeof line)
    n = sizeof line - 1;
  size_t lk = lookalike ? strlen(lookalike) + 1 : 0;
  if (loc__buf_reserve(&ctx->msgs, (size_t)n + 1 + lk) != LOC_OK) {
    if (!warning)
      ctx->truncated = true; /* the verdict stands; only the message is lost */
    return;
  }
  (warning ? ctx->wmsg_at : ctx->msg_at)[*count] = ctx->msgs.len;
  memcpy(ctx->msgs.data + ctx->msgs.len, line, (size_t)n + 1);
  ctx->msgs.len += (size_t)n + 1;
  if (warning)
    ctx->wlk_at[*count] = lookalike ? ctx->msgs.len : SIZE_MAX;
  if (lookalike) {
    memcpy(ctx->msgs.data + ctx->msgs.len, lookalike, lk);
    ctx->msgs.len += lk;
  }
  (warning ? ctx->warnings : ctx->errors)[(*count)++] =
      (loc_idn_error){code, label, offset, cp, NULL, NULL};
}

void idn__error(loc_idn_ctx *ctx, const char *code, size_t label, size_t offset,
                int32_t cp, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  add_finding(ctx, false, code, label, offset, cp, NULL, fmt, ap);
  va_end(ap);
}

void idn__warning(loc_idn_ctx *ctx, const char *code, size_t label, size_t offset,
                  int32_t cp, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  add_finding(ctx, true, code, label, offset, cp, NULL, fmt, ap);
  va_end(ap);
}

void idn__warning_lookalike(loc_idn_ctx *ctx, const char *code, size_t label,
                            size_t offset, int32_t cp, const char *lookalike, const char *fmt,
                            ...) {
  va_list ap;
  va_start(ap, fmt);
  add_finding(ctx, true, code, label, offset, cp, lookalike, fmt, ap);
  va_end(ap);
}

static void sort_findings(loc_idn_error *f, size_t n) {
  /* Stable order by label, then offset (insertion sort: at most 64). */
  for (size_t i = 1; i < n; i++) {
    loc_idn_error e = f[i];
    size_t j = i;
    while (j > 0 && (f[j - 1].label > e.label ||
                     (f[j - 1].label == e.label && f[j - 1].offset > e.offset))) {
      f[j] = f[j - 1];
      j--;
    }
    f[j] = e;
  }
}

/* Messages live in one growing buffer: their pointers are set at the end
 * (again after each later addition). */
void idn__finish_errors(loc_idn_ctx *ctx) {
  if (ctx->nerr == 0 && ctx->nwarn == 0)
    return;
  for (size_t i = 0; i < ctx->nerr; i++)
    ctx->errors[i].message = ctx->msgs.data + ctx->msg_at[i];
  for (size_t i = 0; i < ctx->nwarn; i++) {
    ctx->warnings[i].message = ctx->msgs.data + ctx->wmsg_at[i];
    ctx->warnings[i].lookalike =
        ctx->wlk_at[i] == SIZE_MAX ? NULL : ctx->msgs.data + ctx->wlk_at[i];
  }
  sort_findings(ctx->errors, ctx->nerr);
  sort_findings(ctx->warnings, ctx->nwarn);
  /* Keep the offsets in the sorted order, for the next call of this. */
  for (size_t i = 0; i < ctx->nerr; i++)
    ctx->msg_at[i] = (size_t)(ctx->errors[i].message - ctx->msgs.data);
  for (size_t i = 0; i < ctx->nwarn; i++) {
    ctx->wmsg_at[i] = (size_t)(ctx->warnings[i].message - ctx->msgs.data);
    ctx->wlk_at[i] = ctx->warnings[i].lookalike
                         ? (size_t)(ctx->warnings[i].lookalike - ctx->msgs.data)
                         : SIZE_MAX;
  }
}

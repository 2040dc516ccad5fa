/* loc script --merge: partial `loc script --summary --json` outputs, one
 * object per line, added up into the summary of the whole input.
 *
 * Character counts are sums, so splitting a corpus at line ends, summarising
 * the parts anywhere and merging gives exactly the single-run summary; the
 * dominant script is computed again from the sums (it is not a sum). Only
 * the "scripts" and "total" members are read; "dominant", "expected" and
 * "agrees" are recomputed. */
#include "cli.h"


static const char *skip_ws(const char *p, const char *end) {
  while (p < end && (*p == ' ' || *p == '\t' || *p == '\r'))
    p++;
  return p;
}

/* A decimal count at p; NULL when there is none or it overflows. */
static const char *number(const char *p, const char *end, uint64_t *v) {
  const char *start = p;
  *v = 0;
  for (; p < end && *p >= '0' && *p <= '9'; p++) {
    if (*v > (UINT64_MAX - (uint64_t)(*p - '0')) / 10)
      return NULL;
    *v = *v * 10 + (uint64_t)(*p - '0');
  }
  return p > start ? p : NULL;
}

/* The value of member @key ("\"total\":") at the top level of a flat
 * object, or NULL. The summaries loc writes have no strings with quotes or
 * braces in them, so a search is enough. */
static const char *member(const char *s, const char *end, const char *key) {
  size_t k = strlen(key);
  for (const char *p = s; p + k <= end; p++) {
    p = memchr(p, key[0], (size_t)(end - p));
    if (p == NULL || p + k > end)
      return NULL;
    if (memcmp(p, key, k) == 0)
      return skip_ws(p + k, end);
  }
  return NULL;
}

/* Counts of one line, added to the total only when the whole line is good. */
typedef struct line_counts {
  size_t n;
  struct {
    int32_t script;
    uint64_t count;
  } c[512];
} line_counts;

/* Reads one summary line into @lc; returns NULL, or what is wrong with it
 * and *@at, the byte offset of the problem. */
static const char *parse_line(line_counts *lc, const char *s, size_t len, size_t *at) {
  const char *end = s + len, *p = member(s, end, "\"scripts\":");
  *at = 0;
  if (p == NULL || p == end || *p != '{')
    return "no \"scripts\" object: not a 'loc script --summary --json' line";
  uint64_t added = 0;
  p = skip_ws(p + 1, end);
  if (p < end && *p == '}')
    p++;
  else
    for (;;) {
      *at = (size_t)(p - s);
      if (end - p < 7 || p[0] != '"' || p[5] != '"')
        return "expected a four-letter script code in quotes";
      char code[5] = {p[1], p[2], p[3], p[4], 0};
      int32_t script;
      if (loc_script_parse(code, &script) != LOC_OK)
        return "unknown script code";
      p = skip_ws(p + 6, end);
      if (p == end || *p != ':')
        return "expected ':' after the script code";
      uint64_t n;
      p = number(skip_ws(p + 1, end), end, &n);
      if (p == NULL)
        return "expected a character count";
      if (script == LOC_SCRIPT_JAPANESE || script == LOC_SCRIPT_KOREAN)
        return "Jpan and Kore are never counted, only dominant";
      if (lc->n == sizeof lc->c / sizeof lc->c[0] || n > UINT64_MAX - added)
        return "too many counts";
      lc->c[lc->n].script = script;
      lc->c[lc->n++].count = n;
      added += n;
      p = skip_ws(p, end);
      if (p < end && *p == ',') {
        p = skip_ws(p + 1, end);
        continue;
      }
      if (p < end && *p == '}') {
        p++;
        break;
      }
      *at = (size_t)(p - s);
      return "expected ',' or '}' in \"scripts\"";
    }
  const char *t = member(p, end, "\"total\":");
  uint64_t total;
  if (t != NULL) {
    *at = (size_t)(t - s);
    if (number(t, end, &total) == NULL || total != added)
      return "\"total\" is not the sum of the \"scripts\" counts";
  }
  return NULL;
}

static bool merge_piece(cli_run *run, const char *file, const lr_piece *lp, void *user) {
  loc_script_summary *sum = user;
  if (!lp->first)
    return true; /* the rest of a line too long to be a summary: reported below */
  if (!lp->last) {
    diag_at(run, file, lp->line, 1, "line too long for a summary: skipped");
    return true;
  }
  const char *p = skip_ws(lp->data, lp->data + lp->len);
  if (p == lp->data + lp->len)
    return true; /* empty lines are allowed between summaries */
  size_t at;
  line_counts lc = {0};
  const char *why = parse_line(&lc, lp->data, lp->len, &at);
  for (size_t i = 0; why == NULL && i < lc.n; i++)
    if (loc_script_summary_add_count(sum, lc.c[i].script, lc.c[i].count) != LOC_OK)
      why = "the counts overflow";
  if (why != NULL) {
    if (loc_utf8_valid_prefix(lp->data, at) != at)
      at = 0;
    diag_at(run, file, lp->line, loc_utf8_count_chars(lp->data, at) + 1, "%s", why);
  }
  return true;
}

static void merge_input(cli_run *run, line_reader *r, void *user) {
  for_each_piece(run, r, merge_piece, user);
}

void script_merge_inputs(cli_run *run, int argc, char **argv, loc_script_summary *sum) {
  for_each_input(run, argc, argv, LR_DEFAULT_BLOCK, merge_input, sum);
}

/* Per-label LGR verdicts for `loc idn` subcommands: `loc idn lgr`,
 * `loc idn variants` and (later) `loc idn check --lgr` share these, so the
 * TSV columns and the JSON "lgr" object look the same everywhere. */
#ifndef LOC_CLI_IDN_LGR_H
#define LOC_CLI_IDN_LGR_H

#include "cli.h"

/* A string literal, its length counted by the compiler. */
#define OUT_LIT(o, lit) out_write((o), (lit), sizeof(lit) - 1)

typedef struct idn_lgr_verdict {
  loc_lgr_result r;      /* disposition, reason, code point */
  const char *index;     /* index label (UTF-8), NULL when not in the repertoire */
  size_t index_len;
  const char *collides;  /* registered name with the same index label, or NULL */
  size_t collides_len;
} idn_lgr_verdict;

/* Judges @label (one U-label) against @lgr; strings in @v stay valid until
 * the next call with @ctx. */
void idn_lgr_judge(const loc_lgr *lgr, loc_lgr_ctx *ctx, const char *label, size_t len,
                   idn_lgr_verdict *v);

/* The verdict as an "invalid" one decided before the LGR was asked (the
 * IDNA2008 checks rejected the label): @reason is copied into @v. */
void idn_lgr_rejected(idn_lgr_verdict *v, const char *reason);

/* TSV columns DISPOSITION<TAB>REASON<TAB>INDEX (no leading or trailing TAB;
 * INDEX empty when there is none). */
void idn_lgr_put_tsv(out_buf *o, const idn_lgr_verdict *v);

/* JSON member "lgr":{"disposition":...,"reason":...,"index":...|null} (with
 * "collides_with" when @with_collisions), no leading comma. */
void idn_lgr_put_json(out_buf *o, const idn_lgr_verdict *v, bool with_collisions);

/* A TSV field: backslash, control bytes and invalid UTF-8 escaped. */
void idn_lgr_put_field(out_buf *o, const char *s, size_t len);

/* The faults of the file tolerated at load (undefined rules, code points
 * listed twice), on stderr as "loc: FILE:LINE: warning: ...", at most 20
 * and then how many more (loc idn lgr --validate lists them all). */
void idn_lgr_print_warnings(const loc_lgr *lgr, const char *path);

/* Labels registered already (--against): index label -> name. */
typedef struct idn_lgr_registry idn_lgr_registry;

/* Reads @path (one name per line; names not in the repertoire are skipped
 * and counted in *skipped). NULL after printing a diagnostic. */
idn_lgr_registry *idn_lgr_registry_load(cli_run *run, const loc_lgr *lgr, const char *path,
                                        size_t *skipped);
/* Fills v->collides from the registry (no-op when v->index is NULL). */
void idn_lgr_registry_find(const idn_lgr_registry *reg, idn_lgr_verdict *v);
void idn_lgr_registry_free(idn_lgr_registry *reg);

/* loc idn lgr and loc idn variants, for their labels and loc serve's. */
/* Shared, read-only after set-up. */
typedef struct lgr_shared {
  const loc_lgr *lgr;
  const idn_lgr_registry *reg;
  bool variants;
  bool include_invalid;
  size_t max;
} lgr_shared;

/* Per-thread state. */
typedef struct lgr_job {
  const lgr_shared *sh;
  cli_run *run;
  loc_lgr_ctx *ctx;
  out_buf *out;
} lgr_job;

/* Judges one label and writes its line (TSV or JSON per j->run->json);
 * with sh->variants also its variants. @file and @line are for messages. */
void idn_lgr_one_label(lgr_job *j, const char *file, uint64_t line, const char *s, size_t len);

/* check --lgr: the verdict on the first label of @out (the name's
 * check output; an A-label is decoded with @label_ctx), with the
 * registry's collision when @reg; "invalid" when !@ok. */
void idn_lgr_first_label(const loc_lgr *lgr, loc_lgr_ctx *lgr_ctx, loc_idn_ctx *label_ctx,
                         const idn_lgr_registry *reg, bool ok, const char *out, size_t out_len,
                         idn_lgr_verdict *v);

/* The object of `loc idn to-ascii|to-unicode|check --json` for one name
 * (newline included): the record's "columns" first when @rec; with @check
 * the warnings and levels, and "lgr" when @v (with "collides_with" when
 * @with_collisions). */
void json_idn_result(out_buf *o, const idn_record *rec, const char *in, size_t len,
                     const char *out, size_t out_len, const loc_idn_ctx *ctx, bool check,
                     const idn_lgr_verdict *v, bool with_collisions);

/* loc idn confusables: the differences of match @i into *@diffs (grown,
 * *@cap elements); their count, or (size_t)-1 with *@st set. */
size_t confusable_diffs(loc_confusable_ctx *ctx, size_t i, loc_confusable_diff **diffs,
                        size_t *cap, loc_status *st);
/* Its JSON object for a name looked up with @ctx (@count matches; newline
 * included); the first failure to list differences goes to *@diff_st. */
void json_confusable_result(out_buf *o, const idn_record *rec, const char *s, size_t len,
                            loc_confusable_ctx *ctx, size_t count, loc_confusable_diff **diffs,
                            size_t *cap, loc_status *diff_st);
/* The registered names of @files (one per line) in a finished index; NULL
 * after reporting why. */
loc_confusable_index *confusables_load(cli_run *run, int n, char **files);

#endif

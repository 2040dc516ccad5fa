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

#endif

/* The per-line frame of the parallel core's jobs (par_job.frame): the
 * bookkeeping every line-oriented command did around its pieces, done once:
 * the line's position for diagnostics, the UTF-8 policy of --invalid, the
 * calls that open and close a line, and the end of a line a read error left
 * open. Also run_job(), a command's whole run on the core. */
#include "cli.h"

bool frame_piece(cli_run *run, const char *file, const lr_piece *p, void *state) {
  cli_state *s = state;
  const par_job *job = s->job;
  if (p->first) {
    s->pos.line = p->line;
    s->pos.chars = 0;
    s->line_open = true;
    s->line_bytes = 0;
    if (job->json_open != NULL)
      state_line_begin(s, file, p->line, job->json_open);
    if (job->line_begin != NULL)
      job->line_begin(state, file, p->line);
  }
  lr_piece q = *p;
  bool go = true;
  if ((job->utf8 & CLI_UTF8_REPAIR) && run->invalid == INVALID_REPLACE) {
    q.data = utf8_repaired(&s->rbuf, &s->rcap, p->data, p->len, &q.len);
    if (q.data == NULL) {
      diag_fail(run, "%s: out of memory", file);
      go = false;
    }
  } else if ((job->utf8 & CLI_UTF8_REPORT) && run->invalid == INVALID_REPORT &&
             loc_utf8_valid_prefix(p->data, p->len) != p->len) {
    report_invalid_utf8(run, file, &s->pos, p->offset, p->data, p->len);
  }
  if (go)
    go = job->piece(run, file, &q, state);
  if (p->last) {
    s->line_open = false;
    if (job->line_end != NULL)
      job->line_end(state, file);
    if (job->json_open != NULL)
      state_line_end(s, job->json_close);
  } else {
    s->pos.chars += loc_utf8_count_chars(p->data, p->len);
    s->line_bytes += p->len;
  }
  out_buf *o = job->out != NULL ? job->out(state) : &s->out;
  return go && !o->error;
}

void frame_close(cli_run *run, const char *file, void *state) {
  cli_state *s = state;
  if (!s->line_open)
    return;
  lr_piece end = {.data = "", .line = s->pos.line, .offset = s->line_bytes, .last = true};
  frame_piece(run, file, &end, state);
}

int run_job(cli_run *run, int argc, char **argv, const par_job *job) {
  cli_state *m = job->main;
  out_init(&m->out, 1);
  run_lines(run, argc, argv, LR_DEFAULT_BLOCK, job);
  if (job->finish != NULL)
    job->finish(job->main);
  int status = cli_close(run, &m->out);
  if (job->state_fini != NULL)
    job->state_fini(job->main);
  return status;
}

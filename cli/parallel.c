/* -j/--jobs N: line-oriented commands on N threads, output in input order.
 *
 * The calling thread is reader, dispatcher and writer. It copies runs of
 * whole lines from the reader's chunks into batches (BATCH_BYTES each, cut
 * at '\n') and queues them for the worker threads; each worker processes a
 * batch with its own command state into the batch's own stdout and stderr
 * buffers (diag_capture) and its own copy of the run flags. The batches,
 * numbered as they were read, are written strictly in that order, so both
 * streams come out byte for byte as with --jobs 1.
 *
 * What cannot be cut at a line end stays in order on the command's main
 * state in the calling thread: the pieces of a line longer than the read
 * block (with the rest of the chunks they arrive in), end_input(), and the
 * reader's own messages (a file that cannot be opened, a read error); each
 * becomes a batch that is already done when it is queued for writing.
 *
 * Memory: SLOTS_PER_JOB * N batches exist at once, each with its input
 * (<= BATCH_BYTES + one line < block) and what the command made of it.
 * Reading waits for the oldest batch to be written before it reuses its
 * slot, so a slow consumer slows the reading, never grows the memory. */
#include "cli.h"
#include "progress.h"

#include <errno.h>
#include <pthread.h>
#include <unistd.h>

#define BATCH_BYTES ((size_t)256 << 10)
#define SLOTS_PER_JOB 4

enum { SLOT_FILLING, SLOT_QUEUED, SLOT_DONE };

typedef struct slot {
  int state;             /* guarded by pool.mu once queued */
  int file;              /* index of its input */
  const char *name;
  uint64_t line;         /* the first line of in[] */
  char *in;
  size_t in_len, in_cap;
  cli_run run;           /* worker batches: flags at dispatch, then after */
  out_buf out, err;
  bool stop;             /* the command asked to read no more of this input */
  bool keep;             /* end_input output: written even after a stop */
} slot;

typedef struct pool pool;

typedef struct worker {
  pool *p;
  pthread_t thread;
  void *state;
  cli_run run;           /* the worker state's run: reset per batch */
} worker;

struct pool {
  const par_job *job;
  cli_run *run;
  int nworkers;
  worker *workers;
  slot *slots;
  int nslots;
  /* the calling thread's alone */
  uint64_t seq_next, seq_written;
  slot *cur;             /* batch being filled, not yet queued */
  int skip_file;         /* an input the command stopped: its later output is dropped */
  out_buf note;          /* the reader's messages, until placed in order */
  /* shared, under mu */
  pthread_mutex_t mu;
  pthread_cond_t work_cv, done_cv;
  slot **queue;
  int qhead, qlen;
  bool quit;
};

static bool call(const par_job *job, cli_run *run, const char *name, const lr_chunk *c,
                 void *state) {
  if (job->chunk != NULL)
    return job->chunk(run, name, c, state);
  return pieces_of_chunk(run, name, c, job->piece, state);
}

/* The command's work on chunk @c with @state, its output and diagnostics
 * going to @s's buffers. */
static bool process(const par_job *job, cli_run *run, void *state, slot *s, const lr_chunk *c) {
  out_buf *o = job->out(state);
  out_buf saved = *o;
  *o = s->out;
  diag_capture(&s->err);
  bool go = call(job, run, s->name, c, state);
  diag_capture(NULL);
  s->out = *o;
  *o = saved;
  return go;
}

static void *work(void *arg) {
  worker *w = arg;
  pool *p = w->p;
  pthread_mutex_lock(&p->mu);
  for (;;) {
    while (p->qlen == 0 && !p->quit)
      pthread_cond_wait(&p->work_cv, &p->mu);
    if (p->qlen == 0)
      break;
    slot *s = p->queue[p->qhead];
    p->qhead = (p->qhead + 1) % p->nslots;
    p->qlen--;
    pthread_mutex_unlock(&p->mu);

    w->run = s->run;
    lr_chunk c = {.data = s->in, .len = s->in_len, .line = s->line};
    s->stop = !process(p->job, &w->run, w->state, s, &c);
    s->run.findings = w->run.findings;
    s->run.failed = w->run.failed;

    pthread_mutex_lock(&p->mu);
    s->state = SLOT_DONE;
    pthread_cond_signal(&p->done_cv);
  }
  pthread_mutex_unlock(&p->mu);
  return NULL;
}

static void write_all(int fd, const char *b, size_t n, bool *error) {
  while (n > 0 && !*error) {
    ssize_t w = write(fd, b, n);
    if (w < 0) {
      if (errno == EINTR)
        continue;
      *error = true;
      return;
    }
    b += w;
    n -= (size_t)w;
  }
}

/* Writes the oldest batch when it is done (or, with @wait, once it is).
 * Returns false when it is not done yet. */
static bool write_oldest(pool *p, bool wait) {
  slot *s = &p->slots[p->seq_written % (uint64_t)p->nslots];
  pthread_mutex_lock(&p->mu);
  while (s->state != SLOT_DONE && wait)
    pthread_cond_wait(&p->done_cv, &p->mu);
  bool done = s->state == SLOT_DONE;
  pthread_mutex_unlock(&p->mu);
  if (!done)
    return false;
  p->seq_written++;
  if (s->file == p->skip_file && !s->keep)
    return true; /* read after the command stopped this input: dropped */
  out_buf *main_out = p->job->out(p->job->main);
  if (s->out.error || s->err.error) {
    diag_fail(p->run, "%s: out of memory", s->name);
    return true;
  }
  write_all(STDOUT_FILENO, s->out.buf, s->out.len, &main_out->error);
  if (s->err.len) {
    progress_clear();
    bool ignored = false;
    write_all(STDERR_FILENO, s->err.buf, s->err.len, &ignored);
  }
  p->run->findings |= s->run.findings;
  p->run->failed |= s->run.failed;
  if (s->stop)
    p->skip_file = s->file;
  return true;
}

/* A slot for the next batch in order; writes finished ones to make room. */
static slot *acquire(pool *p, int file, const char *name) {
  while (p->seq_written < p->seq_next && write_oldest(p, false))
    ;
  while (p->seq_next - p->seq_written >= (uint64_t)p->nslots)
    write_oldest(p, true);
  slot *s = &p->slots[p->seq_next++ % (uint64_t)p->nslots];
  s->state = SLOT_FILLING;
  s->file = file;
  s->name = name;
  s->in_len = 0;
  s->out.len = 0;
  s->err.len = 0;
  s->stop = s->keep = false;
  /* Flags only this batch raises are merged; failed stays as it was, since
   * a command may stop on it as it would have with --jobs 1. */
  s->run = *p->run;
  s->run.findings = false;
  return s;
}

static void dispatch(pool *p) {
  slot *s = p->cur;
  if (s == NULL)
    return;
  p->cur = NULL;
  pthread_mutex_lock(&p->mu);
  s->state = SLOT_QUEUED;
  p->queue[(p->qhead + p->qlen) % p->nslots] = s;
  p->qlen++;
  pthread_cond_signal(&p->work_cv);
  pthread_mutex_unlock(&p->mu);
}

/* A batch the calling thread completes itself, in order. */
static void finish_here(pool *p, slot *s) {
  s->run.findings = s->run.failed = false; /* already on p->run */
  pthread_mutex_lock(&p->mu);
  s->state = SLOT_DONE;
  pthread_mutex_unlock(&p->mu);
}

/* Work that must see the lines before it: on the main state, in order. */
static void serial(pool *p, int file, const char *name, const lr_chunk *c) {
  dispatch(p);
  slot *s = acquire(p, file, name);
  s->stop = !process(p->job, p->run, p->job->main, s, c);
  finish_here(p, s);
}

/* Places what the reader said (p->note) in order. */
static void place_note(pool *p, int file, const char *name) {
  diag_capture(NULL);
  if (p->note.len == 0)
    return;
  dispatch(p);
  slot *s = acquire(p, file, name);
  out_buf t = s->err;
  s->err = p->note;
  p->note = t;
  p->note.len = 0;
  s->keep = true;
  finish_here(p, s);
}

/* Whole lines d[0..len), the first being line @line: into batches. */
static void add_lines(pool *p, int file, const char *name, const char *d, size_t len,
                      uint64_t line) {
  while (len > 0) {
    if (p->cur == NULL) {
      p->cur = acquire(p, file, name);
      p->cur->line = line;
    }
    slot *s = p->cur;
    size_t room = BATCH_BYTES > s->in_len ? BATCH_BYTES - s->in_len : 1;
    size_t take = len;
    if (room < len) {
      const char *nl = memchr(d + room - 1, '\n', len - (room - 1));
      take = nl ? (size_t)(nl - d) + 1 : len;
    }
    if (s->in_len + take > s->in_cap) {
      size_t cap = s->in_len + take > BATCH_BYTES ? s->in_len + take : BATCH_BYTES;
      char *g = realloc(s->in, cap);
      if (g == NULL) {
        diag_fail(p->run, "%s: out of memory", name);
        return;
      }
      s->in = g;
      s->in_cap = cap;
    }
    memcpy(s->in + s->in_len, d, take);
    s->in_len += take;
    for (const char *q = d; (q = memchr(q, '\n', (size_t)(d + take - q))) != NULL; q++)
      line++;
    d += take;
    len -= take;
    if (s->in_len >= BATCH_BYTES)
      dispatch(p);
  }
}

/* One chunk: the parts that belong to long lines go to serial(), the whole
 * lines between them to the workers. */
static void split_chunk(pool *p, int file, const char *name, const lr_chunk *c) {
  const char *d = c->data, *end = c->data + c->len;
  uint64_t line = c->line;
  if (c->line_offset > 0) { /* the rest of a long line */
    const char *nl = memchr(d, '\n', c->len);
    lr_chunk head = *c;
    head.len = nl ? (size_t)(nl + 1 - d) : c->len;
    head.open_end = nl ? false : c->open_end;
    serial(p, file, name, &head);
    if (nl == NULL)
      return;
    d = nl + 1;
    line++;
  }
  const char *tail = end;
  if (c->open_end) { /* a long line starts after the last '\n' */
    const char *nl = d < end ? memrchr(d, '\n', (size_t)(end - d)) : NULL;
    tail = nl ? nl + 1 : d;
  }
  uint64_t tail_line = line;
  if (tail > d) {
    for (const char *q = d; (q = memchr(q, '\n', (size_t)(tail - q))) != NULL; q++)
      tail_line++;
    add_lines(p, file, name, d, (size_t)(tail - d), line);
  }
  if (tail < end) {
    lr_chunk t = {.data = tail, .len = (size_t)(end - tail), .line = tail_line,
                  .line_offset = 0, .open_end = true};
    serial(p, file, name, &t);
  }
}

/* The end of an input, on the main state: written even after a stop. */
static void end_of_input(pool *p, int file, const char *name) {
  if (p->job->end_input == NULL)
    return;
  dispatch(p);
  slot *s = acquire(p, file, name);
  out_buf *o = p->job->out(p->job->main);
  out_buf saved = *o;
  *o = s->out;
  diag_capture(&s->err);
  p->job->end_input(p->run, name, p->job->main);
  diag_capture(NULL);
  s->out = *o;
  *o = saved;
  s->keep = true;
  finish_here(p, s);
}

static void read_all(pool *p, int argc, char **argv, size_t block) {
  uint64_t lines_before = 0;
  int n = argc > 0 ? argc : 1;
  for (int i = 0; i < n; i++) {
    line_reader r;
    const char *path = argc > 0 ? argv[i] : NULL;
    const char *name = path == NULL || strcmp(path, "-") == 0 ? "<stdin>" : path;
    diag_capture(&p->note);
    bool opened = lr_open(&r, p->run, path, block);
    place_note(p, i, name);
    if (!opened)
      continue;
    lr_chunk c;
    for (;;) {
      diag_capture(&p->note);
      int got = lr_next(&r, p->run, &c);
      place_note(p, i, name);
      if (got != 1 || p->skip_file == i)
        break;
      progress_update(c.len, lines_before + r.line - 1);
      split_chunk(p, i, r.name, &c);
    }
    dispatch(p);
    end_of_input(p, i, r.name);
    lines_before += r.line - 1;
    lr_close(&r);
  }
  while (p->seq_written < p->seq_next)
    write_oldest(p, true);
}

static void run_sequential(cli_run *run, int argc, char **argv, size_t block,
                           const par_job *job) {
  uint64_t lines_before = 0;
  int n = argc > 0 ? argc : 1;
  for (int i = 0; i < n; i++) {
    line_reader r;
    if (!lr_open(&r, run, argc > 0 ? argv[i] : NULL, block))
      continue;
    lr_chunk c;
    while (lr_next(&r, run, &c) == 1) {
      progress_update(c.len, lines_before + r.line - 1);
      if (!call(job, run, r.name, &c, job->main))
        break;
    }
    if (job->end_input != NULL)
      job->end_input(run, r.name, job->main);
    lines_before += r.line - 1;
    lr_close(&r);
  }
}

static bool pool_start(pool *p) {
  const par_job *job = p->job;
  p->nslots = SLOTS_PER_JOB * p->nworkers;
  p->slots = calloc((size_t)p->nslots, sizeof *p->slots);
  p->queue = calloc((size_t)p->nslots, sizeof *p->queue);
  p->workers = calloc((size_t)p->nworkers, sizeof *p->workers);
  if (p->slots == NULL || p->queue == NULL || p->workers == NULL)
    return false;
  for (int i = 0; i < p->nslots; i++) {
    out_init_mem(&p->slots[i].out);
    out_init_mem(&p->slots[i].err);
  }
  out_init_mem(&p->note);
  /* States are made here, before any thread runs, so that lazy
   * initialisation in the libraries happens once. */
  int made = 0;
  for (; made < p->nworkers; made++) {
    worker *w = &p->workers[made];
    w->p = p;
    w->run = *p->run;
    w->state = job->state_new(job->main, &w->run);
    if (w->state == NULL)
      break;
  }
  p->nworkers = made;
  if (made == 0)
    return false;
  pthread_mutex_init(&p->mu, NULL);
  pthread_cond_init(&p->work_cv, NULL);
  pthread_cond_init(&p->done_cv, NULL);
  for (int i = 0; i < p->nworkers; i++) {
    if (pthread_create(&p->workers[i].thread, NULL, work, &p->workers[i]) != 0) {
      /* Fewer threads still work; the states without one are freed below. */
      for (int k = i; k < p->nworkers; k++)
        job->state_free(p->workers[k].state);
      p->nworkers = i;
      break;
    }
  }
  return p->nworkers > 0;
}

static void pool_stop(pool *p) {
  const par_job *job = p->job;
  if (p->workers != NULL && p->nworkers > 0) {
    pthread_mutex_lock(&p->mu);
    p->quit = true;
    pthread_cond_broadcast(&p->work_cv);
    pthread_mutex_unlock(&p->mu);
    for (int i = 0; i < p->nworkers; i++)
      pthread_join(p->workers[i].thread, NULL);
    for (int i = 0; i < p->nworkers; i++) {
      if (job->merge != NULL)
        job->merge(job->main, p->workers[i].state);
      job->state_free(p->workers[i].state);
    }
    pthread_cond_destroy(&p->work_cv);
    pthread_cond_destroy(&p->done_cv);
    pthread_mutex_destroy(&p->mu);
  }
  for (int i = 0; p->slots != NULL && i < p->nslots; i++) {
    free(p->slots[i].in);
    out_free(&p->slots[i].out);
    out_free(&p->slots[i].err);
  }
  out_free(&p->note);
  free(p->slots);
  free(p->queue);
  free(p->workers);
}

void run_lines(cli_run *run, int argc, char **argv, size_t block, const par_job *job) {
  progress_start(run, argc, argv);
  pool p = {.job = job, .run = run, .nworkers = run->jobs, .skip_file = -1};
  bool threaded = run->jobs > 1 && job->state_new != NULL && job->state_free != NULL;
  if (threaded) {
    out_flush(job->out(job->main));
    threaded = pool_start(&p);
    if (!threaded)
      pool_stop(&p);
  }
  if (threaded) {
    read_all(&p, argc, argv, block);
    pool_stop(&p);
  } else {
    run_sequential(run, argc, argv, block, job);
  }
  progress_end();
}

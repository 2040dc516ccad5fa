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
 * slot, so a slow consumer slows the reading, never grows the memory.
 *
 * With par_job.isolate each worker thread hands its batches to a worker
 * process of its own (forked before any thread exists, so it holds no lock
 * another thread owned) over a socket pair: the batch's first line number,
 * file name, run flags and bytes go there; its output, diagnostics and
 * flags come back. The process does exactly what the thread would have. */
#include "cli.h"
#include "progress.h"

#include <assert.h>
#include <errno.h>
#include <pthread.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#define BATCH_BYTES ((size_t)256 << 10)
#define SLOTS_PER_JOB 4

enum { SLOT_FILLING, SLOT_QUEUED, SLOT_DONE };

/* Slots and workers are written by different threads: each on cache lines
 * of its own. */
typedef struct slot {
  _Alignas(64) int state;             /* guarded by pool.mu once queued */
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
  _Alignas(64) pool *p;
  pthread_t thread;
  void *state;
  cli_run run;           /* the worker state's run: reset per batch */
  int sock;              /* isolate: the socket to its process, else -1 */
  pid_t pid;
  bool lost;             /* its process is gone */
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

/* The out_buf a state writes to. */
static out_buf *job_out(const par_job *job, void *state) {
  return job->out != NULL ? job->out(state) : &((cli_state *)state)->out;
}

/* A worker's state (see par_job), NULL when it cannot be made. */
static void *state_new(const par_job *job, cli_run *run) {
  cli_state *s = par_zalloc(1, job->state_size);
  if (s == NULL)
    return NULL;
  s->run = run;
  s->job = job;
  if (job->shared_end > sizeof(cli_state))
    memcpy((char *)s + sizeof(cli_state), (const char *)job->main + sizeof(cli_state),
           job->shared_end - sizeof(cli_state));
  if (!job->state_init(s)) {
    if (job->state_fini != NULL)
      job->state_fini(s);
    free(s);
    return NULL;
  }
  return s;
}

static void state_free(const par_job *job, void *state) {
  if (job->state_fini != NULL)
    job->state_fini(state);
  free(((cli_state *)state)->rbuf);
  free(state);
}

static bool call(const par_job *job, cli_run *run, const char *name, const lr_chunk *c,
                 void *state) {
  if (job->chunk != NULL)
    return job->chunk(run, name, c, state);
  return pieces_of_chunk(run, name, c, job->frame ? frame_piece : job->piece, state);
}

/* After each input, on the main state: the frame's open line, end_input. */
static void input_end(const par_job *job, cli_run *run, const char *name) {
  if (job->frame)
    frame_close(run, name, job->main);
  if (job->end_input != NULL)
    job->end_input(run, name, job->main);
}

/* The command's work on chunk @c with @state, its output and diagnostics
 * going to @s's buffers. */
static bool process(const par_job *job, cli_run *run, void *state, slot *s, const lr_chunk *c) {
  out_buf *o = job_out(job, state);
  out_buf saved = *o;
  *o = s->out;
  diag_capture(&s->err);
  bool go = call(job, run, s->name, c, state);
  diag_capture(NULL);
  s->out = *o;
  *o = saved;
  return go;
}

/* ---------- worker processes ---------- */

typedef struct req_hdr {
  uint64_t line, in_len;
  uint32_t name_len;
  uint8_t failed;
} req_hdr;

typedef struct rep_hdr {
  uint64_t out_len, err_len;
  uint8_t stop, findings, failed, no_memory;
} rep_hdr;

static bool send_all(int fd, const void *b, size_t n) {
  const char *q = b;
  while (n > 0) {
    ssize_t w = send(fd, q, n, MSG_NOSIGNAL);
    if (w < 0) {
      if (errno == EINTR)
        continue;
      return false;
    }
    q += w;
    n -= (size_t)w;
  }
  return true;
}

/* 1: all @n bytes; 0: the stream ended before the first; -1: error or cut. */
static int recv_all(int fd, void *b, size_t n) {
  char *q = b;
  size_t got = 0;
  while (got < n) {
    ssize_t r = read(fd, q + got, n - got);
    if (r < 0) {
      if (errno == EINTR)
        continue;
      return -1;
    }
    if (r == 0)
      return got == 0 ? 0 : -1;
    got += (size_t)r;
  }
  return 1;
}

static bool reserve(char **buf, size_t *cap, size_t need) {
  if (need <= *cap)
    return true;
  char *g = realloc(*buf, need);
  if (g == NULL)
    return false;
  *buf = g;
  *cap = need;
  return true;
}

/* Appends @n bytes from the socket to @o. */
static bool recv_into(int fd, out_buf *o, size_t n) {
  if (n > o->cap - o->len && !reserve(&o->buf, &o->cap, o->len + n))
    return false;
  if (recv_all(fd, o->buf + o->len, n) != 1)
    return false;
  o->len += n;
  return true;
}

/* The worker thread's side: batch @s done by its process. */
static void remote(worker *w, slot *s) {
  if (!w->lost) {
    size_t name_len = strlen(s->name);
    req_hdr h = {.line = s->line, .in_len = s->in_len, .name_len = (uint32_t)name_len,
                 .failed = s->run.failed};
    rep_hdr r;
    if (send_all(w->sock, &h, sizeof h) && send_all(w->sock, s->name, name_len) &&
        send_all(w->sock, s->in, s->in_len) && recv_all(w->sock, &r, sizeof r) == 1 &&
        recv_into(w->sock, &s->out, r.out_len) && recv_into(w->sock, &s->err, r.err_len)) {
      s->stop = r.stop;
      s->run.findings = r.findings;
      s->run.failed = r.failed;
      s->out.error |= r.no_memory;
      return;
    }
    w->lost = true;
  }
  /* Said once per batch, in order with the rest: nothing is lost silently. */
  s->out.len = 0;
  s->err.len = 0;
  out_printf(&s->err, "loc: %s: a worker process ended; lines from %llu on were not processed\n",
             s->name, (unsigned long long)s->line);
  s->run.failed = true;
  s->stop = true;
}

/* The process's side: batches until the socket closes. */
static void serve(pool *p, worker *w, int fd) {
  slot s = {.name = NULL};
  out_init_mem(&s.out);
  out_init_mem(&s.err);
  char *name = NULL;
  size_t name_cap = 0;
  cli_run base = w->run;
  req_hdr h;
  while (recv_all(fd, &h, sizeof h) == 1) {
    if (!reserve(&name, &name_cap, (size_t)h.name_len + 1) ||
        !reserve(&s.in, &s.in_cap, h.in_len > 0 ? h.in_len : 1) ||
        recv_all(fd, name, h.name_len) != 1 || recv_all(fd, s.in, h.in_len) != 1)
      break;
    name[h.name_len] = '\0';
    s.name = name;
    s.in_len = h.in_len;
    s.out.len = s.err.len = 0;
    s.out.error = s.err.error = false;
    w->run = base;
    w->run.failed = h.failed;
    w->run.findings = false;
    lr_chunk c = {.data = s.in, .len = s.in_len, .line = h.line};
    bool stop = !process(p->job, &w->run, w->state, &s, &c);
    bool no_memory = s.out.error || s.err.error;
    rep_hdr r = {.out_len = no_memory ? 0 : s.out.len, .err_len = no_memory ? 0 : s.err.len,
                 .stop = stop, .findings = w->run.findings, .failed = w->run.failed,
                 .no_memory = no_memory};
    if (!send_all(fd, &r, sizeof r) || !send_all(fd, s.out.buf, r.out_len) ||
        !send_all(fd, s.err.buf, r.err_len))
      break;
  }
}

/* Forks worker @i's process; on failure the worker stays a thread. */
static void spawn(pool *p, int i) {
  worker *w = &p->workers[i];
  int sv[2];
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
    return;
  pid_t pid = fork();
  if (pid < 0) {
    close(sv[0]);
    close(sv[1]);
    return;
  }
  if (pid == 0) {
    /* Only its own socket: the others' must close when the parent's do. */
    for (int k = 0; k < i; k++)
      if (p->workers[k].sock >= 0)
        close(p->workers[k].sock);
    close(sv[0]);
    serve(p, w, sv[1]);
    _exit(0); /* no atexit handlers, no stdio flush: those are the parent's */
  }
  close(sv[1]);
  w->sock = sv[0];
  w->pid = pid;
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

    if (w->sock >= 0) {
      remote(w, s);
    } else {
      w->run = s->run;
      lr_chunk c = {.data = s->in, .len = s->in_len, .line = s->line};
      s->stop = !process(p->job, &w->run, w->state, s, &c);
      s->run.findings = w->run.findings;
      s->run.failed = w->run.failed;
    }

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
  out_buf *main_out = job_out(p->job, p->job->main);
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
  if (p->job->end_input == NULL && !p->job->frame)
    return;
  dispatch(p);
  slot *s = acquire(p, file, name);
  out_buf *o = job_out(p->job, p->job->main);
  out_buf saved = *o;
  *o = s->out;
  diag_capture(&s->err);
  input_end(p->job, p->run, name);
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
    input_end(job, run, r.name);
    lines_before += r.line - 1;
    lr_close(&r);
  }
}

void *par_zalloc(size_t n, size_t size) {
  if (n == 0 || size > (SIZE_MAX - 63) / n)
    return NULL;
  size_t bytes = (n * size + 63) / 64 * 64; /* aligned_alloc wants a multiple */
  void *m = aligned_alloc(64, bytes);
  if (m != NULL)
    memset(m, 0, bytes);
  return m;
}

static bool pool_start(pool *p) {
  const par_job *job = p->job;
  p->nslots = SLOTS_PER_JOB * p->nworkers;
  p->slots = par_zalloc((size_t)p->nslots, sizeof *p->slots);
  p->queue = calloc((size_t)p->nslots, sizeof *p->queue);
  p->workers = par_zalloc((size_t)p->nworkers, sizeof *p->workers);
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
    w->sock = -1;
    w->run = *p->run;
    w->state = state_new(job, &w->run);
    if (w->state == NULL)
      break;
  }
  p->nworkers = made;
  if (made == 0)
    return false;
  if (job->isolate && job->merge == NULL)
    for (int i = 0; i < p->nworkers; i++)
      spawn(p, i);
  pthread_mutex_init(&p->mu, NULL);
  pthread_cond_init(&p->work_cv, NULL);
  pthread_cond_init(&p->done_cv, NULL);
  for (int i = 0; i < p->nworkers; i++) {
    if (pthread_create(&p->workers[i].thread, NULL, work, &p->workers[i]) != 0) {
      /* Fewer threads still work; the states without one are freed below. */
      for (int k = i; k < p->nworkers; k++) {
        worker *w = &p->workers[k];
        if (w->sock >= 0) {
          close(w->sock);
          while (waitpid(w->pid, NULL, 0) < 0 && errno == EINTR)
            ;
        }
        state_free(job, w->state);
      }
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
      worker *w = &p->workers[i];
      if (w->sock < 0)
        continue;
      close(w->sock); /* its process sees the end and exits */
      while (waitpid(w->pid, NULL, 0) < 0 && errno == EINTR)
        ;
    }
    for (int i = 0; i < p->nworkers; i++) {
      if (job->merge != NULL)
        job->merge(job->main, p->workers[i].state);
      state_free(job, p->workers[i].state);
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
  /* A command on this core takes --jobs and --progress: it must say so. */
  assert(run->parallel);
  cli_state *m = job->main;
  m->job = job;
  run->name_files = argc > 1;
  progress_start(run, argc, argv);
  pool p = {.job = job, .run = run, .nworkers = run->jobs, .skip_file = -1};
  bool threaded = run->jobs > 1 && job->state_init != NULL;
  if (threaded) {
    out_flush(job_out(job, job->main));
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
  free(m->rbuf);
  m->rbuf = NULL;
  m->rcap = 0;
}

/* Chunked line reader: big reads, chunks cut at line ends, long lines in
 * pieces cut at character boundaries, so memory is bounded by the block. */
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static bool lr_setup(line_reader *r, cli_run *run, size_t block);

bool lr_open(line_reader *r, cli_run *run, const char *path, size_t block) {
  memset(r, 0, sizeof *r);
  if (path == NULL || strcmp(path, "-") == 0) {
    r->fd = STDIN_FILENO;
    r->name = "<stdin>";
  } else {
    r->fd = open(path, O_RDONLY | O_CLOEXEC);
    r->name = path;
    if (r->fd < 0) {
      diag_fail(run, "%s: %s", path, strerror(errno));
      return false;
    }
  }
  return lr_setup(r, run, block);
}

bool lr_open_fd(line_reader *r, cli_run *run, int fd, const char *name, size_t block) {
  memset(r, 0, sizeof *r);
  r->fd = fd;
  r->name = name;
  return lr_setup(r, run, block);
}

static bool lr_setup(line_reader *r, cli_run *run, size_t block) {
  r->cap = block < 64 ? 64 : block;
  r->buf = malloc(r->cap);
  if (r->buf == NULL) {
    diag_fail(run, "%s: out of memory", r->name);
    lr_close(r);
    return false;
  }
  r->line = 1;
  return true;
}

void lr_close(line_reader *r) {
  if (r->fd > STDIN_FILENO)
    close(r->fd);
  r->fd = -1;
  free(r->buf);
  r->buf = NULL;
}

/* Fills the buffer until it is full or the input ends. */
static int fill(line_reader *r, cli_run *run) {
  if (r->start > 0) {
    memmove(r->buf, r->buf + r->start, r->end - r->start);
    r->end -= r->start;
    r->start = 0;
  }
  while (!r->eof && r->end < r->cap) {
    ssize_t n = read(r->fd, r->buf + r->end, r->cap - r->end);
    if (n < 0) {
      if (errno == EINTR)
        continue;
      diag_fail(run, "%s: %s", r->name, strerror(errno));
      return -1;
    }
    if (n == 0)
      r->eof = true;
    r->end += (size_t)n;
    /* A pipe or terminal returns what it has: hand out complete lines now
     * rather than wait for a full block (files fill the block in one read). */
    if (n > 0 && memchr(r->buf + r->end - n, '\n', (size_t)n) != NULL)
      break;
  }
  return 0;
}

static uint64_t count_newlines(const char *p, size_t n) {
  uint64_t k = 0;
  const char *end = p + n;
  while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
    k++;
    p++;
  }
  return k;
}

int lr_next(line_reader *r, cli_run *run, lr_chunk *c) {
  /* Hand out what is buffered; read more only when no line end is left. */
  const char *nl = NULL;
  if (r->end > r->start)
    nl = memrchr(r->buf + r->start, '\n', r->end - r->start);
  if (nl == NULL && !r->eof) {
    if (fill(r, run) < 0)
      return -1;
    if (r->end > r->start)
      nl = memrchr(r->buf + r->start, '\n', r->end - r->start);
  }
  if (r->end == r->start)
    return 0;

  size_t take;
  bool open_end = false;
  if (nl != NULL) {
    take = (size_t)(nl - (r->buf + r->start)) + 1;
  } else if (r->eof) {
    take = r->end - r->start; /* last line, no newline */
  } else {
    /* One line fills the whole block: cut before an incomplete character. */
    take = r->end - r->start;
    size_t back = 0;
    while (back < 3 && back < take &&
           ((unsigned char)r->buf[r->end - 1 - back] & 0xC0) == 0x80)
      back++;
    if (back < take) {
      unsigned char lead = (unsigned char)r->buf[r->end - 1 - back];
      size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
      if (lead >= 0xC0 && need > back + 1)
        take -= back + 1; /* the character is not complete yet */
    }
    open_end = true;
  }

  c->data = r->buf + r->start;
  c->len = take;
  c->line = r->line;
  c->line_offset = r->line_offset;
  c->open_end = open_end;

  uint64_t lines = count_newlines(c->data, take);
  if (lines) {
    const char *last = memrchr(c->data, '\n', take);
    r->line += lines;
    r->line_offset = (uint64_t)(c->data + take - (last + 1));
  } else {
    r->line_offset += take;
  }
  r->start += take;
  return 1;
}

bool pieces_of_chunk(cli_run *run, const char *file, const lr_chunk *c,
                     lr_piece_fn fn, void *user) {
  const char *p = c->data, *end = c->data + c->len;
  lr_piece lp = {.line = c->line, .offset = c->line_offset, .first = c->line_offset == 0};
  bool go = true;
  while (p < end) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    lp.data = p;
    lp.len = nl ? (size_t)(nl - p) : (size_t)(end - p);
    lp.newline = nl != NULL;
    lp.last = nl != NULL || !c->open_end;
    if (!fn(run, file, &lp, user))
      go = false;
    if (nl == NULL)
      break;
    p = nl + 1;
    lp.line++;
    lp.offset = 0;
    lp.first = true;
  }
  return go;
}

void for_each_piece(cli_run *run, line_reader *r, lr_piece_fn fn, void *user) {
  lr_chunk c;
  bool go = true;
  while (go && lr_next(r, run, &c) == 1)
    go = pieces_of_chunk(run, r->name, &c, fn, user);
}

void for_each_input(cli_run *run, int argc, char **argv, size_t block,
                    input_fn fn, void *user) {
  line_reader r;
  if (argc <= 0) {
    if (lr_open(&r, run, NULL, block)) {
      fn(run, &r, user);
      lr_close(&r);
    }
    return;
  }
  for (int i = 0; i < argc; i++) {
    if (lr_open(&r, run, argv[i], block)) {
      fn(run, &r, user);
      lr_close(&r);
    }
  }
}

const char *utf8_repaired(char **buf, size_t *cap, const char *s, size_t len,
                          size_t *out_len) {
  if (loc_utf8_valid_prefix(s, len) == len) {
    *out_len = len;
    return s;
  }
  size_t need = 0;
  loc_utf8_replace(s, len, NULL, 0, &need);
  if (need > *cap) {
    char *g = realloc(*buf, need);
    if (g == NULL)
      return NULL;
    *buf = g;
    *cap = need;
  }
  if (loc_utf8_replace(s, len, *buf, *cap, out_len) != LOC_OK)
    return NULL;
  return *buf;
}

char *cli_read_file(const char *path, size_t max, size_t *len) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return NULL;
  char *buf = NULL;
  size_t n = 0, cap = 0;
  int err = 0;
  for (;;) {
    if (n + 1 >= cap && !cli_grow((void **)&buf, &cap, n + 2, 1, (size_t)1 << 14)) {
      err = ENOMEM;
      break;
    }
    ssize_t got = read(fd, buf + n, cap - n - 1);
    if (got < 0 && errno == EINTR)
      continue;
    if (got < 0) {
      err = errno;
      break;
    }
    if (got == 0)
      break;
    n += (size_t)got;
    if (n > max) {
      err = EFBIG;
      break;
    }
  }
  close(fd);
  if (err != 0) {
    free(buf);
    errno = err;
    return NULL;
  }
  buf[n] = '\0';
  *len = n;
  return buf;
}

bool lr_whole_line(const lr_piece *p, size_t *len) {
  if (!p->first || !p->last)
    return false;
  *len = p->len;
  if (p->newline && *len > 0 && p->data[*len - 1] == '\r')
    (*len)--;
  return true;
}

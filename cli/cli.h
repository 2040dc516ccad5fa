/* The `loc` command: what the subcommands share. */
#ifndef LOC_CLI_H
#define LOC_CLI_H

#include <loc/loc.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Exit statuses (DESIGN.md §6). */
enum { EXIT_DONE = 0, EXIT_FINDINGS = 1, EXIT_USAGE = 2 };

/* ---------- run state shared by one invocation ---------- */

typedef enum { INVALID_REPORT, INVALID_REPLACE } invalid_mode;

typedef struct cli_run {
  const char *command;   /* "normalize", ... for messages */
  invalid_mode invalid;
  bool json;
  int jobs;              /* --jobs N; 1 = sequential */
  bool findings;         /* something reported: exit 1 */
  bool failed;           /* usage / I/O failure: exit 2 */
} cli_run;

/* Exit status for a finished run. */
int cli_exit_status(const cli_run *run);

/* ---------- diagnostics (stderr) ---------- */

/* "loc: FILE:LINE:COL: message" — COL counts characters from 1. Marks a finding. */
void diag_at(cli_run *run, const char *file, uint64_t line, uint64_t col,
             const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* "loc: message" — usage or I/O problem; marks the run failed. */
void diag_fail(cli_run *run, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* The usage error for what getopt_long returned as @opt (':' for a missing
 * argument, '?' for an unknown option; needs opterr = 0 and an optstring
 * starting with ':'). Returns EXIT_USAGE. */
int diag_bad_option(const char *command, int opt, char **argv);
/* "loc: COMMAND: message" + "Try 'loc COMMAND --help'." — returns EXIT_USAGE. */
int diag_usage(const char *command, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* ---------- buffered output (stdout) ---------- */

typedef struct out_buf {
  int fd;
  char *buf;
  size_t len, cap;
  bool error;            /* a write failed; later writes are dropped */
} out_buf;

void out_init(out_buf *o, int fd);
/* Writes large spans straight through; small ones are batched. */
void out_write(out_buf *o, const void *data, size_t len);
void out_putc(out_buf *o, char c);
void out_printf(out_buf *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* JSON string literal, quotes included. JSON cannot carry invalid UTF-8, so
 * each ill-formed subpart is written as U+FFFD (callers report it first). */
void out_json_string(out_buf *o, const char *s, size_t len);
bool out_flush(out_buf *o);   /* false on I/O error */
void out_free(out_buf *o);

/* ---------- chunked line reader ---------- */

/*
 * Reads a file in large blocks and hands out chunks that end at a line end.
 * A line longer than the block is handed out in pieces cut at UTF-8
 * character boundaries, so memory stays bounded whatever the input.
 *
 * In every chunk, data[0] is byte `line_offset` of line number `line`;
 * every '\n' in data ends a line; when `open_end` is true the last line in
 * data continues in the next chunk. A final line without '\n' is a line.
 */
typedef struct lr_chunk {
  const char *data;      /* valid until the next lr_next() */
  size_t len;
  uint64_t line;         /* 1-based number of the line data starts in */
  uint64_t line_offset;  /* bytes of that line handed out before this chunk */
  bool open_end;
} lr_chunk;

typedef struct line_reader {
  int fd;
  const char *name;      /* for messages: the path, or "<stdin>" */
  char *buf;
  size_t cap, start, end;
  bool eof;
  uint64_t line;         /* line number at buf[start] */
  uint64_t line_offset;  /* bytes of that line already handed out */
} line_reader;

#define LR_DEFAULT_BLOCK (1u << 20)

/* Opens @path ("-" or NULL = stdin). On failure prints a diagnostic, marks
 * @run failed and returns false. */
bool lr_open(line_reader *r, cli_run *run, const char *path, size_t block);
/* Next chunk: 1 = chunk, 0 = end of input, -1 = read error (reported). */
int lr_next(line_reader *r, cli_run *run, lr_chunk *c);
void lr_close(line_reader *r);

/*
 * The lines of one input as pieces: a line shorter than the reader's block
 * is one piece (first and last); a longer one arrives in several. The '\n'
 * is never part of a piece; `newline` says whether the line had one.
 */
typedef struct lr_piece {
  const char *data;      /* valid until the callback returns */
  size_t len;
  uint64_t line;         /* 1-based line number */
  uint64_t offset;       /* byte offset of data within its line */
  bool first;            /* the piece starts its line */
  bool last;             /* the line ends with this piece */
  bool newline;          /* last, and the line ended with '\n' */
} lr_piece;

/* Returns false to stop reading: the rest of the current chunk is still
 * delivered, then no more is read. */
typedef bool (*lr_piece_fn)(cli_run *run, const char *file, const lr_piece *p,
                         void *user);

/* Feeds every piece of @r to @fn. When a read error ends the input inside a
 * line, that line's last piece never comes: callers that keep per-line state
 * finish it themselves. */
void for_each_piece(cli_run *run, line_reader *r, lr_piece_fn fn, void *user);

/* Calls @fn for every input file operand (or stdin when there are none),
 * continuing after a file that cannot be opened. */
typedef void (*input_fn)(cli_run *run, line_reader *r, void *user);
void for_each_input(cli_run *run, int argc, char **argv, size_t block,
                    input_fn fn, void *user);

/* ---------- UTF-8 policy of DESIGN.md §6 ---------- */

/*
 * Tracks the character column across the pieces of one line, so that errors
 * in a long line still get the right column.
 */
typedef struct line_pos {
  uint64_t line;
  uint64_t chars;        /* characters of the line before the current piece */
} line_pos;

/*
 * Reports every ill-formed sequence in s[0..len) (a whole line or a piece of
 * one, starting at character column pos->chars) as
 *   loc: FILE:LINE:COL: invalid UTF-8: byte 0xHH at byte offset N
 * Returns true when the text was valid.
 */
bool report_invalid_utf8(cli_run *run, const char *file, const line_pos *pos,
                         uint64_t byte_offset, const char *s, size_t len);

/* ---------- common options ---------- */

/* Long options every text subcommand accepts; append to its table. */
enum {
  OPT_INVALID = 0x1000,
  OPT_JSON,
  OPT_HELP,
  OPT_VERSION,
  OPT_FIRST_COMMAND_OWN = 0x1100,
};
#define COMMON_LONG_OPTIONS                                   \
  {"invalid", required_argument, NULL, OPT_INVALID},          \
  {"jobs", required_argument, NULL, 'j'},                     \
  {"help", no_argument, NULL, 'h'}

/* Handles one of the common options; returns false (after printing a usage
 * error) when its argument is bad. */
bool handle_common_option(cli_run *run, int opt, const char *arg);

/* ---------- subcommands ---------- */

typedef int (*command_fn)(int argc, char **argv);
int cmd_normalize(int argc, char **argv);
int cmd_script(int argc, char **argv);
int cmd_tag(int argc, char **argv);
int cmd_segment(int argc, char **argv);
int cmd_idn(int argc, char **argv);
int cmd_sort(int argc, char **argv);
/* loc idn confusables (cmd_idn_confusables.c), called by cmd_idn. */
int idn_confusables(int argc, char **argv);
/* A TSV field with backslash, control and non-UTF-8 bytes escaped (cmd_idn.c). */
void idn_put_field(out_buf *o, const char *s, size_t len);

#endif

/* The `loc` command: what the subcommands share. */
#ifndef LOC_CLI_H
#define LOC_CLI_H

#include <loc/loc.h>
#include <getopt.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Exit statuses (docs/design.md, the CLI contract). */
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
  bool progress;         /* --progress: a status line even when stderr is no tty */
  bool name_files;       /* several FILE operands: JSON lines name their file */
  bool parallel;         /* the command declares CLI_PARALLEL (takes --progress) */
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
/* "loc: COMMAND: " and the text of @st, for a library call that failed
 * before any input was read (loading data, making an object). Returns
 * EXIT_USAGE. */
int diag_lib_error(const char *command, loc_status st);
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

/* The first write error (errno) of an out_buf on standard output, 0 if none:
 * main() names it when the command did not. */
extern int out_stdout_errno;
/* Messages written by the diag_* functions so far (main() adds one about
 * standard output only when the command said nothing). */
extern _Atomic unsigned long diag_messages;
/* --lang TAG of every command: false, after a usage error naming TAG, when
 * it is empty or not a valid BCP 47 tag. */
bool cli_lang_ok(const char *command, const char *tag);
/* Why loc_font_new(@path, @face) failed with @st (call it right after, for
 * errno): the system's reason, "no face N: the file has K faces", or the
 * status's text. Static storage. */
const char *cli_font_error(const char *path, unsigned face, loc_status st);

/* Room for @need elements of @size bytes in *@p (*@cap counts elements),
 * doubling from @first; also allocates when *@p is still NULL, so a grown
 * buffer is never NULL. false (nothing changed) when out of memory or the
 * size would overflow. */
bool cli_grow(void **p, size_t *cap, size_t need, size_t size, size_t first);

/* Appends s[0..n) to the growable byte buffer *@buf (*@len bytes used of
 * *@cap); false (nothing changed) when out of memory. */
bool cli_append(char **buf, size_t *len, size_t *cap, const char *s, size_t n);

void out_init(out_buf *o, int fd);
/* An out_buf that only grows in memory (fd -1): the parallel core's
 * per-batch buffers. out_flush() on it makes room instead of writing. */
void out_init_mem(out_buf *o);
/* Writes large spans straight through; small ones are batched. */
void out_write(out_buf *o, const void *data, size_t len);
/* A loc_sink_fn that appends to the out_buf @o (translit, render). */
loc_status out_sink(void *o, const char *data, size_t len);
void out_putc(out_buf *o, char c);
void out_printf(out_buf *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A confidence in [0, 1] as "%.3f" prints it (loc detect), without printf. */
void out_conf(out_buf *o, double c);
/* @v in decimal, without printf. */
void out_uint(out_buf *o, uint64_t v);
void out_vprintf(out_buf *o, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* JSON string literal, quotes included. JSON cannot carry invalid UTF-8, so
 * each ill-formed subpart is written as U+FFFD (callers report it first). */
void out_json_string(out_buf *o, const char *s, size_t len);
/* The same without the quotes: for a string written in several parts (each
 * part must end at a character boundary). */
void out_json_chars(out_buf *o, const char *s, size_t len);
/* The start of a JSON line object: {"line":N — or {"file":"F","line":N
 * when run->name_files (several FILE operands, set by run_lines) and @file
 * is not NULL. */
void out_json_line(out_buf *o, const cli_run *run, const char *file, uint64_t line);
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
/* The same on a descriptor opened by the caller (closed by lr_close, also
 * on failure). */
bool lr_open_fd(line_reader *r, cli_run *run, int fd, const char *name, size_t block);
/* Next chunk: 1 = chunk, 0 = end of input, -1 = read error (reported). */
int lr_next(line_reader *r, cli_run *run, lr_chunk *c);
void lr_close(line_reader *r);

/* The whole of a small file (rules, a sample text) in a malloc'd buffer,
 * *@len bytes (plus a NUL not counted). NULL with errno set when it cannot
 * be read or is larger than @max bytes (EFBIG). */
char *cli_read_file(const char *path, size_t max, size_t *len);

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

/* A line that came whole, in one piece: true, with *@len its length without
 * the '\r' of a "\r\n" ending; false for the pieces of a longer line. */
bool lr_whole_line(const lr_piece *p, size_t *len);

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

/* ---------- UTF-8 policy (docs/design.md, the CLI contract) ---------- */

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

/*
 * --invalid=replace: @s itself when it is valid UTF-8, else a copy with
 * each maximal ill-formed subpart replaced by U+FFFD in *buf (grown as
 * needed; the caller frees it). NULL when out of memory.
 */
const char *utf8_repaired(char **buf, size_t *cap, const char *s, size_t len,
                          size_t *out_len);

/* ---------- common options ---------- */

/* Keys of the common options in a command's table (cli_opt.key); -j and
 * -h are their letters. */
enum {
  OPT_INVALID = 0x1000,
  OPT_JSON,
  OPT_HELP,
  OPT_VERSION,
  OPT_PROGRESS,
  OPT_FIRST_COMMAND_OWN = 0x1100,
};

/* ---------- declared options (cli/options.c) ---------- */

/* One option of a command. The common ones are entries too, with the
 * command's own description: {"json", OPT_JSON, ...}, {"invalid",
 * OPT_INVALID, "=MODE", ...}, {"jobs", 'j', " N", ...}; --progress (with
 * CLI_PARALLEL) and -h/--help are added after the table. */
typedef struct cli_opt {
  const char *name;      /* --NAME; NULL for a short option alone */
  int key;               /* what cli_next returns; a letter or digit is also -KEY */
  const char *arg;       /* the argument as the help shows it (" TAG", "=MODE");
                            NULL when it takes none */
  const char *help;      /* its description, lines separated by '\n'; NULL:
                            left out of the help (an alias) */
} cli_opt;

enum {
  CLI_PARALLEL = 1,      /* runs on the parallel core: takes --progress */
  CLI_SHORT_COLUMN = 2,  /* the help keeps a column for short forms: "      --name" */
};

/* What a command declares: its help is @usage, a line per option of @opts
 * (ended by an entry with no name and no key) with the description from
 * column @col, --progress and --help, then @notes. */
typedef struct cli_command {
  const char *name;      /* for messages: "loc NAME: ..." */
  const char *usage;
  const cli_opt *opts;
  const char *notes;     /* or NULL */
  int col;
  unsigned flags;        /* CLI_PARALLEL, CLI_SHORT_COLUMN */
  const char *help;      /* a help written whole instead (loc shape's, in
                            hb-shape's layout); the options then have none */
} cli_command;

/* Parsing a command line against a cli_command. */
typedef struct cli_args {
  const cli_command *cmd;
  cli_run *run;
  int argc;
  char **argv;
  int status;            /* after CLI_STOP: the command's exit status */
  char optstring[128];
  struct option longopts[96];
  const char *seen[96];  /* per entry of cmd->opts: its last argument, or ""
                            when it takes none; NULL when not given */
} cli_args;

enum { CLI_END = -1, CLI_STOP = -2 };

/* -j/--jobs of the commands on the parallel core, described at column 19. */
#define CLI_OPT_JOBS                                                          \
  {"jobs", 'j', " N",                                                         \
   "N threads (0: one per core; default 1); output and\n"                     \
   "diagnostics exactly as with 1"}

/* A parser for @argv; @run starts afresh (command name, --invalid=report,
 * one job). */
cli_args cli_args_of(const cli_command *cmd, cli_run *run, int argc, char **argv);
/* The key of the next of the command's own options (optarg holds its
 * argument); the common ones are handled on the way. CLI_END when the
 * options are over (the operands start at optind); CLI_STOP when the command
 * is to return a->status: after --help, or a usage error (reported). */
int cli_next(cli_args *a);

/* Prints the command's help; EXIT_DONE, or EXIT_USAGE when it could not be
 * written. */
int cli_help(const cli_command *cmd);

/* Parses all the options, keeping what cli_arg() and cli_flag() tell (for a
 * command that checks none of its own as they come); false when the command
 * is to return a->status. */
bool cli_parse(cli_args *a);
/* The last argument given to the command's own option of @key ("" for one
 * that takes none), NULL when it was not given. The common options are on
 * the cli_run instead. */
const char *cli_arg(const cli_args *a, int key);
/* Whether the command's own option of @key was given. */
bool cli_flag(const cli_args *a, int key);

/* The end of a command: flushes @out (a write error is reported), frees it
 * and returns the exit status of @run. */
int cli_close(cli_run *run, out_buf *out);

/* Handles one of the common options; returns false (after printing a usage
 * error) when its argument is bad. */
bool handle_common_option(cli_run *run, int opt, const char *arg);

/* What cli_option() returns when the command goes on parsing. */
#define CLI_NEXT_OPTION (-1)
/* For a command that still calls getopt_long itself (loc serve; the others
 * declare a cli_command): the `default:` of its switch, -h/--help (prints
 * @help), --json, --invalid, -j/--jobs and --progress — whichever of them
 * its option table lists, since getopt_long returns no other — and the
 * usage error for anything else (named after run->command).
 * CLI_NEXT_OPTION to go on, else the exit status to return. */
int cli_option(cli_run *run, int opt, const char *arg, const char *help, char **argv);

/* ---------- subcommands ---------- */

/* A command's entry: argv[0] is its name, its options and operands follow. */
typedef int command_main(int argc, char **argv);
typedef command_main *command_fn;
command_main cmd_normalize, cmd_script, cmd_tag, cmd_segment, cmd_idn, cmd_sort, cmd_key,
    cmd_check, cmd_convert, cmd_shape, cmd_fontcheck, cmd_render, cmd_translit, cmd_detect;
/* loc idn's subcommands lgr and variants (cmd_idn_lgr.c), confusables
 * (cmd_idn_confusables.c), called by cmd_idn. */
command_main cmd_idn_lgr, cmd_idn_variants, idn_confusables;

/* ---------- parallel line processing: -j/--jobs N (cli/parallel.c) ---------- */

/*
 * How a line-oriented command opts in (cli/README.md has an example):
 * it keeps everything a line needs in one state struct (configuration,
 * borrowed read-only objects, scratch buffers, iterators, an out_buf, a
 * cli_run pointer), writes output only to that out_buf and diagnostics only
 * with diag_at / diag_fail / report_invalid_utf8, and hands the core a
 * par_job instead of calling for_each_input.
 *
 * --jobs 1 runs exactly as for_each_input did, on @main. With N > 1 the
 * calling thread reads: runs of whole lines (about 256 KiB) go to N worker
 * threads, each with its own state (state_size, state_init); the pieces of a line
 * longer than the read block, and end_input(), run on @main in the calling
 * thread. Each batch's output and diagnostics are collected in memory and
 * written in input order, so stdout, stderr and the exit status are those
 * of --jobs 1. At most 4 * N batches are in flight.
 */
typedef bool (*lr_chunk_fn)(cli_run *run, const char *file, const lr_chunk *c,
                            void *state);

typedef struct par_job par_job;

/* The first member (named `base`) of every par_job state. */
typedef struct cli_state {
  cli_run *run;          /* flags and findings: a worker's own copy */
  out_buf out;           /* the state's output, unless par_job.out says otherwise */
  line_pos pos;          /* the current line, for diagnostics */
  bool line_open;        /* a line has begun and not ended (a read error can
                            leave one open: end_input closes it) */
  /* kept by the core for a job with .frame set: */
  const par_job *job;
  uint64_t line_bytes;   /* bytes of the open line handed out so far */
  char *rbuf;            /* --invalid=replace: the repaired piece */
  size_t rcap;
} cli_state;

/* A line of output begins: pos and line_open set; with --json the line's
 * object is opened (out_json_line) and @json_open follows, e.g.
 * ",\"runs\":[". */
void state_line_begin(cli_state *s, const char *file, uint64_t line, const char *json_open);
/* It ends: @json_close with --json (e.g. "]}\n"), else a newline. */
void state_line_end(cli_state *s, const char *json_close);

enum { CLI_UTF8_REPORT = 1, CLI_UTF8_REPAIR = 2 };

struct par_job {
  void *main;            /* the command's own state; its out_buf is stdout */
  /* A worker's state is state_size zeroed bytes (a struct that starts with
   * a cli_state) with base.run set and, when @shared_end is not 0, the
   * bytes of @main from the end of its cli_state to @shared_end copied
   * (configuration and borrowed read-only objects: put them first);
   * state_init fills in the rest: its own contexts and scratch. It leaves
   * the out_buf alone (the core lends it a buffer per batch). false when it
   * cannot (state_fini still runs). No state_init: @main alone, in one
   * thread. */
  size_t state_size;
  size_t shared_end;
  bool (*state_init)(void *state);
  /* Frees what a state holds, not the state itself (also usable on @main). */
  void (*state_fini)(void *state);
  /* Optional: the state's out_buf when it is not base.out. */
  out_buf *(*out)(void *state);
  lr_piece_fn piece;     /* per piece of a line ... */
  lr_chunk_fn chunk;     /* ... or per chunk (whole lines; see lr_chunk) */
  /* Optional: after each input, on @main (e.g. a line a read error left
   * open). */
  void (*end_input)(cli_run *run, const char *file, void *main);
  /* Optional: fold a worker state's results into @main (e.g. counts for a
   * summary), before it is freed; called in worker order. */
  void (*merge)(void *main, void *state);
  /* Workers are processes, not threads (no merge then): for commands whose
   * library serialises threads — ICU runs every rule-based transliterator
   * under one process-wide mutex. Each worker forks before any thread
   * starts and gets its batches over a socket; output is the same. */
  bool isolate;
  /* With @frame, the core keeps each line's bookkeeping around @piece:
   * before a line's first piece it sets base.pos and base.line_open and
   * calls line_begin; with CLI_UTF8_REPORT in @utf8 and --invalid=report it
   * reports the ill-formed UTF-8 of each piece, with CLI_UTF8_REPAIR and
   * --invalid=replace @piece gets the piece repaired (U+FFFD per maximal
   * subpart); after the last piece it calls line_end. A line a read error
   * left open gets an empty last piece after its input (before end_input).
   * With @json_open, each line's output is framed too: state_line_begin()
   * with @json_open before line_begin, state_line_end() with @json_close
   * after line_end. */
  bool frame;
  unsigned utf8;
  const char *json_open, *json_close;
  void (*line_begin)(void *state, const char *file, uint64_t line);
  void (*line_end)(void *state, const char *file);
  /* Optional, for run_job: on @main after the last input (a summary). */
  void (*finish)(void *main);
};

/* @n zeroed elements of @size bytes on cache lines of their own (free()):
 * for worker states, whose out_buf the core rewrites on every line, so two
 * workers' states must not share a cache line. NULL when out of memory. */
void *par_zalloc(size_t n, size_t size);

/* Feeds every input file operand (stdin when none) to @job, with
 * run->jobs threads and a progress line (see progress_wanted). */
void run_lines(cli_run *run, int argc, char **argv, size_t block, const par_job *job);

/* A command's whole run on the core: @main's output on standard output,
 * run_lines over the operands, finish(), cli_close(), and state_fini() on
 * @main. Returns the exit status. */
int run_job(cli_run *run, int argc, char **argv, const par_job *job);

/* The piece function of a job with .frame (what the core calls for each
 * piece; a chunk function of the command calls it through pieces_of_chunk). */
bool frame_piece(cli_run *run, const char *file, const lr_piece *p, void *state);
/* Ends the line a read error left open in @state, if any, with an empty
 * last piece (the core calls it after each input). */
void frame_close(cli_run *run, const char *file, void *state);

/* Calls @fn for each piece in @c (what for_each_piece does per chunk);
 * false when @fn asked to stop. */
bool pieces_of_chunk(cli_run *run, const char *file, const lr_chunk *c,
                     lr_piece_fn fn, void *user);

/* This thread's diagnostics go to @o instead of stderr (NULL: stderr). */
void diag_capture(out_buf *o);

/* ---------- progress line on stderr (cli/progress.c) ---------- */

/* Clears the status line, if one is shown, before something else is
 * written to stderr (diag.c does it for every diagnostic). */
void progress_clear(void);

/* loc script --merge (cli/script_merge.c): adds the `--summary --json`
 * objects of the inputs, one per line, to @sum; a line that is not one is
 * reported (a finding) and skipped. */
void script_merge_inputs(cli_run *run, int argc, char **argv, loc_script_summary *sum);
/* ---------- JSON shared by the commands and loc serve (cli/json.c) ---------- */

/* Formatting into a buffer with room made beforehand (one JSON object per
 * word or run makes printf a visible part of the run time). */
static inline void put(char *buf, size_t *n, const char *p, size_t len) {
  memcpy(buf + *n, p, len);
  *n += len;
}
static inline void put_u64(char *buf, size_t *n, uint64_t v) {
  size_t digits = 1;
  for (uint64_t t = v; t >= 10; t /= 10)
    digits++;
  char *d = buf + *n + digits;
  do {
    *--d = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  *n += digits;
}
#define PUT_LIT(buf, n, lit) put(buf, n, lit, sizeof lit - 1)

/* How the lines of `loc script`, `loc segment` and `loc key --json` open
 * and close (after {"line":N), for state_line_begin / state_line_end. */
#define SCRIPT_JSON_OPEN ",\"runs\":["
#define SEGMENT_JSON_OPEN ",\"segments\":["
#define SPANS_JSON_CLOSE "]}\n"
#define KEY_JSON_OPEN ",\"key\":\""
#define KEY_JSON_CLOSE "\"}\n"

/* Bytes a json_span() with a key and value of up to 16 bytes may write. */
#define JSON_SPAN_MAX 96
/* A span object of `loc script --json` or `loc segment --json`, after a ','
 * when @comma: {"start":S,"end":E,"KEY":"VALUE"} (@value needs no escaping).
 * Returns the bytes written to @buf. */
static inline size_t json_span(char *buf, bool comma, uint64_t start, uint64_t end,
                               const char *key, const char *value, size_t value_len) {
  size_t n = 0;
  if (comma)
    buf[n++] = ',';
  PUT_LIT(buf, &n, "{\"start\":");
  put_u64(buf, &n, start);
  PUT_LIT(buf, &n, ",\"end\":");
  put_u64(buf, &n, end);
  PUT_LIT(buf, &n, ",\"");
  put(buf, &n, key, strlen(key));
  PUT_LIT(buf, &n, "\":\"");
  put(buf, &n, value, value_len);
  PUT_LIT(buf, &n, "\"}");
  return n;
}

/* The object of `loc tag --json` for @t (no newline), its input cut to
 * @input_len bytes. */
void json_tag_info(out_buf *o, const loc_tag_info *t, size_t input_len);
/* The object of `loc script --summary --json` (no newline): @list holds
 * the @n counts of @sum; "expected" and "agrees" when @expected is given. */
void json_script_summary(out_buf *o, const loc_script_summary *sum, const loc_script_count *list,
                         size_t n, const int32_t *expected);

/* One finding of `loc check --json` (no newline): {"file":F,"line":N,...} or,
 * when @file is NULL, without "file" (loc serve). @offset is the byte
 * offset in the line, @s the text the finding's own offset counts in. */
void json_check_finding(out_buf *o, const char *file, uint64_t line, uint64_t col,
                        uint64_t offset, const char *s, const loc_check_finding *f);
/* Where the findings of a piece of a line are. */
typedef struct check_where {
  const char *file;      /* for the text form */
  const char *json_file; /* "file" of the JSON form; NULL leaves it out */
  bool json;
  uint64_t line;
  uint64_t chars;        /* characters of the line before the piece */
  uint64_t offset;       /* bytes of the line before the piece */
} check_where;
/* The findings of loc_check_text() on @s, one line each (JSON or
 * FILE:LINE:COL: SEVERITY: MESSAGE [RULE]); true when one is an error. */
bool check_write_findings(out_buf *o, const check_where *w, const char *s,
                          const loc_check_finding *f, size_t n);
/* A line of `loc detect --json` (newline included); @zawgyi < 0: none. */
void json_detect_result(out_buf *o, const cli_run *run, const char *file, uint64_t line,
                        const loc_detect_result *r, double zawgyi);
/* A span of `loc detect --spans --json`, after a ',' when @comma; @offset is
 * added to its start and end. */
void json_detect_span(out_buf *o, bool comma, uint64_t offset, const loc_detect_span *s);

/* A line of `loc fontcheck --json` (newline included). */
void json_fontcheck_report(out_buf *o, const char *font, const char *lang,
                           const loc_fontcheck_report *r);
/* loc render's default font chain (fonts/manifest.tsv, as without --font):
 * *fonts is malloc'd, each font freed with loc_font_free; false when none
 * could be loaded. */
bool render_default_chain(loc_font ***fonts, size_t *n);
/* RRGGBB (or #RRGGBB) as loc render --fg/--bg take it. */
bool render_parse_colour(const char *s, uint32_t *out);
/* The text commands' per-line writers, shared with loc serve. */
/* loc translit: one piece of a line through @ctx into @o; the line's '\n'
 * goes through too when @last and @newline. */
loc_status translit_write_piece(loc_translit_ctx *ctx, out_buf *o, const char *s, size_t len,
                               bool last, bool newline);
/* loc convert with a legacy encoding: a converter whose lines are fed with
 * legacy_piece() (an lr_piece_fn) and written to legacy_lines_out(), an
 * out_buf on @fd (-1: in memory). NULL with *st set on failure. */
typedef struct legacy_cmd legacy_cmd;
legacy_cmd *legacy_lines_new(cli_run *run, loc_legacy_encoding enc, loc_legacy_direction dir,
                             bool only_detected, int fd, loc_status *st);
bool legacy_piece(cli_run *run, const char *file, const lr_piece *p, void *user);
out_buf *legacy_lines_out(legacy_cmd *lc);
void legacy_lines_free(legacy_cmd *lc);
/* loc sort: lines fed with sort_lines_piece() (an lr_piece_fn), written
 * sorted by sort_lines_write() (false when a line could not be kept). */
typedef struct sort_cmd sort_cmd;
sort_cmd *sort_lines_new(cli_run *run, const loc_collator *coll, bool reverse, bool unique);
bool sort_lines_piece(cli_run *run, const char *file, const lr_piece *lp, void *user);
bool sort_lines_write(sort_cmd *sc, out_buf *o);
void sort_lines_free(sort_cmd *sc);

/* loc shape --json (one line of hb-shape JSON per input line, or with
 * @runs {"line":N,"runs":[...]}): lines fed with shape_piece() to
 * @shaper, written to shape_lines_out() (an out_buf on @fd, -1: memory). */
typedef struct shape_cmd shape_cmd;
shape_cmd *shape_lines_new(cli_run *run, loc_shaper *shaper, unsigned ser_flags, bool runs,
                           int fd);
bool shape_piece(cli_run *run, const char *file, const lr_piece *p, void *user);
out_buf *shape_lines_out(shape_cmd *sc);
void shape_lines_free(shape_cmd *sc);
/* The language hb-shape takes from the environment (LC_CTYPE), malloc'd;
 * calls setlocale: only before threads start. */
char *shape_environment_language(void);

/* A TSV field with backslash, control and non-UTF-8 bytes escaped (cmd_idn.c). */
void idn_put_field(out_buf *o, const char *s, size_t len);

/* --column N of loc idn (cmd_idn.c): a record, as in a registrar's export,
 * split at TABs if the line has one, else at commas (no quoting). */
typedef struct idn_record {
  const char *line;      /* the whole line */
  size_t len;
  char sep;
  const char *name;      /* column N, when the record has it */
  size_t name_len;
  unsigned long columns; /* columns counted: N, or fewer when it is short */
} idn_record;
/* Parses --column's argument; false (after a usage error) when it is bad. */
bool idn_parse_column(const char *arg, unsigned long *column);
/* Splits @s; false when it has fewer than @column columns, which is also
 * reported as "FILE:LINE:1: the line has K columns, fewer than N". */
bool idn_record_split(cli_run *run, const char *file, uint64_t line, const char *s,
                      size_t len, unsigned long column, idn_record *r);
/* The record's columns: TSV fields each followed by a TAB, or with @json a
 * "columns" array followed by a comma. */
void idn_put_columns(out_buf *o, bool json, const idn_record *r);

#endif

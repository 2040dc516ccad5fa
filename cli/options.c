/* A command's options, declared once (cli_command): getopt_long's tables,
 * the help text and the handling of the common options all come from it, so
 * a command accepts exactly the options its help lists, and the common ones
 * behave the same everywhere. */
#include "cli.h"
#include "progress.h"

#include <ctype.h>

static const cli_opt progress_opt = {"progress", OPT_PROGRESS, NULL,
                                     "a status line on stderr even when it is no terminal"};
static const cli_opt help_opt = {"help", 'h', NULL, "this text"};

/* Whether @o is an entry of its table, not the {0} that ends it. */
static bool listed(const cli_opt *o) { return o->name != NULL || o->key != 0; }

/* The short form of an option: its key when that is a letter or digit. */
static int short_of(const cli_opt *o) {
  return o->key > 0 && o->key < 128 && isalnum(o->key) ? o->key : 0;
}

static bool add(cli_args *a, size_t *n, const cli_opt *o) {
  if (*n + 1 >= sizeof a->longopts / sizeof a->longopts[0])
    return false;
  int c = short_of(o);
  if (c != 0 && strchr(a->optstring, c) == NULL) {
    size_t len = strlen(a->optstring);
    a->optstring[len++] = (char)c;
    if (o->arg != NULL)
      a->optstring[len++] = ':';
    a->optstring[len] = '\0';
  }
  if (o->name != NULL)
    a->longopts[(*n)++] =
        (struct option){o->name, o->arg != NULL ? required_argument : no_argument, NULL, o->key};
  return true;
}

/* getopt_long's optstring (':' first: errors come back as ':' and '?') and
 * long options: the table's, then --progress and --help. */
static bool build(cli_args *a) {
  const cli_command *cmd = a->cmd;
  size_t n = 0;
  strcpy(a->optstring, ":");
  for (const cli_opt *o = cmd->opts; listed(o); o++)
    if ((size_t)(o - cmd->opts) >= sizeof a->seen / sizeof a->seen[0] || !add(a, &n, o))
      return false;
  if ((cmd->flags & CLI_PARALLEL) && !add(a, &n, &progress_opt))
    return false;
  if (!add(a, &n, &help_opt))
    return false;
  a->longopts[n] = (struct option){NULL, 0, NULL, 0};
  return true;
}

/* One option's lines of the help: "  -x, --name ARG" (or "  --name ARG",
 * "      --name ARG" when the command keeps a column for the short forms),
 * then its description from column cmd->col; when the option reaches that
 * column, two spaces after it, or the next line if the description starts
 * with a line break. */
static void help_line(const cli_command *cmd, const cli_opt *o) {
  char left[128], sh[8] = "";
  int c = short_of(o);
  if (c)
    snprintf(sh, sizeof sh, "-%c%s", c, o->name ? ", " : "");
  int n = snprintf(left, sizeof left, "  %s%s%s%s%s",
                   !c && (cmd->flags & CLI_SHORT_COLUMN) ? "    " : "", sh,
                   o->name ? "--" : "", o->name ? o->name : "", o->arg ? o->arg : "");
  fputs(left, stdout);
  if (n < cmd->col)
    printf("%*s", cmd->col - n, "");
  else if (o->help[0] != '\n')
    fputs("  ", stdout);
  for (const char *h = o->help; *h; h++) {
    putchar(*h);
    if (*h == '\n')
      printf("%*s", cmd->col, "");
  }
  putchar('\n');
}

int cli_help(const cli_command *cmd) {
  if (cmd->help != NULL) {
    fputs(cmd->help, stdout);
  } else {
    fputs(cmd->usage, stdout);
    for (const cli_opt *o = cmd->opts; listed(o); o++)
      if (o->help != NULL)
        help_line(cmd, o);
    if (cmd->flags & CLI_PARALLEL)
      help_line(cmd, &progress_opt);
    help_line(cmd, &help_opt);
    if (cmd->notes != NULL)
      fputs(cmd->notes, stdout);
  }
  return fflush(stdout) == 0 ? EXIT_DONE : EXIT_USAGE;
}

cli_args cli_args_of(const cli_command *cmd, cli_run *run, int argc, char **argv) {
  *run = (cli_run){.command = cmd->name, .invalid = INVALID_REPORT, .jobs = 1,
                   .parallel = (cmd->flags & CLI_PARALLEL) != 0};
  return (cli_args){.cmd = cmd, .run = run, .argc = argc, .argv = argv};
}

int cli_next(cli_args *a) {
  if (a->optstring[0] == '\0') {
    if (!build(a)) {
      a->status = diag_usage(a->cmd->name, "too many options (an internal limit)");
      return CLI_STOP;
    }
    optind = 0; /* a full restart of getopt (loc shape --batch parses again) */
    opterr = 0;
  }
  int opt;
  while ((opt = getopt_long(a->argc, a->argv, a->optstring, a->longopts, NULL)) != -1) {
    switch (opt) {
    case 'h':
      a->status = cli_help(a->cmd);
      return CLI_STOP;
    case ':':
    case '?':
      a->status = diag_bad_option(a->cmd->name, opt, a->argv);
      return CLI_STOP;
    case OPT_JSON:
      a->run->json = true;
      break;
    case OPT_INVALID:
    case OPT_PROGRESS:
    case 'j':
      if (!handle_common_option(a->run, opt, optarg)) {
        a->status = EXIT_USAGE;
        return CLI_STOP;
      }
      break;
    default:
      for (size_t i = 0; listed(&a->cmd->opts[i]); i++)
        if (a->cmd->opts[i].key == opt) {
          a->seen[i] = a->cmd->opts[i].arg != NULL ? optarg : "";
          break;
        }
      return opt;
    }
  }
  return CLI_END;
}

bool cli_parse(cli_args *a) {
  int opt;
  while ((opt = cli_next(a)) >= 0)
    ;
  return opt == CLI_END;
}

const char *cli_arg(const cli_args *a, int key) {
  for (size_t i = 0; listed(&a->cmd->opts[i]); i++)
    if (a->cmd->opts[i].key == key)
      return a->seen[i];
  return NULL;
}

bool cli_flag(const cli_args *a, int key) { return cli_arg(a, key) != NULL; }

int cli_close(cli_run *run, out_buf *out) {
  progress_end(); /* when run_lines has not */
  if (!out_flush(out))
    diag_fail(run, "standard output: write error");
  out_free(out);
  return cli_exit_status(run);
}

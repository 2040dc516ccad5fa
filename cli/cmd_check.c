/* loc check — text validation with compiler-style diagnostics and safe
 * fixes (docs/design.md: the CLI contract and the JSON shapes).
 *
 * Each line (or, for a line longer than the read block, each piece of it)
 * is checked on its own by loc_check_text(); findings print as
 *   FILE:LINE:COL: severity: message [rule-id]
 * on stdout, or on stderr with --fix, whose repaired text goes to stdout
 * (or, with -i, to a temporary file renamed over the input). */
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <sys/stat.h>
#include <unistd.h>

enum {
  OPT_LANG = OPT_FIRST_COMMAND_OWN,
  OPT_FIX,
  OPT_RULES,
  OPT_DISABLE,
  OPT_ENABLE,
  OPT_FOLLOW,
};

static const char check_usage[] =
    "Usage: loc check [--lang TAG] [--json] [--fix [-i [--follow-symlinks]]] [--disable IDS]\n"
    "                 [--enable IDS] [--invalid=report|replace] [FILE...]\n"
    "       loc check --rules\n"
    "Validates text line by line: encoding, normalization, invisible and bidi\n"
    "characters, syllable structure, do-not-use sequences, mixed scripts and,\n"
    "with --lang, the language's exemplar characters.\n"
    "\n"
    "Findings print as FILE:LINE:COL: SEVERITY: MESSAGE [RULE-ID] (COL in characters\n"
    "from 1). Exit status 1 when an error-level finding exists.\n"
    "\n";

static const cli_opt check_opts[] = {
    {"lang", OPT_LANG, " TAG",
     "BCP 47 tag: enables the exemplar rules (ICU locale data)\n"
     "and judges compatibility characters against the language"},
    {"json", OPT_JSON, NULL,
     "one object per finding: file, line, col, offset, length\n"
     "(UTF-8 bytes in the line), rule, severity, message,\n"
     "codepoints, and fix / suggestion when there is one"},
    {"fix", OPT_FIX, NULL,
     "write the text with every safe fix applied to stdout;\n"
     "findings then go to stderr"},
    {"in-place", 'i', NULL,
     "with --fix: replace each FILE by its fixed text (written to\n"
     "a temporary file, synced, then renamed over it; owner, group\n"
     "and mode kept; a file with nothing to fix is not touched);\n"
     "findings go to stdout. Only regular files with one link are\n"
     "edited: '-', a symbolic link, FIFO, device or a file with\n"
     "several hard links is refused (exit status 2)"},
    {"follow-symlinks", OPT_FOLLOW, NULL,
     "with -i: edit the file a symbolic link points to"},
    {"rules", OPT_RULES, NULL,
     "list every rule: id, severity, fixable, explanation"},
    {"disable", OPT_DISABLE, " IDS",
     "comma-separated rule ids to skip ('all' for every rule)"},
    {"enable", OPT_ENABLE, " IDS",
     "rule ids to run again (after --disable all, say)"},
    {"invalid", OPT_INVALID, "=MODE",
     "report (default): ill-formed UTF-8 is a utf8-invalid finding\n"
     "and is copied through by --fix; replace: it is read as\n"
     "U+FFFD, silently"},
    {"jobs", 'j', " N",
     "N threads (0: one per core; default 1) when checking; --fix\n"
     "runs in one thread; output exactly as with 1"},
    {0},
};
static const cli_command check_command = {"check", check_usage, check_opts, NULL, 19, CLI_PARALLEL,
                                          NULL};

/* Per-thread state: one context and one output buffer. */
typedef struct check_cmd {
  cli_state base;          /* run, output, current line */
  const loc_checker *checker; /* shared with the workers */
  loc_check_ctx *ctx;
  bool fix, in_place;
  bool follow;        /* -i --follow-symlinks: edit a link's target */
  bool changed;       /* -i: the fixed text differs from the file */
  out_buf diag;       /* findings */
  char *rbuf;         /* --invalid=replace: the repaired piece */
  size_t rcap;
} check_cmd;

static void print_rules(void) {
  for (size_t i = 0; i < loc_check_rule_count(); i++) {
    const loc_check_rule *r = loc_check_rule_at(i);
    printf("%-18s %-8s %-4s %s%s\n", r->id, loc_check_severity_name(r->severity),
           r->fixable ? "fix" : "-", r->summary, r->needs_lang ? " (needs --lang)" : "");
  }
}

/* Applies "id,id,..." to @ck; false (after a usage error) for a bad id. */
static bool set_rules(loc_checker *ck, const char *list, bool on) {
  char *copy = strdup(list);
  if (copy == NULL)
    return false;
  bool ok = true;
  for (char *save = NULL, *id = strtok_r(copy, ",", &save); id != NULL;
       id = strtok_r(NULL, ",", &save)) {
    if (loc_checker_set_rule(ck, id, on) != LOC_OK) {
      diag_usage("check", "unknown rule '%s' ('loc check --rules' lists them)", id);
      ok = false;
      break;
    }
  }
  free(copy);
  return ok;
}

/* --invalid=replace: the piece with U+FFFD for ill-formed bytes. */
static const char *repaired(check_cmd *cc, const char *s, size_t len, size_t *out_len) {
  return utf8_repaired(&cc->rbuf, &cc->rcap, s, len, out_len);
}

/* Checks (and with --fix repairs) one piece of a line. Touches only @cc. */
static bool check_piece(cli_run *run, const char *file, const lr_piece *p, void *user) {
  check_cmd *cc = user;
  if (p->first) {
    cc->base.pos.line = p->line;
    cc->base.pos.chars = 0;
  }
  const char *s = p->data;
  size_t len = p->len;
  if (run->invalid == INVALID_REPLACE && (s = repaired(cc, p->data, p->len, &len)) == NULL) {
    diag_fail(run, "%s: out of memory", file);
    return false;
  }
  const loc_check_finding *f;
  size_t n;
  loc_status st = loc_check_text(cc->ctx, s, len, &f, &n);
  if (st != LOC_OK) {
    diag_fail(run, "%s:%llu: %s", file, (unsigned long long)p->line, loc_status_message(st));
    return false;
  }
  check_where w = {.file = file, .json_file = file, .json = run->json, .line = p->line,
                   .chars = cc->base.pos.chars, .offset = p->offset};
  if (check_write_findings(&cc->diag, &w, s, f, n))
    run->findings = true;
  if (cc->fix) {
    char *fixed;
    size_t fixed_len;
    if (n == 0) {
      out_write(&cc->base.out, s, len);
      cc->changed |= s != p->data;
    } else if ((st = loc_check_fix_alloc(cc->ctx, s, len, &fixed, &fixed_len)) == LOC_OK) {
      out_write(&cc->base.out, fixed, fixed_len);
      cc->changed |= fixed_len != p->len || memcmp(fixed, p->data, fixed_len) != 0;
      loc_free(fixed);
    } else {
      diag_fail(run, "%s:%llu: %s", file, (unsigned long long)p->line, loc_status_message(st));
      return false;
    }
    if (p->newline)
      out_putc(&cc->base.out, '\n');
  }
  if (!p->last)
    cc->base.pos.chars += loc_utf8_count_chars(s, len);
  return !cc->base.out.error && !cc->diag.error;
}

/* A worker's state (plain checking only: with --fix the fixed text and the
 * findings are two streams, so that runs in one thread): the shared
 * checker, a context of its own; its findings are its output. */
static bool check_init(void *state) {
  check_cmd *cc = state;
  return loc_check_ctx_new(cc->checker, &cc->ctx) == LOC_OK;
}

static void check_fini(void *state) {
  check_cmd *cc = state;
  loc_check_ctx_free(cc->ctx);
  free(cc->rbuf);
}

static out_buf *check_findings(void *state) { return &((check_cmd *)state)->diag; }

static void check_input(cli_run *run, line_reader *r, void *user) {
  for_each_piece(run, r, check_piece, user);
}

/* What a file operand is, for a refusal. */
static const char *file_kind(mode_t m) {
  return S_ISDIR(m) ? "a directory" : S_ISFIFO(m) ? "a FIFO" : S_ISCHR(m) ? "a character device"
       : S_ISBLK(m) ? "a block device" : S_ISSOCK(m) ? "a socket" : S_ISLNK(m) ? "a symbolic link"
       : "not a regular file";
}

/* Writes the fixed text of the open file @fd (FILE @path, shown as @name)
 * to a temporary file beside it and renames that over it, keeping owner,
 * group and mode; leaves the file untouched when nothing changes. */
static void fix_in_place(cli_run *run, check_cmd *cc, const char *name, const char *path,
                         int in_fd, const struct stat *sb) {
  size_t nlen = strlen(path);
  char *tmp = malloc(nlen + 8);
  line_reader r;
  if (tmp == NULL) {
    close(in_fd);
    diag_fail(run, "%s: out of memory", name);
    return;
  }
  memcpy(tmp, path, nlen);
  memcpy(tmp + nlen, ".XXXXXX", 8);
  int fd = mkstemp(tmp);
  if (fd < 0) {
    close(in_fd);
    diag_fail(run, "%s: not changed: cannot create a temporary file beside it: %s", name,
              strerror(errno));
    free(tmp);
    return;
  }
  /* owner and group first: changing them clears the set-id bits */
  if (fchown(fd, sb->st_uid, sb->st_gid) != 0) {
    int e = errno;
    struct stat now;
    bool gid_ok = fchown(fd, (uid_t)-1, sb->st_gid) == 0;
    if (fstat(fd, &now) == 0 && (now.st_uid != sb->st_uid || now.st_gid != sb->st_gid))
      fprintf(stderr, "loc: %s: warning: the fixed file's %s (%s)\n", name,
              gid_ok || now.st_gid == sb->st_gid ? "owner is not kept" : "owner and group are not kept",
              strerror(e));
  }
  if (fchmod(fd, sb->st_mode & 07777) != 0)
    fprintf(stderr, "loc: %s: warning: the fixed file's mode %04o is not kept (%s)\n", name,
            (unsigned)(sb->st_mode & 07777), strerror(errno));
  bool failed_before = run->failed;
  run->failed = false;
  cc->changed = false;
  out_buf saved = cc->base.out;
  out_init(&cc->base.out, fd);
  if (lr_open_fd(&r, run, in_fd, name, LR_DEFAULT_BLOCK)) {
    for_each_piece(run, &r, check_piece, cc);
    lr_close(&r);
  }
  bool ok = out_flush(&cc->base.out) && !run->failed;
  out_free(&cc->base.out);
  cc->base.out = saved;
  if (ok && cc->changed && fsync(fd) != 0) {
    diag_fail(run, "%s: not changed: cannot sync the fixed text: %s", name, strerror(errno));
    ok = false;
  }
  if (close(fd) != 0)
    ok = false;
  if (ok && !cc->changed) {
    /* nothing to fix: the file stays as it is (same inode, same times) */
  } else if (ok && rename(tmp, path) != 0) {
    diag_fail(run, "%s: not changed: cannot replace it: %s", name, strerror(errno));
    ok = false;
  } else if (!ok) {
    diag_fail(run, "%s: not changed (read or write error)", name);
  } else {
    /* the rename itself is durable once the folder is synced */
    char *slash = strrchr(tmp, '/');
    const char *dir = ".";
    if (slash != NULL) {
      *slash = '\0';
      dir = slash == tmp ? "/" : tmp;
    }
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
      (void)fsync(dfd);
      close(dfd);
    }
    if (slash != NULL)
      *slash = '/';
  }
  if (!ok || !cc->changed)
    unlink(tmp);
  run->failed = run->failed || failed_before;
  free(tmp);
}

/* -i on one FILE operand: only a regular file with one link is edited; a
 * symbolic link only with --follow-symlinks, and then its target. */
static void check_in_place(cli_run *run, check_cmd *cc, const char *arg) {
  if (strcmp(arg, "-") == 0) {
    diag_fail(run, "-: standard input cannot be edited in place (-i needs FILE operands)");
    return;
  }
  struct stat sb;
  char *target = NULL;
  const char *path = arg;
  if (lstat(arg, &sb) != 0) {
    diag_fail(run, "%s: %s", arg, strerror(errno));
    return;
  }
  if (S_ISLNK(sb.st_mode)) {
    if (!cc->follow) {
      diag_fail(run, "%s: is a symbolic link; not edited in place (--follow-symlinks edits "
                "its target)", arg);
      return;
    }
    if ((target = realpath(arg, NULL)) == NULL || lstat(target, &sb) != 0) {
      diag_fail(run, "%s: cannot follow the symbolic link: %s", arg, strerror(errno));
      free(target);
      return;
    }
    path = target;
  }
  if (!S_ISREG(sb.st_mode)) {
    diag_fail(run, "%s: %s%s; only a regular file is edited in place", arg,
              target ? "links to " : "is ", file_kind(sb.st_mode));
  } else if (sb.st_nlink > 1) {
    diag_fail(run, "%s: has %ju hard links; not edited in place, which would split them", arg,
              (uintmax_t)sb.st_nlink);
  } else {
    /* O_NONBLOCK and O_NOFOLLOW: whatever replaced the file since lstat, an
     * open never blocks on a FIFO nor follows a new link */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
    struct stat now;
    if (fd < 0) {
      diag_fail(run, "%s: %s", arg, strerror(errno));
    } else if (fstat(fd, &now) != 0 || now.st_dev != sb.st_dev || now.st_ino != sb.st_ino) {
      close(fd);
      diag_fail(run, "%s: changed while being opened; not edited in place", arg);
    } else {
      (void)fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
      fix_in_place(run, cc, arg, path, fd, &now);
    }
  }
  free(target);
}

int cmd_check(int argc, char **argv) {
  cli_run run;
  cli_args args = cli_args_of(&check_command, &run, argc, argv);
  check_cmd cc = {.base.run = &run};
  /* --disable / --enable apply in command-line order once the checker exists */
  const char **toggles = calloc((size_t)argc + 1, sizeof *toggles);
  bool *toggle_on = calloc((size_t)argc + 1, sizeof *toggle_on);
  size_t ntoggles = 0;
  int status = EXIT_USAGE;
  loc_checker *ck = NULL;
  if (toggles == NULL || toggle_on == NULL) {
    fputs("loc: check: out of memory\n", stderr);
    goto done;
  }
  int opt;
  while ((opt = cli_next(&args)) >= 0) {
    switch (opt) {
    case OPT_RULES:
      print_rules();
      status = fflush(stdout) == 0 ? EXIT_DONE : EXIT_USAGE;
      goto done;
    case OPT_DISABLE:
    case OPT_ENABLE:
      toggles[ntoggles] = optarg;
      toggle_on[ntoggles++] = opt == OPT_ENABLE;
      break;
    }
  }
  if (opt == CLI_STOP) {
    status = args.status;
    goto done;
  }
  const char *lang = cli_arg(&args, OPT_LANG);
  cc.fix = cli_flag(&args, OPT_FIX);
  cc.in_place = cli_flag(&args, 'i');
  cc.follow = cli_flag(&args, OPT_FOLLOW);
  if (cc.in_place && !cc.fix) {
    status = diag_usage("check", "-i needs --fix");
    goto done;
  }
  if (cc.follow && !cc.in_place) {
    status = diag_usage("check", "--follow-symlinks needs -i");
    goto done;
  }
  if (cc.in_place && optind == argc) {
    status = diag_usage("check", "-i needs FILE operands (standard input cannot be replaced)");
    goto done;
  }
  loc_status st = loc_checker_new(lang, &ck);
  if (st != LOC_OK) {
    if (st == LOC_E_INVALID_TAG)
      status = diag_usage("check", "--lang '%s': not a valid BCP 47 tag", lang);
    else if (st == LOC_E_UNSUPPORTED)
      status = diag_usage("check", "--lang '%s': ICU has no exemplar characters for it", lang);
    else
      diag_lib_error("check", st);
    goto done;
  }
  for (size_t i = 0; i < ntoggles; i++)
    if (!set_rules(ck, toggles[i], toggle_on[i]))
      goto done;
  cc.checker = ck;
  if ((st = loc_check_ctx_new(ck, &cc.ctx)) != LOC_OK) {
    diag_lib_error("check", st);
    goto done;
  }
  out_init(&cc.base.out, 1);
  out_init(&cc.diag, cc.fix && !cc.in_place ? 2 : 1);
  if (cc.in_place) {
    for (int i = optind; i < argc; i++)
      check_in_place(&run, &cc, argv[i]);
  } else if (cc.fix) {
    for_each_input(&run, argc - optind, argv + optind, LR_DEFAULT_BLOCK, check_input, &cc);
  } else {
    par_job job = {.main = &cc, .state_size = sizeof(check_cmd),
                   .shared_end = offsetof(check_cmd, ctx), .state_init = check_init,
                   .state_fini = check_fini, .out = check_findings, .piece = check_piece};
    run_lines(&run, argc - optind, argv + optind, LR_DEFAULT_BLOCK, &job);
  }
  if (!out_flush(&cc.base.out))
    diag_fail(&run, "standard output: write error");
  if (!out_flush(&cc.diag))
    diag_fail(&run, "%s: write error on the findings",
              cc.fix && !cc.in_place ? "standard error" : "standard output");
  out_free(&cc.base.out);
  out_free(&cc.diag);
  status = cli_exit_status(&run);
done:
  check_fini(&cc);
  loc_checker_free(ck);
  free(toggles);
  free(toggle_on);
  return status;
}

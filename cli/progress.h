/* The status line of long runs (cli/progress.c), driven by run_lines. */
#ifndef LOC_CLI_PROGRESS_H
#define LOC_CLI_PROGRESS_H

#include "cli.h"

/* Starts the status line for @argc inputs when --progress was given or
 * stderr is a terminal; with regular files only, their total size makes a
 * percentage and the time left. Call from the thread that writes stderr. */
void progress_start(const cli_run *run, int argc, char **argv);
/* @bytes more read; @lines: lines read so far in all inputs. Redraws at
 * most four times a second. */
void progress_update(uint64_t bytes, uint64_t lines);
/* The final figures (with --progress), then the line is cleared. */
void progress_end(void);

#endif

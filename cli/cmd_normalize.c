/* loc normalize — to be implemented. */
#include "cli.h"

int cmd_normalize(int argc, char **argv) {
  (void)argc;
  (void)argv;
  return diag_usage("normalize", "not implemented yet");
}

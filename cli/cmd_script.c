/* loc script — to be implemented. */
#include "cli.h"

int cmd_script(int argc, char **argv) {
  (void)argc;
  (void)argv;
  return diag_usage("script", "not implemented yet");
}

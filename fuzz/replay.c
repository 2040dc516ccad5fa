/* Runs a fuzz target over files and folders of inputs (seed corpora and
 * crash reproducers), so that `meson test` replays them in any build,
 * with or without libFuzzer. Usage: fuzz_X-replay PATH... */
#include "fuzz.h"

#include <dirent.h>
#include <sys/stat.h>

static int run_file(const char *path) {
  FILE *f = fopen(path, "rb");
  if (f == NULL) {
    perror(path);
    return 1;
  }
  uint8_t *buf = malloc(FUZZ_MAX_INPUT + 1);
  size_t n = buf ? fread(buf, 1, FUZZ_MAX_INPUT + 1, f) : 0;
  fclose(f);
  if (buf == NULL)
    return 1;
  /* An exactly-sized heap copy lets ASan catch reads past the end. */
  uint8_t *exact = malloc(n ? n : 1);
  memcpy(exact, buf, n);
  free(buf);
  LLVMFuzzerTestOneInput(exact, n);
  free(exact);
  return 0;
}

static int run_path(const char *path, unsigned *count) {
  struct stat st;
  if (stat(path, &st) != 0) {
    perror(path);
    return 1;
  }
  if (!S_ISDIR(st.st_mode)) {
    (*count)++;
    return run_file(path);
  }
  DIR *d = opendir(path);
  if (d == NULL) {
    perror(path);
    return 1;
  }
  int rc = 0;
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    if (e->d_name[0] == '.')
      continue;
    char sub[4096];
    snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
    rc |= run_path(sub, count);
  }
  closedir(d);
  return rc;
}

int main(int argc, char **argv) {
  unsigned count = 0;
  int rc = 0;
  for (int i = 1; i < argc; i++)
    rc |= run_path(argv[i], &count);
  printf("replayed %u inputs\n", count);
  return rc != 0 || count == 0;
}

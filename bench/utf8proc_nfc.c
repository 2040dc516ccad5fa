/* Peer: utf8proc used the way its users do it — getline, utf8proc_NFC() (or
 * NFD/NFKC/NFKD) per line, fputs, free. A line utf8proc rejects (invalid
 * UTF-8) is copied through unchanged and counted on stderr. */
#include <utf8proc.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef utf8proc_uint8_t *(*norm_fn)(const utf8proc_uint8_t *);

int main(int argc, char **argv) {
  const char *form = argc > 1 ? argv[1] : "nfc";
  norm_fn fn;
  if (argc > 2)
    form = "";
  if (strcmp(form, "nfc") == 0)
    fn = utf8proc_NFC;
  else if (strcmp(form, "nfd") == 0)
    fn = utf8proc_NFD;
  else if (strcmp(form, "nfkc") == 0)
    fn = utf8proc_NFKC;
  else if (strcmp(form, "nfkd") == 0)
    fn = utf8proc_NFKD;
  else {
    fprintf(stderr, "usage: utf8proc_nfc [nfc|nfd|nfkc|nfkd] < IN > OUT\n");
    return 2;
  }

  char *line = NULL;
  size_t cap = 0;
  ssize_t n;
  unsigned long rejected = 0;
  while ((n = getline(&line, &cap, stdin)) != -1) {
    /* utf8proc_NFC() takes a NUL-terminated string, so a NUL inside a line
     * would cut it; the benchmark inputs have none. */
    utf8proc_uint8_t *res = fn((const utf8proc_uint8_t *)line);
    if (res == NULL) {
      rejected++;
      fwrite(line, 1, (size_t)n, stdout);
      continue;
    }
    fputs((const char *)res, stdout);
    free(res);
  }
  free(line);
  if (rejected)
    fprintf(stderr, "utf8proc_nfc: %lu lines rejected by utf8proc\n",
            rejected);
  if (fflush(stdout) != 0 || ferror(stdout)) {
    perror("utf8proc_nfc: stdout");
    return 2;
  }
  return rejected ? 1 : 0;
}

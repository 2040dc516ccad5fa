/* bench/langid: libloc's detector over held-out text.
 *
 *   detect_eval FILE.tsv [REPEAT]
 *
 * FILE.tsv: ISO639-3 <TAB> BCP47 <TAB> SCRIPT <TAB> TEXT per line (written by
 * tools/langid-train). Prints per line: truth, script, best guess (ISO
 * 639-3, the first candidate even when the answer is "und"), confidence,
 * answer (or "und"). On stderr: texts, bytes and CPU seconds of the median of
 * REPEAT passes (default 3; the median), detection only. */
#include <loc/loc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "Usage: detect_eval FILE.tsv [REPEAT]\n");
    return 2;
  }
  int repeat = argc > 2 ? atoi(argv[2]) : 3;
  FILE *f = fopen(argv[1], "r");
  if (f == NULL) {
    perror(argv[1]);
    return 2;
  }
  char **line = NULL, *buf = NULL;
  size_t n = 0, cap = 0, bytes = 0;
  ssize_t got;
  while ((got = getline(&buf, &cap, f)) > 0) {
    if (buf[got - 1] == '\n')
      buf[got - 1] = 0;
    line = realloc(line, (n + 1) * sizeof *line);
    line[n++] = strdup(buf);
  }
  fclose(f);
  const char **text = malloc(n * sizeof *text);
  for (size_t i = 0; i < n; i++) {
    char *t = line[i];
    for (int k = 0; k < 3 && t; k++)
      t = strchr(t, '\t') ? strchr(t, '\t') + 1 : NULL;
    text[i] = t ? t : "";
    bytes += strlen(text[i]);
  }
  loc_detector *d;
  if (loc_detector_new(loc_detect_model_default(), &d) != LOC_OK)
    return 1;
  loc_detect_result *res = malloc(n * sizeof *res);
  if (repeat < 1)
    repeat = 1;
  double *times = malloc(repeat * sizeof *times);
  for (int r = 0; r < repeat; r++) {
    double t0 = now();
    for (size_t i = 0; i < n; i++)
      loc_detect(d, text[i], strlen(text[i]), 1, &res[i]);
    times[r] = now() - t0;
  }
  /* median of the passes */
  for (int a = 1; a < repeat; a++)
    for (int b = a; b > 0 && times[b - 1] > times[b]; b--) {
      double t = times[b];
      times[b] = times[b - 1];
      times[b - 1] = t;
    }
  double best = times[repeat / 2];
  for (size_t i = 0; i < n; i++) {
    char truth[16] = "", script[8] = "";
    sscanf(line[i], "%15[^\t]\t%*[^\t]\t%7[^\t]", truth, script);
    const loc_detect_result *x = &res[i];
    printf("%s\t%s\t%s\t%.4f\t%s\n", truth, script,
           x->n_candidates ? x->candidates[0].iso639_3 : "und", x->confidence, x->iso639_3);
  }
  fprintf(stderr, "libloc\t%zu texts\t%zu bytes\t%.6f s\n", n, bytes, best);
  loc_detector_free(d);
  return 0;
}

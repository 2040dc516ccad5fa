/* Prints the segment ends of a whole file taken as one text (no line
 * splitting, no pieces), one per line, for comparison with what
 * `loc segment --json` finds reading the same single line in blocks.
 * Usage: whole_ends KIND FILE */
#include <loc/loc.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  loc_segment_kind kind;
  if (argc != 3 || loc_segment_kind_parse(argv[1], &kind) != LOC_OK) {
    fprintf(stderr, "usage: whole_ends grapheme|word|sentence|line FILE\n");
    return 2;
  }
  FILE *f = fopen(argv[2], "rb");
  if (f == NULL || fseek(f, 0, SEEK_END) != 0) {
    perror(argv[2]);
    return 2;
  }
  long size = ftell(f);
  char *buf = malloc(size > 0 ? (size_t)size : 1);
  rewind(f);
  if (buf == NULL || fread(buf, 1, (size_t)size, f) != (size_t)size) {
    fprintf(stderr, "cannot read %s\n", argv[2]);
    return 2;
  }
  fclose(f);
  loc_segment *segs;
  size_t n;
  loc_status st = loc_segment_all(NULL, kind, buf, (size_t)size, &segs, &n);
  if (st != LOC_OK) {
    fprintf(stderr, "%s\n", loc_status_message(st));
    return 2;
  }
  for (size_t i = 0; i < n; i++)
    printf("%zu\n", segs[i].end);
  loc_free(segs);
  free(buf);
  return 0;
}

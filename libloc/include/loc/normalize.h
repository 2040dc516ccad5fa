/* libloc — normalize (API to be filled in by the normalize module). */
#ifndef LOC_H_INSIDE
#error "Include <loc/loc.h>, not <loc/normalize.h> directly."
#endif
#ifndef LOC_NORMALIZE_H
#define LOC_NORMALIZE_H
#endif

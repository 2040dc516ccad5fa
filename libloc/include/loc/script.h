/* libloc — script (API to be filled in by the script module). */
#ifndef LOC_H_INSIDE
#error "Include <loc/loc.h>, not <loc/script.h> directly."
#endif
#ifndef LOC_SCRIPT_H
#define LOC_SCRIPT_H
#endif

/* Private: font-hack encodings (Kruti Dev, Bijoy): glyph tables
 * (fonthack_tables.c), the converter with its reordering passes
 * (fonthack.c) and the detector (fonthack_detect.c). */
#ifndef LOC_FONTHACK_H
#define LOC_FONTHACK_H

enum { FH_ALT = 1, FH_FROM = 2 };

typedef struct fh_entry {
  const char *legacy;  /* UTF-8 of the windows-1252 characters */
  const char *uni;     /* UTF-8; U+E000 marks the reph */
  int flags;
} fh_entry;

/* What the reordering passes need to know about the script. */
typedef struct fh_script {
  uint32_t first;          /* the block's first code point */
  uint32_t virama, nukta, ra;
  uint32_t pre_base[3];    /* vowel signs written before the consonant cluster */
  uint32_t e_sign, aa_sign, o_sign, au_sign, length_mark; /* split vowels (0: none) */
  uint32_t phala_ya;       /* consonant that joins as a phala after virama (0: none) */
  uint32_t khanda_ta;      /* a consonant outside the usual range (0: none) */
} fh_script;

typedef struct fh_encoding {
  const fh_entry *entries;
  size_t count;
  const fh_script *script;
} fh_encoding;

extern const fh_encoding loc__fh_krutidev;
extern const fh_encoding loc__fh_bijoy;

#define FH_REPH 0xE000u

/* Converts well-formed UTF-8 @in; appends the result to @out. */
loc_status loc__fh_convert(const fh_encoding *enc, bool to_unicode, const char *in,
                           size_t len, loc__buf *out);

/* Character classes of the detector's bigram model: 0 = line boundary and
 * controls, 1..95 = printable ASCII, 96 = the windows-1252 characters of
 * 0x80..0x9F, 97 = U+00A0..U+00FF, 98 = anything else. */
enum { FH_CLASSES = 99 };
int loc__fh_class(uint32_t cp);

/* Detector (fonthack_detect.c): probability that @s is text in the font
 * hack @which (0 Kruti Dev, 1 Bijoy) rather than Latin-script text. */
loc_status loc__fh_probability(int which, const char *s, size_t len, double *p);

#endif

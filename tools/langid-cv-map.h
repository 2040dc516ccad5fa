/* The Common Voice sample's locales for tools/langid-train: which language
 * of the model each locale's sentences are. */
#ifndef LANGID_CV_MAP_H
#define LANGID_CV_MAP_H

/* Common Voice locale (file name) -> ISO 639-3 code of the model. Locales
 * whose language the model does not have (no complete UDHR text) are
 * listed with NULL and left out; so is zh-HK, whose sentences are mostly
 * written Standard Chinese under a Cantonese locale (trained as Cantonese,
 * they pulled Mandarin text to yue). */
static const struct {
  const char *locale, *iso;
} langid_cv_map[] = {
    {"ab", "abk"},     {"ace", "ace"},    {"af", "afr"},       {"am", "amh"},
    {"an", NULL},      {"ar", "arb"},     {"as", NULL},        {"ast", "ast"},
    {"az", "azj"},     {"ba", NULL},      {"bas", NULL},       {"be", "bel"},
    {"bg", "bul"},     {"bn", "ben"},     {"br", "bre"},       {"ca", "cat"},
    {"ckb", "ckb"},    {"cnh", "cnh"},    {"co", "cos"},       {"cs", "ces"},
    {"cv", NULL},      {"cy", "cym"},     {"da", "dan"},       {"de", "deu"},
    {"dv", "div"},     {"dyu", "dyu"},    {"el", "ell"},       {"eo", "epo"},
    {"es", "spa"},     {"et", "ekk"},     {"eu", "eus"},       {"fa", "pes"},
    {"fi", "fin"},     {"fr", "fra"},     {"fy-NL", "fry"},    {"ga-IE", "gle"},
    {"gl", "glg"},     {"gn", "gug"},     {"ha", "hau"},       {"he", "heb"},
    {"hi", "hin"},     {"hr", "hrv"},     {"hsb", "hsb"},      {"ht", "hat"},
    {"hu", "hun"},     {"hy-AM", "hye"},  {"ia", "ina"},       {"id", "ind"},
    {"ig", "ibo"},     {"is", "isl"},     {"it", "ita"},       {"ja", "jpn"},
    {"ka", "kat"},     {"kab", "kab"},    {"kk", "kaz"},       {"km", "khm"},
    {"kmr", "kmr"},    {"kn", "kan"},     {"ko", "kor"},       {"kpv", NULL},
    {"ky", "kir"},     {"lb", "ltz"},     {"lg", "lug"},       {"lij", "lij"},
    {"lo", "lao"},     {"lt", "lit"},     {"lv", "lvs"},       {"mdf", NULL},
    {"mhr", NULL},     {"mk", "mkd"},     {"ml", "mal"},       {"mn", "khk"},
    {"mr", "mar"},     {"mrj", NULL},     {"ms", "zlm"},       {"mt", "mlt"},
    {"my", "mya"},     {"myv", NULL},     {"nan-tw", "nan"},   {"nb-NO", "nob"},
    {"ne-NP", "npi"},  {"nhi", NULL},     {"nl", "nld"},       {"nn-NO", "nno"},
    {"nr", "nbl"},     {"nso", "nso"},    {"oc", "oci"},       {"or", NULL},
    {"os", "oss"},     {"pa-IN", "pan"},  {"pl", "pol"},       {"ps", "pbu"},
    {"pt", "por"},     {"quy", "quy"},    {"rm-sursilv", "roh"}, {"rm-vallader", "roh"},
    {"ro", "ron"},     {"ru", "rus"},     {"rw", "kin"},       {"sah", "sah"},
    {"sat", NULL},     {"sc", "src"},     {"scn", NULL},       {"si", "sin"},
    {"sk", "slk"},     {"skr", "skr"},    {"sl", "slv"},       {"so", "som"},
    {"sq", "als"},     {"sr", "srp"},     {"ss", "ssw"},       {"st", "sot"},
    {"sv-SE", "swe"},  {"sw", "swh"},     {"ta", "tam"},       {"te", "tel"},
    {"tg", "tgk"},     {"th", "tha"},     {"ti", "tir"},       {"tig", NULL},
    {"tk", "tuk"},     {"tl", "tgl"},     {"tn", "tsn"},       {"tok", NULL},
    {"tr", "tur"},     {"ts", "tso"},     {"tt", "tat"},       {"tw", "twi"},
    {"ug", "uig"},     {"uk", "ukr"},     {"ur", "urd"},       {"uz", "uzn"},
    {"ve", "ven"},     {"vec", "vec"},    {"vi", "vie"},       {"vot", NULL},
    {"xh", "xho"},     {"yi", "ydd"},     {"yo", "yor"},       {"yue", "yue"},
    {"zgh", "zgh"},    {"zh-CN", "cmn"},  {"zh-HK", NULL},    {"zh-TW", "cmn"},
    {"zu", "zul"},     {"zza", NULL},
};

#endif

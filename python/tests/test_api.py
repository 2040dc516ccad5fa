"""loctext's API: the fixed names, each capability, errors and results."""

import os
import unicodedata

import pytest

import loctext
from loctext import idn

SOURCE_ROOT = os.environ.get("LOC_SOURCE_ROOT",
                             os.path.join(os.path.dirname(__file__), "..", ".."))
NOTO = "/usr/share/fonts/truetype/noto"


# ---------- module ----------

def test_version_and_components():
    v = loctext.versions()
    assert v["libloc"] == loctext.__version__
    assert set(v) >= {"icu", "unicode", "harfbuzz"}


def test_error_is_value_error_with_status():
    with pytest.raises(loctext.Error) as ei:
        loctext.normalize("x", form="NFX")
    e = ei.value
    assert isinstance(e, ValueError)
    assert e.status == -201 and e.code == "LOC_E_UNKNOWN_FORM"
    assert "unknown normalization form" in str(e) and "NFX" in str(e)


@pytest.mark.parametrize("call", [
    lambda s: loctext.normalize(s),
    lambda s: loctext.is_normalized(s),
    lambda s: loctext.translit(s, "Any-Latin"),
    lambda s: loctext.detect(s),
    lambda s: idn.to_ascii(s),
    lambda s: loctext.key(s),
    lambda s: list(loctext.segment(s)),
    lambda s: list(loctext.script_runs(s)),
    lambda s: list(loctext.check(s)),
    lambda s: loctext.normalize_many(["ok", s]),
])
def test_lone_surrogate_is_value_error(call):
    with pytest.raises(ValueError, match=r"lone surrogate U\+DC80 at index 2"):
        call("ab\udc80cd")


def test_not_a_str_is_type_error():
    with pytest.raises(TypeError, match="must be str"):
        loctext.normalize(b"abc")


# ---------- normalization ----------

@pytest.mark.parametrize("form", ["NFC", "NFD", "NFKC", "NFKD"])
def test_normalize_agrees_with_unicodedata(form):
    for s in ["e\u0301", "\u1e9b\u0323", "ﬁ", "한국어", "Å", "\u0958", "①"]:
        assert loctext.normalize(s, form) == unicodedata.normalize(form, s)
        assert loctext.is_normalized(s, form) == unicodedata.is_normalized(form, s)


def test_normalize_keyword_and_case_and_identity():
    s = "already NFC"
    assert loctext.normalize(s) is s
    assert loctext.normalize(text="ﬁ", form="nfkc") == "fi"
    assert loctext.normalize("ÄB", form="NFKC_CF") == "äb"
    assert loctext.normalize_many(["e\u0301", "x"], form="NFC") == ["é", "x"]


def test_latin1_and_ascii_shortcuts_agree_with_the_library():
    latin1 = "".join(map(chr, range(256)))
    for form in ("NFC", "NFD", "NFKC", "NFKD", "NFKC_CF"):
        want = unicodedata.normalize(form, latin1) if form != "NFKC_CF" else None
        got = loctext.normalize(latin1, form)
        if want is not None:
            assert got == want, form
        # the same text in a wider str layout goes through the library
        wide = latin1 + "\u0100"
        assert loctext.normalize(wide, form)[:-1] == got or form != "NFC"
    assert loctext.normalize("ABC", "NFKC_CF") == "abc"
    below = "".join(map(chr, range(0x100, 0x300)))  # 2-byte str below U+0300: NFC as it is
    assert loctext.normalize(below) is below and loctext.is_normalized(below)
    assert loctext.normalize(below + "\u0301") == unicodedata.normalize("NFC", below + "\u0301")
    assert loctext.normalize("\u0100\u0300") == "\u0100\u0300"  # Ā + grave has no composite
    assert loctext.normalize("A\u0300\u0100") == "\u00c0\u0100"


def test_normalize_long_expansion():
    s = "\ufdfa" * 1000  # 18 code points each in NFKD
    assert loctext.normalize(s, "NFKD") == unicodedata.normalize("NFKD", s)


# ---------- scripts ----------

def test_script_runs_brackets_and_indices():
    runs = list(loctext.script_runs("abc (αβγ) def"))
    assert [(r.script, r.text) for r in runs] == [("Latn", "abc ("), ("Grek", "αβγ"), ("Latn", ") def")]
    text = "日本語 текст"
    for r in loctext.script_runs(text):
        assert text[r.start:r.end] == r.text
    assert "ScriptRun(start=0" in repr(runs[0])


def test_script_summary():
    s = loctext.script_summary(["Привет", " мир", "!"])
    assert s.dominant == "Cyrl" and s.total == 11 and s.counts["Cyrl"] == 9
    assert loctext.script_summary("日本語のテキスト").dominant == "Jpan"
    assert loctext.script_for_language("am") == "Ethi"
    assert loctext.scripts_agree("Jpan", "Hira")
    with pytest.raises(loctext.Error):
        loctext.scripts_agree("Nope", "Latn")


# ---------- language detection ----------

def test_detect_fixed_names():
    d = loctext.detect("Alle Menschen sind frei und gleich an Würde und Rechten geboren.")
    assert d.lang == "de" and d.confidence > 0.9 and d.script == "Latn"
    assert d.candidates[0].lang == "de"
    assert len(loctext.detect("Alle Menschen sind frei", top=2).candidates) <= 2


def test_detect_und_and_many_and_spans():
    assert loctext.detect("12345 !!!").lang == "und"
    fr = ("Tous les êtres humains naissent libres et égaux en dignité et en droits. "
          "Ils sont doués de raison et de conscience.")
    es = ("Todos los seres humanos nacen libres e iguales en dignidad y derechos y, "
          "dotados como están de razón y conciencia.")
    assert [d.lang for d in loctext.detect_many([fr, es])] == ["fr", "es"]
    text = "The quick brown fox jumps over the lazy dog. Быстрая коричневая лиса прыгает."
    spans = list(loctext.detect_spans(text))
    assert spans[0].start == 0 and spans[-1].end == len(text)
    assert any(s.lang == "ru" for s in spans)
    for s in spans:
        assert text[s.start:s.end] == s.text
    assert len(loctext.detect_languages()) > 300


# ---------- transliteration ----------

def test_translit_empty_output():
    assert loctext.Transliterator("Any-Remove")("abc") == ""
    assert loctext.translit("\u309d", "Any-Latin") == ""


def test_translit_fixed_name_and_object():
    assert loctext.translit("Москва", "Any-Latin") == "Moskva"
    t = loctext.Transliterator("Any-Latin; Latin-ASCII")
    assert t("Αθήνα") == "Athena" and t.transliterate("Αθήνα") == "Athena"
    assert t.transliterate_many(["Київ", "Σ"]) == ["Kiiv", "S"]
    assert "Any-Latin" in repr(loctext.Transliterator("Any-Latin"))
    assert loctext.Transliterator("Latin-Cyrillic", reverse=True)("Москва") == "Moskva"


def test_translit_rules_and_errors():
    t = loctext.Transliterator("a > b; c > d;", rules=True)
    assert t("acab") == "bdbb"
    with pytest.raises(loctext.Error) as ei:
        loctext.Transliterator("No-Such-Transform")
    assert ei.value.code == "LOC_E_UNKNOWN_TRANSFORM" and "No-Such-Transform" in str(ei.value)
    with pytest.raises(loctext.Error, match="line 1"):
        loctext.Transliterator("a > ;;; [", rules=True)


def test_every_transform_id_opens():
    ids = loctext.transliterator_ids()
    assert len(ids) > 100 and ("Any-Latin" in {i for i, _ in ids})
    for tid, _desc in ids:
        t = loctext.Transliterator(tid)
        assert isinstance(t("abc αβγ абв"), str)


# ---------- legacy encodings ----------

def test_zawgyi():
    zg = "ျမန္မာ"
    assert loctext.zawgyi_probability(zg) > 0.95
    assert loctext.zawgyi_probability("hello") is None
    uni = loctext.zawgyi_to_unicode(zg)
    assert uni == "မြန်မာ"
    assert loctext.zawgyi_probability(uni) < 0.05
    assert loctext.legacy_from_unicode(uni, "zawgyi") == zg


def test_font_hack_krutidev():
    # "हिन्दी" in Kruti Dev 010 slots
    kd = "fgUnh"
    assert loctext.legacy_to_unicode(kd, "krutidev") == "हिन्दी"
    assert loctext.legacy_from_unicode("हिन्दी", "krutidev") == kd
    p = loctext.legacy_probability("fgUnh esa ;g ,d okD; gS", "krutidev")
    assert p is not None and p > 0.5
    with pytest.raises(loctext.Error, match="unknown legacy encoding"):
        loctext.legacy_to_unicode("x", "ascii-art")


# ---------- IDN ----------

def test_idn_fixed_names():
    r = idn.to_ascii("Bücher.example")
    assert r.ok and r.output == "xn--bcher-kva.example" and r.errors == ()
    assert idn.to_unicode("xn--bcher-kva.example").output == "bücher.example"


def test_idn_rejected_name_is_a_result_with_explanations():
    r = idn.to_ascii("a\u200db.com")
    assert not r.ok
    assert r.errors[0].code == "C2" and r.errors[0].offset == 1 and r.errors[0].char == "\u200d"
    assert "U+200D" in r.errors[0].message
    r = idn.to_ascii("-abc.com")
    assert not r.ok and r.errors[0].code == "V3"


def test_idn_check_profiles_and_levels():
    r = idn.check("bücher.example")
    assert r.ok and r.level == "single-script" and r.label_levels == ("single-script", "ascii")
    r = idn.check("Bücher.example")  # registration maps nothing: capitals in a U-label
    assert not r.ok and (r.errors[0].code, r.errors[0].char) == ("R_DISALLOWED", "B")
    r = idn.check("büchEr.example")
    assert (r.errors[0].char, r.errors[0].offset) == ("E", 4)
    assert idn.check("EXAMPLE.com").output == "example.com"  # ASCII case is allowed
    r = idn.check("a☃b.com")
    assert not r.ok and r.errors[0].code == "R_DISALLOWED"
    assert idn.check("a☃b.com", profile="uts46").ok
    mixed = "pаypal.com"  # Cyrillic а
    assert idn.check(mixed).ok
    r = idn.check(mixed, max_level="highly-restrictive")
    assert not r.ok and any(e.code == "R_LEVEL" for e in r.errors)
    with pytest.raises(loctext.Error):
        idn.check("x.com", profile="nope")
    assert idn.rfc5892_property("a") == "PVALID"
    assert idn.rfc5892_property("\u200d") == "CONTEXTJ"
    assert idn.rfc5892_property("A") == "DISALLOWED"


def test_idn_many_and_transitional():
    names = ["faß.de", "xn--zca.com", "a..b"]
    rs = idn.to_ascii_many(names)
    assert [r.output for r in rs[:2]] == ["xn--fa-hia.de", "xn--zca.com"]
    assert not rs[2].ok
    assert idn.to_ascii("faß.de", transitional=True).output == "fass.de"
    assert [r.ok for r in idn.check_many(["ok.com", "a☃.com"])] == [True, False]
    assert idn.to_unicode_many(["xn--zca.com"])[0].output == "ß.com"
    # errors of a rejected name are explained when first read, the same as at once
    bulk = idn.to_ascii_many(["a\u200db.com", "-x.com"])
    assert [r.errors for r in bulk] == [idn.to_ascii(n).errors for n in ["a\u200db.com", "-x.com"]]
    assert bulk[0] == idn.to_ascii("a\u200db.com") and bulk[0] != bulk[1]
    assert bulk[1].errors[0].code == "V3" and not bulk[1].truncated


# ---------- confusables ----------

def test_confusable_index():
    ix = loctext.ConfusableIndex(n for n in ["paypal.com", "example.org", "xn--bcher-kva.de"])
    assert len(ix) == 3 and ix.nbytes > 0
    m = ix.lookup("pаypal.com")
    assert [c.name for c in m] == ["paypal.com"]
    assert m[0].differences == (("а", "a"),)
    assert [c.name for c in ix.lookup("BÜCHER.de")] == ["xn--bcher-kva.de"]
    assert ix.lookup("unrelated.net") == []


# ---------- LGR ----------

LGR_XML = """<?xml version="1.0" encoding="utf-8"?>
<lgr xmlns="urn:ietf:params:xml:ns:lgr-1.0">
  <meta><version>1</version><language>und-Latn</language></meta>
  <data>
    <char cp="0061"><var cp="0430" type="blocked"/></char>
    <char cp="0430"><var cp="0061" type="blocked"/></char>
    <char cp="0062"/>
    <char cp="0063"/>
  </data>
</lgr>
"""


def test_lgr_from_xml():
    lgr = loctext.LGR(xml=LGR_XML, name="test.xml")
    assert lgr.meta["version"] == "1"
    v = lgr.evaluate("abc")
    assert v.disposition == "valid" and v.in_repertoire
    v = lgr.evaluate("abz")
    assert v.disposition == "invalid" and v.char == "z" and v.offset == 2
    vs = lgr.variants("ab")
    assert [(x.label, x.disposition) for x in vs.variants] == [("аb", "blocked")]
    assert vs.total == 1 and not vs.truncated
    assert lgr.index_label("аb") == lgr.index_label("ab")
    assert isinstance(lgr.validate(), list)


def test_lgr_errors():
    with pytest.raises(loctext.Error, match="bad.xml:1"):
        loctext.LGR(xml="<lgr", name="bad.xml")
    with pytest.raises(loctext.Error) as ei:
        loctext.LGR("/nonexistent/file.xml")
    assert ei.value.code == "LOC_E_IO"
    path = os.path.join(SOURCE_ROOT, "tests", "lgr", "defaults.xml")
    if os.path.exists(path):
        assert "defaults.xml" in repr(loctext.LGR(path))


# ---------- checks ----------

def test_check_findings_and_fix():
    text = "wo\u200brd e\u0301"
    fs = list(loctext.check(text))
    rules = {f.rule for f in fs}
    assert "not-nfc" in rules
    for f in fs:
        assert 0 <= f.start < f.end <= len(text)
    nfc = [f for f in fs if f.rule == "not-nfc"][0]
    assert text[nfc.start:nfc.end] == "e\u0301" and nfc.fix == "é"
    assert "é" in loctext.fix(text)
    c = loctext.Checker(disable=["not-nfc"])
    assert "not-nfc" not in {f.rule for f in c.check(text)}
    assert loctext.Checker(enable=["not-nfc"]).enabled_rules == ["not-nfc"]
    with pytest.raises(loctext.Error, match="unknown rule"):
        loctext.Checker(enable=["no-such-rule"])
    assert any(r.id == "not-nfc" for r in loctext.check_rules())


# ---------- keys ----------

def test_key():
    assert loctext.key("CAFÉ") == loctext.key("cafe\u0301")
    assert loctext.key("Café", folds=["diacritics"]) == "cafe"
    assert loctext.key("カタカナ", folds="kana") == loctext.key("かたかな")
    assert loctext.key("Москва", folds="romanize") == loctext.key("Moskva", folds="romanize")
    assert loctext.key_many(["A", "b"]) == ["a", "b"]
    k = loctext.Keyer("fa", "arabic")
    assert "fa" in repr(k) and k("ك") == k("ک")
    with pytest.raises(loctext.Error, match="unknown fold"):
        loctext.Keyer(folds="nope")


# ---------- segmentation ----------

def test_segment_words_and_bytes():
    text = "Hello, wörld! 你好"
    segs = list(loctext.segment(text))
    assert "".join(s.text for s in segs) == text
    assert [s.text for s in segs if s.type == "word"] == ["Hello", "wörld"]
    b = list(loctext.segment(text, bytes=True))
    enc = text.encode()
    assert [enc[s.start:s.end].decode() for s in b] == [s.text for s in segs]
    assert loctext.words("ภาษาไทยง่ายนิดเดียว", lang="th")[:2] == ["ภาษา", "ไทย"]
    assert len(list(loctext.segment("e\u0301x", "grapheme"))) == 2
    sents = list(loctext.segment("Mr. Smith left. He came back.", "sentence", "en"))
    assert len(sents) == 2
    lines = list(loctext.Segmenter("line").segments("a b\nc"))
    assert [s.type for s in lines] == ["soft", "hard", "soft"]
    assert len(loctext.Segmenter("word", uax=True).segments("ภาษา")) == 4
    with pytest.raises(loctext.Error):
        loctext.Segmenter("paragraph")


# ---------- tags ----------

def test_tags():
    t = loctext.tag("iw")
    assert t.valid and t.canonical == "he" and t.maximal == "he-Hebr-IL" and t.name == "Hebrew"
    bad = loctext.tag("en-US-x")
    assert not bad.valid and bad.errors and bad.errors[0].rule == "syntax"
    assert loctext.canonicalize_tag("sh") == "sr-Latn"
    with pytest.raises(loctext.Error):
        loctext.canonicalize_tag("not a tag")


# ---------- sorting ----------

def test_collation():
    assert loctext.sorted_texts(["z", "å", "a", "ä"], "sv") == ["a", "z", "å", "ä"]
    assert loctext.sorted_texts(["z", "å", "a"]) == ["a", "å", "z"]
    c = loctext.Collator("lt")
    assert sorted(["j", "y", "i"], key=c.sort_key) == ["i", "y", "j"]
    assert c.compare("e\u0301", "é") == 0 and c.compare("a", "b") == -1
    assert loctext.sorted_texts(["b", "a"], reverse=True) == ["b", "a"]
    assert isinstance(loctext.sort_key("x", "de"), bytes)
    assert "lt" in repr(c) and c.lang == "lt"


# ---------- shaping and rendering ----------

needs_noto = pytest.mark.skipif(not os.path.exists(f"{NOTO}/NotoSansDevanagari-Regular.ttf"),
                                reason="fonts-noto-core not installed")


@needs_noto
def test_shape():
    f = loctext.Font(f"{NOTO}/NotoSansDevanagari-Regular.ttf")
    assert f.upem == 1000 and f.has_char("क") and not f.has_char("ሀ")
    glyphs = loctext.shape("क्षि", f)
    assert 1 <= len(glyphs) < 5 and all(g.id != 0 for g in glyphs)
    assert {g.cluster for g in glyphs} <= {0, 1, 2, 3}
    latin = loctext.shape("office", loctext.Font(f"{NOTO}/NotoSans-Regular.ttf"), features="-liga")
    assert len(latin) == 6
    with open(f"{NOTO}/NotoSans-Regular.ttf", "rb") as fh:
        assert loctext.Font(data=fh.read()).upem == 1000
    with pytest.raises(loctext.Error):
        loctext.Font(data=b"not a font")


@needs_noto
def test_font_check():
    deva = loctext.Font(f"{NOTO}/NotoSansDevanagari-Regular.ttf")
    r = loctext.font_check(deva, "hi")
    assert r.verdict == "supported" and r.script == "Deva" and r.exemplars > 40 and r.missing == ""
    latin = loctext.Font(f"{NOTO}/NotoSans-Regular.ttf")
    r = loctext.font_check(latin, "hi", "नमस्ते")
    assert r.verdict == "unsupported" and "न" in r.missing and r.text_chars == 6
    assert r.missing == "".join(sorted(r.missing))
    with pytest.raises(loctext.Error):
        loctext.font_check(latin, "not a tag!")


@needs_noto
def test_render_png_and_svg():
    fonts = [loctext.Font(f"{NOTO}/NotoSans-Regular.ttf"),
             loctext.Font(f"{NOTO}/NotoSansDevanagari-Regular.ttf")]
    png = loctext.render("Hello नमस्ते", fonts, size=24, width=300)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert png[12:16] == b"IHDR" and int.from_bytes(png[16:20], "big") == 300
    assert png.endswith(b"IEND\xaeB`\x82")
    svg = loctext.render(["a", "b"], fonts, format="svg")
    assert b"<svg" in svg and b"<path" in svg and svg.endswith(b"</svg>\n")
    # rendered in memory: the same bytes every time, from any thread
    from concurrent.futures import ThreadPoolExecutor
    with ThreadPoolExecutor(2) as ex:
        again = list(ex.map(lambda _: loctext.render("Hello नमस्ते", fonts, size=24, width=300),
                            range(4)))
    assert again == [png] * 4
    with pytest.raises(ValueError):
        loctext.render("x", fonts, format="gif")

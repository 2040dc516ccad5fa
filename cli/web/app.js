// The page of `loc serve`: calls the JSON API under /api/v1/ on the same
// server and shows what it answers. No framework, no inline script (the
// server's CSP forbids it); text is only ever set with textContent.
"use strict";

const $ = (id) => document.getElementById(id);
const el = (tag, cls, text) => {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
};

function showError(message) {
  const box = $("error");
  box.textContent = message;
  box.hidden = !message;
}

// The server's answer to a POST of {body} to /api/v1/PATH: the JSON, or
// with raw the Response; throws an Error with the server's message.
async function api(path, body, raw) {
  let res;
  try {
    res = await fetch("/api/v1/" + path, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
  } catch (e) {
    throw new Error("The server could not be reached: " + e.message);
  }
  if (res.ok && raw) return res;
  let data = null;
  try {
    data = await res.json();
  } catch (e) {
    throw new Error(path + ": the server answered " + res.status + " without JSON.");
  }
  if (!res.ok) {
    const msg = data && data.error ? data.error.message : "HTTP " + res.status;
    throw new Error(path + ": " + msg + " (" + res.status + ")");
  }
  return data;
}

// Invisible and bidi control characters, shown as badges.
const CONTROLS = /[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0]/u;
const hex = (cp) => "U+" + cp.toString(16).toUpperCase().padStart(4, "0");

// Appends @s to @parent with the controls made visible.
function appendVisible(parent, s) {
  let plain = "";
  for (const ch of s) {
    if (CONTROLS.test(ch)) {
      if (plain) parent.append(plain);
      plain = "";
      const b = el("span", "ctl", hex(ch.codePointAt(0)));
      b.title = "invisible or bidi control character " + hex(ch.codePointAt(0));
      parent.append(b);
    } else {
      plain += ch;
    }
  }
  if (plain) parent.append(plain);
}

// Lines as the server cuts them (only "\n" ends a line), as UTF-8 bytes:
// the API's offsets are bytes within a line.
const encoder = new TextEncoder();
const decoder = new TextDecoder();
function splitLines(text) {
  if (text === "") return [];
  const lines = text.split("\n");
  if (text.endsWith("\n")) lines.pop();
  return lines;
}

// ---------- Text ----------

let last = null; // the text the results shown are for, and its findings

function badge(text, cls, title) {
  const b = el("span", "badge " + (cls || ""), text);
  if (title) b.title = title;
  return b;
}

// The line with the byte spans of @findings marked.
function markedLine(bytes, findings) {
  const cuts = new Set([0, bytes.length]);
  for (const f of findings) {
    cuts.add(Math.min(f.offset, bytes.length));
    cuts.add(Math.min(f.offset + f.length, bytes.length));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const span = el("span", "line-text");
  span.dir = "auto";
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const covering = findings.filter((f) => f.offset < b && f.offset + f.length > a);
    const piece = decoder.decode(bytes.subarray(a, b));
    if (covering.length === 0) {
      appendVisible(span, piece);
      continue;
    }
    const m = el("mark");
    m.className = covering.some((f) => f.severity === "error") ? "error" : "warning";
    m.title = covering.map((f) => f.severity + ": " + f.message + " [" + f.rule + "]").join("\n");
    appendVisible(m, piece);
    span.append(m);
  }
  return span;
}

async function fixOne(lineNo, f) {
  const lines = splitLines($("text").value);
  const bytes = encoder.encode(lines[lineNo - 1]);
  const fixed = new Uint8Array([...bytes.subarray(0, f.offset), ...encoder.encode(f.fix),
                                ...bytes.subarray(f.offset + f.length)]);
  lines[lineNo - 1] = decoder.decode(fixed);
  const text = $("text").value;
  $("text").value = lines.join("\n") + (text.endsWith("\n") ? "\n" : "");
  await checkText();
  $("text-status").textContent += " Fixed line " + lineNo + " (" + f.rule + ").";
}

async function fixAll() {
  showError("");
  try {
    const data = await api("check", { text: $("text").value, options: checkOptions(true) });
    const changed = data.text !== $("text").value;
    $("text").value = data.text;
    await checkText();
    $("text-status").textContent += changed ? " Every safe fix was applied." : " Nothing to fix.";
  } catch (e) {
    showError(e.message);
  }
}

async function convertZawgyi() {
  showError("");
  try {
    const data = await api("convert", { text: $("text").value,
                                        options: { from: "zawgyi", "if-zawgyi": true } });
    $("text").value = data.text;
    await checkText();
    $("text-status").textContent += " Zawgyi lines converted to Unicode.";
  } catch (e) {
    showError(e.message);
  }
}

function checkOptions(fix) {
  const o = {};
  const lang = $("lang").value.trim();
  if (lang) o.lang = lang;
  if (fix) o.fix = true;
  return o;
}

async function checkText() {
  showError("");
  const text = $("text").value;
  $("text-status").textContent = "Checking…";
  let check, detect, roman, zawgyi = null;
  try {
    [check, detect, roman] = await Promise.all([
      api("check", { text, options: checkOptions(false) }),
      api("detect", { text }),
      api("translit", { text, options: { transform: "Any-Latin" } }),
    ]);
    if (detect.results.some((r) => r.zawgyi > 0.95))
      zawgyi = await api("convert", { text, options: { from: "zawgyi", "if-zawgyi": true } });
  } catch (e) {
    showError(e.message);
    $("text-status").textContent = "";
    return;
  }
  last = { text, check };
  const lines = splitLines(text);
  const converted = zawgyi ? splitLines(zawgyi.text) : [];
  const list = $("lines");
  list.replaceChildren();
  let errors = 0, warnings = 0;
  lines.forEach((line, i) => {
    const n = i + 1;
    const findings = check.results.filter((f) => f.line === n);
    const d = detect.results.find((r) => r.line === n);
    const li = el("li");
    li.dataset.line = n;
    const head = el("div", "line-head");
    if (d) {
      head.append(badge(d.lang === "und" ? "language unknown" : d.lang, "lang",
                        "language " + d.lang + " (" + d.iso639_3 + "), confidence " + d.confidence));
      head.append(badge(d.script, "script", "dominant script " + d.script));
      if (d.zawgyi !== undefined && d.zawgyi > 0.95)
        head.append(badge("Zawgyi", "zawgyi", "Burmese in the Zawgyi encoding, P = " + d.zawgyi));
    }
    li.append(head);
    li.append(markedLine(encoder.encode(line), findings));
    if (d && d.zawgyi > 0.95 && converted[i] !== undefined) {
      const z = el("div", "converted");
      z.append(el("span", "muted", "In Unicode: "));
      const t = el("span", "line-text");
      t.dir = "auto";
      t.lang = "my";
      appendVisible(t, converted[i]);
      z.append(t);
      li.append(z);
    }
    if (findings.length) {
      const ul = el("ul", "findings");
      for (const f of findings) {
        const item = el("li", "finding " + f.severity);
        item.append(el("span", "sev", f.severity));
        item.append(" col " + f.col + ": ");
        item.append(el("span", "msg", f.message));
        item.append(" ");
        item.append(el("code", "rule", f.rule));
        if (f.fix !== undefined) {
          const b = el("button", "fix", "Fix");
          b.type = "button";
          b.setAttribute("aria-label", "Fix line " + n + ", " + f.rule);
          b.addEventListener("click", () => fixOne(n, f));
          item.append(" ", b);
        } else if (f.suggestion !== undefined) {
          const s = el("span", "muted", " suggestion: ");
          appendVisible(s, f.suggestion);
          item.append(s);
        }
        ul.append(item);
        if (f.severity === "error") errors++;
        else warnings++;
      }
      li.append(ul);
    }
    list.append(li);
  });
  $("fix-all").disabled = !check.results.some((f) => f.fix !== undefined);
  $("convert-zawgyi").hidden = !zawgyi || zawgyi.text === text;
  $("roman").textContent = "";
  appendVisible($("roman"), roman.text);
  $("text-results").hidden = false;
  $("text-status").textContent = lines.length + " line(s): " + errors + " error(s), " +
    warnings + " warning(s).";
  renderPreview(text);
}

async function renderPreview(text) {
  const img = $("render");
  const box = $("render-box");
  box.querySelector(".render-error")?.remove();
  try {
    const res = await api("render", { text, options: { width: 720, size: 22 } }, true);
    const svg = await res.text();
    img.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(svg);
    img.hidden = false;
  } catch (e) {
    img.hidden = true;
    box.append(el("p", "render-error", "No preview: " + e.message));
  }
}

function download() {
  const blob = new Blob([$("text").value], { type: "text/plain;charset=utf-8" });
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = "text.txt";
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

function readFile(file) {
  if (!file) return;
  const reader = new FileReader();
  reader.onload = () => {
    $("text").value = reader.result;
    checkText();
  };
  reader.onerror = () => showError("Could not read " + file.name + ".");
  reader.readAsText(file, "utf-8");
}

// ---------- Names ----------

let config = { fonts: [], lgrs: [], zone: false };

// @name with the code points in @marked (a Set) marked.
function markedName(name, marked) {
  const s = el("span", "name");
  s.dir = "auto";
  for (const ch of name) {
    if (marked.has(ch.codePointAt(0))) {
      const m = el("mark", "diff");
      appendVisible(m, ch);
      m.title = hex(ch.codePointAt(0));
      s.append(m);
    } else {
      appendVisible(s, ch);
    }
  }
  return s;
}

const cpOf = (u) => (u ? parseInt(u.slice(2), 16) : null);

function issuesCell(r) {
  const td = el("td", "issues");
  const all = [...r.errors.map((e) => ["error", e]), ...(r.warnings || []).map((w) => ["warning", w])];
  if (!all.length) {
    td.textContent = "none";
    return td;
  }
  const ul = el("ul");
  for (const [kind, e] of all) {
    const li = el("li", "finding " + kind);
    li.append(el("code", "rule", e.code), " ");
    appendVisible(li, e.message);
    if (e.lookalike) {
      li.append(" (looks like ");
      li.append(markedName(e.lookalike, new Set()));
      li.append(")");
    }
    ul.append(li);
  }
  td.append(ul);
  return td;
}

function lookalikeCell(c) {
  const td = el("td", "lookalikes");
  if (!config.zone) {
    td.textContent = "no zone loaded";
    return td;
  }
  if (!c || !c.matches.length) {
    td.textContent = "none";
    return td;
  }
  const ul = el("ul");
  for (const m of c.matches) {
    const li = el("li");
    const marked = new Set(m.differences.map((d) => cpOf(d.registered)).filter((x) => x !== null));
    li.append(markedName(m.name, marked));
    const diffs = m.differences.map((d) => (d.input || "–") + "→" + (d.registered || "–"));
    li.append(el("span", "muted", " " + (diffs.length ? diffs.join(", ") : "same name") +
                                  (m.key === "extended" ? " (extended)" : "")));
    ul.append(li);
  }
  td.append(ul);
  return td;
}

function lgrCell(r) {
  const td = el("td", "lgr");
  if (!r.lgr) {
    td.textContent = config.lgrs.length ? "no LGR chosen" : "no LGR loaded";
    return td;
  }
  td.append(el("span", "disp " + r.lgr.disposition, r.lgr.disposition));
  if (r.lgr.reason) td.append(el("div", "muted", r.lgr.reason));
  return td;
}

function variantsCell(v) {
  const td = el("td", "variants");
  if (!v) {
    td.textContent = "–";
    return td;
  }
  if (!v.variants.length) {
    td.textContent = "none";
    return td;
  }
  const ul = el("ul");
  for (const x of v.variants) {
    const li = el("li");
    li.append(markedName(x.label, new Set()), el("span", "muted", " " + x.disposition));
    ul.append(li);
  }
  td.append(ul);
  if (v.truncated) td.append(el("div", "muted", "of " + (v.count === null ? "very many" : v.count)));
  return td;
}

async function checkNames() {
  showError("");
  const names = $("names").value.split("\n").map((s) => s.trim()).filter((s) => s);
  const table = $("names-table");
  const body = table.querySelector("tbody");
  const lgr = $("lgr").value;
  $("names-status").textContent = "Checking…";
  try {
    const firstLabels = names.map((n) => n.split(".")[0].toLowerCase());
    const [check, conf, variants] = await Promise.all([
      api("idn/check", { names, options: lgr ? { lgr } : {} }),
      config.zone ? api("idn/confusables", { names }) : null,
      lgr ? api("idn/variants", { names: firstLabels, options: { lgr, max: 10 } }) : null,
    ]);
    body.replaceChildren();
    check.results.forEach((r, i) => {
      const tr = el("tr");
      tr.className = r.ok ? "ok" : "rejected";
      const name = el("th");
      name.scope = "row";
      name.append(markedName(r.input, new Set()));
      tr.append(name);
      const verdict = el("td", "verdict");
      verdict.append(el("strong", null, r.ok ? "✓ valid" : "✗ rejected"));
      if (r.output && r.output !== r.input) {
        const o = el("div", "muted");
        o.dir = "ltr";
        appendVisible(o, r.output);
        verdict.append(o);
      }
      tr.append(verdict);
      tr.append(el("td", "level", r.restriction_level || "–"));
      tr.append(issuesCell(r));
      tr.append(lookalikeCell(conf && conf.results[i]));
      tr.append(lgrCell(r));
      tr.append(variantsCell(variants && variants.results[i]));
      body.append(tr);
    });
    table.hidden = false;
    const bad = check.results.filter((r) => !r.ok).length;
    $("names-status").textContent = check.results.length + " name(s), " + bad + " rejected.";
  } catch (e) {
    showError(e.message);
    $("names-status").textContent = "";
  }
}

// ---------- set-up ----------

// Tabs: click, or arrow keys between them (WAI-ARIA tabs pattern).
function selectTab(tab) {
  for (const t of document.querySelectorAll('[role="tab"]')) {
    const on = t === tab;
    t.setAttribute("aria-selected", on);
    t.tabIndex = on ? 0 : -1;
    $(t.getAttribute("aria-controls")).hidden = !on;
  }
  tab.focus();
}

document.addEventListener("DOMContentLoaded", () => {
  const tabs = [...document.querySelectorAll('[role="tab"]')];
  for (const t of tabs) {
    t.addEventListener("click", () => selectTab(t));
    t.addEventListener("keydown", (e) => {
      const i = tabs.indexOf(t);
      if (e.key === "ArrowRight" || e.key === "ArrowLeft") {
        const d = e.key === "ArrowRight" ? 1 : tabs.length - 1;
        selectTab(tabs[(i + d) % tabs.length]);
        e.preventDefault();
      }
    });
  }
  $("run-check").addEventListener("click", checkText);
  $("fix-all").addEventListener("click", fixAll);
  $("convert-zawgyi").addEventListener("click", convertZawgyi);
  $("download").addEventListener("click", download);
  $("run-names").addEventListener("click", checkNames);
  $("file").addEventListener("change", (e) => readFile(e.target.files[0]));
  for (const [id, fn] of [["text", checkText], ["names", checkNames]]) {
    $(id).addEventListener("keydown", (e) => {
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        fn();
      }
    });
  }
  const ta = $("text");
  ta.addEventListener("dragover", (e) => { e.preventDefault(); ta.classList.add("drop"); });
  ta.addEventListener("dragleave", () => ta.classList.remove("drop"));
  ta.addEventListener("drop", (e) => {
    e.preventDefault();
    ta.classList.remove("drop");
    readFile(e.dataTransfer.files[0]);
  });
  fetch("/api/v1/health")
    .then((r) => r.json())
    .then((h) => { $("version").textContent = "version " + h.version; })
    .catch(() => showError("The server does not answer /api/v1/health."));
  fetch("/api/v1/config")
    .then((r) => r.json())
    .then((c) => {
      config = c;
      for (const name of c.lgrs) {
        const o = el("option", null, name);
        o.value = name;
        $("lgr").append(o);
      }
      if (c.lgrs.length) $("lgr").value = c.lgrs[0];
      $("zone-note").textContent = c.zone ? "Look-alikes: searched in the registered names."
        : "No registered names loaded (loc serve --zone FILE): no look-alike search.";
    })
    .catch(() => showError("The server does not answer /api/v1/config."));
});

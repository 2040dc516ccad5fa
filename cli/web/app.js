// The page of `loc serve`: calls the JSON API under /api/v1/ on the same
// server. No framework, no inline script (the server's CSP forbids it).
"use strict";

const $ = (id) => document.getElementById(id);

function showError(message) {
  const box = $("error");
  box.textContent = message;
  box.hidden = !message;
}

// POSTs {body} to /api/v1/PATH; resolves to the JSON answer or throws an
// Error with the server's message.
async function api(path, body) {
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
  let data = null;
  try {
    data = await res.json();
  } catch (e) {
    throw new Error("The server answered " + res.status + " without JSON.");
  }
  if (!res.ok) {
    const msg = data && data.error ? data.error.message : "HTTP " + res.status;
    throw new Error(path + ": " + msg + " (" + res.status + ")");
  }
  return data;
}

// Invisible and bidi control characters, shown as badges.
const CONTROLS = /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/;

// Appends @s to @parent with controls made visible.
function appendVisible(parent, s) {
  let plain = "";
  for (const ch of s) {
    if (CONTROLS.test(ch)) {
      if (plain) parent.append(plain);
      plain = "";
      const b = document.createElement("span");
      b.className = "ctl";
      b.textContent = "⟨U+" + ch.codePointAt(0).toString(16).toUpperCase().padStart(4, "0") + "⟩";
      b.title = "invisible or bidi control character";
      parent.append(b);
    } else {
      plain += ch;
    }
  }
  if (plain) parent.append(plain);
}

// The API's offsets are UTF-8 bytes within a line.
const encoder = new TextEncoder();
const decoder = new TextDecoder();
function lineBytes(text) {
  if (text === "") return [];
  const lines = text.split("\n");
  if (text.endsWith("\n")) lines.pop();
  return lines.map((l) => encoder.encode(l));
}

// One <li> per line, each span [start, end) wrapped and labelled.
function showSpans(results, key, label) {
  const list = $("lines");
  list.replaceChildren();
  const lines = lineBytes($("text").value);
  for (const r of results) {
    const bytes = lines[r.line - 1] || new Uint8Array();
    const li = document.createElement("li");
    const text = document.createElement("span");
    text.className = "line-text";
    text.dir = "auto";
    let alt = false;
    for (const s of r[key]) {
      const span = document.createElement("span");
      span.className = key === "runs" ? "run" : "seg";
      if (alt) span.dataset.alt = "1";
      alt = !alt;
      appendVisible(span, decoder.decode(bytes.subarray(s.start, s.end)));
      span.title = label(s);
      const tag = document.createElement("span");
      tag.className = "tag";
      tag.textContent = label(s);
      span.append(tag);
      text.append(span);
    }
    li.append(text);
    list.append(li);
  }
  $("text-status").textContent = results.length + " line(s)";
}

async function run(action) {
  showError("");
  $("normalized-box").hidden = true;
  const text = $("text").value;
  try {
    if (action === "script") {
      const data = await api("script", { text });
      showSpans(data.results, "runs", (s) => s.script);
    } else if (action === "segment") {
      const data = await api("segment", { text, options: { by: $("seg-by").value } });
      showSpans(data.results, "segments", (s) => s.type);
    } else {
      const data = await api("normalize", { text, options: { form: $("norm-form").value } });
      $("normalized").textContent = "";
      appendVisible($("normalized"), data.text);
      $("normalized").dataset.text = data.text;
      $("normalized-box").hidden = false;
      $("text-status").textContent =
        data.text === text ? "Already normalized." : "Normalized: the text changed.";
    }
  } catch (e) {
    showError(e.message);
  }
}

function download() {
  const blob = new Blob([$("normalized").dataset.text || ""], { type: "text/plain;charset=utf-8" });
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = "normalized.txt";
  a.click();
  URL.revokeObjectURL(a.href);
}

function readFile(file) {
  if (!file) return;
  const reader = new FileReader();
  reader.onload = () => { $("text").value = reader.result; };
  reader.onerror = () => showError("Could not read " + file.name + ".");
  reader.readAsText(file, "utf-8");
}

async function checkNames() {
  showError("");
  const names = $("names").value.split("\n").map((s) => s.trim()).filter((s) => s);
  const table = $("names-table");
  const body = table.querySelector("tbody");
  body.replaceChildren();
  table.hidden = true;
  try {
    const data = await api("idn/check", { names });
    for (const r of data.results) {
      const tr = document.createElement("tr");
      for (const v of [r.name || r.input || "", r.verdict || (r.ok ? "ok" : "error"),
                       JSON.stringify(r.errors || r)]) {
        const td = document.createElement("td");
        td.dir = "auto";
        appendVisible(td, String(v));
        tr.append(td);
      }
      body.append(tr);
    }
    table.hidden = false;
    $("names-status").textContent = data.results.length + " name(s)";
  } catch (e) {
    showError(e.message);
    $("names-status").textContent = "";
  }
}

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
  $("run-script").addEventListener("click", () => run("script"));
  $("run-segment").addEventListener("click", () => run("segment"));
  $("run-normalize").addEventListener("click", () => run("normalize"));
  $("download").addEventListener("click", download);
  $("run-names").addEventListener("click", checkNames);
  $("file").addEventListener("change", (e) => readFile(e.target.files[0]));
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
});

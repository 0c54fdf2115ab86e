//! The page's inline style and script: fixed text, the same on every page.

/// The page's style: plain, readable in light and dark mode, with the search
/// bar kept in view and the linked row (`:target`) highlighted.
pub(super) const STYLE: &str = r#":root{color-scheme:light dark;--line:#8884;--muted:#888}
body{font:14px/1.45 system-ui,sans-serif;margin:0 1rem 2rem}
body:not(.zh) [lang=zh],body.zh [lang=en]{display:none}
#bar{position:sticky;top:0;z-index:1;background:Canvas;display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;padding:.5rem 0;border-bottom:1px solid var(--line)}
#q{flex:1 1 16rem;font:inherit;padding:.3rem .5rem}
select{font:inherit}
h2{margin:1.5rem 0 .3rem;font-size:1.15rem}
table{border-collapse:collapse;width:100%;table-layout:fixed}
th,td{border-top:1px solid var(--line);padding:.3rem .4rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}
th:nth-child(1){width:8%}th:nth-child(2){width:17%}th:nth-child(3),th:nth-child(5){width:9%}th:nth-child(4),th:nth-child(6){width:7%}
td.t{overflow-wrap:normal}
section{content-visibility:auto;contain-intrinsic-size:auto 30rem}
tr{scroll-margin-top:4rem}
tr:target>td{background:#fd6;color:#000}
td small,.x p{display:block;margin:0 0 .2rem}
small,.n{color:var(--muted)}
.x p.h{margin-bottom:.3rem}
.x p.m>span{color:var(--muted)}
a.d{text-decoration:none}
"#;

/// The page's behaviour: search, filters, the language switch, and
/// revealing a linked row that the filters hide. Vendor text never appears
/// inside the script.
pub(super) const SCRIPT: &str = r#""use strict";
(function () {
  var q = document.getElementById("q"), lang = document.getElementById("lang"), n = document.getElementById("n");
  var filters = ["vendor", "surface", "category", "action"].map(function (id) { return document.getElementById(id); });
  var sections = [].slice.call(document.querySelectorAll("main section"));
  // Per row: its words (ASCII letters and digits) and its whole text, lower-cased,
  // from the code, symbol, message and texts cells (not the classification cells).
  var index = new Map();
  sections.forEach(function (s) {
    [].forEach.call(s.querySelectorAll("tbody tr"), function (r) {
      var text = [].filter.call(r.cells, function (c) { return !c.classList.contains("t"); })
        .map(function (c) { return c.textContent; }).join(" ").toLowerCase();
      index.set(r, { words: " " + text.replace(/[^a-z0-9]+/g, " "), text: text });
    });
  });
  // A query term matches when it starts a word (ASCII terms; punctuation in the
  // term joins consecutive words) or appears anywhere (terms with other characters).
  function matches(entry, terms) {
    return terms.every(function (t) {
      if (/[^\x00-\x7f]/.test(t)) return entry.text.indexOf(t) >= 0;
      var w = t.replace(/[^a-z0-9]+/g, " ").trim();
      return !w || entry.words.indexOf(" " + w) >= 0;
    });
  }
  function apply() {
    var terms = q.value.toLowerCase().split(/\s+/).filter(Boolean);
    var f = filters.map(function (s) { return s ? s.value : ""; });
    var shown = 0;
    sections.forEach(function (s) {
      var visible = 0;
      if ((!f[0] || s.dataset.v === f[0]) && (!f[1] || s.dataset.s === f[1])) {
        [].forEach.call(s.querySelectorAll("tbody tr"), function (r) {
          var ok = (!f[2] || r.dataset.c === f[2]) && (!f[3] || r.dataset.a === f[3]) && matches(index.get(r), terms);
          if (r.hidden === ok) r.hidden = !ok;
          if (ok) visible++;
        });
      }
      s.hidden = visible === 0;
      shown += visible;
    });
    n.textContent = shown;
  }
  function setLang(l) {
    var zh = l === "zh";
    document.body.classList.toggle("zh", zh);
    document.documentElement.lang = zh ? "zh-CN" : "en";
    q.placeholder = q.dataset[zh ? "zh" : "en"];
    [].forEach.call(document.querySelectorAll("option[data-zh]"), function (o) { o.textContent = o.dataset[zh ? "zh" : "en"]; });
    lang.value = zh ? "zh" : "en";
  }
  // A link to a row that the filters hide clears them first.
  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    var r = id && document.getElementById(id);
    if (r && r.tagName === "TR" && (r.hidden || r.closest("section").hidden)) {
      q.value = "";
      filters.forEach(function (s) { if (s) s.value = ""; });
      apply();
      r.scrollIntoView();
    }
  }
  q.addEventListener("input", apply);
  filters.forEach(function (s) { if (s) s.addEventListener("change", apply); });
  lang.addEventListener("change", function () { setLang(lang.value); });
  window.addEventListener("hashchange", reveal);
  setLang(new URLSearchParams(location.search).get("lang") || lang.value);
  apply();
  reveal();
})();
"#;

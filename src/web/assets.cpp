// The stylesheet and the script, embedded: the server needs no file beside it and the
// pages need nothing from the internet. Pages work without the script; it only adds
// comfort (a count of chosen files, a confirmation before a destructive action).
#include "web/html.hpp"

namespace ububiko::web {

const std::string& stylesheet() {
    static const std::string k_css = R"CSS(
:root { --ink:#1d2733; --muted:#5b6876; --line:#d5dbe1; --bg:#f6f7f9; --card:#fff; --accent:#0b5cad;
        --accent-ink:#fff; --mark:#ffe28a; --bad:#a4161a; --good:#1b6e3a; --warn:#8a5a00; }
* { box-sizing: border-box; }
html { font-size: 100%; }
body { margin:0; font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color:var(--ink);
       background:var(--bg); line-height:1.45; }
a { color:var(--accent); }
a:focus, button:focus, input:focus, select:focus, textarea:focus { outline:3px solid #f0a500; outline-offset:1px; }
.skip { position:absolute; left:-999px; } .skip:focus { left:8px; top:8px; background:#fff; padding:4px 8px; z-index:9; }
header.top { display:flex; flex-wrap:wrap; align-items:center; gap:.5rem 1.25rem; padding:.5rem 1rem;
             background:#12324f; color:#fff; }
header.top a { color:#fff; }
.brand a { font-weight:bold; font-size:1.2rem; text-decoration:none; }
.brand .commune { margin-left:.6rem; opacity:.85; font-size:.9rem; }
nav ul { list-style:none; display:flex; flex-wrap:wrap; gap:.25rem .9rem; margin:0; padding:0; }
nav a { text-decoration:none; padding:.2rem .1rem; border-bottom:2px solid transparent; }
nav a[aria-current="page"] { border-bottom-color:#f0a500; }
.who { margin-left:auto; display:flex; align-items:center; gap:.75rem; font-size:.9rem; }
.who button { background:transparent; color:#fff; border:1px solid #fff8; border-radius:4px; padding:.15rem .5rem; cursor:pointer; }
form.inline { display:inline; margin:0; }
main { max-width:1200px; margin:0 auto; padding:1rem; }
footer { text-align:center; color:var(--muted); font-size:.8rem; padding:1rem; }
h1 { font-size:1.45rem; margin:.3rem 0 1rem; } h2 { font-size:1.15rem; margin:1.2rem 0 .5rem; }
.card { background:var(--card); border:1px solid var(--line); border-radius:6px; padding:1rem; margin-bottom:1rem; }
label { display:block; font-weight:bold; margin:.5rem 0 .15rem; font-size:.92rem; }
input[type=text], input[type=password], input[type=search], input[type=date], select, textarea {
  width:100%; padding:.45rem .5rem; border:1px solid #9aa6b2; border-radius:4px; font:inherit; background:#fff; }
button, .button { display:inline-block; background:var(--accent); color:var(--accent-ink); border:0; border-radius:4px;
  padding:.5rem 1rem; font:inherit; cursor:pointer; text-decoration:none; }
button.secondary, .button.secondary { background:#e3e8ee; color:var(--ink); }
button.danger { background:var(--bad); }
.searchbar { display:flex; gap:.5rem; } .searchbar input { flex:1 1 auto; min-width:0; font-size:1.05rem; }
.searchbar select { width:auto; flex:0 0 auto; }
.visually-hidden { position:absolute; width:1px; height:1px; overflow:hidden; clip:rect(0 0 0 0); white-space:nowrap; }
.layout { display:grid; grid-template-columns: 250px 1fr; gap:1rem; }
.facets h2 { font-size:1rem; margin:.6rem 0 .3rem; } .facets ul { list-style:none; margin:0; padding:0; font-size:.9rem; }
.facets li { display:flex; justify-content:space-between; gap:.4rem; padding:.1rem 0; }
.facets .count { color:var(--muted); }
.facets .depth1 { padding-left:.9rem; } .facets .depth2 { padding-left:1.8rem; }
.hits { list-style:none; margin:0; padding:0; }
.hit { background:var(--card); border:1px solid var(--line); border-radius:6px; padding:.7rem .9rem; margin-bottom:.6rem; }
.hit h3 { margin:0 0 .2rem; font-size:1.05rem; }
.meta { color:var(--muted); font-size:.85rem; }
.snippet { margin:.35rem 0 0; }
mark { background:var(--mark); padding:0 .1em; }
.chips { display:flex; flex-wrap:wrap; gap:.4rem; margin:.5rem 0; }
.chip { background:#e3e8ee; border-radius:999px; padding:.1rem .6rem; font-size:.85rem; text-decoration:none; color:var(--ink); }
.pager { display:flex; gap:.6rem; align-items:center; margin:1rem 0; }
.notice { padding:.6rem .8rem; border-radius:4px; margin:.6rem 0; background:#e8f1fb; border:1px solid #b7d0ea; }
.notice.error { background:#fbeaea; border-color:#e3b3b3; color:var(--bad); }
.notice.ok { background:#e9f6ee; border-color:#b5dcc3; color:var(--good); }
table { border-collapse:collapse; width:100%; background:var(--card); }
th, td { text-align:left; padding:.35rem .5rem; border-bottom:1px solid var(--line); vertical-align:top; font-size:.92rem; }
th { background:#eef1f4; }
dl.fields { display:grid; grid-template-columns: 11rem 1fr; gap:.25rem .8rem; margin:0; }
dl.fields dt { color:var(--muted); } dl.fields dd { margin:0; }
.viewer { width:100%; height:75vh; border:1px solid var(--line); background:#fff; }
pre.text { white-space:pre-wrap; background:#fff; border:1px solid var(--line); padding:.8rem; max-height:32rem; overflow:auto; font-size:.88rem; }
.grid2 { display:grid; grid-template-columns:1fr 1fr; gap:1rem; }
.score { font-size:2rem; font-weight:bold; }
.bar { background:#e3e8ee; border-radius:3px; height:.7rem; } .bar span { display:block; height:100%; background:var(--accent); border-radius:3px; }
.suggestion { border-left:4px solid var(--accent); padding:.2rem .6rem; margin:.4rem 0; }
.suggestion ul { margin:.2rem 0; padding-left:1.2rem; font-size:.88rem; color:var(--muted); }
.badge { display:inline-block; font-size:.78rem; padding:0 .45rem; border-radius:3px; background:#e3e8ee; }
.badge.confidential { background:#fbeaea; color:var(--bad); } .badge.queued { background:#fff3d6; color:var(--warn); }
details.tree { margin-left:.8rem; } details.tree > summary { cursor:pointer; }
.login { max-width:24rem; margin:3rem auto; }
@media (max-width: 800px) {
  .layout, .grid2 { grid-template-columns: 1fr; }
  .layout .facets { order: 2; }  /* results first on a small screen */
  .searchbar { flex-wrap: wrap; } .searchbar input { flex: 1 1 100%; }
  dl.fields { grid-template-columns: 1fr; }
  .who { margin-left:0; }
  main { padding:.6rem; }
  .viewer { height:60vh; }
}
@media print {
  header.top, footer, nav, .no-print, form, .viewer, .skip { display:none !important; }
  body { background:#fff; font-size:11pt; } main { max-width:none; padding:0; }
  .card { border:0; padding:0; } a { color:inherit; text-decoration:none; }
  @page { size: A4; margin: 18mm; }
}
)CSS";
    return k_css;
}

const std::string& script() {
    static const std::string k_js = R"JS(
document.addEventListener('DOMContentLoaded', function () {
  document.querySelectorAll('form[data-confirm]').forEach(function (f) {
    f.addEventListener('submit', function (e) { if (!window.confirm(f.dataset.confirm)) e.preventDefault(); });
  });
  document.querySelectorAll('input[type=file][data-count]').forEach(function (input) {
    var out = document.getElementById(input.dataset.count);
    input.addEventListener('change', function () {
      if (out) out.textContent = Array.from(input.files).map(function (f) { return f.name; }).join(', ');
    });
  });
  document.querySelectorAll('form[data-busy]').forEach(function (f) {
    f.addEventListener('submit', function () {
      var b = f.querySelector('button[type=submit]');
      if (b) { b.disabled = true; b.textContent = f.dataset.busy; }
    });
  });
});
)JS";
    return k_js;
}

}  // namespace ububiko::web

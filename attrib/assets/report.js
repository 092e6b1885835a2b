// The claims table of report.html: every claim, sorted, searched and paged in the browser.
// Rows are built with textContent only (article text is never parsed as HTML). The page's
// address keeps the view: report.html?q=putin&flag=laundered&sort=n_documents&page=2
"use strict";
(function () {
  const data = JSON.parse(document.getElementById("claims-data").textContent);
  const cols = data.columns;           // names of the fields of each row
  const rows = data.rows;
  const at = Object.fromEntries(cols.map((c, i) => [c, i]));
  const PAGE = 100;
  const table = document.getElementById("claims-table");
  const body = table.querySelector("tbody");
  const search = document.getElementById("search");
  const flagSelect = document.getElementById("flag");
  const graphedOnly = document.getElementById("graphed");
  const counter = document.getElementById("count");
  const params = new URLSearchParams(location.search);
  const state = {
    q: params.get("q") || "", flag: params.get("flag") || "", graphed: params.get("graphed") === "1",
    sort: params.get("sort") || "", desc: params.get("desc") !== "0", page: Math.max(1, +params.get("page") || 1),
  };
  const haystack = rows.map(r => [r[at.claim_id], r[at.text], r[at.publishers], r[at.originals], r[at.flags]]
    .join("\n").toLowerCase());

  function matching() {
    const words = state.q.toLowerCase().split(/\s+/).filter(Boolean);
    const out = [];
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      if (state.flag && !(" " + r[at.flags] + " ").includes(" " + state.flag + " ")) continue;
      if (state.graphed && !r[at.graph]) continue;
      if (words.every(w => haystack[i].includes(w))) out.push(i);
    }
    if (state.sort && state.sort in at) {
      const k = at[state.sort], sign = state.desc ? -1 : 1;
      out.sort((a, b) => {
        const x = rows[a][k], y = rows[b][k];
        const c = typeof x === "number" ? x - y : String(x).localeCompare(String(y));
        return c ? sign * c : a - b;   // ties keep the default order (reports, flags, id)
      });
    }
    return out;
  }

  function cell(tr, value, cls) {
    const td = tr.insertCell();
    if (cls) td.className = cls;
    if (value !== undefined) td.textContent = typeof value === "number" ? value.toLocaleString("en") : value;
    return td;
  }

  function render() {
    const found = matching();
    const pages = Math.max(1, Math.ceil(found.length / PAGE));
    state.page = Math.min(state.page, pages);
    const first = (state.page - 1) * PAGE;
    const fragment = document.createDocumentFragment();
    for (const i of found.slice(first, first + PAGE)) {
      const r = rows[i];
      const tr = document.createElement("tr");
      tr.id = "claim-" + r[at.claim_id];
      cell(tr, r[at.claim_id], "id");
      cell(tr, r[at.text], "text");
      for (const c of ["n_statements", "n_documents", "n_publishers"]) cell(tr, r[at[c]], "num");
      cell(tr, r[at.n_independent_origins], "num");
      const names = String(r[at.originals]).split(" | ").filter(Boolean);
      const shown = names.slice(0, 6).join(" · ") + (names.length > 6 ? ` · +${names.length - 6} more` : "");
      cell(tr, `${r[at.n_originals]}: ${shown}`, "names").title = names.join("\n");
      cell(tr, r[at.n_unattributed], "num");
      const flags = cell(tr, undefined, "flags");
      for (const f of String(r[at.flags]).split(" ").filter(Boolean)) {
        const span = document.createElement("span");
        span.className = "flag";
        span.textContent = f;
        flags.appendChild(span);
      }
      const g = cell(tr, undefined, "graph");
      if (r[at.graph]) {   // a link only to a graph that is in this page
        const a = document.createElement("a");
        a.href = "#g-" + r[at.claim_id];
        a.textContent = "graph";
        g.appendChild(a);
      }
      fragment.appendChild(tr);
    }
    body.replaceChildren(fragment);
    const shown = found.length ? `${(first + 1).toLocaleString("en")}–${Math.min(first + PAGE, found.length).toLocaleString("en")} of ` : "";
    counter.textContent = `${shown}${found.length.toLocaleString("en")} matching claims`;
    document.getElementById("page").textContent = `page ${state.page} of ${pages}`;
    document.getElementById("prev").disabled = state.page <= 1;
    document.getElementById("next").disabled = state.page >= pages;
    for (const th of table.querySelectorAll("th[data-key]")) {
      if (th.dataset.key === state.sort) th.setAttribute("aria-sort", state.desc ? "descending" : "ascending");
      else th.removeAttribute("aria-sort");
    }
    remember();
  }

  function remember() {   // the view in the address, to share or reload it
    const p = new URLSearchParams();
    if (state.q) p.set("q", state.q);
    if (state.flag) p.set("flag", state.flag);
    if (state.graphed) p.set("graphed", "1");
    if (state.sort) { p.set("sort", state.sort); if (!state.desc) p.set("desc", "0"); }
    if (state.page > 1) p.set("page", state.page);
    const query = p.toString();
    try { history.replaceState(null, "", (query ? "?" + query : location.pathname) + location.hash); } catch (e) { /* file: in some browsers */ }
  }

  search.value = state.q;
  flagSelect.value = state.flag;
  graphedOnly.checked = state.graphed;
  search.addEventListener("input", () => { state.q = search.value; state.page = 1; render(); });
  flagSelect.addEventListener("change", () => { state.flag = flagSelect.value; state.page = 1; render(); });
  graphedOnly.addEventListener("change", () => { state.graphed = graphedOnly.checked; state.page = 1; render(); });
  document.getElementById("prev").addEventListener("click", () => { state.page--; render(); });
  document.getElementById("next").addEventListener("click", () => { state.page++; render(); });
  for (const th of table.querySelectorAll("th[data-key]")) {
    th.querySelector("button").addEventListener("click", () => {
      const key = th.dataset.key;
      state.desc = state.sort === key ? !state.desc : th.dataset.type === "number";
      state.sort = key;
      state.page = 1;
      render();
    });
  }
  // graphs fit the page; a click on "full size" shows one at its own size (scrolling inside its frame)
  for (const button of document.querySelectorAll("button.zoom")) {
    button.addEventListener("click", () => {
      const frame = button.closest(".graph");
      frame.classList.toggle("wide");
      button.textContent = frame.classList.contains("wide") ? "fit to page" : "full size";
    });
  }
  render();
})();

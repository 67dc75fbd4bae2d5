/*
 * jixiao report explorer (报告一览): sorting and filters for the server-rendered table.
 *
 * Reads the rows from explorer/reports.json (made at build time; relative URL, so it works from
 * any sub-path and on any static host). If that file cannot be read (e.g. a page opened from disk),
 * the rows already in the table are used. Filters: year, kind (部门整体 / 项目), grade, department name
 * (substring); every column header is a button that sorts (again: reverse). Filters are kept in the
 * URL query (?year=2021&kind=项目&grade=优秀&department=总工会) so a filtered view can be linked to.
 * An overall report's row links from its department cell, a project table's from its project cell.
 */
(function () {
  "use strict";

  var table = document.querySelector("table[data-jx-explorer]");
  var form = document.querySelector("form[data-jx-explorer-filters]");
  if (!table || !form) return;
  var tbody = table.tBodies[0];
  var count = form.querySelector(".jx-explorer__count");
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var rows = [];
  var sort = { key: "", dir: 1 };

  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function fromDom() {
    return Array.prototype.slice.call(tbody.rows).map(function (tr) {
      var c = tr.cells;
      var project = c[2].querySelector("a");
      var link = project || c[0].querySelector("a");
      var badge = c[6].querySelector(".jx-grade");
      var level = badge ? Number((badge.className.match(/jx-grade--(\d+)/) || [0, 0])[1]) : 0;
      var value = function (cell) { var t = cell.textContent.trim(); return t === "—" ? null : t; };
      return {
        href: link.getAttribute("href"), department: c[0].textContent.trim(),
        kind: tr.getAttribute("data-kind") || "", project: project ? project.textContent : null,
        year: Number(c[3].textContent),
        computed: value(c[4]), claimed: value(c[5]), grade: tr.getAttribute("data-grade") || null,
        grade_level: level, rate: null, rate_text: c[7].textContent.trim(),
        findings: Number(c[8].textContent), differs: tr.classList.contains("jx-differs")
      };
    });
  }

  function cell(value) {
    return value === null || value === undefined || value === "" ? "—" : escapeHtml(value);
  }

  function render(list) {
    var html = list.map(function (r) {
      var grade = r.grade
        ? '<span class="jx-grade jx-grade--' + Number(r.grade_level) + '">' + escapeHtml(r.grade) + "</span>"
        : '<span class="jx-grade jx-grade--0">—</span>';
      var link = function (text) { return '<a href="' + escapeHtml(r.href) + '">' + escapeHtml(text) + "</a>"; };
      return "<tr" + (r.differs ? ' class="jx-differs"' : "") + ' data-year="' + Number(r.year) +
        '" data-kind="' + escapeHtml(r.kind || "") + '" data-grade="' + escapeHtml(r.grade || "") +
        '"><th scope="row">' + (r.project ? escapeHtml(r.department) : link(r.department)) + "</th><td data-label='种类'>" +
        escapeHtml(r.kind || "") + '</td><td data-label="项目">' + (r.project ? link(r.project) : "—") +
        '</td><td class="jx-num" data-label="年度">' + Number(r.year) +
        '</td><td class="jx-num" data-label="复核总分">' + cell(r.computed) +
        '</td><td class="jx-num" data-label="报告所列总分">' + cell(r.claimed) +
        '</td><td data-label="等级">' + grade + '</td><td class="jx-num" data-label="预算执行率">' + cell(r.rate_text) +
        '</td><td class="jx-num" data-label="警告数">' + Number(r.findings) + "</td></tr>";
    }).join("");
    tbody.innerHTML = html;
    count.textContent = "显示 " + list.length + " / " + rows.length + " 份报告";
  }

  function sortValue(r, key, type) {
    var v = r[key];
    if (key === "rate" && (v === null || v === undefined)) v = null;
    if (type === "grade") return v ? v : null; // level 1 is the best grade; 0 means none
    if (type === "number") return v === null || v === undefined || v === "" ? null : parseFloat(v);
    return v === null || v === undefined ? null : String(v);
  }

  function compare(key, type, dir) {
    return function (a, b) {
      var x = sortValue(a, key, type), y = sortValue(b, key, type);
      if (x === null && y === null) return 0;
      if (x === null) return 1; // missing values last, whichever the direction
      if (y === null) return -1;
      var c = type === "text" ? x.localeCompare(y, "zh-Hans-CN") : x - y;
      return c * dir;
    };
  }

  function apply() {
    var year = form.elements.year.value;
    var kind = form.elements.kind.value;
    var grade = form.elements.grade.value;
    var dept = form.elements.department.value.trim();
    var list = rows.filter(function (r) {
      return (!year || String(r.year) === year) && (!kind || r.kind === kind) && (!grade || r.grade === grade) &&
        (!dept || r.department.indexOf(dept) >= 0);
    });
    if (sort.key) {
      var th = headers.filter(function (h) { return h.getAttribute("data-key") === sort.key; })[0];
      list.sort(compare(sort.key, th.getAttribute("data-type"), sort.dir));
    }
    render(list);
    var url = new URL(window.location.href);
    [["year", year], ["kind", kind], ["grade", grade], ["department", dept]].forEach(function (p) {
      if (p[1]) url.searchParams.set(p[0], p[1]); else url.searchParams.delete(p[0]);
    });
    window.history.replaceState(null, "", url.toString());
  }

  function setupSorting() {
    headers.forEach(function (th) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "jx-explorer__sort";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      th.setAttribute("aria-sort", "none");
      button.addEventListener("click", function () {
        var key = th.getAttribute("data-key");
        // numbers start high-to-low (best score first), text and grade start in order
        var first = th.getAttribute("data-type") === "number" ? -1 : 1;
        sort = { key: key, dir: sort.key === key ? -sort.dir : first };
        headers.forEach(function (h) { h.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", sort.dir > 0 ? "ascending" : "descending");
        apply();
      });
    });
  }

  function start(data) {
    rows = data;
    var params = new URL(window.location.href).searchParams;
    ["year", "kind", "grade", "department"].forEach(function (name) {
      var v = params.get(name);
      if (v !== null) form.elements[name].value = v;
    });
    form.hidden = false;
    table.setAttribute("data-ready", "");
    setupSorting();
    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
    apply();
  }

  fetch(new URL(table.getAttribute("data-src"), document.baseURI))
    .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
    .then(function (data) { start(data.reports); })
    .catch(function () { start(fromDom()); });
})();

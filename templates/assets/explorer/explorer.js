/*
 * jixiao report explorer (报告一览): sorting, filters and paging over ALL reports.
 *
 * Each explorer page is a complete server-rendered table of one page of reports (explorer/, explorer/2/ …,
 * with 上一页/下一页 links), so it reads without this script. The script shows the filters (year, kind
 * 部门整体/项目, grade, department name substring) and makes every column header a sort button (again:
 * reverse). Only when the reader sorts or filters does it fetch the compact row files
 * explorer/rows/<year>.json (listed on the year filter's options; under a year filter only that year's)
 * and, once, explorer/rows/departments.json,
 * then sorts and filters every report and pages the result itself. The view lives in the URL query
 * (?year=2021&kind=项目&grade=优秀&department=总工会&sort=computed&dir=desc&page=2) so it can be linked to.
 *
 * Order, as jixiao.render.explorer defines it: missing values last in either direction; text by code
 * point; the grade by its band (best first when ascending); the rate by the percentage shown; equal
 * values keep the default order (newest year, then department). If the row files cannot be read (a page
 * opened from disk), sorting and filters work on this page's rows only, and the count says so.
 */
(function () {
  "use strict";

  var table = document.querySelector("table[data-jx-explorer]");
  var form = document.querySelector("form[data-jx-explorer-filters]");
  if (!table || !form) return;
  var tbody = table.tBodies[0];
  var pager = document.querySelector("nav[data-jx-explorer-pager]");
  var count = form.querySelector(".jx-explorer__count");
  var caption = table.caption;
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var siteRoot = table.getAttribute("data-site");
  var pageSize = Number(table.getAttribute("data-page-size")) || 100;
  var total = Number(table.getAttribute("data-total"));
  var staticHtml = { rows: tbody.innerHTML, caption: caption.innerHTML, pager: pager ? pager.innerHTML : "",
                     pagerHidden: pager ? pager.hidden : true };
  var years = Array.prototype.slice.call(form.elements.year.options).filter(function (o) { return o.value; })
    .map(function (o, n) { return { year: o.value, src: o.getAttribute("data-src"), rank: n }; });
  var loaded = {}; // year -> promise of that year's rows
  var fallback = null; // this page's rows, when the row files cannot be read
  var state = { sort: "", dir: 1, page: 1 };
  var generation = 0;
  var NAMES = ["year", "kind", "grade", "department"];

  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function fill(pattern, year, dept, project) {
    return pattern.replace("{year}", year).replace("{dept}", dept).replace("{project}", project || "");
  }

  // one year's row file -> row objects; ``order`` keeps the default order across years (newest first)
  function decode(data, departments, rank) {
    var rows = [];
    for (var i = 0; i < data.count; i++) {
      var dept = departments[data.d[i]];
      var grade = data.g[i] === null ? null : data.grades[data.g[i]];
      var project = data.s[i];
      rows.push({
        order: rank * 1e7 + i,
        department: dept[0], departmentHref: fill(data.urls.department, data.year, dept[1]),
        href: fill(data.urls[project ? "project" : "report"], data.year, dept[1], project),
        kind: data.kinds[project ? 1 : 0], project: data.p[i] || null, year: data.year,
        computed: data.c[i], claimed: data.l[i], grade: grade ? grade[0] : null, level: grade ? grade[1] : 0,
        rate: data.r[i], rateFlagged: data.q ? data.q[i] === 1 : false,
        gradePrinted: data.o ? data.o[i] === 1 : false, findings: data.f[i], differs: data.x[i] === 1
      });
    }
    return rows;
  }

  function getJson(src) {
    return fetch(new URL(src, document.baseURI))
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); });
  }

  var departments = null; // promise of every department's [name, slug], fetched once
  function loadYear(entry) {
    if (!loaded[entry.year]) {
      departments = departments || getJson(table.getAttribute("data-departments"))
        .then(function (data) { return data.departments; });
      loaded[entry.year] = Promise.all([getJson(entry.src), departments])
        .then(function (parts) { return decode(parts[0], parts[1], entry.rank); });
    }
    return loaded[entry.year];
  }

  function load(year) {
    var wanted = years.filter(function (y) { return !year || y.year === year; });
    return Promise.all(wanted.map(loadYear)).then(function (parts) { return [].concat.apply([], parts); });
  }

  // this page's rows from the table itself (the fallback): hrefs are already relative to the page
  function fromDom() {
    return Array.prototype.slice.call(tbody.rows).map(function (tr, n) {
      var c = tr.cells;
      var project = c[2].querySelector("a");
      var link = project || c[0].querySelector("a");
      var badge = c[6].querySelector(".jx-grade");
      var level = badge ? Number((badge.className.match(/jx-grade--(\d+)/) || [0, 0])[1]) : 0;
      var value = function (cell) { var t = cell.textContent.trim(); return t === "—" ? null : t; };
      var flag = c[7].querySelector(".jx-flag"); // 待核实 after the rate
      var rate = c[7].textContent.replace(flag ? flag.textContent : "", "").trim();
      return {
        order: n, department: c[0].textContent.trim(), departmentHref: null, local: true,
        href: link.getAttribute("href"), kind: tr.getAttribute("data-kind") || "",
        project: project ? project.textContent : null, year: Number(c[3].textContent),
        computed: value(c[4]), claimed: value(c[5]), grade: tr.getAttribute("data-grade") || null, level: level,
        rate: rate === "—" || rate === "" ? null : rate.replace("%", ""), rateFlagged: Boolean(flag),
        gradePrinted: Boolean(c[6].querySelector(".jx-printed")),
        findings: Number(c[8].textContent),
        differs: tr.classList.contains("jx-differs")
      };
    });
  }

  function cell(value) {
    return value === null || value === undefined || value === "" ? "—" : escapeHtml(value);
  }

  function rowHtml(r) {
    var href = r.local ? r.href : siteRoot + r.href;
    var grade = r.grade
      ? '<span class="jx-grade jx-grade--' + Number(r.level) + '">' + escapeHtml(r.grade) + "</span>"
      : '<span class="jx-grade jx-grade--0">—</span>';
    if (r.gradePrinted) grade += ' <span class="jx-printed">报告所列</span>';
    var link = function (text) { return '<a href="' + escapeHtml(href) + '">' + escapeHtml(text) + "</a>"; };
    return "<tr" + ' data-year="' + Number(r.year) + '" data-kind="' + escapeHtml(r.kind) + '" data-grade="' +
      escapeHtml(r.grade || "") + '"' + (r.differs ? ' class="jx-differs"' : "") + '><th scope="row">' +
      (r.project ? escapeHtml(r.department) : link(r.department)) + '</th><td data-label="种类">' +
      escapeHtml(r.kind) + '</td><td data-label="项目">' + (r.project ? link(r.project) : "—") +
      '</td><td class="jx-num" data-label="年度">' + Number(r.year) +
      '</td><td class="jx-num" data-label="复核总分">' + cell(r.computed) +
      '</td><td class="jx-num" data-label="报告所列总分">' + cell(r.claimed) +
      '</td><td data-label="等级">' + grade + '</td><td class="jx-num" data-label="预算执行率">' +
      (r.rate === null ? "—" : escapeHtml(r.rate) + "%") + (r.rateFlagged ? ' <span class="jx-flag">待核实</span>' : "") +
      '</td><td class="jx-num" data-label="警告数">' + Number(r.findings) + "</td></tr>";
  }

  // code point order (UTF-16 code units put U+E000–U+FFFF after the surrogates; Python does not)
  function unit(c) { return c >= 0xD800 && c <= 0xDFFF ? c + 0x2000 : c >= 0xE000 ? c - 0x800 : c; }
  function compareText(a, b) {
    for (var i = 0, n = Math.min(a.length, b.length); i < n; i++) {
      var x = a.charCodeAt(i), y = b.charCodeAt(i);
      if (x !== y) return unit(x) - unit(y);
    }
    return a.length - b.length;
  }

  var KEYS = {
    department: function (r) { return r.department; },
    kind: function (r) { return r.kind; },
    project: function (r) { return r.project; },
    year: function (r) { return r.year; },
    computed: function (r) { return r.computed === null ? null : parseFloat(r.computed); },
    claimed: function (r) { return r.claimed === null ? null : parseFloat(r.claimed); },
    grade: function (r) { return r.level > 0 ? r.level : null; },
    rate: function (r) { return r.rate === null ? null : parseFloat(r.rate); },
    findings: function (r) { return r.findings; }
  };

  function compare(key, dir) {
    var get = KEYS[key];
    return function (a, b) {
      var x = get(a), y = get(b), c;
      if (x === null && y === null) c = 0;
      else if (x === null) return 1; // missing values last, whichever the direction
      else if (y === null) return -1;
      else c = (typeof x === "string" ? compareText(x, y) : x - y) * dir;
      return c || a.order - b.order;
    };
  }

  function filters() {
    return { year: form.elements.year.value, kind: form.elements.kind.value, grade: form.elements.grade.value,
             department: form.elements.department.value.trim() };
  }

  function active(f) { return state.sort || f.year || f.kind || f.grade || f.department || state.page > 1; }

  function query(f, page) {
    var params = new URLSearchParams();
    NAMES.forEach(function (name) { if (f[name]) params.set(name, f[name]); });
    if (state.sort) { params.set("sort", state.sort); params.set("dir", state.dir > 0 ? "asc" : "desc"); }
    if (page > 1) params.set("page", String(page));
    var text = params.toString();
    return text ? "?" + text : "";
  }

  function renderPager(f, page, pages) {
    if (!pager) return;
    if (pages <= 1) { pager.hidden = true; pager.innerHTML = ""; return; }
    var shown = [1, pages];
    for (var n = Math.max(1, page - 2); n <= Math.min(pages, page + 2); n++) shown.push(n);
    shown = shown.filter(function (v, i, a) { return a.indexOf(v) === i; }).sort(function (a, b) { return a - b; });
    var link = function (n, text, label, current) {
      return '<a class="jx-pager__page" href="' + escapeHtml(query(f, n) || "?") + '" data-page="' + n + '"' +
        (current ? ' aria-current="page" aria-label="' + label + '，当前页"' : label ? ' aria-label="' + label + '"' : "") +
        ">" + text + "</a>";
    };
    var off = function (text) { return '<span class="jx-pager__page" aria-disabled="true">' + text + "</span>"; };
    var html = page > 1 ? link(page - 1, "上一页", "") : off("上一页");
    var previous = 0;
    shown.forEach(function (n) {
      if (n > previous + 1) html += '<span class="jx-pager__gap" aria-hidden="true">…</span>';
      html += link(n, String(n), "第 " + n + " 页", n === page);
      previous = n;
    });
    html += page < pages ? link(page + 1, "下一页", "") : off("下一页");
    pager.innerHTML = html;
    pager.hidden = false;
  }

  function show(list, f, all) {
    var pages = Math.max(1, Math.ceil(list.length / pageSize));
    var page = Math.min(Math.max(1, state.page), pages);
    if (page !== state.page) { // a linked page number past the end: show the last page, and say so in the URL
      state.page = page;
      window.history.replaceState(null, "", window.location.pathname + query(f, page) + window.location.hash);
    }
    var first = (page - 1) * pageSize;
    var slice = list.slice(first, first + pageSize);
    tbody.innerHTML = slice.map(rowHtml).join("");
    var filtered = f.year || f.kind || f.grade || f.department;
    caption.textContent = (fallback ? "本页报告" : filtered ? "筛选结果" : "全部报告") + "（" + list.length + " 份）" +
      (pages > 1 ? "：第 " + page + " / " + pages + " 页，第 " + (first + 1) + "–" + (first + slice.length) + " 份" : "");
    count.textContent = fallback
      ? "无法载入全部报告的数据，排序与筛选仅限本页：显示 " + list.length + " / " + all + " 份报告"
      : "显示 " + list.length + " / " + all + " 份报告";
    renderPager(f, page, pages);
    table.setAttribute("data-view", query(f, page)); // what is shown (the tests wait for it)
  }

  function restoreStatic() {
    tbody.innerHTML = staticHtml.rows;
    caption.innerHTML = staticHtml.caption;
    if (pager) { pager.innerHTML = staticHtml.pager; pager.hidden = staticHtml.pagerHidden; }
    count.textContent = "";
    table.setAttribute("data-view", "");
  }

  function apply(scroll) {
    var f = filters();
    var mine = ++generation;
    window.history.replaceState(null, "", window.location.pathname + query(f, state.page) + window.location.hash);
    if (!active(f)) { restoreStatic(); return; }
    if (!fallback) count.textContent = "正在载入报告数据…";
    var source = fallback ? Promise.resolve(fallback) : load(f.year);
    source.catch(function () { fallback = fromDom(); return fallback; }).then(function (rows) {
      if (mine !== generation) return; // a newer view was asked for meanwhile
      var list = rows.filter(function (r) {
        return (!f.year || String(r.year) === f.year) && (!f.kind || r.kind === f.kind) &&
          (!f.grade || r.grade === f.grade) && (!f.department || r.department.indexOf(f.department) >= 0);
      });
      list.sort(state.sort ? compare(state.sort, state.dir) : function (a, b) { return a.order - b.order; });
      show(list, f, fallback ? fallback.length : total);
      if (scroll) table.scrollIntoView({ block: "start" });
    });
  }

  function markSorted() {
    headers.forEach(function (h) {
      var on = h.getAttribute("data-key") === state.sort;
      h.setAttribute("aria-sort", on ? (state.dir > 0 ? "ascending" : "descending") : "none");
    });
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
        state.dir = state.sort === key ? -state.dir : first;
        state.sort = key;
        state.page = 1;
        markSorted();
        apply(false);
      });
    });
  }

  function start() {
    var params = new URL(window.location.href).searchParams;
    NAMES.forEach(function (name) {
      var v = params.get(name);
      if (v !== null) form.elements[name].value = v;
    });
    var sort = params.get("sort");
    if (sort && KEYS[sort]) { state.sort = sort; state.dir = params.get("dir") === "asc" ? 1 : -1; }
    state.page = Math.max(1, parseInt(params.get("page"), 10) || 1);
    form.hidden = false;
    setupSorting();
    markSorted();
    table.setAttribute("data-ready", "");
    var refilter = function () { state.page = 1; apply(false); };
    form.addEventListener("input", refilter);
    form.addEventListener("change", refilter);
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    form.addEventListener("reset", function () { window.setTimeout(refilter, 0); });
    if (pager) {
      pager.addEventListener("click", function (e) {
        var a = e.target.closest("a[data-page]");
        if (!a) return; // the server-rendered pager's links are real pages
        e.preventDefault();
        state.page = Number(a.getAttribute("data-page"));
        apply(true);
      });
    }
    if (active(filters())) apply(false);
  }

  start();
})();

/*
 * jixiao header search: Pagefind full-text search over every report, in mkdocs-material's search box.
 *
 * Loads the Pagefind bundle only when the reader starts searching; every URL is resolved relative
 * to this page, so the site works from any sub-path and makes no third-party requests. Chinese
 * queries are segmented by Pagefind; pages containing the exact phrase the reader typed are ranked
 * first (a second, quoted Pagefind search), and a query in quotes finds only the exact phrase.
 * Facets (year, department, kind: 部门整体 / 项目, grade) are Pagefind filters. Keyboard: "/" or "s" opens the box,
 * arrows move between the box and the results (Tab reaches the facets), Enter in the box opens the
 * first result, Escape closes.
 */
(function () {
  "use strict";

  var root = document.querySelector("[data-jx-search]");
  var toggle = document.getElementById("__search");
  if (!root || !toggle) return;

  var form = root.querySelector("form");
  var input = root.querySelector("input[name=q]");
  var meta = root.querySelector(".md-search-result__meta");
  var list = root.querySelector(".md-search-result__list");
  var more = root.querySelector(".jx-search__more");
  var facets = Array.prototype.slice.call(root.querySelectorAll("select[data-jx-facet]"));
  var bundleUrl = new URL(root.getAttribute("data-jx-bundle"), document.baseURI).href;

  var GRADES = ["优秀", "良好", "中", "差"]; // the usual bands, best first, for the grade facet
  var KINDS = ["部门整体", "项目"]; // report kinds, overall reports first, for the kind facet
  var PAGE = 10; // results rendered per batch
  var SUBS = 3; // sections shown per report
  var pagefind = null;
  var facetsLoaded = false;
  var generation = 0; // discards results of superseded queries
  var ordered = []; // current results, phrase matches first
  var shown = 0;
  var phrase = "";

  function load() {
    if (!pagefind) {
      pagefind = import(bundleUrl).then(function (pf) {
        // init() fetches the engine (WebAssembly) and the index metadata while the reader types;
        // no worker: one script less to fetch (41 KB), and each query is small work
        return pf.options({ excerptLength: 40, noWorker: true }).then(function () { return pf.init(); })
          .then(function () { return pf; });
      });
    }
    return pagefind;
  }

  function text(html) {
    var div = document.createElement("div");
    div.innerHTML = html;
    return div.textContent || "";
  }

  function isCjk(q) {
    return /[\u3400-\u9fff\uf900-\ufaff]/.test(q);
  }

  function selectedFilters() {
    var filters = {};
    facets.forEach(function (select) {
      if (select.value) filters[select.getAttribute("data-jx-facet")] = select.value;
    });
    return filters;
  }

  function el(tag, cls, content) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (content !== undefined) node.innerHTML = content;
    return node;
  }

  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  // Pagefind excerpts are escaped text with <mark> inserted. Rebuild them from the text: where the
  // exact query occurs, mark exactly it; otherwise keep the words Pagefind marked.
  function safeExcerpt(html, title) {
    var plain = text(html.replace(/<mark>/g, "\u0001").replace(/<\/mark>/g, "\u0002"));
    if (title && plain.replace(/[\u0001\u0002]/g, "").indexOf(title) === 0) {
      plain = plain.replace(/[\u0001\u0002]/g, "").slice(title.length).replace(/^[.\s]+/, "");
    }
    var bare = plain.replace(/[\u0001\u0002]/g, "");
    if (phrase && bare.indexOf(phrase) >= 0) {
      return bare.split(phrase).map(escapeHtml).join("<mark>" + escapeHtml(phrase) + "</mark>");
    }
    return escapeHtml(plain).replace(/\u0001/g, "<mark>").replace(/\u0002/g, "</mark>")
      .replace(/<\/mark>(\s*)<mark>/g, "$1");
  }

  function cleanTitle(s) {
    return String(s || "").replace(/¶/g, "").trim();
  }

  function rankSubs(subs, data) {
    var page = data.url.split("#")[0];
    var scored = subs.map(function (sub, i) {
      var exact = phrase && text(sub.excerpt).indexOf(phrase) >= 0 ? 1 : 0;
      // a section under a heading beats the page top and the page title (h1)
      var anchored = sub.url !== page && !(sub.anchor && sub.anchor.element === "h1") ? 1 : 0;
      return { sub: sub, key: [exact, anchored, sub.locations ? sub.locations.length : 0, -i] };
    });
    scored.sort(function (a, b) {
      for (var k = 0; k < a.key.length; k++) if (a.key[k] !== b.key[k]) return b.key[k] - a.key[k];
      return 0;
    });
    return scored.slice(0, SUBS).map(function (s) { return s.sub; });
  }

  function render(data) {
    var m = data.meta || {};
    var item = el("li", "md-search-result__item");
    var head = el("a", "md-search-result__link");
    head.href = data.url;
    var article = el("article", "md-search-result__article md-typeset");
    article.appendChild(el("h1", null, escapeHtml(m.title || data.url)));
    var facts = [m.department, m.year ? m.year + " 年度" : "", m.kind === "项目" ? "项目表" : "",
      m.total ? "总分 " + m.total : "", m.grade]
      .filter(Boolean).join(" · ");
    if (facts) article.appendChild(el("p", "jx-search__facts", escapeHtml(facts)));
    head.appendChild(article);
    item.appendChild(head);
    var subs = rankSubs(data.sub_results || [], data);
    subs.forEach(function (sub) {
      var link = el("a", "md-search-result__link");
      link.href = sub.url;
      var a = el("article", "md-search-result__article md-typeset");
      var title = sub.url !== data.url ? cleanTitle(sub.title) : "";
      if (title) a.appendChild(el("h2", null, escapeHtml(title)));
      a.appendChild(el("p", null, safeExcerpt(sub.excerpt, title)));
      link.appendChild(a);
      item.appendChild(link);
    });
    if (!subs.length) {
      head.querySelector("article").appendChild(el("p", null, safeExcerpt(data.excerpt)));
    }
    return item;
  }

  // One page as found by several searches: the first one's data, with every search's sections.
  function merge(datas) {
    var data = datas[0];
    var seen = {};
    var subs = [];
    datas.forEach(function (d) {
      (d.sub_results || []).forEach(function (sub) {
        if (!seen[sub.url]) { seen[sub.url] = true; subs.push(sub); }
      });
    });
    return Object.assign({}, data, { sub_results: subs });
  }

  // Pagefind may hand every search's result for one page the same (cached) data object, so read
  // them one after the other and copy each one's sections before the next.
  function dataOf(alternatives) {
    var copies = [];
    return alternatives.reduce(function (done, r) {
      return done.then(function () {
        return r.data().then(function (d) {
          copies.push(Object.assign({}, d, { sub_results: (d.sub_results || []).slice() }));
        });
      });
    }, Promise.resolve()).then(function () { return merge(copies); });
  }

  // The next batch of results, each shown as soon as its data arrives, in rank order.
  function showMore(gen) {
    var batch = ordered.slice(shown, shown + PAGE);
    shown += batch.length;
    return Promise.all(batch.map(function (alternatives) {
      var slot = document.createElement("li");
      slot.hidden = true;
      list.appendChild(slot);
      return dataOf(alternatives).then(function (data) {
        if (gen === generation) slot.replaceWith(render(data));
      });
    })).then(function () {
      if (gen === generation) more.hidden = shown >= ordered.length;
    });
  }

  function loadFacets(pf) {
    if (facetsLoaded) return;
    facetsLoaded = true;
    pf.filters().then(function (all) {
      facets.forEach(function (select) {
        var facet = select.getAttribute("data-jx-facet");
        var values = Object.keys(all[facet] || {});
        values.sort(function (a, b) {
          if (facet === "year") return Number(b) - Number(a); // newest first
          var order = facet === "grade" ? GRADES : facet === "kind" ? KINDS : null;
          if (order) {
            var x = order.indexOf(a), y = order.indexOf(b); // in the given order, unknown labels last
            if (x !== y) return (x < 0 ? order.length : x) - (y < 0 ? order.length : y);
          }
          return a.localeCompare(b, "zh-Hans-CN");
        });
        values.forEach(function (v) {
          var option = document.createElement("option");
          option.value = v;
          option.textContent = v;
          select.appendChild(option);
        });
      });
    });
  }

  function search() {
    var gen = ++generation;
    var q = input.value.trim();
    if (!q) {
      list.innerHTML = "";
      more.hidden = true;
      meta.textContent = "输入关键词搜索全部报告；用引号（如 \"困难职工\"）只找完整短语";
      return Promise.resolve();
    }
    var quoted = /^".*"$/.test(q);
    phrase = quoted ? q.slice(1, -1) : q;
    meta.textContent = "正在搜索…";
    var filters = selectedFilters();
    // Pagefind's segmenter splits numbers at the dot (93.98 -> 93 . 98) inside Chinese text, so a
    // number is also searched as its parts; pages and sections holding the exact text rank first.
    var parts = phrase.replace(/(\d)\.(\d)/g, "$1 $2");
    return load().then(function (pf) {
      var exact = !quoted && isCjk(q) && !/\s/.test(q) ? pf.search('"' + q + '"', { filters: filters }) : null;
      var split = parts !== phrase ? pf.search(parts, { filters: filters }) : null;
      return Promise.all([exact, pf.search(q, { filters: filters }), split]).then(function (found) {
        if (gen !== generation) return;
        var lists = found.map(function (res) { return res && res.results ? res.results : []; });
        // rank pages: exact phrase, then as typed, then by number parts; a page's sections are those
        // every search located (a match in the metadata alone has none)
        var alternatives = {};
        [lists[0], lists[2], lists[1]].forEach(function (l) {
          l.forEach(function (r) { (alternatives[r.id] = alternatives[r.id] || []).push(r); });
        });
        var seen = {};
        ordered = [];
        [lists[0], lists[1], lists[2]].forEach(function (l) {
          l.forEach(function (r) {
            if (!seen[r.id]) { seen[r.id] = true; ordered.push(alternatives[r.id]); }
          });
        });
        shown = 0;
        list.innerHTML = "";
        return showMore(gen).then(function () {
          if (gen !== generation) return;
          meta.textContent = ordered.length ? "找到 " + ordered.length + " 份报告" : "没有找到相关报告";
          loadFacets(pf);
        });
      });
    }).catch(function () {
      if (gen === generation) meta.textContent = "搜索暂时不可用（搜索索引未能加载）";
    });
  }

  function open() {
    if (!toggle.checked) {
      toggle.checked = true;
      toggle.dispatchEvent(new Event("change"));
    }
  }

  function close() {
    if (toggle.checked) {
      toggle.checked = false;
      toggle.dispatchEvent(new Event("change"));
    }
    input.blur();
  }

  function focusables() {
    return [input].concat(Array.prototype.slice.call(
      root.querySelectorAll(".md-search-result__link, .jx-search__more:not([hidden])")));
  }

  var timer = 0;
  input.addEventListener("input", function () {
    open();
    window.clearTimeout(timer);
    timer = window.setTimeout(search, 60);
  });
  input.addEventListener("focus", function () { open(); load(); });
  toggle.addEventListener("change", function () {
    if (toggle.checked && document.activeElement !== input) input.focus();
  });
  facets.forEach(function (select) { select.addEventListener("change", search); });
  more.addEventListener("click", function () { showMore(generation); });
  form.addEventListener("reset", function () {
    window.setTimeout(function () { search(); input.focus(); }, 0);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = list.querySelector(".md-search-result__link");
    if (first) window.location.href = first.href;
  });

  document.addEventListener("keydown", function (event) {
    if (event.metaKey || event.ctrlKey || event.altKey) return;
    var target = event.target;
    var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (!toggle.checked) {
      if (!typing && (event.key === "/" || event.key === "s")) {
        event.preventDefault();
        open();
        input.focus();
        input.select();
      }
      return;
    }
    if (!root.contains(target) && target !== document.body) return;
    if (event.key === "Escape") {
      event.preventDefault();
      close();
    } else if ((event.key === "ArrowDown" || event.key === "ArrowUp") && target.tagName !== "SELECT") {
      var items = focusables();
      var at = items.indexOf(target);
      var next = (at + (event.key === "ArrowDown" ? 1 : -1) + items.length) % items.length;
      items[next].focus();
      event.preventDefault();
    }
  });

  var param = new URL(window.location.href).searchParams.get("q");
  if (param) {
    input.value = param;
    open();
    search();
  }
})();

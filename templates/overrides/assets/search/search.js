/*
 * jixiao header search: Pagefind full-text search over every report, in mkdocs-material's search box.
 *
 * Loads the Pagefind bundle only when the reader starts searching; every URL is resolved relative
 * to this page, so the site works from any sub-path and makes no third-party requests. Chinese
 * queries are segmented by Pagefind; pages containing the exact phrase the reader typed are ranked
 * first (a second, quoted Pagefind search), and a query in quotes finds only the exact phrase.
 * Facets (year, department, kind: 部门整体 / 项目, grade) are Pagefind filters, read when the reader
 * reaches for them. A query that is a department's
 * name, or part of one (教育局), lists those departments' reports first, whole names first, newest first
 * (the same search restricted to those departments by the department filter). Each result's fragment (Pagefind's per-page data, ~7 KB)
 * is fetched only when its place in the list scrolls into view (IntersectionObserver), so a query costs
 * the chunks it needs plus the results the reader sees. The top of the list (those departments'
 * reports, then the pages holding the exact phrase) is drawn as soon as those searches are done; the
 * costlier search as typed runs after the first result is on screen and adds the pages not yet listed
 * (the count 找到 N 份报告 then appears).
 * A site of several index bundles (a big site indexed in parts, a site assembled from shards):
 * pagefind/shards.json lists them ({"bundles": ["./"]} for a whole build), each is its own Pagefind
 * instance (createInstance), and a query searches them progressively: first the bundles of the shard
 * holding a department the query names (pagefind/department-shards.json, read only then), else those
 * holding a year it names, else the newest ("years" in shards.json); that first bundle's results are
 * drawn, then the other bundles are searched a few at a time and their results added below what is
 * drawn (the reader's list never moves), each in its group (named departments, exact phrase, as typed);
 * the count appears once all are searched. A bundle costs nothing until a query or the facets need it.
 * A whole site indexed in parts by department (shards.json "merge": true; each part its own shard, so
 * a named department's reports are searched for in its part only) searches every bundle in the first
 * wave and ranks the results of each group by Pagefind's score, as Pagefind's own merged search does.
 * Keyboard: "/" or "s" opens the box,
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
  var scroller = root.querySelector(".md-search__scrollwrap");
  var facets = Array.prototype.slice.call(root.querySelectorAll("select[data-jx-facet]"));
  var bundleUrl = new URL(root.getAttribute("data-jx-bundle"), document.baseURI).href;
  var bundleDir = bundleUrl.replace(/[^/]*$/, "");

  var GRADES = ["优秀", "良好", "中", "差"]; // the usual bands, best first, for the grade facet
  var KINDS = ["部门整体", "项目"]; // report kinds, overall reports first, for the kind facet
  var PAGE = 10; // result places added per batch; each loads its data when scrolled into view
  var DEPARTMENTS = 30; // at most this many departments whose name contains the query are listed first
  var SUBS = 3; // sections shown per report
  var loading = null; // the search engine: Pagefind and the bundles (load())
  var facetsLoaded = false;
  var generation = 0; // discards results of superseded queries
  var ordered = []; // current results, phrase matches first
  var shown = 0;
  var phrase = "";
  var departments = null; // every department name, once loaded
  var observer = null;

  // The bundles to search and what is known of them, from shards.json (relative to the bundle
  // directory; a whole build writes {"bundles": ["./"]}; without it, an older build, the one bundle):
  // "years", the report years each bundle holds (a site indexed in parts), and "shards", the bundles
  // of each shard of an assembled site, whose departments pagefind/department-shards.json gives.
  function listing() {
    return fetch(bundleDir + "shards.json").then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (list) { return list || {}; }, function () { return {}; });
  }

  // Every bundle has its own copy of Pagefind's engine (wasm.<language>.pagefind) and each instance
  // fetches its own bundle's; the page runs one engine (pagefind.js instantiates the WebAssembly once
  // and ignores later copies), so the copies after the first are answered with the first one's bytes.
  function shareEngine(dirs) {
    var real = window.fetch;
    var copies = {};
    window.fetch = function (input, init) {
      var url = new URL(typeof input === "string" ? input : (input && input.url) || "", document.baseURI).href;
      var name = null;
      dirs.forEach(function (dir) {
        var rest = url.indexOf(dir) === 0 ? url.slice(dir.length) : "";
        if (/^wasm\.[\w-]+\.pagefind$/.test(rest)) name = rest;
      });
      if (!name) return real.apply(window, arguments);
      if (!copies[name]) {
        copies[name] = real.call(window, input, init).then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.arrayBuffer();
        });
        copies[name].catch(function () { delete copies[name]; });
      }
      return copies[name].then(function (bytes) { return new Response(bytes); });
    };
  }

  function load() {
    if (!loading) {
      // the module is always this site's own (./): it loads while shards.json is read
      var module = import(bundleDir + "pagefind.js");
      module.catch(function () {}); // reported where it is used
      loading = Promise.all([module, listing()]).then(function (got) {
        var list = got[1];
        var dirs = Array.isArray(list.bundles) && list.bundles.length ? list.bundles : ["./"];
        var engine = {
          pf: got[0],
          dirs: dirs.map(function (dir) { return new URL(dir, bundleDir).href; }),
          years: Array.isArray(list.years) && list.years.length === dirs.length ? list.years : null,
          shards: Array.isArray(list.shards) ? list.shards : null,
          merge: list.merge === true && dirs.length > 1,
          instances: [],
          ready: null,
        };
        if (engine.dirs.length > 1) shareEngine(engine.dirs);
        // the bundle most queries start with (parts of one index: every one) loads its engine and
        // metadata while the reader types
        (engine.merge ? newestFirst(engine) : newestFirst(engine).slice(0, 1)).forEach(function (i) {
          instance(engine, i);
        });
        return engine;
      });
    }
    return loading;
  }

  // The Pagefind instance of bundle ``i`` (created on first use: it then fetches the bundle's entry and
  // metadata; no worker: one script less to fetch, 41 KB, and each query is small work). The first
  // one created instantiates the engine; the others wait for it, or each would instantiate its own.
  function instance(engine, i) {
    if (!engine.instances[i]) {
      var make = function () {
        return engine.pf.createInstance({ basePath: engine.dirs[i], excerptLength: 60, noWorker: true });
      };
      if (engine.ready) {
        engine.instances[i] = engine.ready.then(make);
      } else {
        var first = make();
        engine.ready = first.search("").then(function () {}, function () {}); // resolves once initialised
        engine.instances[i] = Promise.resolve(first);
      }
    }
    return engine.instances[i];
  }

  // The bundles in the order a query without other clues searches them: those holding the newest
  // reports first (a site in parts: its last parts), else as listed.
  function newestFirst(engine) {
    var order = engine.dirs.map(function (_, i) { return i; });
    if (!engine.years) return order;
    function newest(i) { return Math.max.apply(null, [0].concat(engine.years[i] || [])); }
    return order.sort(function (a, b) { return newest(b) - newest(a) || a - b; });
  }

  // Which shard holds each department (assembled sites): pagefind/department-shards.json, aligned with
  // the department names (explorer/department-names.json), read only for a query that names one.
  var departmentShards = null;
  function shardOfDepartment(engine) {
    if (!departmentShards) {
      departmentShards = !engine.shards ? Promise.resolve(null) : Promise.all([
        departmentNames(engine),
        fetch(bundleDir + "department-shards.json").then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.json();
        }),
      ]).then(function (got) {
        var names = got[0], shards = got[1].departments; // one base-36 digit per department ("-": none)
        if (typeof shards === "string") {
          shards = shards.split("").map(function (c) { return c === "-" ? -1 : parseInt(c, 36); });
        }
        if (!Array.isArray(shards) || shards.length !== names.length) return null;
        var map = {};
        names.forEach(function (name, n) { (map[name] = map[name] || []).push(shards[n]); });
        return map;
      }).catch(function () { return null; });
    }
    return departmentShards;
  }

  // The order a query searches the bundles in, and its first wave (the bundle whose results are
  // drawn first: the first in that order): the bundles of the shards holding the departments the
  // query names, in their order (a name in full first), each shard's newest first; then the bundles
  // holding a year the query or the year facet names; then the newest first. Resolves to {order,
  // first, holds(i) -> whether bundle i may hold a named department}.
  function route(engine, q, named, filters) {
    var base = newestFirst(engine);
    var year = filters.year || (/(?:^|\D)((?:19|20)\d\d)(?!\d)/.exec(q) || [])[1];
    if (year && engine.years) {
      var holding = base.filter(function (i) { return (engine.years[i] || []).indexOf(Number(year)) >= 0; });
      base = holding.concat(base.filter(function (i) { return holding.indexOf(i) < 0; }));
    }
    // a site indexed in parts by department ("merge"): every bundle in the first wave, its results ranked
    // by score as one bundle's would be (the bundles are parts of one index, alike)
    var plain = { order: base, first: engine.merge ? base.slice() : [base[0]], holds: function () { return true; } };
    if (!named.length || base.length < 2) return Promise.resolve(plain);
    return shardOfDepartment(engine).then(function (map) {
      if (!map) return plain;
      var bundlesOf = function (name) {
        var found = [];
        (map[name] || []).forEach(function (shard) { found = found.concat(engine.shards[shard] || []); });
        return base.filter(function (i) { return found.indexOf(i) >= 0; }); // newest first
      };
      var front = [];
      named.forEach(function (name) {
        bundlesOf(name).forEach(function (i) { if (front.indexOf(i) < 0) front.push(i); });
      });
      var order = front.concat(base.filter(function (i) { return front.indexOf(i) < 0; }));
      return {
        order: order,
        first: engine.merge ? order.slice() : [front.length ? front[0] : base[0]],
        holds: function (i) { return front.indexOf(i) >= 0; },
      };
    });
  }

  // Every department name, for putting the departments a query names first: from the site's list of
  // department names (explorer/department-names.json at the site root, next to pagefind/: one small
  // file however many index bundles the site has), or, when that cannot be read, from the department filter.
  function departmentNames(engine) {
    if (!departments) {
      departments = fetch(new URL("../explorer/department-names.json", bundleDir).href).then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      }).then(function (data) {
        if (!Array.isArray(data.names)) throw new Error("names");
        return data.names;
      }).catch(function () {
        return facetValues(engine).then(function (all) { return Object.keys(all.department || {}); });
      }).catch(function () { return []; });
    }
    return departments;
  }

  // The facets' values: every filter of every bundle (Pagefind's filters(), counts added up), read
  // only when the reader reaches for the facets (pointer over them, focus or touch) — on a site of
  // many bundles they cost each bundle's metadata and filter files — and filled in once.
  var filterValues = null;
  function facetValues(engine) {
    if (!filterValues) {
      filterValues = Promise.all(engine.dirs.map(function (_, i) {
        return instance(engine, i).then(function (pf) { return pf.filters(); });
      })).then(function (each) {
        var all = {};
        each.forEach(function (filters) {
          Object.keys(filters || {}).forEach(function (facet) {
            var into = all[facet] = all[facet] || {};
            Object.keys(filters[facet]).forEach(function (v) { into[v] = (into[v] || 0) + filters[facet][v]; });
          });
        });
        fillFacets(all);
        return all;
      });
      filterValues.catch(function () { filterValues = null; });
    }
    return filterValues;
  }

  function wantFacets() {
    if (!facetsLoaded) load().then(facetValues).catch(function () {});
  }

  // Departments whose name contains the query: the whole name first, then names it begins or ends,
  // then the rest; each group in the collation order of the department facet.
  function namedDepartments(names, q) {
    if (!isCjk(q) || q.length < 2) return [];
    var hits = names.filter(function (n) { return n.indexOf(q) >= 0; });
    function rank(n) { return n === q ? 0 : (n.indexOf(q) === 0 || n.slice(-q.length) === q) ? 1 : 2; }
    hits.sort(function (a, b) { return rank(a) - rank(b) || a.localeCompare(b, "zh-Hans-CN"); });
    return hits.slice(0, DEPARTMENTS);
  }

  // The reports of the named departments: those named in full first, then the others, newest first.
  // A search for the query restricted to those departments (a search without words would fetch
  // every index chunk; the query's chunks are fetched anyway).
  function departmentResults(pf, q, names, filters) {
    var whole = names.filter(function (n) { return n === q; });
    var part = names.filter(function (n) { return n !== q; });
    return Promise.all([whole, part].map(function (group) {
      if (!group.length) return Promise.resolve([]);
      var f = Object.assign({}, filters, { department: { any: group } });
      var options = { filters: f, sort: { newest: "desc" } };
      // The browser may split a name its dictionary lacks (安泽县 → 安/泽/县) into words the index,
      // split at build time, does not hold: the name then matches nothing as typed, yet the
      // department is named, so its reports are found by the name's longer words (妇女 联合) within
      // the department. (Not by the department alone: Pagefind reads every index chunk for that.)
      return pf.search(q, options).then(function (res) {
        var found = res && res.results ? res.results : [];
        var words = found.length ? "" : longWords(q);
        return !words ? found : pf.search(words, options).then(function (again) {
          return again && again.results ? again.results : [];
        });
      });
    })).then(function (lists) { return lists[0].concat(lists[1]); });
  }

  // The words of ``q`` longer than one character, as this browser splits it ("" when it cannot).
  function longWords(q) {
    if (!window.Intl || !Intl.Segmenter) return "";
    var words = [];
    var parts = new Intl.Segmenter("zh", { granularity: "word" }).segment(q);
    for (var it = parts[Symbol.iterator](), step = it.next(); !step.done; step = it.next()) {
      if (step.value.isWordLike !== false && step.value.segment.length > 1) words.push(step.value.segment);
    }
    var joined = words.join(" ");
    return joined === q ? "" : joined;
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

  // Sentence ends in report text: Chinese full stops, and the ". " Pagefind puts after a heading
  // or a paragraph without one.
  var ENDS = /[。！？；]|\.\s/g;

  // ``plain`` (text with \u0001/\u0002 around the matches) cut to whole sentences: from the start of
  // the sentence holding the first match to the end of the one holding the last, when the excerpt
  // holds them; an ellipsis where a sentence is cut.
  function sentences(plain) {
    var first = plain.indexOf("\u0001");
    var last = plain.lastIndexOf("\u0002");
    if (first < 0) return plain;
    var start = 0, end = -1, m;
    ENDS.lastIndex = 0;
    while ((m = ENDS.exec(plain))) {
      var after = m.index + m[0].length;
      if (after <= first) start = after;
      else if (m.index >= last && end < 0) end = after;
    }
    var cut = plain.slice(start, end < 0 ? plain.length : end).trim();
    return end < 0 ? cut + "…" : cut;
  }

  // Pagefind excerpts are escaped text with <mark> inserted. Rebuild them from the text: where the
  // exact query occurs, mark exactly it; otherwise keep the words Pagefind marked. Then keep the
  // sentences that hold the matches.
  function safeExcerpt(html, title) {
    var plain = text(html.replace(/<mark>/g, "\u0001").replace(/<\/mark>/g, "\u0002"));
    if (title && plain.replace(/[\u0001\u0002]/g, "").indexOf(title) === 0) {
      plain = plain.replace(/[\u0001\u0002]/g, "").slice(title.length).replace(/^[.\s]+/, "");
    }
    var bare = plain.replace(/[\u0001\u0002]/g, "");
    if (phrase && bare.indexOf(phrase) >= 0) {
      plain = bare.split(phrase).join("\u0001" + phrase + "\u0002");
    }
    return escapeHtml(sentences(plain)).replace(/\u0001/g, "<mark>").replace(/\u0002/g, "</mark>")
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

  // A result's place in the list: empty until it scrolls into view, then filled with its data.
  // Resolves when the place is filled (or will not be). A result drawn before a later search also
  // found its page is drawn again with that search's sections too (Pagefind keeps the fragment).
  function fill(slot) {
    var gen = Number(slot.getAttribute("data-gen"));
    var at = slot.getAttribute("data-at");
    var alternatives = ordered[Number(at)];
    if (gen !== generation || !alternatives) return Promise.resolve();
    var used = alternatives.length;
    return dataOf(alternatives.slice()).then(function (data) {
      if (gen !== generation || !slot.parentNode) return;
      var item = render(data);
      item.setAttribute("data-gen", String(gen));
      item.setAttribute("data-at", at);
      item.setAttribute("data-used", String(used));
      slot.replaceWith(item);
      return alternatives.length > used ? fill(item) : undefined;
    });
  }

  // Draw again the results whose pages a later search also found (see fill); resolves when drawn.
  function refill() {
    var items = Array.prototype.slice.call(list.querySelectorAll(".md-search-result__item[data-at]"));
    return Promise.all(items.map(function (item) {
      var alternatives = ordered[Number(item.getAttribute("data-at"))];
      return alternatives && alternatives.length > Number(item.getAttribute("data-used")) ? fill(item) : null;
    }));
  }

  function watch(slot) {
    if (!("IntersectionObserver" in window)) { fill(slot); return; }
    if (!observer) {
      observer = new IntersectionObserver(function (entries) {
        entries.forEach(function (entry) {
          if (!entry.isIntersecting) return;
          observer.unobserve(entry.target);
          fill(entry.target);
        });
      }, { root: scroller, rootMargin: "0px 0px 120px 0px" });
    }
    observer.observe(slot);
  }

  // Result places in rank order up to ``upto`` places in all (the next batch when omitted); each
  // loads its data when it comes into view.
  function showMore(gen, upto) {
    var batch = ordered.slice(shown, upto === undefined ? shown + PAGE : upto);
    batch.forEach(function (_, i) {
      var slot = el("li", "jx-search__pending");
      slot.setAttribute("data-gen", String(gen));
      slot.setAttribute("data-at", String(shown + i));
      slot.setAttribute("aria-hidden", "true");
      list.appendChild(slot);
      watch(slot);
    });
    shown += batch.length;
    more.hidden = shown >= ordered.length;
  }

  function fillFacets(all) {
    if (facetsLoaded) return;
    facetsLoaded = true;
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
  }

  function results(res) { return res && res.results ? res.results : []; }

  // Results of bundle ``b``, each with the key it is listed by (a page is in one bundle; its id is
  // unique there).
  function tagged(found, b) {
    return found.map(function (r) { return { r: r, key: b + ":" + r.id }; });
  }

  // One bundle's searches for a query, in two steps. ``top``: the named departments' reports
  // (skipped where the bundle holds none of them) and the pages holding the exact phrase; ``rest``:
  // the search as typed and by number parts (the costlier ones). Each resolves to its lists.
  function top(pf, b, ctx) {
    var exact = ctx.exact ? pf.search('"' + ctx.q + '"', { filters: ctx.filters }) : null;
    var named = ctx.names.length && ctx.plan.holds(b)
      ? departmentResults(pf, ctx.phrase, ctx.names, ctx.filters) : Promise.resolve([]);
    return Promise.all([named, exact]).then(function (got) {
      return [tagged(got[0], b), tagged(results(got[1]), b)];
    });
  }

  function rest(pf, b, ctx) {
    var split = ctx.parts !== ctx.phrase ? pf.search(ctx.parts, { filters: ctx.filters }) : null;
    return Promise.all([pf.search(ctx.q, { filters: ctx.filters }), split]).then(function (got) {
      return [tagged(results(got[0]), b), tagged(results(got[1]), b)];
    });
  }

  // The lists of the bundles of one wave (each bundle's lists by group, GROUPS order) as one list per
  // group: the named departments' reports bundle after bundle (the bundles come newest first), the
  // others by Pagefind's score, as Pagefind ranks the results of several bundles.
  var GROUPS = 4; // named departments, exact phrase, as typed, number parts: a result's group ranks it
  function wave(each) {
    var lists = [];
    for (var g = 0; g < GROUPS; g++) {
      var all = [];
      each.forEach(function (bundle) { all = all.concat(bundle[g] || []); });
      if (g > 0) all.sort(function (a, b) { return b.r.score - a.r.score; });
      lists.push(all);
    }
    return lists;
  }

  var alternatives = {}; // every search's result for a page of the current query, by key
  var groups = []; // the group of each of ``ordered``
  var listed = {}; // the keys of the pages in ``ordered``

  // Adds the lists of a wave (one per group). A page found by several searches is listed once, at
  // its best group's place, with every search's result (its data is read from them in the order
  // exact phrase, named departments, number parts, as typed: the exact phrase's excerpts centre on
  // the phrase). A result goes after every result of its group and of better ones, never above
  // the places already drawn: what the reader sees does not move.
  function add(lists) {
    [1, 0, 3, 2].forEach(function (g) {
      (lists[g] || []).forEach(function (t) { (alternatives[t.key] = alternatives[t.key] || []).push(t.r); });
    });
    lists.forEach(function (found, g) {
      found.forEach(function (t) {
        if (listed[t.key]) return;
        listed[t.key] = true;
        var at = ordered.length;
        while (at > shown && groups[at - 1] > g) at--;
        ordered.splice(at, 0, alternatives[t.key]);
        groups.splice(at, 0, g);
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
    var ctx = {
      q: q, phrase: phrase, parts: phrase.replace(/(\d)\.(\d)/g, "$1 $2"), filters: filters,
      exact: !quoted && isCjk(q) && !/\s/.test(q), names: [], plan: null,
    };
    var engine = null;
    return load().then(function (loaded) {
      engine = loaded;
      // (the department names are read only for a query that can name one)
      return filters.department || !isCjk(phrase) || phrase.length < 2 ? []
        : departmentNames(engine).then(function (names) { return namedDepartments(names, phrase); });
    }).then(function (names) {
      ctx.names = names;
      return route(engine, phrase, filters.department ? [filters.department] : names, filters);
    }).then(function (plan) {
      if (gen !== generation) return null;
      ctx.plan = plan;
      // The first wave's bundles: the top of the list (the named departments' reports, then the
      // exact phrase's pages) is shown as soon as those searches are done, its first result filled
      // at once; the searches as typed and by number parts run after that (Pagefind's engine runs on
      // this page's thread, and a query found on ~1,000 pages costs each search ~0.1–0.2 s) and add
      // the pages not yet listed.
      var pfs = plan.first.map(function (b) { return instance(engine, b); });
      return Promise.all(pfs.map(function (pf, n) {
        return pf.then(function (p) { return top(p, plan.first[n], ctx); });
      })).then(function (tops) {
        if (gen !== generation) return null;
        ordered = [];
        groups = [];
        alternatives = {};
        listed = {};
        shown = 0;
        list.innerHTML = "";
        if (scroller) scroller.scrollTop = 0;
        add(wave(tops));
        showMore(gen);
        var first = list.querySelector(".jx-search__pending");
        if (first && observer) observer.unobserve(first);
        return (first ? fill(first).catch(function () {}) : Promise.resolve()).then(function () {
          if (gen !== generation) return null;
          return Promise.all(pfs.map(function (pf, n) {
            return pf.then(function (p) { return rest(p, plan.first[n], ctx); });
          }));
        });
      });
    }).then(function (rests) {
      if (!rests || gen !== generation) return null;
      add(wave(rests.map(function (r) { return [[], []].concat(r); })));
      showMore(gen, PAGE);
      // the first result on screen before the other bundles take the page's thread
      var first = list.querySelector(".jx-search__pending[data-at='0']");
      if (first && observer) observer.unobserve(first);
      return Promise.all([first ? fill(first) : null, refill()]).catch(function () {}).then(function () {
        return others(engine, ctx, gen);
      });
    }).then(function (done) {
      // the count last: once it shows, the results on screen are final
      if (!done || gen !== generation) return;
      meta.textContent = ordered.length ? "找到 " + ordered.length + " 份报告" : "没有找到相关报告";
    }).catch(function () {
      if (gen === generation) meta.textContent = "搜索暂时不可用（搜索索引未能加载）";
    });
  }

  // The other bundles, a few at a time (each search's chunks are fetched at once, and the engine runs
  // on this page's thread), in the route's order; each wave's results are added below what is drawn
  // (the first places filled up to a page). A bundle that cannot be read adds nothing. Resolves to
  // true once every bundle is searched (false when a newer query took over).
  var BATCH = 3;
  function others(engine, ctx, gen) {
    var left = ctx.plan.order.filter(function (b) { return ctx.plan.first.indexOf(b) < 0; });
    function next() {
      if (gen !== generation) return Promise.resolve(false);
      if (!left.length) return Promise.resolve(true);
      meta.textContent = "已列出 " + ordered.length + " 份报告，其余仍在搜索…";
      var batch = left.splice(0, BATCH);
      return Promise.all(batch.map(function (b) {
        return instance(engine, b).then(function (pf) {
          return Promise.all([top(pf, b, ctx), rest(pf, b, ctx)]);
        }).then(function (got) { return got[0].concat(got[1]); }, function () { return []; });
      })).then(function (each) {
        if (gen !== generation) return false;
        add(wave(each));
        showMore(gen, Math.max(shown, PAGE));
        return next();
      });
    }
    return next();
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
  var facetArea = root.querySelector(".jx-search__facets");
  if (facetArea) {
    ["pointerenter", "focusin", "touchstart"].forEach(function (type) {
      facetArea.addEventListener(type, wantFacets, { passive: true });
    });
  }
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

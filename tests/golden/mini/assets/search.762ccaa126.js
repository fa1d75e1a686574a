// Full-text search with Pagefind's index, built into site/pagefind/ at build time.
// Results come ten at a time ("More results" loads the next ten), each labelled with its kind.
(function () {
  var form = document.getElementById("search-form");
  if (!form) return;
  var input = document.getElementById("search-q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  var PAGE = 10;
  var engine = null;
  var latest = 0;
  var found = [];
  var shown = 0;
  var query = "";

  // Every shard holds a page of the site's words (so shards agree on what matches): never a result.
  var WITHOUT_VOCABULARY = { filters: { not: { hidden: "vocabulary" } } };

  // A large site's index comes in shards (pagefind/shards.json lists the others): merge them all.
  function load() {
    if (!engine) {
      var base = form.getAttribute("data-base");
      var bundle = form.getAttribute("data-pagefind");
      engine = import(bundle).then(function (pagefind) {
        return pagefind.options({ baseUrl: base })
          .then(function () { return fetch(bundle.replace(/pagefind\.js$/, "shards.json")); })
          .then(function (response) { return response.ok ? response.json() : { shards: [] }; })
          .then(function (list) {
            return Promise.all(list.shards.map(function (folder) {
              return pagefind.mergeIndex(base + folder, { baseUrl: base });
            }));
          })
          .then(function () { return pagefind; });
      });
    }
    return engine;
  }

  function describe() {
    var total = found.length;
    status.textContent = (total === 0 ? "No results" : total + (total === 1 ? " result" : " results")) +
      " for \u201c" + query + "\u201d" + (total > shown ? ", showing the first " + shown : "") + ".";
    more.hidden = shown >= total;
  }

  function add(results) {
    results.forEach(function (data) {
      var item = document.createElement("li");
      var kind = document.createElement("span");
      kind.className = "result-kind";
      kind.textContent = (data.meta && data.meta.type) || "Page";
      var link = document.createElement("a");
      link.href = data.url;
      link.textContent = (data.meta && data.meta.title) || data.url;
      var excerpt = document.createElement("p");
      excerpt.innerHTML = data.excerpt; // Pagefind escapes page text and adds only <mark>
      item.appendChild(kind);
      item.appendChild(link);
      item.appendChild(excerpt);
      list.appendChild(item);
    });
  }

  function next(ticket) {
    var slice = found.slice(shown, shown + PAGE);
    return Promise.all(slice.map(function (r) { return r.data(); })).then(function (results) {
      if (ticket !== latest) return;
      add(results);
      shown += results.length;
      describe();
    });
  }

  function run() {
    var value = input.value.trim();
    var ticket = ++latest;
    history.replaceState(null, "", value ? "?q=" + encodeURIComponent(value) : location.pathname);
    if (!value) { list.textContent = ""; status.textContent = ""; more.hidden = true; return; }
    load().then(function (pagefind) { return pagefind.debouncedSearch(value, WITHOUT_VOCABULARY, 150); })
      .then(function (search) {
        if (!search || ticket !== latest) return null;
        query = value;
        found = search.results;
        shown = 0;
        list.textContent = "";
        return next(ticket);
      })
      .catch(function () { status.textContent = "Search is not available here: serve the site folder over HTTP, or go online."; });
  }

  more.addEventListener("click", function () {
    if (more.disabled) return; // one page at a time, or the same ten would come twice
    more.disabled = true;
    var first = list.children.length;
    next(latest).then(function () {
      more.disabled = false;
      var link = list.children[first] && list.children[first].querySelector("a");
      if (link) link.focus();
    }, function () { more.disabled = false; });
  });
  input.value = new URLSearchParams(location.search).get("q") || "";
  input.addEventListener("input", run);
  form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
  if (input.value) run(); else input.focus();
})();

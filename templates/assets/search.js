// Full-text search with Pagefind's index, built into site/pagefind/ at build time.
(function () {
  var form = document.getElementById("search-form");
  if (!form) return;
  var input = document.getElementById("search-q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var engine = null;
  var latest = 0;
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

  function render(results, query) {
    list.textContent = "";
    results.forEach(function (data) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = data.url;
      link.textContent = (data.meta && data.meta.title) || data.url;
      var excerpt = document.createElement("p");
      excerpt.innerHTML = data.excerpt; // Pagefind escapes page text and adds only <mark>
      item.appendChild(link);
      item.appendChild(excerpt);
      list.appendChild(item);
    });
    status.textContent = results.length + (results.length === 1 ? " result" : " results") + " for \u201c" + query + "\u201d";
  }

  function run() {
    var query = input.value.trim();
    var ticket = ++latest;
    history.replaceState(null, "", query ? "?q=" + encodeURIComponent(query) : location.pathname);
    if (!query) { list.textContent = ""; status.textContent = ""; return; }
    load().then(function (pagefind) { return pagefind.debouncedSearch(query, WITHOUT_VOCABULARY, 150); })
      .then(function (search) {
        if (!search || ticket !== latest) return null;
        return Promise.all(search.results.slice(0, 20).map(function (r) { return r.data(); }));
      })
      .then(function (results) {
        if (!results || ticket !== latest) return;
        render(results.slice(0, 20), query);
      })
      .catch(function () { status.textContent = "Search is not available offline from a file:// address; serve the site folder over HTTP."; });
  }

  input.value = new URLSearchParams(location.search).get("q") || "";
  input.addEventListener("input", run);
  form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
  if (input.value) run();
})();

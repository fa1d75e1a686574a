// Full-text search with Pagefind's index, built into site/pagefind/ at build time.
(function () {
  var form = document.getElementById("search-form");
  if (!form) return;
  var input = document.getElementById("search-q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var engine = null;
  var latest = 0;

  function load() {
    if (!engine) {
      engine = import(form.getAttribute("data-pagefind")).then(function (pagefind) {
        return pagefind.options({ baseUrl: form.getAttribute("data-base") }).then(function () { return pagefind; });
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
    load().then(function (pagefind) { return pagefind.debouncedSearch(query, {}, 150); })
      .then(function (search) {
        if (!search || ticket !== latest) return null;
        return Promise.all(search.results.slice(0, 20).map(function (r) { return r.data(); }));
      })
      .then(function (results) { if (results && ticket === latest) render(results, query); })
      .catch(function () { status.textContent = "Search is not available offline from a file:// address; serve the site folder over HTTP."; });
  }

  input.value = new URLSearchParams(location.search).get("q") || "";
  input.addEventListener("input", run);
  form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
  if (input.value) run();
})();

// Stronger Strides offline: our own small service worker (see README, "Offline and install").
// The shell is cached on install; every page a reader opens is kept (the newest 60); a plan the
// reader keeps lives in its own cache ("ss-kept", written by the plan page) and is never trimmed.
// Pages come from the network first, so a reader online always sees the newest build.
var SHELL = ["/guide/", "/guide/search/", "/guide/404.html", "/guide/assets/style.da5ed16981.css", "/guide/assets/theme.64bdec7585.js", "/guide/assets/icons.9f55988f5e.svg", "/guide/assets/favicon.9ced96d840.svg", "/guide/assets/plan-page.7aed95f599.js", "/guide/assets/plans.a2278e44f6.js", "/guide/assets/finder.ff89471313.js", "/guide/assets/search.762ccaa126.js", "/guide/assets/icon-192.374cd97d5b.png"];
var SHELL_CACHE = "ss-shell-" + SHELL.join(" ").split("").reduce(function (h, c) { return (h * 31 + c.charCodeAt(0)) | 0; }, 7).toString(36);
var PAGES_CACHE = "ss-pages";
var PAGES_KEPT = 60;
var BASE = new URL("/guide/", self.location).pathname;
var STYLE = "/guide/assets/style.da5ed16981.css";
var TITLE = "Mini Guide";
var LANG = "en";

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(SHELL_CACHE).then(function (cache) { return cache.addAll(SHELL); })
    .then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf("ss-shell-") === 0 && name !== SHELL_CACHE;
    }).map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});

function trim(cache) {
  return cache.keys().then(function (keys) {
    return Promise.all(keys.slice(0, Math.max(0, keys.length - PAGES_KEPT)).map(function (k) { return cache.delete(k); }));
  });
}

function offlinePage() {
  var html = '<!DOCTYPE html><html lang="' + LANG + '"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">' +
    '<title>Offline · ' + TITLE + '</title><link rel="stylesheet" href="' + STYLE + '"></head><body><main class="wrap">' +
    '<h1>You are offline</h1><p class="lead">This page has not been opened on this device yet, so it is not kept.</p>' +
    '<p>Pages you have opened before, and a plan you chose to keep offline, still open. <a href="' + BASE + '">Home page</a></p>' +
    '</main></body></html>';
  return new Response(html, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin || url.pathname.indexOf(BASE) !== 0) return;
  if (url.pathname.indexOf(BASE + "assets/") === 0) {
    // Theme files have content-hashed names: a cached copy is always right.
    event.respondWith(caches.match(request).then(function (hit) {
      return hit || fetch(request).then(function (response) {
        if (response.ok) {
          var copy = response.clone();
          caches.open(SHELL_CACHE).then(function (cache) { cache.put(request, copy); });
        }
        return response;
      });
    }));
    return;
  }
  event.respondWith(fetch(request).then(function (response) {
    if (response.ok && response.type === "basic") {
      var copy = response.clone();
      event.waitUntil(caches.open(PAGES_CACHE).then(function (cache) {
        return cache.put(request, copy).then(function () { return trim(cache); });
      }));
    }
    return response;
  }).catch(function () {
    return caches.match(request, { ignoreSearch: request.mode === "navigate" }).then(function (hit) {
      if (hit) return hit;
      return request.mode === "navigate" ? offlinePage() : Response.error();
    });
  }));
});

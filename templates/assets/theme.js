// Applies the saved colour theme before first paint, then wires the toggle button.
(function () {
  var root = document.documentElement;
  root.classList.add("js");
  // Offline reading: our service worker at the site's root (the preview has none).
  var script = document.currentScript;
  var worker = script && script.getAttribute("data-sw");
  if (worker && "serviceWorker" in navigator) {
    window.addEventListener("load", function () {
      navigator.serviceWorker.register(worker, { scope: script.getAttribute("data-scope") }).catch(function () { /* not allowed here */ });
    });
  }
  var saved = null;
  try { saved = localStorage.getItem("theme"); } catch (e) { /* storage blocked */ }
  if (saved === "dark" || saved === "light") root.setAttribute("data-theme", saved);
  function isDark() {
    var chosen = root.getAttribute("data-theme");
    return chosen ? chosen === "dark" : window.matchMedia("(prefers-color-scheme: dark)").matches;
  }
  document.addEventListener("DOMContentLoaded", function () {
    menu();
    var button = document.querySelector(".theme-toggle");
    if (!button) return;
    button.hidden = false;
    button.setAttribute("aria-pressed", String(isDark()));
    button.addEventListener("click", function () {
      var next = isDark() ? "light" : "dark";
      root.setAttribute("data-theme", next);
      button.setAttribute("aria-pressed", String(next === "dark"));
      try { localStorage.setItem("theme", next); } catch (e) { /* storage blocked */ }
    });
  });
  // The menu works without JavaScript as a #site-menu target; with it, a toggle button.
  function menu() {
    var toggle = document.querySelector(".menu-button");
    var nav = document.getElementById("site-menu");
    if (!toggle || !nav) return;
    toggle.setAttribute("role", "button");
    toggle.setAttribute("aria-expanded", "false");
    function set(open) {
      nav.classList.toggle("is-open", open);
      toggle.setAttribute("aria-expanded", String(open));
    }
    toggle.addEventListener("click", function (event) {
      event.preventDefault();
      set(!nav.classList.contains("is-open"));
    });
    toggle.addEventListener("keydown", function (event) {
      if (event.key === " ") { event.preventDefault(); set(!nav.classList.contains("is-open")); }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && nav.classList.contains("is-open")) { set(false); toggle.focus(); }
    });
  }
})();

// Live preview only: shows the last rebuild's errors as an overlay on every page.
(function () {
  var script = document.currentScript;
  var statusUrl = script && script.getAttribute("data-status");
  if (!statusUrl) return;
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function show(errors) {
    var box = el("div", "dev-overlay");
    box.setAttribute("role", "alertdialog");
    box.setAttribute("aria-label", "Build errors");
    box.id = "guide-error-overlay";
    var close = el("button", "dev-close", "Close");
    close.type = "button";
    function dismiss() {
      box.remove();
      document.removeEventListener("keydown", onKey);
    }
    function onKey(event) { if (event.key === "Escape") dismiss(); }
    close.addEventListener("click", dismiss);
    document.addEventListener("keydown", onKey);
    box.appendChild(close);
    box.appendChild(el("p", "dev-overlay-title", "The last save did not build: " + errors.length + " problem(s). The previous version is shown below: close this to see it."));
    errors.forEach(function (error) {
      var item = el("section", "dev-error");
      item.appendChild(el("p", "dev-where", error.where + ": " + error.severity + ": " + error.message));
      if (error.hint) item.appendChild(el("p", "dev-hint", "hint: " + error.hint));
      if (error.lines && error.lines.length) {
        var pre = el("pre", "dev-source");
        error.lines.forEach(function (line) {
          pre.appendChild(el("span", line.here ? "dev-line here" : "dev-line", String(line.number).padStart(4) + "  " + line.text));
          if (line.here && error.column) {
            // A caret under the column: the line's own tabs kept, so it lines up.
            var before = Array.from(line.text).slice(0, error.column - 1);
            var pad = before.map(function (c) { return c === "\t" ? "\t" : " "; }).join("");
            pre.appendChild(el("span", "dev-line dev-caret", "      " + pad + "^"));
          }
        });
        item.appendChild(pre);
      }
      box.appendChild(item);
    });
    document.body.appendChild(box);
    close.focus();
  }
  document.addEventListener("DOMContentLoaded", function () {
    fetch(statusUrl, { cache: "no-store" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (status) { if (status && !status.ok) show(status.errors); })
      .catch(function () { /* no status yet */ });
  });
})();

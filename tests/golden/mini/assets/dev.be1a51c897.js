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
    box.appendChild(el("p", "dev-overlay-title", "The last save did not build: " + errors.length + " problem(s). The previous version is shown below."));
    errors.forEach(function (error) {
      var item = el("section", "dev-error");
      item.appendChild(el("p", "dev-where", error.where + ": " + error.severity + ": " + error.message));
      if (error.hint) item.appendChild(el("p", "dev-hint", "hint: " + error.hint));
      if (error.lines && error.lines.length) {
        var pre = el("pre", "dev-source");
        error.lines.forEach(function (line) {
          pre.appendChild(el("span", line.here ? "dev-line here" : "dev-line", String(line.number).padStart(4) + "  " + line.text + "\n"));
        });
        item.appendChild(pre);
      }
      box.appendChild(item);
    });
    document.body.appendChild(box);
  }
  document.addEventListener("DOMContentLoaded", function () {
    fetch(statusUrl, { cache: "no-store" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (status) { if (status && !status.ok) show(status.errors); })
      .catch(function () { /* no status yet */ });
  });
})();

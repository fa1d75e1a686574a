// Instant filtering on the exercise index. The page works without it: every
// filter is also a static page linked under "Browse by".
(function () {
  var form = document.getElementById("finder");
  var cards = Array.prototype.slice.call(document.querySelectorAll("#exercise-cards > li"));
  if (!form || !cards.length) return;
  var basics = ["bodyweight", "mat", "wall", "step"];
  var count = form.querySelector("[data-count]");
  var empty = document.querySelector(".finder-empty");
  var names = ["muscle", "region", "category", "equipment", "level"];

  function matches(card, name, value) {
    if (!value) return true;
    var have = (card.getAttribute("data-" + name) || "").split(" ");
    if (name === "equipment") {
      return have.every(function (item) { return item === value || basics.indexOf(item) >= 0; });
    }
    return have.indexOf(value) >= 0;
  }

  function apply() {
    var shown = 0;
    var query = new URLSearchParams();
    names.forEach(function (name) { if (form.elements[name].value) query.set(name, form.elements[name].value); });
    cards.forEach(function (card) {
      var ok = names.every(function (name) { return matches(card, name, form.elements[name].value); });
      card.hidden = !ok;
      if (ok) shown += 1;
    });
    count.textContent = String(shown);
    empty.hidden = shown > 0;
    var search = query.toString();
    history.replaceState(null, "", search ? "?" + search : location.pathname);
  }

  var initial = new URLSearchParams(location.search);
  names.forEach(function (name) {
    var value = initial.get(name);
    if (value && form.elements[name].querySelector('option[value="' + CSS.escape(value) + '"]')) {
      form.elements[name].value = value;
    }
  });
  form.hidden = false;
  form.addEventListener("change", apply);
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  apply();
})();

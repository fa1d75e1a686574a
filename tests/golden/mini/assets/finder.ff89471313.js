// Instant filtering on the exercise index. The page works without it: every
// filter is also a static page linked under "Browse by".
(function () {
  var form = document.getElementById("finder");
  var box = document.getElementById("finder-box");
  var list = document.getElementById("exercise-cards");
  if (!form || !list) return;
  var cards = Array.prototype.slice.call(list.children);
  if (!cards.length) return;
  var basics = ["bodyweight", "mat", "wall", "step"];
  var levels = { beginner: 0, intermediate: 1, advanced: 2 };
  var count = form.querySelector("[data-count]");
  var summary = box && box.querySelector("[data-summary]");
  var empty = document.querySelector(".finder-empty");
  var selects = ["muscle", "region", "category", "level"];
  var boxes = Array.prototype.slice.call(form.querySelectorAll("input[name=equipment]"));
  cards.forEach(function (card, i) { card.setAttribute("data-order", String(i)); });

  function words(card, name) { return (card.getAttribute("data-" + name) || "").split(" ").filter(Boolean); }
  function owned() { return boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; }); }

  // A card fits when it trains the chosen muscle or region, matches the category and level,
  // and needs nothing beyond the equipment ticked (plus the floor, a wall and a step).
  function fits(card, items) {
    var ok = selects.every(function (name) {
      var value = form.elements[name].value;
      return !value || words(card, name).indexOf(value) >= 0;
    });
    if (!ok || !items.length) return ok;
    return words(card, "equipment").every(function (item) { return items.indexOf(item) >= 0 || basics.indexOf(item) >= 0; });
  }

  // Likeliest fit first: easier cards first, then the ones where the chosen muscle or
  // region is a main mover rather than a helper, then the page's own (alphabetical) order.
  function relevance(card) {
    var muscle = form.elements.muscle.value;
    var region = form.elements.region.value;
    var score = 0;
    if (muscle && words(card, "primary").indexOf(muscle) >= 0) score += 2;
    if (region) score += words(card, "primary-region").filter(function (r) { return r === region; }).length;
    return score;
  }

  function apply() {
    var items = owned();
    var shown = 0;
    var query = new URLSearchParams();
    selects.forEach(function (name) { if (form.elements[name].value) query.set(name, form.elements[name].value); });
    if (items.length) query.set("equipment", items.join(","));
    var ranked = cards.map(function (card) {
      return { card: card, level: levels[card.getAttribute("data-level")] || 0, score: relevance(card), order: Number(card.getAttribute("data-order")) };
    }).sort(function (a, b) { return a.level - b.level || b.score - a.score || a.order - b.order; });
    ranked.forEach(function (r) {
      var ok = fits(r.card, items);
      r.card.hidden = !ok;
      if (ok) shown += 1;
      list.appendChild(r.card);
    });
    count.textContent = String(shown);
    if (summary) summary.textContent = "(" + shown + " of " + cards.length + " shown)";
    empty.hidden = shown > 0;
    var search = query.toString();
    history.replaceState(null, "", search ? "?" + search : location.pathname);
  }

  var initial = new URLSearchParams(location.search);
  selects.forEach(function (name) {
    var value = initial.get(name);
    if (value && form.elements[name].querySelector('option[value="' + CSS.escape(value) + '"]')) {
      form.elements[name].value = value;
    }
  });
  var wanted = (initial.get("equipment") || "").split(",");
  boxes.forEach(function (b) { b.checked = wanted.indexOf(b.value) >= 0; });
  // Open above the results on wide screens; on a phone the results come first.
  if (box && window.matchMedia("(min-width: 60rem)").matches) box.open = true;
  form.addEventListener("change", apply);
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  apply();
})();

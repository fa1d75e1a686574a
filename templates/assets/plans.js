// Choosing a plan: the picker (four choices, one jump) and the three-question level helper.
// The tables below them work without JavaScript.
(function () {
  var form = document.getElementById("plan-picker");
  if (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var f = form.elements;
      var id = [f.distance.value, f.level.value, f.days.value + "d", f.equipment.value].join("-");
      window.location.href = form.getAttribute("data-base") + id + "/";
    });
  }
  var helper = document.getElementById("level-helper");
  var result = document.getElementById("level-result");
  if (!helper || !result) return;
  var titles = { beginner: "Beginner", intermediate: "Intermediate", advanced: "Advanced" };
  // Years running, longest run and lifting each score 0-2; heavy lifting early needs some
  // lifting behind you, so no experience with weights caps the answer at intermediate.
  function level() {
    var f = helper.elements;
    var lifting = Number(f.lifting.value);
    var score = Number(f.years.value) + Number(f.long.value) + lifting;
    var found = score <= 1 ? "beginner" : score <= 4 ? "intermediate" : "advanced";
    return found === "advanced" && lifting === 0 ? "intermediate" : found;
  }
  function show() {
    var found = level();
    result.textContent = "";
    result.appendChild(document.createTextNode("Start with "));
    result.appendChild(document.createElement("strong")).textContent = titles[found];
    result.appendChild(document.createTextNode(form ? ". The plan finder above is set to it." : "."));
    if (form) form.elements.level.value = found;
  }
  helper.addEventListener("change", show);
  helper.addEventListener("submit", function (event) { event.preventDefault(); });
  show();
})();

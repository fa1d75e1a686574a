// Plan picker: four choices, one jump. The tables below it work without JavaScript.
(function () {
  var form = document.getElementById("plan-picker");
  if (!form) return;
  form.hidden = false;
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var f = form.elements;
    var id = [f.distance.value, f.level.value, f.days.value + "d", f.equipment.value].join("-");
    window.location.href = form.getAttribute("data-base") + id + "/";
  });
})();

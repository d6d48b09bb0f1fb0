// fineprint web app: the only script (served from this server; the Content-Security-Policy allows no other).
// It shows the filter form of a report and hides the finding groups whose severity or family is unticked.
// Everything is readable without it.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var form = document.getElementById("filters");
  if (!form) { return; }
  form.hidden = false;
  function apply() {
    var wanted = { severity: {}, family: {} };
    form.querySelectorAll("input[type=checkbox]").forEach(function (box) {
      wanted[box.name][box.value] = box.checked;
    });
    document.querySelectorAll("article.group").forEach(function (group) {
      var show = wanted.severity[group.dataset.severity] !== false && wanted.family[group.dataset.family] !== false;
      group.hidden = !show;
    });
  }
  form.addEventListener("change", apply);
  apply();
});

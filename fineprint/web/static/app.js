// fineprint web app: the only script (served from this server; the Content-Security-Policy allows no other).
// It shows the filter form of a report and hides the finding groups whose severity or family is unticked, and
// shows the letter form's fields of the chosen letter.
// Everything is readable without it.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  // the letter form: the fields of a withdrawal or a cancellation show when that letter is chosen (without this
  // script every fieldset shows, its legend saying which letter reads it, and the server keeps the chosen one's)
  var right = document.getElementById("right");
  var extras = document.querySelectorAll("fieldset[data-for]");
  if (right && extras.length) {
    var sync = function () {
      extras.forEach(function (set) { set.hidden = set.dataset.for !== right.value; });
    };
    right.addEventListener("change", sync);
    sync();
  }
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

// Show only the meeting details the chosen mode uses. Without JavaScript every section stays visible,
// each labelled with the modes it applies to, and the server ignores the ones that do not apply.
(function () {
  "use strict";
  var form = document.querySelector("form.form");
  if (!form) { return; }
  var radios = form.querySelectorAll("input[name='mode']");
  var sections = form.querySelectorAll("[data-modes]");

  function chosenMode() {
    for (var i = 0; i < radios.length; i += 1) {
      if (radios[i].checked) { return radios[i].value; }
    }
    return "written";
  }

  function update() {
    var mode = chosenMode();
    sections.forEach(function (section) {
      var modes = section.getAttribute("data-modes").split(" ");
      section.hidden = modes.indexOf(mode) === -1;
    });
  }

  radios.forEach(function (radio) { radio.addEventListener("change", update); });
  update();
}());

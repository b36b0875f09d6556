// Registration, invitation and profile forms. Everything works without JavaScript; this only
// (1) shows the affiliation fields that fit the chosen category (a country for States, an
// organisation otherwise), (2) shows the instrument question (Annex 1, §3) only to the categories
// that must answer it, and (3) counts characters in long text boxes.
(function () {
  "use strict";

  function categoryOf(form) {
    var checked = form.querySelector('input[type="radio"][name$="category"]:checked');
    if (checked) {
      return checked.value;
    }
    var select = form.querySelector('select[name$="category"]');
    return select ? select.value : "";
  }

  function updateAffiliation(form) {
    var states = (form.getAttribute("data-state-categories") || "").split(/\s+/);
    var category = categoryOf(form);
    form.querySelectorAll("[data-affiliation]").forEach(function (group) {
      var forStates = group.getAttribute("data-affiliation") === "state";
      group.hidden = category !== "" && states.indexOf(category) !== -1 !== forStates;
    });
  }

  function updateInstrument(form) {
    var asked = (form.getAttribute("data-instrument-categories") || "").split(/\s+/);
    var category = categoryOf(form);
    form.querySelectorAll("[data-instrument]").forEach(function (group) {
      group.hidden = category === "" || asked.indexOf(category) === -1;
    });
  }

  document.querySelectorAll("[data-affiliation-form]").forEach(function (form) {
    updateAffiliation(form);
    updateInstrument(form);
    form.addEventListener("change", function (event) {
      var name = event.target.name || "";
      if (name.slice(-8) === "category") {
        updateAffiliation(form);
        updateInstrument(form);
      }
    });
  });

  document.querySelectorAll("textarea[data-counter]").forEach(function (area) {
    var limit = parseInt(area.getAttribute("data-counter"), 10);
    var counter = document.createElement("span");
    counter.className = "counter";
    counter.id = area.id + "-counter";
    area.insertAdjacentElement("afterend", counter);
    var describedBy = area.getAttribute("aria-describedby");
    area.setAttribute("aria-describedby", describedBy ? describedBy + " " + counter.id : counter.id);
    function update() {
      var used = area.value.length;
      counter.textContent = used + " / " + limit;
      counter.classList.toggle("counter--over", used > limit);
    }
    area.addEventListener("input", update);
    update();
  });
})();

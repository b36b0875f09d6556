/*
  Follow-up questions: a question marked data-show-if="KEY" is shown only while question KEY (above it)
  has one of the answers in data-show-if-values (separated by "|"). Without this file every question is
  shown with its condition written under it, and the server drops what does not apply on submission,
  after saying so.

  A hidden question keeps what was typed in it (the draft keeps it too), so changing one's mind brings
  it back. Before submission the page lists the hidden questions that hold answers: those answers will
  not be submitted, and the list is what the participant agrees to when they submit.
*/
(function () {
  "use strict";

  var form = document.getElementById("answer-form");
  if (!form) { return; }
  var items = Array.prototype.slice.call(form.querySelectorAll("[data-show-if]"));
  if (!items.length) { return; }
  var notice = document.getElementById("discard-notice");
  var list = document.getElementById("discard-list");
  var agreed = document.getElementById("id_discard_hidden");
  var live = document.getElementById("follow-up-live");

  function inputsOf(key) {
    return form.querySelectorAll("[name='q_" + CSS.escape(key) + "']");
  }

  function chosen(key) {
    var values = [];
    inputsOf(key).forEach(function (input) {
      if (input.type === "radio" || input.type === "checkbox") {
        if (input.checked) { values.push(input.value); }
      } else if (input.value.trim()) {
        values.push(input.value.trim());
      }
    });
    return values;
  }

  function isShown(key) {
    var item = document.getElementById("question-" + key);
    return !item || !item.hidden;
  }

  function hasAnswer(item) {
    return Array.prototype.some.call(item.querySelectorAll("input, textarea, select"), function (input) {
      if (input.type === "radio" || input.type === "checkbox") { return input.checked; }
      return input.type !== "hidden" && input.value.trim() !== "";
    });
  }

  function update(announce) {
    var dropped = [];
    items.forEach(function (item) {  // in page order: a follow-up's question is always above it
      var wanted = item.dataset.showIfValues.split("|");
      var key = item.dataset.showIf;
      var show = isShown(key) && chosen(key).some(function (value) { return wanted.indexOf(value) !== -1; });
      if (item.hidden === show) {
        item.hidden = !show;
        if (announce && live) {
          live.textContent = (show ? live.dataset.msgShown : live.dataset.msgHidden) + " " + item.dataset.questionText;
        }
      }
      if (!show && hasAnswer(item)) { dropped.push(item); }
    });
    if (!notice) { return; }  // a closed round: nothing will be submitted
    list.textContent = "";
    dropped.forEach(function (item) {
      var entry = document.createElement("li");
      entry.textContent = item.dataset.questionText;
      list.appendChild(entry);
    });
    notice.hidden = dropped.length === 0;
    agreed.value = dropped.map(function (item) { return item.id.replace(/^question-/, ""); }).join(" ");
  }

  form.addEventListener("change", function () { update(true); });
  form.addEventListener("input", function () { update(true); });
  update(false);
})();

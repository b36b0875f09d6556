/* The Chair's "by question" page: choosing another question opens it at once (without JavaScript,
   the "Show" button does the same). */
(function () {
  "use strict";
  var picker = document.querySelector("[data-question-picker]");
  if (!picker) { return; }
  picker.addEventListener("change", function () {
    var answer = picker.form.querySelector("[name=answer]");
    if (answer) { answer.value = ""; }
    picker.form.submit();
  });
})();

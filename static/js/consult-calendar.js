// "Copy the address" for the calendar feed page. The button stays hidden without JavaScript or a clipboard.
(function () {
  "use strict";
  var button = document.querySelector("[data-copy]");
  var status = document.querySelector("[data-copy-status]");
  if (!button || !navigator.clipboard) { return; }
  var field = document.querySelector(button.getAttribute("data-copy"));
  button.hidden = false;
  button.addEventListener("click", function () {
    navigator.clipboard.writeText(field.value).then(function () {
      status.textContent = button.getAttribute("data-copied");
    }, function () {
      field.select();
      status.textContent = button.getAttribute("data-failed");
    });
  });
}());

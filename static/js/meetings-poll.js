// The time poll: say so when this computer's time zone differs from the one the times are shown in.
(function () {
  "use strict";
  var box = document.getElementById("poll-zone");
  var note = document.getElementById("browser-zone");
  if (!box || !note || !window.Intl) { return; }
  var shown = box.getAttribute("data-zone");
  var here = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (here && shown && here !== shown) {
    note.textContent = "This computer is set to " + here.replace(/_/g, " ") + ". If that is where you are, choose it as your time zone in your profile to see the times there.";
    note.hidden = false;
  }
})();

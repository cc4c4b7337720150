/* Starts the Jalali picker (@majidh1/jalalidatepicker) on the admin's date
   fields (iran/widgets.py marks them with data-jdp): Saturday first, Tehran
   time, Persian digits in the Persian admin. Typing stays possible: the
   server reads «1405-09-15 10:00» with Latin or Persian digits. */
(function () {
  "use strict";
  function start() {
    if (!window.jalaliDatepicker || window.jalaliDatepicker.__statportal) {
      return;
    }
    window.jalaliDatepicker.__statportal = true;
    window.jalaliDatepicker.startWatch({
      time: true,
      hasSecond: false,
      autoReadOnlyInput: false,
      persianDigits: document.documentElement.lang.slice(0, 2) === "fa",
      separatorChars: { date: "-", between: " ", time: ":" },
      zIndex: 2000,
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

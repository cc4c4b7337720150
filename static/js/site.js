// Site chrome: the small-screen menu toggle. No framework, nothing from outside.
document.addEventListener("DOMContentLoaded", () => {
  const toggle = document.querySelector(".menu-toggle");
  const menu = document.getElementById("main-menu");
  if (!toggle || !menu) {
    if (toggle) toggle.hidden = true;
    return;
  }
  toggle.addEventListener("click", () => {
    const open = toggle.getAttribute("aria-expanded") === "true";
    toggle.setAttribute("aria-expanded", String(!open));
    menu.classList.toggle("is-open", !open);
  });
});

/* A <details data-open-wide> (the calendar's filters) is open on wide screens
   and folded on phones, unless it carries data-keep-open (filters in use or
   an error to read). Without JavaScript it stays open. */
(function () {
  "use strict";
  var wide = window.matchMedia("(min-width: 48rem)");
  function apply() {
    document.querySelectorAll("details[data-open-wide]").forEach(function (box) {
      box.open = wide.matches || box.hasAttribute("data-keep-open");
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", apply);
  } else {
    apply();
  }
  if (wide.addEventListener) wide.addEventListener("change", apply);
})();

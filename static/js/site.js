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

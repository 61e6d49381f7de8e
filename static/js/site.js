// Site-wide behaviour, loaded on every public page (the CSP runs no inline script).
//
// Quick exit: leave for a neutral site and replace this page's history entry, so the
// Back button does not bring it back. Pressing Escape twice quickly does the same.
const exit = document.querySelector("[data-quick-exit]");
if (exit) {
  const leave = (event) => {
    if (event) event.preventDefault();
    document.body.hidden = true;
    window.location.replace(exit.href);
  };
  exit.addEventListener("click", leave);
  let lastEscape = 0;
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    const now = Date.now();
    if (now - lastEscape < 600) leave();
    lastEscape = now;
  });
}

// Header toggles: on a phone the menu and the search field sit behind two buttons. Without
// JavaScript they stay links (to the footer's menu and to the search page).
for (const toggle of document.querySelectorAll("[data-toggle]")) {
  const target = document.getElementById(toggle.dataset.toggle);
  if (!target) continue;
  toggle.setAttribute("role", "button");
  toggle.setAttribute("aria-expanded", "false");
  toggle.addEventListener("click", (event) => {
    event.preventDefault();
    const open = !target.classList.contains("is-open");
    target.classList.toggle("is-open", open);
    toggle.setAttribute("aria-expanded", String(open));
    if (open) {
      const field = target.querySelector("input, a");
      if (field) field.focus();
    }
  });
  toggle.addEventListener("keydown", (event) => {
    if (event.key === " ") {
      event.preventDefault();
      toggle.click();
    }
  });
}

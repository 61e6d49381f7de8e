// Buttons marked data-print print the page. A listener here, not an inline onclick:
// the Content-Security-Policy runs no inline handler.
for (const button of document.querySelectorAll("[data-print]")) {
  button.addEventListener("click", () => window.print());
}

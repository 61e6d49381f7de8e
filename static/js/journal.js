// The course unit's answers form (templates/craft_course/course_unit_page.html), enhanced:
// - the message about a save (beside the button that was pressed) takes focus, so keyboard
//   and screen-reader users hear it and sighted users see it;
// - each answer shows how many characters it has against the limit, and says so when over;
// - leaving the page with changed answers that were not sent asks first.
// Without this script the form still saves everything and keeps typed text on errors.
// An external module, not inline code: the Content-Security-Policy runs no inline script.

const focusTarget = document.querySelector("[data-focus-on-load]");
if (focusTarget) {
  focusTarget.focus();
}

const numberFormat = new Intl.NumberFormat("en");

function characters(text) {
  // Count as the server does: code points, with line breaks as one character each.
  return [...text.replace(/\r\n/g, "\n")].length;
}

for (const field of document.querySelectorAll("textarea[data-max-length]")) {
  const counter = document.querySelector(`[data-count-for="${field.id}"]`);
  if (!counter) continue;
  const limit = Number(field.dataset.maxLength);
  // A separate polite region announces crossing the limit, not every keystroke.
  const announcer = document.createElement("span");
  announcer.className = "visually-hidden";
  announcer.setAttribute("aria-live", "polite");
  counter.after(announcer);
  let wasOver = false;
  const update = () => {
    const count = characters(field.value);
    const over = count > limit;
    counter.textContent = `${numberFormat.format(count)} of ${numberFormat.format(limit)} characters`;
    counter.classList.toggle("char-count--over", over);
    if (over !== wasOver) {
      announcer.textContent = over
        ? `Over the limit by ${numberFormat.format(count - limit)} characters. Shorten the answer before saving.`
        : "Within the limit again.";
      wasOver = over;
    }
  };
  field.addEventListener("input", update);
  update();
}

for (const form of document.querySelectorAll("form[data-journal]")) {
  const fields = [...form.querySelectorAll("textarea")];
  // After a failed save the page shows typed text that is not saved yet (data-unsaved).
  const unsaved = "unsaved" in form.dataset;
  const saved = new Map(fields.map((field) => [field, unsaved ? null : field.value]));
  let sending = false;
  form.addEventListener("submit", () => {
    sending = true;
  });
  window.addEventListener("beforeunload", (event) => {
    if (sending) return;
    if (fields.some((field) => field.value !== saved.get(field))) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
}

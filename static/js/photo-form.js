// Forms with photos (quick-log, impact): no double entries from a second tap on a slow
// connection, and an early warning for a photo that is too large, before it is sent over mobile
// data.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.querySelector("[data-photo-form]");
  if (!form) return;

  form.addEventListener("submit", (event) => {
    if (form.dataset.submitting) {
      event.preventDefault();
      return;
    }
    form.dataset.submitting = "true";
    form.setAttribute("aria-busy", "true");
  });
  // Coming back through the browser's history must not leave the form locked.
  window.addEventListener("pageshow", () => {
    delete form.dataset.submitting;
    form.removeAttribute("aria-busy");
  });

  const input = form.querySelector("input[type=file][data-max-bytes]");
  const warning = form.querySelector("[data-photo-warning]");
  if (!input || !warning) return;
  input.addEventListener("change", () => {
    const limit = Number(input.dataset.maxBytes);
    const tooLarge = Array.from(input.files).filter((file) => file.size > limit);
    warning.hidden = tooLarge.length === 0;
    warning.textContent = tooLarge.length
      ? `${form.dataset.tooLarge} ${tooLarge.map((file) => file.name).join(", ")}`
      : "";
  });
});

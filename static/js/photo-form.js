// Forms with photos (quick-log, impact): an early warning for a photo that is too large, before
// it is sent over mobile data. (A second tap on a slow connection is held back for every form by
// submit-once.js.)
document.addEventListener("DOMContentLoaded", () => {
  const form = document.querySelector("[data-photo-form]");
  if (!form) return;

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

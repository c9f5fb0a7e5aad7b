// Impact form: consent questions only when a resident's words or images are involved, no double
// entries from a second tap on a slow connection, and an early warning for too large photos.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.querySelector("[data-impact-form]");
  if (!form) return;

  const resident = form.querySelector("input[name=involves_resident]");
  const consent = form.querySelector("[data-consent-fields]");
  if (resident && consent) {
    const sync = () => {
      consent.hidden = !resident.checked;
    };
    resident.addEventListener("change", sync);
    sync();
  }

  form.addEventListener("submit", (event) => {
    if (form.dataset.submitting) {
      event.preventDefault();
      return;
    }
    form.dataset.submitting = "true";
    form.setAttribute("aria-busy", "true");
  });
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

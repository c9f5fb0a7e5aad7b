// Impact form: consent questions only when a resident's words or images are involved.
// (The double-tap guard and the photo-size warning are in photo-form.js.)
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
});

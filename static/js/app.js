// Small behaviours; no inline scripts anywhere (CSP without 'unsafe-inline').
document.addEventListener("htmx:responseError", (event) => {
  const target = document.getElementById("htmx-error");
  if (target) target.hidden = false;
  console.warn("htmx request failed", event.detail.xhr.status);
});

// After a form comes back with errors, put the keyboard on the first field that needs attention:
// a screen reader then reads its label and, through aria-describedby, its error.
document.addEventListener("DOMContentLoaded", () => {
  const invalid = document.querySelector("main input.is-invalid, main select.is-invalid, main textarea.is-invalid");
  if (invalid) invalid.focus();
});

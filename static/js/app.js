// Small behaviours; no inline scripts anywhere (CSP without 'unsafe-inline').
document.addEventListener("htmx:responseError", (event) => {
  const target = document.getElementById("htmx-error");
  if (target) target.hidden = false;
  console.warn("htmx request failed", event.detail.xhr.status);
});

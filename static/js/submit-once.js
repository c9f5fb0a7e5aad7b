// One click, one submission: a form on its way cannot be sent again (a double click, a second
// tap on a slow connection). The server holds the same line with a one-time form token
// (core/once.py); this spares the second request and shows that the first one is under way.
//
// The buttons get aria-disabled, not `disabled`: they stay focusable and readable, and a
// disabled button would also drop its own name from the form data ("Opslaan en nog een loggen").
(() => {
  const GIVE_BACK_AFTER_MS = 30000; // a load that was stopped or lost must not lock the form

  const timers = new WeakMap();
  const pressed = new WeakMap(); // the button that sent each form, to show it is working
  const submitButtons = (form) =>
    Array.from(form.elements).filter((element) => element.type === "submit");

  function lock(form) {
    form.dataset.submitting = "true";
    form.setAttribute("aria-busy", "true");
    for (const button of submitButtons(form)) button.setAttribute("aria-disabled", "true");
    pressed.get(form)?.classList.add("is-sending");
    timers.set(form, window.setTimeout(() => release(form), GIVE_BACK_AFTER_MS));
  }

  function release(form) {
    window.clearTimeout(timers.get(form));
    delete form.dataset.submitting;
    form.removeAttribute("aria-busy");
    for (const button of submitButtons(form)) {
      button.removeAttribute("aria-disabled");
      button.classList.remove("is-sending");
    }
  }

  // First, before htmx or any other listener: a form that is being sent is not sent again.
  document.addEventListener(
    "submit",
    (event) => {
      if (event.target.dataset.submitting) {
        event.preventDefault();
        event.stopImmediatePropagation();
        return;
      }
      pressed.set(event.target, event.submitter);
    },
    true,
  );

  // Last: a plain POST form is locked once nothing else held its submit back. (htmx holds back
  // the forms it sends itself; those are locked for as long as their request runs, below.)
  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (!event.defaultPrevented && form.method === "post") lock(form);
  });
  document.addEventListener("htmx:beforeRequest", (event) => {
    const form = event.detail.elt;
    if (form instanceof HTMLFormElement && form.method === "post") lock(form);
  });
  // Whatever the answer (a new panel, an error, no connection), the form is usable again.
  document.addEventListener("htmx:afterRequest", (event) => {
    const form = event.detail.elt;
    if (form instanceof HTMLFormElement) release(form);
  });

  // Back on this page through the browser's history: every form can be sent again.
  window.addEventListener("pageshow", () => {
    document.querySelectorAll("form[data-submitting]").forEach(release);
  });
})();

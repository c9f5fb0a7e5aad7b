// No edit is lost silently: a form marked `data-unsaved-guard` warns before the page is left
// while it holds changes that are not saved, and shows its `[data-unsaved-note]` meanwhile.
// A form the server sent back unsaved (errors, or someone else saved in between) carries
// `data-unsaved`: its fields look unchanged but nothing of it is stored yet.
// Sending the form itself is never held back: every button of it saves what is typed.
(() => {
  function changed(element) {
    if (element.type === "hidden" || element.type === "submit" || element.disabled) return false;
    if (element.type === "checkbox" || element.type === "radio") {
      return element.checked !== element.defaultChecked;
    }
    if (element.tagName === "SELECT") {
      return Array.from(element.options).some(
        (option) => option.selected !== option.defaultSelected,
      );
    }
    return "defaultValue" in element && element.value !== element.defaultValue;
  }

  function guard(form) {
    let sending = false;
    const dirty = () => "unsaved" in form.dataset || Array.from(form.elements).some(changed);
    const show = () => {
      const isDirty = dirty();
      form.toggleAttribute("data-dirty", isDirty);
      form.querySelectorAll("[data-unsaved-note]").forEach((note) => {
        note.hidden = !isDirty;
      });
    };
    form.addEventListener("input", show);
    form.addEventListener("change", show);
    form.addEventListener("submit", () => {
      sending = true;
    });
    window.addEventListener("beforeunload", (event) => {
      if (sending || !dirty()) return;
      event.preventDefault();
      event.returnValue = ""; // older browsers show the warning only with a returnValue
    });
    // Back here through the browser's history: the form can be left, or sent, again.
    window.addEventListener("pageshow", () => {
      sending = false;
    });
    show();
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("form[data-unsaved-guard]").forEach(guard);
  });
})();

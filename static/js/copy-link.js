// A button with data-copy="<input id>" copies that input's text to the clipboard.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-copy]");
  if (!button) return;
  const input = document.getElementById(button.dataset.copy);
  input.select();
  const done = () => {
    button.textContent = button.dataset.copied;
  };
  if (navigator.clipboard) {
    navigator.clipboard.writeText(input.value).then(done, () => {});
  }
});

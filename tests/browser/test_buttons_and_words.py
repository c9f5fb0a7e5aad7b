"""Small buttons read well at phone and laptop width (issue 14, §6): a small outline button
centres its label in its (thumb-sized) height, and the language choice with its "Kies taal"
button stays on one line."""

import pytest

from tests import factories

from .conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = [375, 1280]

# For each visible small outline button: how far the middle of its label (icon and words)
# lies from the middle of the button, and on how many lines the words stand.
MEASURE_BUTTONS = """() => [...document.querySelectorAll('.btn-sm[class*="btn-outline"]')]
  .filter(button => button.offsetParent !== null)
  .map(button => {
    const rects = [];
    const words = document.createTreeWalker(button, NodeFilter.SHOW_TEXT);
    while (words.nextNode()) {
      const node = words.currentNode;
      if (!node.textContent.trim() || node.parentElement.closest('.visually-hidden')) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      rects.push(...range.getClientRects());
    }
    const lines = new Set(rects.map(r => Math.round(r.top))).size;
    button.querySelectorAll('i.bi').forEach(icon => rects.push(icon.getBoundingClientRect()));
    const box = button.getBoundingClientRect();
    const label = {
      top: Math.min(...rects.map(r => r.top)), bottom: Math.max(...rects.map(r => r.bottom)),
      left: Math.min(...rects.map(r => r.left)), right: Math.max(...rects.map(r => r.right)),
    };
    return {
      text: button.innerText.trim(),
      dy: Math.abs((label.top + label.bottom) / 2 - (box.top + box.bottom) / 2),
      dx: Math.abs((label.left + label.right) / 2 - (box.left + box.right) / 2),
      lines: lines,
    };
  })"""

MEASURE_SWITCHER = """() => {
  const form = document.querySelector('.language-switcher');
  const select = form.querySelector('select');
  return {form: form.getBoundingClientRect().height, select: select.getBoundingClientRect().height};
}"""


@pytest.fixture
def client_page(page, live_server, password):
    world = factories.build_world()
    data = factories.build_dashboard(world)
    login(page, live_server, world.client_a.email, password)
    page.wait_for_url(f"{live_server.url}/")
    return page, data.project


@pytest.mark.parametrize("width", WIDTHS)
def test_small_outline_buttons_centre_their_label_on_one_line(client_page, live_server, width):
    page, project = client_page
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(live_server.url + project.get_absolute_url())
    buttons = page.evaluate(MEASURE_BUTTONS)
    assert "Kies taal" in [button["text"] for button in buttons]
    if width == 1280:
        assert "Uitloggen" in [button["text"] for button in buttons]
    off = [b for b in buttons if b["dy"] > 1.5 or b["dx"] > 1.5 or b["lines"] != 1]
    assert off == []


@pytest.mark.parametrize("width", WIDTHS)
def test_the_language_switcher_is_one_line_high(client_page, live_server, width):
    page, project = client_page
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(live_server.url + project.get_absolute_url())
    heights = page.evaluate(MEASURE_SWITCHER)
    assert heights["form"] == heights["select"] == 44

// A gentle hint while typing the shared ambition: it reads like a fixed result. Never blocks.
// The patterns mirror cocreation/wording.py, which gives the same hint after saving.
(function () {
  "use strict";
  var patterns = [
    /\b(minimaal|minstens|ten minste|tenminste|maximaal|precies)\s+\d+/i,
    /\b\d+\s*(interventies?|activiteiten|bijeenkomsten|workshops?|bewoners|deelnemers|gesprekken|initiatieven|trainingen|sessies|procent)\b/i,
    /\d+\s*%/,
    /\b(is|zijn|wordt|worden)\s+(aantoonbaar\s+)?(verbeterd|versterkt|toegenomen|gestegen|gedaald|gerealiseerd|opgelost|behaald|bereikt|verhoogd)\b/i,
    /\b(garanderen|gegarandeerd|garantie)\b/i,
  ];
  function check(field, hint) {
    var value = field.value || "";
    var fixed = patterns.some(function (p) { return p.test(value); });
    hint.classList.toggle("d-none", !fixed);
  }
  document.addEventListener("DOMContentLoaded", function () {
    var field = document.getElementById("id_ambition");
    var hint = document.querySelector("[data-fixed-result-hint]");
    if (!field || !hint) return;
    field.addEventListener("input", function () { check(field, hint); });
  });
})();

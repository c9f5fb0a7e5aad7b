// Dashboard charts: each <canvas data-chart="id"> reads its figures from the json_script
// element with that id (CSP: no inline script). The table next to it carries the same figures.
(function () {
  "use strict";
  // Shades of the one accent colour, from warm to deep, then sand and ink.
  const PALETTE = ["#b4532a", "#e3b9a3", "#8a3c1c", "#d9c7b3", "#5c4a3f", "#f0a57c", "#2b2623"];

  function options(kind) {
    const stacked = kind === "stacked";
    return {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: { legend: { position: "bottom" } },
      scales: {
        x: { stacked: stacked },
        y: { stacked: stacked, beginAtZero: true, ticks: { precision: 0 } },
      },
    };
  }

  // The ownership curve: the share led by residents (%) on the left axis, the rung of the
  // participation ladder reached (1-5) on the right; months without a figure leave a gap.
  function curve(data) {
    data.datasets.forEach((dataset, i) => {
      dataset.type = "line";
      dataset.yAxisID = i === 0 ? "y" : "y1";
      dataset.spanGaps = true;
      dataset.tension = 0.3;
    });
    const config = { type: "line", data: data, options: options("line") };
    config.options.scales.y = { min: 0, max: 100, ticks: { callback: (v) => v + "%" } };
    config.options.scales.y1 = {
      position: "right",
      min: 1,
      max: 5,
      grid: { drawOnChartArea: false },
      ticks: { stepSize: 1 },
    };
    return config;
  }

  function draw(canvas) {
    const source = document.getElementById(canvas.dataset.chart);
    if (!source || typeof window.Chart === "undefined") return;
    const data = JSON.parse(source.textContent);
    const kind = canvas.dataset.chartKind;
    data.datasets.forEach((dataset, i) => {
      dataset.backgroundColor = PALETTE[i % PALETTE.length];
      dataset.borderColor = PALETTE[i % PALETTE.length];
      // Activities per month: the residents reached as a line on their own axis.
      if (kind === "bar" && i === 1) {
        dataset.type = "line";
        dataset.yAxisID = "y1";
      }
    });
    if (kind === "curve") {
      new window.Chart(canvas, curve(data));
      return;
    }
    const config = { type: "bar", data: data, options: options(kind) };
    if (kind === "bar" && data.datasets.length > 1) {
      config.options.scales.y1 = {
        position: "right",
        beginAtZero: true,
        grid: { drawOnChartArea: false },
        ticks: { precision: 0 },
      };
    }
    new window.Chart(canvas, config);
  }

  function start() {
    document.querySelectorAll("canvas[data-chart]").forEach(draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

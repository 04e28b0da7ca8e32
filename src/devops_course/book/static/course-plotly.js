/* Draws the course's plotly figures from their inline JSON, with the plotly.js
 * that the book serves from _static (no CDN), a Korean locale, and keyboard
 * control of every explorer slider and button. plotly.js (1.2 MB) is loaded only
 * when the first figure comes near the viewport, and each figure is drawn then. */
(function () {
  "use strict";

  // This script's tag names the plotly.js bundle beside it (data-plotly).
  var SELF = document.currentScript;
  var PLOTLY_URL = SELF.src.split("?")[0].replace(/[^\/]*$/, "") + SELF.dataset.plotly;
  var NEAR = "800px 0px"; // start loading this far before a figure scrolls into view

  var KOREAN = {
    moduleType: "locale",
    name: "ko",
    dictionary: {
      "Autoscale": "자동 배율",
      "Download plot": "그림 내려받기",
      "Download plot as a png": "PNG로 내려받기",
      "Pan": "이동",
      "Reset axes": "축 초기화",
      "Reset": "초기화",
      "Zoom": "확대/축소",
      "Zoom in": "확대",
      "Zoom out": "축소",
      "Double-click to zoom back out": "두 번 클릭하면 원래 크기로 돌아갑니다",
      "Snapshot succeeded": "저장했습니다",
      "Taking snapshot - this may take a few seconds": "그림을 저장하는 중입니다",
      "Sorry, there was a problem downloading your snapshot!": "그림을 저장하지 못했습니다."
    },
    format: { decimal: ".", thousands: "," }
  };

  var CONFIG = {
    responsive: true,
    displaylogo: false,
    locale: "ko",
    modeBarButtons: [["toImage", "zoom2d", "pan2d", "resetScale2d"]]
  };

  function runCommand(graph, method, args) {
    if (!method || method === "skip") {
      return Promise.resolve();
    }
    return Plotly[method].apply(null, [graph].concat(args || []));
  }

  function setSlider(graph, index, active) {
    var slider = graph.layout.sliders[index];
    var last = slider.steps.length - 1;
    active = Math.max(0, Math.min(last, active));
    if (active === slider.active) {
      return;
    }
    var step = slider.steps[active];
    var update = {};
    update["sliders[" + index + "].active"] = active;
    runCommand(graph, step.method, step.args)
      .then(function () {
        return Plotly.relayout(graph, update);
      })
      .then(function () {
        makeAccessible(graph);
      });
  }

  function sliderKeys(graph, index) {
    return function (event) {
      var active = graph.layout.sliders[index].active || 0;
      var moves = { ArrowLeft: -1, ArrowDown: -1, ArrowRight: 1, ArrowUp: 1 };
      if (event.key in moves) {
        setSlider(graph, index, active + moves[event.key]);
      } else if (event.key === "Home") {
        setSlider(graph, index, 0);
      } else if (event.key === "End") {
        setSlider(graph, index, graph.layout.sliders[index].steps.length - 1);
      } else {
        return;
      }
      event.preventDefault();
    };
  }

  function describeSliders(graph) {
    var groups = graph.querySelectorAll("g.slider-group");
    (graph.layout.sliders || []).forEach(function (slider, index) {
      var group = groups[index];
      if (!group) {
        return;
      }
      var active = slider.active || 0;
      var prefix = (slider.currentvalue && slider.currentvalue.prefix) || "";
      group.setAttribute("tabindex", "0");
      group.setAttribute("role", "slider");
      group.setAttribute("aria-label", prefix.replace(/[:\s]+$/, "") || "시나리오");
      group.setAttribute("aria-valuemin", "0");
      group.setAttribute("aria-valuemax", String(slider.steps.length - 1));
      group.setAttribute("aria-valuenow", String(active));
      group.setAttribute("aria-valuetext", slider.steps[active].label);
      if (!group.dataset.courseKeys) {
        group.dataset.courseKeys = "1";
        group.addEventListener("keydown", sliderKeys(graph, index));
      }
    });
  }

  function describeButtons(graph) {
    var menus = graph.querySelectorAll("g.updatemenu-container > g");
    Array.prototype.forEach.call(graph.querySelectorAll("g.updatemenu-button"), function (button) {
      var text = button.querySelector("text");
      var menu = button.parentNode;
      var index = Array.prototype.indexOf.call(menu.querySelectorAll("g.updatemenu-button"), button);
      var menuIndex = Array.prototype.indexOf.call(menus, menu.closest("g.updatemenu-container > g"));
      var spec = (graph.layout.updatemenus || [])[menuIndex];
      button.setAttribute("tabindex", "0");
      button.setAttribute("role", "button");
      button.setAttribute("aria-label", text ? text.textContent : "보기 바꾸기");
      if (spec) {
        button.setAttribute("aria-pressed", String((spec.active || 0) === index));
      }
      if (!button.dataset.courseKeys) {
        button.dataset.courseKeys = "1";
        button.addEventListener("keydown", function (event) {
          if (event.key === "Enter" || event.key === " ") {
            event.preventDefault();
            button.dispatchEvent(new MouseEvent("click", { bubbles: true }));
          }
        });
      }
    });
  }

  function makeAccessible(graph) {
    var focused = document.activeElement;
    var focusedRole = focused && graph.contains(focused) ? focused.getAttribute("role") : null;
    describeSliders(graph);
    describeButtons(graph);
    // plotly redraws its controls after a change; keep the keyboard focus on them.
    if (focusedRole && !graph.contains(document.activeElement)) {
      var again = graph.querySelector('[role="' + focusedRole + '"]');
      if (again) {
        again.focus();
      }
    }
  }

  function draw(graph) {
    var figure = JSON.parse(document.getElementById(graph.dataset.figure).textContent);
    var spec = { data: figure.data, layout: figure.layout, frames: figure.frames || [], config: CONFIG };
    return Plotly.newPlot(graph, spec).then(function () {
      makeAccessible(graph);
      graph.on("plotly_afterplot", function () {
        makeAccessible(graph);
      });
      graph.dataset.drawn = "true";
    });
  }

  var plotlyLoaded = null;

  function loadPlotly() {
    if (!plotlyLoaded) {
      plotlyLoaded = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = PLOTLY_URL;
        script.onload = resolve;
        script.onerror = reject;
        document.head.appendChild(script);
      }).then(function () {
        Plotly.register(KOREAN);
      });
    }
    return plotlyLoaded;
  }

  function drawWhenNear(graphs) {
    if (!("IntersectionObserver" in window)) {
      graphs.forEach(function (graph) {
        loadPlotly().then(function () {
          draw(graph);
        });
      });
      return;
    }
    var observer = new IntersectionObserver(
      function (entries) {
        entries.forEach(function (entry) {
          if (entry.isIntersecting) {
            observer.unobserve(entry.target);
            loadPlotly().then(function () {
              draw(entry.target);
            });
          }
        });
      },
      { rootMargin: NEAR }
    );
    graphs.forEach(function (graph) {
      observer.observe(graph);
    });
  }

  function start() {
    drawWhenNear(Array.prototype.slice.call(document.querySelectorAll(".course-plotly-graph")));
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

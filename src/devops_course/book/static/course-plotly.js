/* Draws the course's plotly figures from their inline JSON, with the plotly.js
 * that the book serves from _static (no CDN), a Korean locale, and keyboard
 * control of every explorer slider and button. plotly.js (1.2 MB) is loaded only
 * when the first figure comes near the viewport, and each figure is drawn then.
 * A figure narrower than data-phone-below takes its phone layout, and in dark
 * mode its colours are swapped by data-dark; both follow the reader's changes.
 * The caption under a figure follows its slider; on a phone the slider is
 * repeated above the figure, where it stays in view. window.coursePlotly.show
 * draws a figure computed in the page (course-live.js) the same way. */
(function () {
  "use strict";

  // This script's tag names the plotly.js bundle beside it (data-plotly).
  var SELF = document.currentScript;
  var PLOTLY_URL = SELF.src.split("?")[0].replace(/[^\/]*$/, "") + SELF.dataset.plotly;
  var NEAR = "800px 0px"; // start loading this far before a figure scrolls into view
  var PHONE_BELOW = Number(SELF.dataset.phoneBelow || 0);
  var DARK = JSON.parse(SELF.dataset.dark || "{}");

  var KOREAN = {
    moduleType: "locale",
    name: "ko",
    dictionary: {
      "Autoscale": "자동 배율",
      "Download plot": "그림 내려받기",
      "Download plot as a PNG": "PNG로 내려받기",
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

  // The step a slider is at, or is on its way to: a key pressed while plotly is
  // still drawing the last step moves on from that step, not from the one before.
  function sliderStep(graph, index) {
    var target = (graph.courseTargets || {})[index];
    return target !== undefined ? target : graph.layout.sliders[index].active || 0;
  }

  function setSlider(graph, index, active) {
    var slider = graph.layout.sliders[index];
    active = Math.max(0, Math.min(slider.steps.length - 1, active));
    if (active === sliderStep(graph, index)) {
      return;
    }
    var targets = (graph.courseTargets = graph.courseTargets || {});
    targets[index] = active;
    var step = slider.steps[active];
    var update = {};
    update["sliders[" + index + "].active"] = active;
    function done() {
      if (targets[index] === active) {
        delete targets[index];
      }
      makeAccessible(graph);
    }
    // One step after another: each is drawn before the next begins.
    graph.courseQueue = (graph.courseQueue || Promise.resolve())
      .then(function () {
        return runCommand(graph, step.method, step.args);
      })
      .then(function () {
        return Plotly.relayout(graph, update);
      })
      .then(done, done);
  }

  function sliderKeys(graph, index) {
    return function (event) {
      var active = sliderStep(graph, index);
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

  // The caption under the figure (the figure's accessible name) says what the
  // figure shows now: every slider step and animation frame carries the alt text
  // of its own scenario in layout.meta.
  function describeView(graph) {
    var caption = document.getElementById(graph.id + "-caption");
    var text = graph.layout && graph.layout.meta && graph.layout.meta.alt;
    if (caption && text && caption.textContent !== text) {
      caption.textContent = text;
    }
  }

  function plainLabel(text) {
    return String(text || "").replace(/<br\s*\/?>/gi, " ").replace(/<[^>]+>/g, "");
  }

  // On a phone an explorer's slider sits under plots that can be taller than the
  // screen. A native range control above the figure repeats it and stays in view
  // (sticky) while the figure scrolls by: the control is never a screen away
  // from what it changes.
  function phoneSlider(graph) {
    var slider = (graph.layout.sliders || [])[0];
    var proxy = graph.parentNode.querySelector(".course-slider-proxy");
    if (!slider) {
      if (proxy) {
        proxy.hidden = true; // a live figure (course-live.js) has no scenarios
      }
      return;
    }
    if (!proxy) {
      proxy = document.createElement("div");
      proxy.className = "course-slider-proxy";
      proxy.innerHTML = '<label><span></span> <output></output><input type="range" min="0" step="1"></label>';
      graph.parentNode.insertBefore(proxy, graph);
      var range = proxy.querySelector("input");
      range.addEventListener("input", function () {
        setSlider(graph, 0, Number(range.value));
      });
    }
    var input = proxy.querySelector("input");
    var active = sliderStep(graph, 0);
    var prefix = (slider.currentvalue && slider.currentvalue.prefix) || "";
    var label = plainLabel(slider.steps[active].label);
    proxy.querySelector("span").textContent = prefix.replace(/[:\s]+$/, "") + ":";
    proxy.querySelector("output").textContent = label;
    input.max = String(slider.steps.length - 1);
    input.value = String(active);
    input.setAttribute("aria-valuetext", label);
    proxy.hidden = graph.dataset.layout !== "phone";
    // just under the article's header bar, which also stays at the top
    var header = document.querySelector(".bd-header-article");
    proxy.style.top = (header ? header.getBoundingClientRect().height : 0) + "px";
  }

  function makeAccessible(graph) {
    describeView(graph);
    phoneSlider(graph);
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

  function isDark() {
    return document.documentElement.dataset.theme === "dark";
  }

  // Every colour string of the figure that DARK names, swapped (a copy).
  function darken(value) {
    if (typeof value === "string") {
      return Object.prototype.hasOwnProperty.call(DARK, value) ? DARK[value] : value;
    }
    if (Array.isArray(value)) {
      return value.map(darken);
    }
    if (value && typeof value === "object") {
      var copy = {};
      Object.keys(value).forEach(function (key) {
        copy[key] = darken(value[key]);
      });
      return copy;
    }
    return value;
  }

  // The figure with its phone layout: the patch leaves out each control's data
  // half (args[0]), the same as the figure's.
  function phoneFigure(figure) {
    var patch = figure.phone;
    var layout = JSON.parse(JSON.stringify(patch.layout));
    ["sliders", "updatemenus"].forEach(function (kind) {
      (layout[kind] || []).forEach(function (control, i) {
        var items = kind === "sliders" ? "steps" : "buttons";
        control[items].forEach(function (item, j) {
          if (item.args && item.args[0] === null) {
            item.args[0] = figure.layout[kind][i][items][j].args[0];
          }
        });
      });
    });
    return {
      data: figure.data.map(function (trace, i) {
        return patch.traces[i] ? Object.assign({}, trace, patch.traces[i]) : trace;
      }),
      layout: layout,
      frames: (figure.frames || []).map(function (frame, i) {
        return Object.assign({}, frame, { layout: patch.frames[i] });
      })
    };
  }

  function wantsPhone(graph) {
    return graph.clientWidth > 0 && graph.clientWidth < PHONE_BELOW;
  }

  // What the graph should show now: its phone or wide layout, light or dark.
  function figureFor(graph) {
    var figure = JSON.parse(document.getElementById(graph.dataset.figure).textContent);
    var phone = Boolean(figure.phone) && wantsPhone(graph);
    var shown = phone ? phoneFigure(figure) : { data: figure.data, layout: figure.layout, frames: figure.frames || [] };
    if (isDark()) {
      shown = darken(shown);
    }
    graph.dataset.layout = phone ? "phone" : "wide";
    graph.dataset.mode = isDark() ? "dark" : "light";
    // On a phone the modebar would sit on the title, and its zoom fights the
    // page's scrolling: the figure goes without it.
    var config = phone ? Object.assign({}, CONFIG, { displayModeBar: false }) : CONFIG;
    return { data: shown.data, layout: shown.layout, frames: shown.frames, config: config };
  }

  function draw(graph) {
    return Plotly.newPlot(graph, figureFor(graph)).then(function () {
      makeAccessible(graph);
      graph.on("plotly_afterplot", function () {
        makeAccessible(graph);
      });
      graph.dataset.drawn = "true";
    });
  }

  // Redraw the figures whose layout or colours no longer match the page.
  function follow() {
    document.querySelectorAll('.course-plotly-graph[data-drawn="true"]').forEach(function (graph) {
      var layout = wantsPhone(graph) ? "phone" : "wide";
      var mode = isDark() ? "dark" : "light";
      if (graph.dataset.layout !== layout || graph.dataset.mode !== mode) {
        graph.dataset.drawn = "redrawing";
        graph.courseTargets = {};
        Plotly.react(graph, figureFor(graph)).then(function () {
          makeAccessible(graph);
          graph.dataset.drawn = "true";
        });
      }
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

  // course-live.js hands a graph a figure its model has just computed: it takes the
  // place of the inline JSON and is drawn in the layout and colours the page has now.
  window.coursePlotly = {
    show: function (graph, figure) {
      document.getElementById(graph.dataset.figure).textContent = JSON.stringify(figure);
      return loadPlotly().then(function () {
        if (!graph.dataset.drawn) {
          return draw(graph);
        }
        graph.courseTargets = {};
        return Plotly.react(graph, figureFor(graph)).then(function () {
          makeAccessible(graph);
        });
      });
    }
  };

  function start() {
    drawWhenNear(Array.prototype.slice.call(document.querySelectorAll(".course-plotly-graph")));
    new MutationObserver(follow).observe(document.documentElement, {
      attributes: true,
      attributeFilter: ["data-theme"]
    });
    var resizing = null;
    window.addEventListener("resize", function () {
      clearTimeout(resizing);
      resizing = setTimeout(follow, 200);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

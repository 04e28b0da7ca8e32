/* "직접 계산해 보기" under every explorer figure whose graph names its interactive
 * (data-live). Pressed, it starts the page's Python once (course-live-worker.js, a
 * Web Worker shared by every interactive of the page, loaded on demand) and turns
 * the explorer into the real model: a form made from the interactive's SPEC above
 * the figure, and the figure redrawn by model and figure on every change, through
 * course-plotly.js (phone layout, dark colours, caption). A value the model refuses
 * gets its Korean message, and the last good figure stays. */
(function () {
  "use strict";

  var SELF = document.currentScript;
  var WORKER_URL = new URL("course-live-worker.js", SELF.src).href;
  var LITE_URL = new URL(SELF.dataset.lite, SELF.src).href;
  var TYPING_PAUSE = 300; // ms: a number being typed is computed once the typing pauses

  var TEXT = {
    loading: "파이썬 모델을 불러오는 중입니다. 처음 한 번은 몇 초 걸립니다…",
    live:
      "이 그림은 이제 이 브라우저에서 파이썬 모델이 직접 계산합니다. 위의 칸에서 값을 바꾸면 " +
      "바로 다시 그립니다. 아무것도 밖으로 보내지 않습니다.",
    failed:
      "파이썬 모델을 불러오지 못했습니다. 페이지를 새로 고친 뒤 다시 눌러 보세요. " +
      "그동안 그림은 미리 계산한 시나리오로 살펴볼 수 있습니다.",
    fromFile:
      "직접 계산은 웹 서버로 연 책에서만 됩니다. 파일(file://)로 연 페이지에서는 브라우저가 " +
      "파이썬 실행 파일을 불러오지 않습니다. 책 폴더에서 make serve를 실행한 뒤 " +
      "http://127.0.0.1:8000/ 으로 열어 보세요.",
    broken: "이 값으로는 계산하지 못했습니다. 다른 값을 넣어 보세요.",
    kept: "아래 그림은 마지막으로 올바르게 계산한 결과입니다.",
    reset: "기본값으로",
    restored: "지난번에 이 브라우저에서 계산한 값으로 채웠습니다. 처음 값으로 돌아가려면 기본값으로를 누르세요."
  };

  // ------------------------------------------------------------ the worker

  var worker = null;
  var waiting = {};
  var lastId = 0;
  var started = null;

  function failAll(reason) {
    Object.keys(waiting).forEach(function (id) {
      waiting[id].reject(reason);
    });
    waiting = {};
  }

  function call(method, args) {
    if (!worker) {
      worker = new Worker(WORKER_URL, { type: "module" });
      worker.onmessage = function (event) {
        var reply = event.data;
        var pending = waiting[reply.id];
        delete waiting[reply.id];
        if ("failed" in reply) {
          console.error("[course-live] " + reply.failed);
          pending.reject(reply.failed);
        } else {
          pending.resolve(reply.result);
        }
      };
      worker.onerror = function (event) {
        console.error("[course-live] " + (event.message || "worker error"));
        worker = null;
        started = null;
        failAll(event.message);
      };
    }
    lastId += 1;
    var id = lastId;
    return new Promise(function (resolve, reject) {
      waiting[id] = { resolve: resolve, reject: reject };
      worker.postMessage({ id: id, method: method, args: args });
    });
  }

  function startPython() {
    if (!started) {
      started = call("start", [LITE_URL]).catch(function (reason) {
        started = null;
        throw reason;
      });
    }
    return started;
  }

  // ------------------------------------------------------------ the form

  // A number box steps by the field's own step, or by about a hundredth of its range.
  function stepOf(field) {
    if (field.step) {
      return String(field.step);
    }
    if (field.kind === "integer") {
      return "1";
    }
    var span = field.high - field.low;
    return span > 0 ? String(Math.pow(10, Math.floor(Math.log10(span / 100)))) : "any";
  }

  function inputFor(field) {
    var input;
    if (field.kind === "choice") {
      input = document.createElement("select");
      field.choices.forEach(function (label, index) {
        input.appendChild(new Option(label, String(index)));
      });
    } else {
      input = document.createElement("input");
      if (field.kind === "text") {
        input.type = "text";
      } else {
        input.type = field.play ? "range" : "number";
        input.inputMode = field.kind === "integer" ? "numeric" : "decimal";
        input.min = String(field.low);
        input.max = String(field.high);
        input.step = stepOf(field);
      }
    }
    input.name = field.name;
    input.dataset.kind = field.kind;
    input.dataset.default = String(field.default);
    input.value = String(field.default);
    return input;
  }

  function fieldFor(field) {
    var label = document.createElement("label");
    label.className = "course-live-field";
    var caption = document.createElement("span");
    caption.textContent = field.caption;
    label.appendChild(caption);
    var input = inputFor(field);
    label.appendChild(input);
    if (field.play) {
      var shown = document.createElement("output");
      shown.textContent = input.value;
      input.addEventListener("input", function () {
        shown.textContent = input.value;
      });
      label.appendChild(shown);
    }
    return label;
  }

  // What the form sends: a choice's index, the text typed, or a number box's text
  // (null when it is empty or holds no number: the model says so in Korean).
  function valuesOf(form) {
    var values = {};
    Array.prototype.forEach.call(form.querySelectorAll(".course-live-field [name]"), function (input) {
      var kind = input.dataset.kind;
      if (kind === "choice") {
        values[input.name] = Number(input.value);
      } else if (kind === "text") {
        values[input.name] = input.value;
      } else {
        values[input.name] = input.value === "" || input.validity.badInput ? null : input.value;
      }
    });
    return values;
  }

  function buildForm(spec) {
    var form = document.createElement("form");
    form.className = "course-live-form";
    form.setAttribute("aria-label", spec.title + ": 직접 계산");
    form.noValidate = true; // the model, not the browser, judges a value
    var fields = document.createElement("div");
    fields.className = "course-live-fields";
    spec.fields.forEach(function (field) {
      fields.appendChild(fieldFor(field));
    });
    form.appendChild(fields);
    var reset = document.createElement("button");
    reset.type = "button";
    reset.className = "course-live-reset";
    reset.textContent = TEXT.reset;
    form.appendChild(reset);
    var message = document.createElement("div");
    message.className = "course-live-message";
    message.setAttribute("role", "alert");
    form.appendChild(message);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });
    return form;
  }

  // ------------------------------------------------------------ redrawing

  // One computation at a time per figure; while one runs, only the latest values wait.
  function renderer(graph, form, announce, keep) {
    var message = form.querySelector(".course-live-message");
    var running = false;
    var next = null;
    var renders = 0;
    var done = 0;

    function show(text, kind) {
      message.textContent = text;
      message.dataset.tone = kind;
      graph.dataset.liveError = kind === "error" ? text : "";
    }

    function finish(values, since, reply) {
      if (reply.error) {
        show("⚠ " + reply.error + " " + TEXT.kept, "error");
        return null;
      }
      return window.coursePlotly.show(graph, reply.figure).then(function () {
        var meta = reply.figure.layout.meta || {};
        show(meta.note ? "ℹ " + meta.note : "", meta.note ? "note" : "");
        renders += 1;
        graph.dataset.liveMs = (performance.now() - since).toFixed(1);
        graph.dataset.liveRenders = String(renders);
        graph.dataset.liveValues = JSON.stringify(values);
        keep(values);
        if (renders > 1) {
          announce(meta.alt || "");
        }
      });
    }

    function run(values, since) {
      running = true;
      var asked = performance.now();
      call("render", [graph.dataset.live, JSON.stringify(values)])
        .then(function (text) {
          graph.dataset.liveComputeMs = (performance.now() - asked).toFixed(1);
          return finish(values, since, JSON.parse(text));
        })
        .catch(function () {
          show("⚠ " + TEXT.broken + " " + TEXT.kept, "error");
        })
        .then(function () {
          done += 1;
          graph.dataset.liveDone = String(done); // computations finished, drawn or refused
          running = false;
          if (next) {
            var queued = next;
            next = null;
            run(queued.values, queued.since);
          }
        });
    }

    return function redraw() {
      var request = { values: valuesOf(form), since: performance.now() };
      if (running) {
        next = request;
      } else {
        run(request.values, request.since);
      }
    };
  }

  function follow(form, redraw) {
    var typing = null;
    form.addEventListener("input", function (event) {
      clearTimeout(typing);
      var kind = event.target.dataset.kind;
      var typed = event.target.type === "number" || kind === "text";
      typing = setTimeout(redraw, typed ? TYPING_PAUSE : 0);
    });
    form.addEventListener("change", function () {
      clearTimeout(typing);
      redraw();
    });
    form.querySelector(".course-live-reset").addEventListener("click", function () {
      Array.prototype.forEach.call(form.querySelectorAll(".course-live-field [name]"), function (input) {
        input.value = input.dataset.default;
        input.dispatchEvent(new Event("input", { bubbles: true }));
      });
      var restored = form.querySelector(".course-live-restored");
      if (restored) {
        restored.remove();
      }
      clearTimeout(typing);
      redraw();
    });
  }

  // The values this model last drew in this browser (course-record.js), if its
  // form is still the same; true when the form now shows them.
  function fillKept(form, name, formText) {
    var kept = window.courseRecord ? window.courseRecord.liveValues(name, formText) : null;
    if (!kept) {
      return false;
    }
    Array.prototype.forEach.call(form.querySelectorAll(".course-live-field [name]"), function (input) {
      var value = kept[input.name];
      if (value !== undefined && value !== null) {
        input.value = String(value);
        input.dispatchEvent(new Event("input", { bubbles: true })); // a slider's shown value
      }
    });
    var note = document.createElement("p");
    note.className = "course-live-restored";
    note.textContent = TEXT.restored;
    form.insertBefore(note, form.querySelector(".course-live-reset"));
    return true;
  }

  // ------------------------------------------------------------ the button

  function goLive(graph, box) {
    var button = box.querySelector("button");
    var status = box.querySelector(".course-live-status");
    var figure = graph.closest("figure");
    if (location.protocol === "file:") {
      status.textContent = TEXT.fromFile;
      return;
    }
    button.disabled = true;
    status.textContent = TEXT.loading;
    graph.dataset.liveState = "loading";
    var since = performance.now();
    startPython()
      .then(function () {
        return call("form", [graph.dataset.live]);
      })
      .then(function (text) {
        var form = buildForm(JSON.parse(text));
        figure.parentNode.insertBefore(form, figure);
        var note = form.previousElementSibling;
        if (note && note.classList.contains("course-explorer-note")) {
          note.textContent = TEXT.live;
        }
        var restored = fillKept(form, graph.dataset.live, text);
        var redraw = renderer(
          graph,
          form,
          function (announcement) {
            status.textContent = announcement;
          },
          function (values) {
            if (window.courseRecord) {
              window.courseRecord.keepLive(graph.dataset.live, text, values);
            }
          }
        );
        follow(form, redraw);
        button.hidden = true;
        status.textContent = restored ? TEXT.restored : "";
        status.classList.add("course-visually-hidden");
        graph.dataset.liveState = "live";
        graph.dataset.liveStartMs = (performance.now() - since).toFixed(0);
        form.querySelector(".course-live-field [name]").focus({ preventScroll: true });
        form.scrollIntoView({ block: "start" });
        redraw();
      })
      .catch(function () {
        button.disabled = false;
        status.textContent = TEXT.failed;
        graph.dataset.liveState = "failed";
      });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll(".course-live"), function (box) {
      var graph = document.getElementById(box.dataset.graph);
      var button = box.querySelector("button");
      button.hidden = false;
      button.addEventListener("click", function () {
        goLive(graph, box);
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

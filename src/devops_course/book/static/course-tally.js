/* "반 결과 모아 보기": learners' exported records, tallied in this browser. Per quiz
   question: how many answered, how many were right at the first try and now, and
   the wrong answer chosen most at the first try; per exercise: how many checked it
   right (or, for one answered in words, marked it done). Files are read here and sent nowhere. Uses courseRecord.parse
   (course-record.js) and window.courseCatalog. */
(function () {
  "use strict";

  var TEXT = {
    pick: "기록 파일 고르기 (여러 개 가능)",
    drop: "학습자들이 내 학습 기록에서 저장한 파일(.json)을 여기에 끌어다 놓거나, 위 단추로 고르세요.",
    reset: "결과 비우기",
    counted: function (records, repeats) {
      return "학습 기록 " + records + "개를 모았습니다." +
        (repeats ? " 같은 학습자의 기록 " + repeats + "개는 한 번만 셌습니다(가장 최근 것)." : "");
    },
    nicknames: function (names) {
      return "별명: " + names.join(", ") + ".";
    },
    failed: function (name, reason) {
      return "⚠ " + name + ": " + reason;
    },
    tooBig: "파일이 너무 큽니다(1 MB 넘음).",
    chart: function (title) {
      return title + ": 문제별로 처음에 맞힌 비율";
    },
    quizHeads: ["문제", "답한 사람", "처음에 맞힘", "지금 맞힘", "처음에 가장 많이 고른 오답"],
    exerciseHeads: ["연습 문제", "확인 방법", "해낸 사람", "처음 확인에 맞힘"],
    checkedHow: "답 확인(맞게 확인한 사람)",
    selfHow: "스스로 확인(다 풀었다고 표시한 사람)",
    notChecked: "해당 없음",
    quizCaption: function (title) {
      return title + " 퀴즈";
    },
    exerciseCaption: function (title) {
      return title + " 연습 문제";
    },
    people: function (count, of) {
      if (of === 0) {
        return "답 없음";
      }
      return count + "명" + (of !== undefined ? " / " + of + "명" : "");
    },
    percent: function (part, whole) {
      return whole ? Math.round((100 * part) / whole) + "%" : "답 없음";
    },
    noWrong: "없음",
    typed: function (value) {
      return "‘" + value + "’ 입력";
    },
    times: function (count) {
      return " (" + count + "명)";
    },
    stale: function (count) {
      return "지금 책의 문제와 달라진(문제가 고쳐진 뒤의) 답 " + count + "개는 세지 않았습니다.";
    },
    empty: "아직 모은 기록이 없습니다.",
    untouched: "모은 기록 가운데 이 장의 답이나 연습 문제가 있는 것이 없습니다.",
  };
  var MAX_BYTES = 1024 * 1024;
  var records = {}; // by record id: the latest of each learner's files
  var repeats = 0;
  var problems = [];

  var element = window.courseRecord.element;

  function add(record) {
    var before = records[record.id];
    if (before) {
      repeats += 1;
      if (before.updated > record.updated) {
        return;
      }
    }
    records[record.id] = record;
  }

  function mostCommon(counts) {
    var best = null;
    Object.keys(counts).forEach(function (key) {
      if (!best || counts[key] > counts[best]) {
        best = key;
      }
    });
    return best;
  }

  // The tally of one question over all records.
  function tallyQuestion(page, question, index) {
    var result = { answered: 0, firstRight: 0, right: 0, wrong: {}, stale: 0 };
    Object.keys(records).forEach(function (id) {
      var chapter = records[id].chapters[page];
      var answer = chapter && chapter.quiz[String(index)];
      if (!answer) {
        return;
      }
      if (answer.v !== question.v) {
        result.stale += 1;
        return;
      }
      result.answered += 1;
      result.right += answer.right ? 1 : 0;
      result.firstRight += answer.first.right ? 1 : 0;
      if (!answer.first.right) {
        var key = question.type === "numeric" ? "typed:" + (answer.first.typed || "") : "choice:" + answer.first.chosen.join(",");
        result.wrong[key] = (result.wrong[key] || 0) + 1;
      }
    });
    return result;
  }

  function wrongText(question, key, count) {
    if (!key) {
      return TEXT.noWrong;
    }
    var value = key.slice(key.indexOf(":") + 1);
    if (key.indexOf("typed:") === 0) {
      return TEXT.typed(value) + TEXT.times(count);
    }
    var labels = value.split(",").map(function (index) {
      return (question.choices || [])[Number(index)] || "";
    });
    return labels.join(" / ") + TEXT.times(count);
  }

  function chart(chapter, tallies) {
    var figure = element("figure", { class: "course-tally-chart" });
    var caption = element("figcaption", {}, TEXT.chart(chapter.title));
    var list = element("ol", { class: "course-tally-bars" });
    tallies.forEach(function (t, index) {
      var share = t.answered ? t.firstRight / t.answered : 0;
      var item = list.appendChild(element("li"));
      item.appendChild(element("span", { class: "course-tally-bar-label" }, index + 1 + "번"));
      var track = item.appendChild(element("span", { class: "course-tally-track", "aria-hidden": "true" }));
      var bar = track.appendChild(element("span", { class: "course-tally-bar" }));
      bar.style.width = (100 * share).toFixed(1) + "%";
      item.appendChild(element("span", { class: "course-tally-bar-value" }, TEXT.percent(t.firstRight, t.answered)));
    });
    figure.appendChild(caption);
    figure.appendChild(list);
    return figure;
  }

  // Each cell names its column, for the phone, where a row stacks (course.css).
  function labelCells(table, heads) {
    Array.prototype.forEach.call(table.querySelectorAll("tbody tr"), function (row) {
      Array.prototype.forEach.call(row.children, function (cell, index) {
        if (cell.tagName === "TD") {
          cell.setAttribute("data-label", heads[index]);
        }
      });
    });
    return table;
  }

  function headRow(table, heads) {
    var row = table.appendChild(element("thead")).appendChild(element("tr"));
    heads.forEach(function (text) {
      row.appendChild(element("th", { scope: "col" }, text));
    });
  }

  function quizTable(chapter, tallies) {
    var table = element("table", { class: "course-tally-table", "data-page": chapter.page, "data-table": "quiz" });
    table.appendChild(element("caption", {}, TEXT.quizCaption(chapter.title)));
    headRow(table, TEXT.quizHeads);
    var body = table.appendChild(element("tbody"));
    chapter.questions.forEach(function (question, index) {
      var t = tallies[index];
      var row = body.appendChild(element("tr", { "data-question": String(index + 1) }));
      row.appendChild(element("th", { scope: "row" }, index + 1 + ". " + question.text));
      row.appendChild(element("td", { "data-cell": "answered" }, TEXT.people(t.answered)));
      row.appendChild(element("td", { "data-cell": "first" }, TEXT.people(t.firstRight, t.answered)));
      row.appendChild(element("td", { "data-cell": "right" }, TEXT.people(t.right, t.answered)));
      var key = mostCommon(t.wrong);
      row.appendChild(element("td", { "data-cell": "wrong" }, wrongText(question, key, t.wrong[key])));
    });
    return labelCells(table, TEXT.quizHeads);
  }

  // The tally of one exercise: who did it (checked right, or marked done) and,
  // for a checked exercise, who was right at the first check.
  function tallyExercise(page, exercise) {
    var result = { done: 0, firstRight: 0, checked: 0 };
    Object.keys(records).forEach(function (id) {
      var chapter = records[id].chapters[page];
      var entry = chapter && chapter.exercises[exercise.label];
      if (!entry || entry.v !== exercise.v) {
        return;
      }
      if (exercise.checked) {
        if (entry.checked) {
          result.checked += 1;
          result.done += entry.checked.right ? 1 : 0;
          result.firstRight += entry.first ? 1 : 0;
        }
      } else {
        result.done += entry.done ? 1 : 0;
      }
    });
    return result;
  }

  function exerciseTable(chapter) {
    var table = element("table", { class: "course-tally-table", "data-page": chapter.page, "data-table": "exercises" });
    table.appendChild(element("caption", {}, TEXT.exerciseCaption(chapter.title)));
    headRow(table, TEXT.exerciseHeads);
    var body = table.appendChild(element("tbody"));
    var total = Object.keys(records).length;
    chapter.exercises.forEach(function (exercise) {
      var t = tallyExercise(chapter.page, exercise);
      var row = body.appendChild(element("tr", { "data-exercise": exercise.label }));
      row.appendChild(element("th", { scope: "row" }, exercise.title + ". " + exercise.text));
      row.appendChild(element("td", { "data-cell": "how" }, exercise.checked ? TEXT.checkedHow : TEXT.selfHow));
      row.appendChild(element("td", { "data-cell": "done" }, TEXT.people(t.done, total)));
      row.appendChild(
        element("td", { "data-cell": "first" }, exercise.checked ? TEXT.people(t.firstRight, t.checked) : TEXT.notChecked)
      );
    });
    return labelCells(table, TEXT.exerciseHeads);
  }

  // Whether a learner's record of a chapter holds any answer or exercise.
  function touched(chapter) {
    return Boolean(chapter && (Object.keys(chapter.quiz).length || Object.keys(chapter.exercises).length));
  }

  function render(app) {
    var out = app.querySelector(".course-tally-results");
    out.textContent = "";
    var summary = app.querySelector(".course-tally-summary");
    var ids = Object.keys(records);
    var lines = problems.slice();
    if (!ids.length) {
      summary.textContent = [TEXT.empty].concat(lines).join(" ");
      return;
    }
    var names = ids
      .map(function (id) {
        return records[id].nickname;
      })
      .filter(Boolean);
    lines.unshift(TEXT.counted(ids.length, repeats) + (names.length ? " " + TEXT.nicknames(names) : ""));
    var stale = 0;
    window.courseCatalog.chapters.forEach(function (chapter, index) {
      var tallies = chapter.questions.map(function (question, q) {
        return tallyQuestion(chapter.page, question, q);
      });
      stale += tallies.reduce(function (sum, t) {
        return sum + t.stale;
      }, 0);
      var section = out.appendChild(element("section", { class: "course-tally-chapter" }));
      section.appendChild(element("h2", {}, index + 1 + ". " + chapter.title));
      if (!ids.some(function (id) {
        return touched(records[id].chapters[chapter.page]);
      })) {
        section.appendChild(element("p", { class: "course-tally-none" }, TEXT.untouched));
        return;
      }
      section.appendChild(chart(chapter, tallies));
      section.appendChild(quizTable(chapter, tallies));
      section.appendChild(exerciseTable(chapter));
    });
    if (stale) {
      lines.push(TEXT.stale(stale));
    }
    summary.textContent = lines.join(" ");
  }

  function read(app, files) {
    var reads = Array.prototype.map.call(files, function (file) {
      if (file.size > MAX_BYTES) {
        problems.push(TEXT.failed(file.name, TEXT.tooBig));
        return Promise.resolve();
      }
      return file.text().then(function (text) {
        try {
          add(window.courseRecord.parse(text));
        } catch (error) {
          problems.push(TEXT.failed(file.name, error.message));
        }
      });
    });
    return Promise.all(reads).then(function () {
      render(app);
      app.dataset.records = String(Object.keys(records).length);
    });
  }

  function controls(app) {
    var zone = app.appendChild(element("div", { class: "course-tally-drop" }));
    var pick = zone.appendChild(element("label", { class: "course-tally-pick" }, TEXT.pick));
    var input = pick.appendChild(element("input", { type: "file", multiple: "", accept: ".json,application/json" }));
    zone.appendChild(element("p", {}, TEXT.drop));
    var reset = zone.appendChild(element("button", { type: "button", class: "course-tally-reset" }, TEXT.reset));
    app.appendChild(element("p", { class: "course-tally-summary", role: "status" }, TEXT.empty));
    app.appendChild(element("div", { class: "course-tally-results" }));
    input.addEventListener("change", function () {
      problems = [];
      read(app, input.files).then(function () {
        input.value = "";
      });
    });
    zone.addEventListener("dragover", function (event) {
      event.preventDefault();
      zone.classList.add("course-tally-over");
    });
    zone.addEventListener("dragleave", function () {
      zone.classList.remove("course-tally-over");
    });
    zone.addEventListener("drop", function (event) {
      event.preventDefault();
      zone.classList.remove("course-tally-over");
      problems = [];
      read(app, event.dataTransfer.files);
    });
    reset.addEventListener("click", function () {
      records = {};
      repeats = 0;
      problems = [];
      render(app);
      app.dataset.records = "0";
    });
  }

  function start() {
    var app = document.getElementById("course-tally-app");
    if (!app || !window.courseRecord || !window.courseCatalog) {
      return;
    }
    app.textContent = "";
    controls(app);
    app.dataset.ready = "true";
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

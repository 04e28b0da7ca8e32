/* "내 학습 기록": the learner's record per chapter, saved to a file, loaded from one,
   or cleared. Everything happens in this browser; nothing is sent. Reads the record
   through window.courseRecord (course-record.js) against window.courseCatalog. */
(function () {
  "use strict";

  var TEXT = {
    caption: "장별 학습 기록 (이 브라우저에 저장된 것)",
    heads: ["장", "퀴즈", "연습 문제", "직접 계산한 도구", "남은 것"],
    quiz: function (s, total) {
      return "답함 " + s.answered + "/" + total + " · 맞힘 " + s.right;
    },
    exercises: function (s, total) {
      return "다 풂 " + s.exercisesDone + "/" + total;
    },
    none: "없음",
    allDone: "모두 했습니다",
    nickname: "별명(선택): 반 결과 모아 보기에서 이 이름으로 보입니다",
    save: "파일로 저장",
    load: "파일에서 불러오기",
    clear: "모두 지우기",
    clearAgain: "정말 지울까요? 한 번 더 누르면 지워집니다",
    cleared: "이 브라우저의 학습 기록을 모두 지웠습니다.",
    saved: function (name, bytes) {
      return name + " 파일로 저장했습니다 (" + (bytes / 1024).toFixed(1) + " KB). 다른 기기에서 이 페이지의 " +
        "파일에서 불러오기로 여세요.";
    },
    loaded: function (name, answers, exercises) {
      return name + "에서 불러왔습니다: 퀴즈 답 " + answers + "개, 다 푼 연습 문제 " + exercises +
        "개. 이 브라우저의 기록은 불러온 기록으로 바뀌었습니다.";
    },
    loadFailed: function (name, reason) {
      return "⚠ " + name + "을(를) 불러오지 못했습니다. " + reason + " 지금의 기록은 그대로입니다.";
    },
    tooBig: "파일이 너무 큽니다(1 MB 넘음).",
    updated: function (when) {
      return "마지막으로 바뀐 때: " + when;
    },
  };
  var MAX_BYTES = 1024 * 1024;

  var element = window.courseRecord.element;

  function table(record) {
    var catalog = window.courseCatalog;
    var result = element("table", { class: "course-record-table" });
    result.appendChild(element("caption", {}, TEXT.caption));
    var head = result.appendChild(element("thead")).appendChild(element("tr"));
    TEXT.heads.forEach(function (text) {
      head.appendChild(element("th", { scope: "col" }, text));
    });
    var body = result.appendChild(element("tbody"));
    window.courseRecord.summary(record, catalog).forEach(function (s, index) {
      var row = body.appendChild(element("tr", { "data-page": s.chapter.page }));
      var name = row.appendChild(element("th", { scope: "row" }));
      name.appendChild(element("a", { href: s.chapter.page + ".html" }, index + 1 + ". " + s.chapter.title));
      var tools = s.live.map(function (name) {
        return catalog.tools[name] || name;
      });
      var cells = {
        quiz: TEXT.quiz(s, s.chapter.questions.length),
        exercises: TEXT.exercises(s, s.chapter.exercises.length),
        live: tools.length ? tools.join(", ") : TEXT.none,
        open: s.open.length ? s.open.join(" · ") : TEXT.allDone,
      };
      Object.keys(cells).forEach(function (cell, column) {
        // data-label: the column's name, shown beside the value when rows stack on a phone
        row.appendChild(element("td", { "data-cell": cell, "data-label": TEXT.heads[column + 1] }, cells[cell]));
      });
    });
    return result;
  }

  function counts(record) {
    var answers = 0;
    var exercises = 0;
    Object.keys(record.chapters).forEach(function (page) {
      var chapter = record.chapters[page];
      answers += Object.keys(chapter.quiz).length;
      exercises += Object.keys(chapter.exercises).filter(function (label) {
        return chapter.exercises[label].done;
      }).length;
    });
    return { answers: answers, exercises: exercises };
  }

  function fileName() {
    var day = new Date().toISOString().slice(0, 10);
    return "devops-course-record-" + day + ".json";
  }

  function download(record) {
    var text = JSON.stringify(record, null, 1);
    var link = element("a", { href: URL.createObjectURL(new Blob([text], { type: "application/json" })) });
    link.download = fileName();
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () {
      URL.revokeObjectURL(link.href);
    }, 1000);
    return { name: link.download, bytes: new Blob([text]).size };
  }

  function render(app) {
    var record = window.courseRecord.load();
    var old = app.querySelector(".course-record-table");
    var fresh = table(record);
    if (old) {
      old.replaceWith(fresh);
    } else {
      app.insertBefore(fresh, app.firstChild);
    }
    app.querySelector(".course-record-nickname input").value = record.nickname;
    app.querySelector(".course-record-updated").textContent = record.updated
      ? TEXT.updated(new Date(record.updated).toLocaleString("ko-KR"))
      : "";
  }

  function say(app, text, tone) {
    var message = app.querySelector(".course-record-message");
    message.textContent = text;
    message.dataset.tone = tone || "";
  }

  function controls(app) {
    var nickname = element("label", { class: "course-record-nickname" }, TEXT.nickname);
    var input = nickname.appendChild(element("input", { type: "text", maxlength: "40", autocomplete: "off" }));
    input.addEventListener("change", function () {
      var record = window.courseRecord.load();
      record.nickname = input.value.trim().slice(0, 40);
      window.courseRecord.save(record);
    });
    app.appendChild(nickname);

    var actions = app.appendChild(element("div", { class: "course-record-actions" }));
    var save = actions.appendChild(element("button", { type: "button", class: "course-record-save" }, TEXT.save));
    save.addEventListener("click", function () {
      var file = download(window.courseRecord.load());
      say(app, TEXT.saved(file.name, file.bytes));
    });

    var picker = element("input", { type: "file", accept: ".json,application/json", class: "course-record-file" });
    var load = actions.appendChild(element("label", { class: "course-record-load" }, TEXT.load));
    load.appendChild(picker);
    picker.addEventListener("change", function () {
      var file = picker.files[0];
      picker.value = "";
      if (!file) {
        return;
      }
      if (file.size > MAX_BYTES) {
        say(app, TEXT.loadFailed(file.name, TEXT.tooBig), "error");
        return;
      }
      file.text().then(function (text) {
        var record;
        try {
          record = window.courseRecord.parse(text);
        } catch (error) {
          say(app, TEXT.loadFailed(file.name, error.message), "error");
          return;
        }
        window.courseRecord.save(record);
        render(app);
        var total = counts(record);
        say(app, TEXT.loaded(file.name, total.answers, total.exercises));
      });
    });

    var clear = actions.appendChild(element("button", { type: "button", class: "course-record-clear" }, TEXT.clear));
    clear.addEventListener("click", function () {
      if (clear.dataset.armed !== "true") {
        clear.dataset.armed = "true";
        clear.textContent = TEXT.clearAgain;
        return;
      }
      clear.dataset.armed = "";
      clear.textContent = TEXT.clear;
      window.courseRecord.clear();
      render(app);
      say(app, TEXT.cleared);
    });
    clear.addEventListener("blur", function () {
      clear.dataset.armed = "";
      clear.textContent = TEXT.clear;
    });
    app.appendChild(element("p", { class: "course-record-updated" }));
    app.appendChild(element("p", { class: "course-record-message", role: "status" }));
  }

  function start() {
    var app = document.getElementById("course-record-app");
    if (!app || !window.courseRecord || !window.courseCatalog) {
      return;
    }
    app.textContent = "";
    controls(app);
    render(app);
    if (!window.courseRecord.available) {
      say(app, window.courseRecord.text.noStorage, "error");
    }
    app.dataset.ready = "true";
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

/* The learner's record: quiz answers, exercises marked done and the last settings
   of each live model, kept in this browser's localStorage and sent nowhere.

   window.courseRecord is the one API over the stored record (the record and tally
   pages and course-live.js use it). On a chapter page, window.courseRecordPage
   (written by devops_course/book/learner_record.py) gives the versions of its quiz
   questions and exercises: an answer kept for another version is dropped, never
   shown as right. */
(function () {
  "use strict";

  var KEY = "devops-course-record";
  var FORMAT = "devops-course-record";
  var VERSION = 1;
  var LIMITS = { typed: 40, nickname: 40, values: 40, text: 200, tries: 1000 };
  var TEXT = {
    done: "다 풀었습니다",
    check: "답 확인",
    checklist: "좋은 답에 들어갈 것 (스스로 확인하세요)",
    doneHint: "스스로 확인한 뒤 누르세요. 내 학습 기록에 남습니다.",
    kept: function (count) {
      return "이 브라우저에 남은 지난 답 " + count + "개를 다시 보여 줍니다. ";
    },
    dropped: function (count) {
      return "문제가 바뀌어 지난 답 " + count + "개는 지웠습니다. ";
    },
    where: "내 학습 기록",
    noStorage:
      "이 브라우저가 저장소(localStorage)를 막고 있어 답을 기억하지 못합니다. 사생활 보호 모드인지 확인하세요.",
    notRecord: "이 강좌의 학습 기록 파일이 아닙니다.",
    notJson: "JSON 파일로 읽을 수 없습니다.",
    newer: "이 책보다 새로운 형식의 기록입니다. 책을 새로 고친 뒤 다시 불러오세요.",
  };

  // ------------------------------------------------------------ the record

  function fresh() {
    return { format: FORMAT, version: VERSION, id: newId(), nickname: "", updated: "", chapters: {} };
  }

  function newId() {
    var bytes = new Uint8Array(8);
    (window.crypto || window.msCrypto).getRandomValues(bytes);
    return Array.prototype.map
      .call(bytes, function (b) {
        return (b + 256).toString(16).slice(1);
      })
      .join("");
  }

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function shortText(value, limit) {
    return typeof value === "string" ? value.slice(0, limit) : "";
  }

  function cleanAnswer(raw) {
    if (!isObject(raw) || typeof raw.v !== "string") {
      return null;
    }
    var chosen = Array.isArray(raw.chosen)
      ? raw.chosen.filter(function (i) {
          return Number.isInteger(i) && i >= 0 && i < 26;
        })
      : [];
    var answer = { v: raw.v.slice(0, 20), chosen: chosen.slice(0, 26), right: raw.right === true };
    if (typeof raw.typed === "string") {
      answer.typed = raw.typed.slice(0, LIMITS.typed);
    }
    var tries = Number(raw.tries);
    answer.tries = Number.isInteger(tries) && tries > 0 ? Math.min(tries, LIMITS.tries) : 1;
    if (isObject(raw.first)) {
      var first = cleanAnswer(Object.assign({ v: answer.v }, raw.first));
      answer.first = { chosen: first.chosen, right: first.right };
      if ("typed" in first) {
        answer.first.typed = first.typed;
      }
    } else {
      answer.first = { chosen: answer.chosen, right: answer.right };
      if ("typed" in answer) {
        answer.first.typed = answer.typed;
      }
    }
    return answer;
  }

  function cleanValues(raw) {
    var values = {};
    Object.keys(isObject(raw) ? raw : {})
      .slice(0, LIMITS.values)
      .forEach(function (name) {
        var value = raw[name];
        if (typeof value === "number" && isFinite(value)) {
          values[name.slice(0, 40)] = value;
        } else if (typeof value === "string" || value === null) {
          values[name.slice(0, 40)] = value === null ? null : value.slice(0, LIMITS.text);
        }
      });
    return values;
  }

  // An exercise marked done, or checked: the answer given and whether it was right.
  function cleanExercise(raw) {
    var exercise = { v: raw.v.slice(0, 20), done: raw.done === true };
    if (isObject(raw.checked)) {
      exercise.checked = {
        answer: shortText(String(raw.checked.answer), LIMITS.typed),
        right: raw.checked.right === true,
      };
      var tries = Number(raw.tries);
      exercise.tries = Number.isInteger(tries) && tries > 0 ? Math.min(tries, LIMITS.tries) : 1;
      exercise.first = raw.first === true;
    }
    if (Array.isArray(raw.ticks)) {
      exercise.ticks = raw.ticks.slice(0, 10).map(function (tick) {
        return tick === true;
      });
    }
    return exercise;
  }

  function cleanChapter(raw) {
    var chapter = { quiz: {}, exercises: {}, live: {} };
    if (!isObject(raw)) {
      return chapter;
    }
    Object.keys(isObject(raw.quiz) ? raw.quiz : {}).forEach(function (index) {
      var answer = /^\d{1,3}$/.test(index) && cleanAnswer(raw.quiz[index]);
      if (answer) {
        chapter.quiz[index] = answer;
      }
    });
    Object.keys(isObject(raw.exercises) ? raw.exercises : {}).forEach(function (label) {
      var entry = raw.exercises[label];
      if (/^[\w-]{1,60}$/.test(label) && isObject(entry) && typeof entry.v === "string") {
        chapter.exercises[label] = cleanExercise(entry);
      }
    });
    Object.keys(isObject(raw.live) ? raw.live : {}).forEach(function (name) {
      var entry = raw.live[name];
      if (/^\w{1,40}$/.test(name) && isObject(entry) && typeof entry.v === "string") {
        chapter.live[name] = { v: entry.v.slice(0, 20), values: cleanValues(entry.values) };
      }
    });
    return chapter;
  }

  /* A record from anything (a stored text, an imported file): the known fields,
     checked and cut to size. Throws an Error with a Korean message. */
  function clean(raw) {
    if (!isObject(raw) || raw.format !== FORMAT) {
      throw new Error(TEXT.notRecord);
    }
    if (raw.version !== VERSION) {
      throw new Error(Number(raw.version) > VERSION ? TEXT.newer : TEXT.notRecord);
    }
    var record = fresh();
    record.id = /^[0-9a-f]{16}$/.test(raw.id) ? raw.id : record.id;
    record.nickname = shortText(raw.nickname, LIMITS.nickname);
    record.updated = shortText(raw.updated, 30);
    Object.keys(isObject(raw.chapters) ? raw.chapters : {}).forEach(function (page) {
      if (/^[\w-]{1,60}$/.test(page)) {
        record.chapters[page] = cleanChapter(raw.chapters[page]);
      }
    });
    return record;
  }

  function parse(text) {
    var raw;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      throw new Error(TEXT.notJson);
    }
    return clean(raw);
  }

  var storage = (function () {
    try {
      var probe = KEY + "-probe";
      window.localStorage.setItem(probe, "1");
      window.localStorage.removeItem(probe);
      return window.localStorage;
    } catch (error) {
      return null;
    }
  })();
  var memory = null; // where the record lives when the browser keeps nothing

  function load() {
    if (!storage) {
      return memory || (memory = fresh());
    }
    var text = storage.getItem(KEY);
    if (!text) {
      return fresh();
    }
    try {
      return parse(text);
    } catch (error) {
      return fresh(); // a damaged record is replaced, never shown
    }
  }

  function save(record) {
    record.updated = new Date().toISOString();
    if (storage) {
      storage.setItem(KEY, JSON.stringify(record));
    } else {
      memory = record;
    }
    document.dispatchEvent(new CustomEvent("course-record-saved"));
  }

  function clear() {
    if (storage) {
      storage.removeItem(KEY);
    }
    memory = null;
    document.dispatchEvent(new CustomEvent("course-record-saved"));
  }

  function chapterOf(record, page) {
    if (!record.chapters[page]) {
      record.chapters[page] = { quiz: {}, exercises: {}, live: {} };
    }
    return record.chapters[page];
  }

  function update(page, change) {
    var record = load();
    change(chapterOf(record, page));
    save(record);
  }

  // FNV-1a: a short, stable digest of a text (a live model's form), not a secret.
  function digest(text) {
    var hash = 0x811c9dc5;
    for (var i = 0; i < text.length; i++) {
      hash ^= text.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return ("0000000" + hash.toString(16)).slice(-8);
  }

  /* Per chapter of the catalog: what the record holds for the current versions. */
  function summary(record, catalog) {
    return catalog.chapters.map(function (chapter) {
      var kept = record.chapters[chapter.page] || { quiz: {}, exercises: {}, live: {} };
      var answered = 0;
      var right = 0;
      var unanswered = [];
      var wrong = [];
      chapter.questions.forEach(function (question, index) {
        var answer = kept.quiz[String(index)];
        if (answer && answer.v === question.v) {
          answered += 1;
          right += answer.right ? 1 : 0;
          if (!answer.right) {
            wrong.push(index + 1);
          }
        } else {
          unanswered.push(index + 1);
        }
      });
      var done = chapter.exercises.filter(function (exercise) {
        var entry = kept.exercises[exercise.label];
        return entry && entry.v === exercise.v && entry.done;
      });
      var open = [];
      if (unanswered.length) {
        open.push("안 푼 퀴즈 " + unanswered.join("·") + "번");
      }
      if (wrong.length) {
        open.push("틀린 퀴즈 " + wrong.join("·") + "번");
      }
      var left = chapter.exercises.filter(function (exercise) {
        return done.indexOf(exercise) < 0;
      });
      if (left.length) {
        open.push(
          left
            .map(function (exercise) {
              return exercise.title;
            })
            .join(", ")
        );
      }
      return {
        chapter: chapter,
        answered: answered,
        right: right,
        exercisesDone: done.length,
        live: Object.keys(kept.live),
        open: open,
      };
    });
  }

  /* An element with attributes and text: what the record and tally pages are built of. */
  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      node.setAttribute(name, attributes[name]);
    });
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  function liveKey() {
    return window.courseRecordPage ? window.courseRecordPage.page : null;
  }

  window.courseRecord = {
    available: Boolean(storage),
    text: TEXT,
    load: load,
    save: save,
    clear: clear,
    parse: parse,
    clean: clean,
    summary: summary,
    verdict: verdict,
    element: element,
    /* course-live.js: the values last drawn for a model with this form, or null. */
    liveValues: function (name, formText) {
      var page = liveKey();
      var entry = page && (load().chapters[page] || { live: {} }).live[name];
      return entry && entry.v === digest(formText) ? entry.values : null;
    },
    /* course-live.js: keep the values just drawn. */
    keepLive: function (name, formText, values) {
      var page = liveKey();
      if (page) {
        update(page, function (chapter) {
          chapter.live[name] = { v: digest(formText), values: cleanValues(values) };
        });
      }
    },
  };

  // ------------------------------------------------------------ a chapter's quiz

  function labelsOf(wrapper) {
    return Array.prototype.slice.call(wrapper.querySelectorAll("label.MCButton"));
  }

  function indexOf(label) {
    return Number(label.id.split("-").pop());
  }

  // What jupyterquiz shows for one question: the marked choices or the typed number.
  function stateOf(wrapper) {
    var input = wrapper.querySelector("input.Input-text");
    if (input) {
      var checked = input.classList.contains("correctButton") || input.classList.contains("incorrectButton");
      return checked ? { chosen: [], typed: input.value, right: input.classList.contains("correctButton") } : null;
    }
    var labels = labelsOf(wrapper);
    var marked = labels.filter(function (label) {
      return label.classList.contains("correctButton") || label.classList.contains("incorrectButton");
    });
    if (!marked.length) {
      return null;
    }
    var feedback = wrapper.querySelector(".Feedback");
    var needed = Number(feedback && feedback.dataset.numcorrect) || 1;
    var rightOnes = marked.filter(function (label) {
      return label.classList.contains("correctButton");
    }).length;
    return { chosen: marked.map(indexOf), right: rightOnes === marked.length && rightOnes >= needed };
  }

  function remember(page, wrapper) {
    var index = wrapper.dataset.qnum;
    var state = stateOf(wrapper);
    var version = page.questions[Number(index)];
    if (!state || !version) {
      return;
    }
    update(page.page, function (chapter) {
      var before = chapter.quiz[index];
      var same = before && before.v === version;
      if (same && sameAnswer(before, state)) {
        return; // one press reaches jupyterquiz twice (the label, then its radio button)
      }
      var answer = Object.assign({ v: version, tries: same ? before.tries + 1 : 1 }, state);
      answer.first = same ? before.first : state;
      chapter.quiz[index] = answer;
    });
  }

  function sameAnswer(a, b) {
    return a.right === b.right && a.typed === b.typed && a.chosen.join() === b.chosen.join();
  }

  // Show a kept answer the way the learner gave it: jupyterquiz's own controls.
  function replay(wrapper, answer) {
    var input = wrapper.querySelector("input.Input-text");
    if (input && typeof answer.typed === "string" && input.onkeypress) {
      input.value = answer.typed;
      input.onkeypress.call(input, { which: 13, keyCode: 13 });
      return;
    }
    var labels = labelsOf(wrapper);
    answer.chosen.forEach(function (index) {
      var label = labels.filter(function (l) {
        return indexOf(l) === index;
      })[0];
      if (label) {
        label.click();
      }
    });
  }

  function restoreQuiz(page, root) {
    var chapter = load().chapters[page.page];
    var kept = 0;
    var dropped = 0;
    var x = window.scrollX;
    var y = window.scrollY;
    var active = document.activeElement;
    Object.keys(chapter ? chapter.quiz : {}).forEach(function (index) {
      var answer = chapter.quiz[index];
      var wrapper = root.querySelector('.Quiz[data-qnum="' + index + '"]');
      if (!wrapper || answer.v !== page.questions[Number(index)]) {
        dropped += 1;
        delete chapter.quiz[index];
        return;
      }
      replay(wrapper, answer);
      kept += 1;
    });
    if (dropped) {
      update(page.page, function (stored) {
        stored.quiz = chapter.quiz;
      });
    }
    window.scrollTo(x, y); // jupyterquiz scrolls after a right number; a reload must not
    if (active && active.focus) {
      active.focus({ preventScroll: true });
    }
    if (kept || dropped) {
      root.parentNode.insertBefore(noteAbout(kept, dropped), root);
    }
    root.dataset.recordRestored = String(kept);
  }

  function noteAbout(kept, dropped) {
    var note = document.createElement("p");
    note.className = "course-record-note";
    note.appendChild(document.createTextNode((kept ? TEXT.kept(kept) : "") + (dropped ? TEXT.dropped(dropped) : "")));
    var link = document.createElement("a");
    link.href = "record.html";
    link.textContent = TEXT.where;
    note.appendChild(link);
    note.appendChild(document.createTextNode("에서 모두 보고 지울 수 있습니다."));
    return note;
  }

  function followQuiz(page, root) {
    function answered(event) {
      var wrapper = event.target.closest && event.target.closest(".Quiz");
      if (wrapper && root.contains(wrapper)) {
        remember(page, wrapper);
      }
    }
    root.addEventListener("click", function (event) {
      if (event.target.closest && event.target.closest("label.MCButton")) {
        answered(event);
      }
    });
    root.addEventListener("keypress", function (event) {
      if ((event.key === "Enter" || event.keyCode === 13) && event.target.matches("input.Input-text")) {
        answered(event);
      }
    });
  }

  // jupyterquiz draws its questions from its own script; wait for them.
  function whenDrawn(root, then) {
    if (root.querySelector(".Quiz")) {
      then();
      return;
    }
    var observer = new MutationObserver(function () {
      if (root.querySelector(".Quiz")) {
        observer.disconnect();
        then();
      }
    });
    observer.observe(root, { childList: true, subtree: true });
  }

  function startQuiz(page) {
    var root = document.querySelector('div[id^="quiz_' + page.quiz + '_"]');
    if (!root) {
      return;
    }
    whenDrawn(root, function () {
      restoreQuiz(page, root);
      followQuiz(page, root);
      root.dataset.recordReady = "true";
    });
  }

  // ------------------------------------------------------------ exercises

  // Change what the record holds for one exercise; an entry for an older version
  // of it is started afresh.
  function keepExercise(page, label, version, change) {
    update(page.page, function (chapter) {
      var before = chapter.exercises[label];
      var entry = before && before.v === version ? before : { v: version, done: false };
      change(entry);
      chapter.exercises[label] = entry;
    });
  }

  function doneButton(page, label, version, done) {
    var box = document.createElement("div");
    box.className = "course-exercise-done";
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = TEXT.done;
    button.setAttribute("aria-pressed", String(done));
    var hint = document.createElement("span");
    hint.textContent = TEXT.doneHint;
    button.addEventListener("click", function () {
      var now = button.getAttribute("aria-pressed") !== "true";
      button.setAttribute("aria-pressed", String(now));
      keepExercise(page, label, version, function (entry) {
        entry.done = now;
      });
    });
    box.appendChild(button);
    box.appendChild(hint);
    return box;
  }

  // The same rule as devops_course.classroom.checks.verdict, from the same data.
  function numberIn(text, unit, rules) {
    var cleaned = text.normalize("NFKC").trim().replace(/ /g, "");
    if (cleaned.indexOf(rules.about) === 0) {
      cleaned = cleaned.slice(rules.about.length);
    }
    if (unit && cleaned.length >= unit.length && cleaned.slice(-unit.length) === unit) {
      cleaned = cleaned.slice(0, -unit.length);
    }
    if (!new RegExp("^(?:" + rules.number + ")$").test(cleaned)) {
      return null;
    }
    var value = Number(cleaned.replace(/,/g, ""));
    return isFinite(value) ? value : null;
  }

  function verdict(check, rules, answer) {
    var m = rules.messages;
    if (check.choices) {
      var chosen = Number.isInteger(answer) ? answer : -1;
      if (chosen < 0 || chosen >= check.choices.length) {
        return { right: false, message: m.pick };
      }
      return chosen === Math.trunc(check.answer)
        ? { right: true, message: m.right }
        : { right: false, message: m.wrong + " " + check.hint };
    }
    var value = typeof answer === "string" ? numberIn(answer, check.unit, rules) : null;
    if (value === null) {
      return { right: false, message: m.number + (check.unit ? " " + m.unit.replace("{unit}", check.unit) : "") };
    }
    if (Math.abs(value - check.answer) <= check.tolerance + 1e-9) {
      return { right: true, message: m.right };
    }
    return { right: false, message: m.wrong + " " + (value > check.answer ? m.larger : m.smaller) + " " + check.hint };
  }

  function checkForm(page, label, version, entry) {
    var check = page.checks[label];
    var form = document.createElement("form");
    form.className = "course-check";
    form.noValidate = true;
    var field = document.createElement("label");
    field.className = "course-check-field";
    field.appendChild(document.createTextNode(check.prompt));
    var input;
    if (check.choices) {
      input = document.createElement("select");
      var none = new Option("고르세요", "-1");
      input.appendChild(none);
      check.choices.forEach(function (choice, index) {
        input.appendChild(new Option(choice, String(index)));
      });
    } else {
      input = document.createElement("input");
      input.type = "text";
      input.inputMode = "decimal";
      input.autocomplete = "off";
      input.maxLength = LIMITS.typed;
      input.placeholder = check.unit ? "답(" + check.unit + ")" : "답";
    }
    input.name = "answer";
    field.appendChild(input);
    form.appendChild(field);
    var button = document.createElement("button");
    button.type = "submit";
    button.textContent = TEXT.check;
    form.appendChild(button);
    var result = document.createElement("p");
    result.className = "course-check-result";
    result.setAttribute("role", "status");
    form.appendChild(result);

    function answerOf() {
      return check.choices ? Number(input.value) : input.value;
    }
    function show(judged) {
      result.textContent = judged.message;
      result.dataset.right = String(judged.right);
      form.dataset.checked = judged.right ? "right" : "wrong";
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var answer = answerOf();
      var judged = verdict(check, page.rules, answer);
      show(judged);
      keepExercise(page, label, version, function (entry) {
        var again = Boolean(entry.checked);
        entry.tries = again ? Math.min((entry.tries || 1) + 1, LIMITS.tries) : 1;
        entry.first = again ? entry.first : judged.right;
        entry.done = judged.right;
        entry.checked = { answer: String(answer).slice(0, LIMITS.typed), right: judged.right };
      });
    });
    if (entry && entry.v === version && entry.checked) {
      input.value = entry.checked.answer;
      show(verdict(check, page.rules, answerOf()));
    }
    return form;
  }

  function checklist(page, label, version, entry) {
    var items = page.self[label];
    var kept = entry && entry.v === version && entry.ticks ? entry.ticks : [];
    var box = document.createElement("fieldset");
    box.className = "course-checklist";
    var legend = document.createElement("legend");
    legend.textContent = TEXT.checklist;
    box.appendChild(legend);
    var ticks = items.map(function (item, index) {
      var line = document.createElement("label");
      var tick = document.createElement("input");
      tick.type = "checkbox";
      tick.checked = kept[index] === true;
      tick.addEventListener("change", function () {
        keepExercise(page, label, version, function (stored) {
          stored.ticks = ticks.map(function (each) {
            return each.checked;
          });
        });
      });
      line.appendChild(tick);
      line.appendChild(document.createTextNode(" " + item));
      box.appendChild(line);
      return tick;
    });
    return box;
  }

  function startExercises(page) {
    var chapter = load().chapters[page.page] || { exercises: {} };
    Object.keys(page.exercises).forEach(function (label) {
      var exercise = document.getElementById(label);
      if (!exercise) {
        return;
      }
      var version = page.exercises[label];
      var entry = chapter.exercises[label];
      if (page.checks && page.checks[label]) {
        exercise.appendChild(checkForm(page, label, version, entry));
        return;
      }
      if (page.self && page.self[label]) {
        exercise.appendChild(checklist(page, label, version, entry));
      }
      var done = Boolean(entry && entry.v === version && entry.done);
      exercise.appendChild(doneButton(page, label, version, done));
    });
  }

  function start() {
    var page = window.courseRecordPage;
    if (!page) {
      return;
    }
    startQuiz(page);
    startExercises(page);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

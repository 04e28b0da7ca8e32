/* The copy button of code cells (sphinx-copybutton) in Korean.
 *
 * sphinx-copybutton has no Korean messages and falls back to English. Its script
 * keeps them in the globals `messages` and `locale`, and builds the button icons
 * (`iconCopy`, `iconCheck`) with the English titles; this script, run right after
 * it, adds Korean, switches to it and relabels the buttons already drawn.
 * tests/test_korean_ui.py fails if the names it relies on move. */
(function () {
  "use strict";
  if (typeof messages === "undefined" || typeof locale === "undefined") {
    return;
  }
  var english = messages.en;
  messages.ko = {
    copy: "복사",
    copy_to_clipboard: "클립보드에 복사",
    copy_success: "복사했습니다",
    copy_failure: "복사하지 못했습니다"
  };
  locale = "ko";
  function korean(text) {
    return text
      .replace(english.copy_to_clipboard, messages.ko.copy_to_clipboard)
      .replace(english.copy_success, messages.ko.copy_success);
  }
  iconCopy = korean(iconCopy);
  iconCheck = korean(iconCheck);
  document.querySelectorAll(".copybtn").forEach(function (button) {
    button.dataset.tooltip = messages.ko.copy;
    button.setAttribute("aria-label", messages.ko.copy_to_clipboard);
    button.innerHTML = korean(button.innerHTML);
  });
})();

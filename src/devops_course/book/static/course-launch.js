// The JupyterHub launch button (see devops_course/book/launch.py): asks for the
// reader's hub address once, remembers it, and opens the chapter there through
// nbgitpuller. Nothing reaches the network until the reader clicks.
(function () {
  "use strict";
  var PREFIX = "#jupyterhub?";
  var KEY = "devops-course.jupyterhub-url";

  function remembered() {
    try {
      return window.localStorage.getItem(KEY) || "";
    } catch (error) {
      return ""; // storage blocked (private mode, file://): ask every time
    }
  }

  function remember(hub) {
    try {
      window.localStorage.setItem(KEY, hub);
    } catch (error) {
      // not remembered; the launch still works
    }
  }

  // "https://hub.example.ac.kr/hub/" -> "https://hub.example.ac.kr"; null if not a URL.
  function normalise(answer) {
    var hub = answer.trim().replace(/\/+$/, "").replace(/\/hub$/, "");
    return /^https?:\/\/[^\s\/?#]+(\/[^\s?#]*)?$/.test(hub) ? hub : null;
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest('a[href^="' + PREFIX + '"]');
    if (!link) {
      return;
    }
    event.preventDefault();
    var answer = window.prompt(
      "JupyterHub 주소를 입력하세요 (예: https://hub.example.ac.kr).\n" +
        "이 브라우저가 주소를 기억해 두었다가 다음에 다시 보여 줍니다.",
      remembered()
    );
    if (answer === null) {
      return; // cancelled
    }
    var hub = normalise(answer);
    if (!hub) {
      window.alert(
        "JupyterHub 주소는 https:// 또는 http://로 시작하는 웹 주소여야 합니다. " +
          "예: https://hub.example.ac.kr"
      );
      return;
    }
    remember(hub);
    var query = link.getAttribute("href").slice(PREFIX.length);
    window.open(hub + "/hub/user-redirect/git-pull?" + query, "_blank", "noopener");
  });
})();

// The in-browser lab (devops_course/book/launch.py) needs a web server: opened as
// a file, its kernel cannot start. Say so in Korean instead of showing a broken lab.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest('a[href*="lite/lab/index.html"]');
    if (!link || window.location.protocol !== "file:") {
      return;
    }
    event.preventDefault();
    window.alert(
      "브라우저에서 실행은 웹 서버로 연 사이트에서만 됩니다. 내려받은 책이라면 그 폴더에서 " +
        "`python3 -m http.server`를 실행한 뒤 http://localhost:8000 으로 여세요."
    );
  });
})();

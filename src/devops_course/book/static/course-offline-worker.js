/* The book's service worker (sw.js). self.OFFLINE, written above this by
   devops_course/book/offline.py, lists the site's pages with the files each needs,
   the live runtime's files and the site's version (a digest of every file).

   A page is fetched from the network when it can be and kept, with the files it
   needs; offline it comes from the cache. Other files of the site come from the
   cache first. The cache is named by the version: a new deploy installs a new
   worker, which fetches afresh what the learner had kept, then drops the old
   cache. The lab (lite/) keeps its own files, apart from the runtime it shares. */
"use strict";

const PREFIX = "devops-course-";
const CACHE = PREFIX + self.OFFLINE.version;
const SCOPE = new URL(self.registration.scope);
const RUNTIME = new Set(self.OFFLINE.runtime);

function escape(text) {
  return text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
}

// What a page never opened shows offline: the pages this device keeps, as links.
async function offlinePage() {
  const kept = [];
  for (const request of await (await caches.open(CACHE)).keys()) {
    const path = sitePath(request.url);
    if (path && isPage(path) && path !== "index.html") {
      kept.push(`<li><a href="${escape(request.url)}">${escape(self.OFFLINE.titles[path] || path)}</a></li>`);
    }
  }
  const list = kept.length ? `<p>이 기기에 저장된 페이지:</p><ul>${kept.join("")}</ul>` : "";
  const html = `<!DOCTYPE html><html lang="ko"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="color-scheme" content="light dark">
<title>오프라인입니다</title><style>body{font-family:sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;line-height:1.6}
li{margin:.8rem 0}a{padding:.3rem 0}@media (prefers-color-scheme:dark){body{background:#121212;color:#e6edf3}a{color:#9fd8ff}}</style>
</head><body><main><h1>오프라인입니다</h1>
<p>이 페이지는 아직 이 기기에 저장되지 않았습니다. 인터넷에 연결된 때 한 번 열어 두면, 그다음부터는 오프라인에서도 열립니다.</p>
${list}</main></body></html>`;
  return new Response(html, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
}

// A URL of the site as the lists name it ("book/ch1_definition.html"), or null.
function sitePath(url) {
  const parsed = new URL(url);
  if (parsed.origin !== SCOPE.origin || !parsed.pathname.startsWith(SCOPE.pathname)) {
    return null;
  }
  let path;
  try {
    path = decodeURIComponent(parsed.pathname.slice(SCOPE.pathname.length));
  } catch (error) {
    return null; // a malformed address: the browser's own way
  }
  if (path === "" || path.endsWith("/")) {
    path += "index.html";
  }
  return path + parsed.search;
}

function isPage(path) {
  return Object.prototype.hasOwnProperty.call(self.OFFLINE.pages, path);
}

// The lab's own files go to the network untouched; the runtime it shares does not.
function isLab(path) {
  return path.startsWith(self.OFFLINE.lab) && !RUNTIME.has(path);
}

function urlsOf(page) {
  return [page].concat(self.OFFLINE.pages[page].map((index) => self.OFFLINE.files[index]));
}

// Fetch and keep what the cache lacks; "no-cache" asks the server again (a deploy
// must not be kept from the browser's own cache of the old one).
async function keep(cache, paths, mode = "default") {
  const missing = [];
  for (const path of paths) {
    if (!(await cache.match(new URL(path, SCOPE).href))) {
      missing.push(new URL(path, SCOPE).href);
    }
  }
  await cache.addAll(missing.map((url) => new Request(url, { cache: mode })));
}

async function keepPage(page) {
  if (isPage(page)) {
    await keep(await caches.open(CACHE), urlsOf(page));
  }
}

// The core pages, and what the learner had kept under an older version, fetched
// afresh for this one.
async function carryOver() {
  const older = (await caches.keys()).filter((name) => name.startsWith(PREFIX) && name !== CACHE);
  const paths = new Set();
  for (const name of older) {
    for (const request of await (await caches.open(name)).keys()) {
      const path = sitePath(request.url);
      if (path && isPage(path)) {
        urlsOf(path).forEach((each) => paths.add(each));
      }
      if (path && RUNTIME.has(path)) {
        RUNTIME.forEach((each) => paths.add(each));
      }
    }
  }
  self.OFFLINE.core.forEach((page) => urlsOf(page).forEach((each) => paths.add(each)));
  await keep(await caches.open(CACHE), [...paths], "no-cache");
}

self.addEventListener("install", (event) => {
  // if this fails (offline, a file missing), the old worker and its cache stay
  event.waitUntil(carryOver().then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(names.filter((n) => n.startsWith(PREFIX) && n !== CACHE).map((n) => caches.delete(n)))
      )
      .then(() => self.clients.claim())
  );
});

self.addEventListener("message", (event) => {
  const path = event.data && event.data.keep && sitePath(event.data.keep);
  if (path) {
    const reply = (kept) => event.source && event.source.postMessage({ kept: kept, version: self.OFFLINE.version });
    event.waitUntil(
      keepPage(path.split("?")[0]).then(
        () => reply(true),
        () => reply(false)
      )
    );
  }
});

async function networkFirst(request, page) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.status === 200) {
      await cache.put(new URL(page, SCOPE).href, response.clone());
    }
    return response;
  } catch (error) {
    const kept = await cache.match(new URL(page, SCOPE).href);
    return kept || offlinePage();
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const kept = await cache.match(request);
  if (kept) {
    return kept;
  }
  const response = await fetch(request);
  if (response.status === 200 && response.type === "basic") {
    await cache.put(request, response.clone());
  }
  return response;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const path = request.method === "GET" ? sitePath(request.url) : null;
  if (path === null || isLab(path)) {
    return; // another site, a form, the lab: the browser's own way
  }
  const page = path.split("?")[0];
  if (request.mode === "navigate" || isPage(page)) {
    event.respondWith(networkFirst(request, page));
  } else {
    event.respondWith(cacheFirst(request));
  }
});

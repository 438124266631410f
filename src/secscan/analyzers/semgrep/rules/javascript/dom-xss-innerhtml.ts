import DOMPurify from "dompurify";

const params = new URLSearchParams(window.location.search);

interface WidgetMessage {
  type: "render" | "resize";
  html: string;
}

export function showGreeting(): void {
  const box = document.getElementById("greeting") as HTMLElement;
  // ruleid: javascript.browser.dom-xss-innerhtml
  box.innerHTML = "Hello, " + params.get("name");

  const list = document.querySelector<HTMLUListElement>("#results")!;
  const term = new URL(location.href).searchParams.get("q") ?? "";
  // ruleid: javascript.browser.dom-xss-innerhtml
  list.innerHTML += `<li>No results for ${term}</li>`;

  // ruleid: javascript.browser.dom-xss-innerhtml
  box.insertAdjacentHTML("beforeend", decodeURIComponent(location.hash.slice(1)));

  // ruleid: javascript.browser.dom-xss-innerhtml
  document.write("<p>Came from " + document.referrer + "</p>");
}

window.addEventListener("message", (event: MessageEvent<WidgetMessage>) => {
  const panel = document.getElementById("panel")!;
  if (event.data.type === "render") {
    // ruleid: javascript.browser.dom-xss-innerhtml
    panel.innerHTML = event.data.html;
  }
});

window.addEventListener("message", function (e: MessageEvent) {
  const { html } = e.data as WidgetMessage;
  // ruleid: javascript.browser.dom-xss-innerhtml
  document.getElementById("frame-host")!.outerHTML = html;
});

// ---- safe ----

export function safeGreeting(comment: { html: string; text: string }): void {
  const box = document.getElementById("greeting") as HTMLElement;
  // ok: javascript.browser.dom-xss-innerhtml
  box.innerHTML = "<strong>Welcome!</strong>";

  // ok: javascript.browser.dom-xss-innerhtml
  box.textContent = "Hello, " + params.get("name");

  // ok: javascript.browser.dom-xss-innerhtml
  box.innerHTML = DOMPurify.sanitize(params.get("bio") ?? "");

  // ok: javascript.browser.dom-xss-innerhtml
  box.innerHTML = `<span class="page">${Number(params.get("page"))}</span>`;

  // ok: javascript.browser.dom-xss-innerhtml
  box.innerHTML += "<hr>";

  // ok: javascript.browser.dom-xss-innerhtml
  box.appendChild(document.createTextNode(location.hash.slice(1)));

  // ok: javascript.browser.dom-xss-innerhtml
  document.write("<footer>static</footer>");
}

window.addEventListener("message", (event: MessageEvent<WidgetMessage>) => {
  if (event.origin !== "https://widgets.example.com") {
    return;
  }
  // ok: javascript.browser.dom-xss-innerhtml
  document.getElementById("panel")!.innerHTML = event.data.html;
});

const params = new URLSearchParams(window.location.search);

function vulnerable(comment) {
  const box = document.getElementById("greeting");
  // ruleid: javascript.browser.dom-xss-innerhtml
  box.innerHTML = "Hello, " + params.get("name");

  // ruleid: javascript.browser.dom-xss-innerhtml
  document.querySelector("#list").innerHTML += `<li>${comment.text}</li>`;

  // ruleid: javascript.browser.dom-xss-innerhtml
  box.outerHTML = comment.html;

  // ruleid: javascript.browser.dom-xss-innerhtml
  box.insertAdjacentHTML("beforeend", comment.body);

  // ruleid: javascript.browser.dom-xss-innerhtml
  document.write("<p>" + location.hash.slice(1) + "</p>");
}

function safe(comment) {
  const box = document.getElementById("greeting");
  // ok: javascript.browser.dom-xss-innerhtml
  box.innerHTML = "<strong>Welcome!</strong>";

  // ok: javascript.browser.dom-xss-innerhtml
  box.textContent = "Hello, " + params.get("name");

  // ok: javascript.browser.dom-xss-innerhtml
  box.innerHTML = DOMPurify.sanitize(comment.html);

  // ok: javascript.browser.dom-xss-innerhtml
  box.innerHTML = "";

  // ok: javascript.browser.dom-xss-innerhtml
  box.innerHTML += "<hr>";

  // ok: javascript.browser.dom-xss-innerhtml
  document.write("<footer>static</footer>");

  // ok: javascript.browser.dom-xss-innerhtml
  box.appendChild(document.createTextNode(comment.text));
}

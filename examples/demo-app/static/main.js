// Browser script of the demo. INTENTIONALLY VULNERABLE - see README.md.
async function loadComments() {
  const response = await fetch("/api/comments");
  const list = document.getElementById("comments");
  for (const comment of await response.json()) {
    // VULNERABLE (CWE-79): stored comments are rendered as HTML
    list.innerHTML += `<li><b>${comment.author}</b>: ${comment.text}</li>`;
  }
}

function showGreeting() {
  const name = new URLSearchParams(window.location.search).get("name") || "guest";
  // VULNERABLE (CWE-79): reflected from the URL into the page
  document.getElementById("greeting").innerHTML = "Hello, " + name + "!";
}

document.addEventListener("DOMContentLoaded", () => {
  showGreeting();
  loadComments();
});

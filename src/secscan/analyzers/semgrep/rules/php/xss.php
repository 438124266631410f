<?php

$name = $_GET['name'];
// ruleid: php.lang.xss
echo "<h1>Hello " . $name . "</h1>";

// ruleid: php.lang.xss
echo "<p>You searched for: {$_POST['q']}</p>";

// ruleid: php.lang.xss
print "<a href='/profile'>" . $_COOKIE['display_name'] . "</a>";

// ruleid: php.lang.xss
printf("<div class='error'>%s</div>", $_REQUEST['error']);

// ok: php.lang.xss
echo "<h1>Hello " . htmlspecialchars($name, ENT_QUOTES, 'UTF-8') . "</h1>";

// ok: php.lang.xss
echo "<p>Page " . intval($_GET['page']) . "</p>";

// ok: php.lang.xss
echo "<a href='/search?q=" . urlencode($_GET['q']) . "'>again</a>";

// ok: php.lang.xss
echo "<footer>Powered by PHP</footer>";

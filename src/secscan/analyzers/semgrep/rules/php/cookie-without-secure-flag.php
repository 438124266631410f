<?php

// ruleid: php.lang.cookie-without-secure-flag
setcookie('remember_me', $token, time() + 86400 * 30);

// ruleid: php.lang.cookie-without-secure-flag
setcookie('session_hint', $hint, time() + 3600, '/', 'example.com', false, true);

// ruleid: php.lang.cookie-without-secure-flag
setcookie('prefs', $prefs, ['expires' => time() + 3600, 'path' => '/', 'httponly' => true]);

// ok: php.lang.cookie-without-secure-flag
setcookie('remember_me', $token, time() + 86400 * 30, '/', 'example.com', true, true);

// ok: php.lang.cookie-without-secure-flag
setcookie('prefs', $prefs, ['expires' => time() + 3600, 'path' => '/', 'secure' => true, 'httponly' => true, 'samesite' => 'Lax']);

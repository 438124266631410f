<?php

// ruleid: php.lang.unsafe-deserialization
$cart = unserialize($_COOKIE['cart']);

// ruleid: php.lang.unsafe-deserialization
$prefs = unserialize(base64_decode($_POST['prefs']));

// ok: php.lang.unsafe-deserialization
$cart2 = unserialize($_COOKIE['cart'], ['allowed_classes' => false]);

// ok: php.lang.unsafe-deserialization
$cart3 = json_decode($_COOKIE['cart'], true);

// ok: php.lang.unsafe-deserialization
$cached = unserialize(file_get_contents('/var/cache/app/settings.bin'));

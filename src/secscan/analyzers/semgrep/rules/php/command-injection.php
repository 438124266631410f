<?php

$host = $_GET['host'];
// ruleid: php.lang.command-injection
system("ping -c 1 " . $host);

// ruleid: php.lang.command-injection
$out = shell_exec("nslookup {$_POST['domain']}");

// ruleid: php.lang.command-injection
$listing = `ls -la $host`;

// ruleid: php.lang.command-injection
exec("convert upload.png -resize " . $_REQUEST['size'] . " out.png", $lines, $status);

// ok: php.lang.command-injection
system("ping -c 1 " . escapeshellarg($host));

// ok: php.lang.command-injection
exec("tail -n " . intval($_GET['lines']) . " /var/log/app.log", $lines);

// ok: php.lang.command-injection
$uptime = shell_exec("uptime");

// ok: php.lang.command-injection
$proc = proc_open(['ping', '-c', '1', $host], [1 => ['pipe', 'w']], $pipes);

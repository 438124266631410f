<?php

$page = $_GET['page'];
// ruleid: php.lang.file-inclusion
include "pages/" . $page . ".php";

// ruleid: php.lang.file-inclusion
require_once($_COOKIE['lang'] . '/messages.php');

$pages = ['home' => 'pages/home.php', 'about' => 'pages/about.php'];
// ok: php.lang.file-inclusion
include $pages['home'];

// ok: php.lang.file-inclusion
include "pages/" . basename($page) . ".php";

// ok: php.lang.file-inclusion
require_once __DIR__ . '/vendor/autoload.php';

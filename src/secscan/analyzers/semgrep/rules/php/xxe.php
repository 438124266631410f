<?php

$xml = file_get_contents('php://input');

// ruleid: php.lang.xxe
libxml_disable_entity_loader(false);

$doc = new DOMDocument();
// ruleid: php.lang.xxe
$doc->loadXML($xml, LIBXML_NOENT | LIBXML_DTDLOAD);

// ruleid: php.lang.xxe
$sx = simplexml_load_string($xml, 'SimpleXMLElement', LIBXML_NOENT);

$safe = new DOMDocument();
// ok: php.lang.xxe
$safe->loadXML($xml, LIBXML_NONET);

// ok: php.lang.xxe
$sx2 = simplexml_load_string($xml);

// ok: php.lang.xxe
libxml_disable_entity_loader(true);

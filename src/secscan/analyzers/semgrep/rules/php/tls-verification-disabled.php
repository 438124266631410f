<?php

$ch = curl_init("https://partner.example.com/api");
// ruleid: php.lang.tls-verification-disabled
curl_setopt($ch, CURLOPT_SSL_VERIFYPEER, false);
// ruleid: php.lang.tls-verification-disabled
curl_setopt($ch, CURLOPT_SSL_VERIFYHOST, 0);

$ctx = stream_context_create([
    // ruleid: php.lang.tls-verification-disabled
    'ssl' => ['verify_peer' => false, 'verify_peer_name' => false],
]);

// ruleid: php.lang.tls-verification-disabled
$client = new GuzzleHttp\Client(['base_uri' => 'https://partner.example.com', 'verify' => false]);

// ok: php.lang.tls-verification-disabled
curl_setopt($ch, CURLOPT_SSL_VERIFYPEER, true);
// ok: php.lang.tls-verification-disabled
curl_setopt($ch, CURLOPT_SSL_VERIFYHOST, 2);
// ok: php.lang.tls-verification-disabled
curl_setopt($ch, CURLOPT_CAINFO, '/etc/ssl/certs/partner-ca.pem');
// ok: php.lang.tls-verification-disabled
$client2 = new GuzzleHttp\Client(['base_uri' => 'https://partner.example.com', 'verify' => '/etc/ssl/certs/partner-ca.pem']);

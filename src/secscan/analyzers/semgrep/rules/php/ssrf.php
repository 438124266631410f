<?php

function preview()
{
    $url = $_GET['url'];
    $ch = curl_init();
    // ruleid: php.lang.ssrf
    curl_setopt($ch, CURLOPT_URL, $url);
    curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
    $html = curl_exec($ch);

    // ruleid: php.lang.ssrf
    $image = file_get_contents($_POST['image_url']);

    // ruleid: php.lang.ssrf
    $ch2 = curl_init("http://" . $_GET['host'] . "/status");
    return $html;
}

class WebhookController extends Controller
{
    public function test(Request $request)
    {
        // ruleid: php.lang.ssrf
        $response = Http::post($request->input('callback_url'), ['ok' => true]);
        return $response->status();
    }
}

function safe_preview()
{
    $ch = curl_init();
    // ok: php.lang.ssrf
    curl_setopt($ch, CURLOPT_URL, "https://api.weather.example.com/v1?city=" . urlencode($_GET['city']));
    // ok: php.lang.ssrf
    curl_setopt($ch, CURLOPT_URL, "https://api.weather.example.com/v1/cities/" . $_GET['id']);
    // ok: php.lang.ssrf
    $status = file_get_contents("https://status.example.com/health");
    return curl_exec($ch);
}

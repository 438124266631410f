<?php

function after_login()
{
    // ruleid: php.lang.open-redirect
    header("Location: " . $_GET['return_to']);
    exit;
}

function continue_to()
{
    $next = $_POST['next'];
    // ruleid: php.lang.open-redirect
    header("Location: $next");
    exit;
}

class AuthController extends Controller
{
    public function login(Request $request)
    {
        // ruleid: php.lang.open-redirect
        return redirect()->away($request->input('redirect'));
    }

    public function safeLogin(Request $request)
    {
        // ok: php.lang.open-redirect
        return redirect()->route('dashboard');
    }
}

function safe_redirects()
{
    // ok: php.lang.open-redirect
    header("Location: /orders/" . $_GET['id']);
    // ok: php.lang.open-redirect
    header("Location: https://shop.example.com/search?q=" . urlencode($_GET['q']));
    // ok: php.lang.open-redirect
    header("Content-Type: text/html; charset=" . $_GET['charset']);
    exit;
}

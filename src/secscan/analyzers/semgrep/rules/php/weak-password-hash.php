<?php

function register(PDO $pdo, string $email, string $password)
{
    // ruleid: php.lang.weak-password-hash
    $hash = md5($password);
    // ruleid: php.lang.weak-password-hash
    $salted = sha1($salt . $_POST['password']);
    // ruleid: php.lang.weak-password-hash
    $legacy = hash('md5', $user->passwd);

    // ok: php.lang.weak-password-hash
    $good = password_hash($password, PASSWORD_DEFAULT);
    // ok: php.lang.weak-password-hash
    $etag = md5($body);
    // ok: php.lang.weak-password-hash
    $checksum = sha1_file('/var/www/uploads/report.pdf');
    // ok: php.lang.weak-password-hash
    $digest = hash('sha256', $password);
    return $good;
}

<?php

function create_reset_token(User $user)
{
    // ruleid: php.lang.weak-random
    $token = md5(uniqid(mt_rand(), true));
    // ruleid: php.lang.weak-random
    $user->otp_code = rand(100000, 999999);
    return $token;
}

function generatePassword()
{
    // ruleid: php.lang.weak-random
    return substr(str_shuffle('abcdefghijkmnpqrstuvwxyz23456789'), 0, 12);
}

function issue_values(User $user)
{
    // ok: php.lang.weak-random
    $token = bin2hex(random_bytes(32));
    // ok: php.lang.weak-random
    $user->otp_code = random_int(100000, 999999);
    // ok: php.lang.weak-random
    $color = rand(0, 5);
    return $token;
}

<?php

function calculate()
{
    $expr = $_GET['expr'];
    // ruleid: php.lang.code-injection
    $result = eval("return " . $expr . ";");

    // ruleid: php.lang.code-injection
    $fn = create_function('$x', 'return $x * ' . $_POST['factor'] . ';');

    $action = $_GET['action'];
    // ruleid: php.lang.code-injection
    call_user_func($action, $_GET['arg']);

    // ruleid: php.lang.code-injection
    $html = preg_replace('/\{(\w+)\}/e', $_POST['template'], $page);
    return $result;
}

function safe_calculate()
{
    // ok: php.lang.code-injection
    $result = eval("return 2 * " . intval($_GET['n']) . ";");

    $handlers = ['list' => 'list_items', 'show' => 'show_item'];
    // ok: php.lang.code-injection
    call_user_func('list_items', $_GET['arg']);

    // ok: php.lang.code-injection
    $html = preg_replace('/\{(\w+)\}/', $_POST['template'], $page);
    return $result;
}

function dispatch()
{
    $handler = $_GET['handler'];
    // ruleid: php.lang.code-injection
    $handler($_GET['arg']);

    $name = $_GET['name'];
    // ok: php.lang.code-injection
    $clean = trim($name);
}

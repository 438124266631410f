<?php

const UPLOAD_DIR = '/var/www/uploads/';

function download()
{
    $file = $_GET['file'];
    // ruleid: php.lang.path-traversal
    readfile(UPLOAD_DIR . $file);

    // ruleid: php.lang.path-traversal
    $data = file_get_contents("/var/www/reports/{$_GET['report']}.csv");

    // ruleid: php.lang.path-traversal
    unlink(UPLOAD_DIR . $_POST['name']);
    return $data;
}

class AttachmentController extends Controller
{
    public function show(Request $request)
    {
        // ruleid: php.lang.path-traversal
        return response()->download(storage_path('attachments/' . $request->input('name')));
    }
}

function safe_download()
{
    // ok: php.lang.path-traversal
    readfile(UPLOAD_DIR . basename($_GET['file']));

    $path = realpath(UPLOAD_DIR . $_GET['file']);
    if ($path === false || strpos($path, UPLOAD_DIR) !== 0) {
        http_response_code(400);
        exit;
    }
    // ok: php.lang.path-traversal
    readfile($path);

    // ok: php.lang.path-traversal
    $config = file_get_contents(__DIR__ . '/config.json');
}

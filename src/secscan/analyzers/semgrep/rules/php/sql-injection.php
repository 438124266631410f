<?php

function find_user(mysqli $conn)
{
    $name = $_GET['name'];
    // ruleid: php.lang.sql-injection
    $result = mysqli_query($conn, "SELECT * FROM users WHERE name = '" . $name . "'");

    // ok: php.lang.sql-injection
    $result2 = mysqli_query($conn, "SELECT * FROM users WHERE id = " . intval($_GET['id']));

    // ok: php.lang.sql-injection
    $result3 = mysqli_query($conn, "SELECT * FROM users WHERE id = " . (int) $_GET['id']);
    return $result;
}

function search_products(PDO $pdo)
{
    $term = $_POST['term'];
    // ruleid: php.lang.sql-injection
    $rows = $pdo->query("SELECT * FROM products WHERE title LIKE '%$term%'")->fetchAll();

    // ok: php.lang.sql-injection
    $stmt = $pdo->prepare("SELECT * FROM products WHERE title LIKE ?");
    $stmt->execute(['%' . $term . '%']);

    // ok: php.lang.sql-injection
    $rows2 = $pdo->query("SELECT * FROM products WHERE title = " . $pdo->quote($term))->fetchAll();
    return $rows;
}

class OrderController extends Controller
{
    public function index(Request $request)
    {
        // ruleid: php.lang.sql-injection
        $orders = DB::select("SELECT * FROM orders WHERE status = '" . $request->input('status') . "'");

        // ok: php.lang.sql-injection
        $safe = DB::select('SELECT * FROM orders WHERE status = ?', [$request->input('status')]);

        // ruleid: php.lang.sql-injection
        $sorted = Order::query()->orderByRaw($request->query('sort'))->get();

        // ok: php.lang.sql-injection
        $mine = Order::where('status', $request->input('status'))->get();
        return view('orders.index', compact('orders', 'safe', 'sorted', 'mine'));
    }
}

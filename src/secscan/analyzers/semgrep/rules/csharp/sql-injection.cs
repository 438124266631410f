using System.Collections.Generic;
using System.Data.SqlClient;
using System.Linq;
using Dapper;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Shop.Controllers
{
    public class ProductsController : Controller
    {
        private readonly ShopContext _db;
        private readonly SqlConnection _conn;

        public ProductsController(ShopContext db, SqlConnection conn)
        {
            _db = db;
            _conn = conn;
        }

        public IActionResult Search(string term, int page)
        {
            var sql = "SELECT * FROM Products WHERE Name LIKE '%" + term + "%'";
            // ruleid: csharp.dotnet.sql-injection
            using (var cmd = new SqlCommand(sql, _conn))
            {
                cmd.ExecuteReader();
            }

            // ok: csharp.dotnet.sql-injection
            var paged = new SqlCommand("SELECT * FROM Products ORDER BY Id OFFSET " + page * 20 + " ROWS", _conn);

            using (var cmd = new SqlCommand("SELECT * FROM Products WHERE Name LIKE @term", _conn))
            {
                // ok: csharp.dotnet.sql-injection
                cmd.Parameters.AddWithValue("@term", "%" + term + "%");
                cmd.ExecuteReader();
            }
            return View();
        }

        public IActionResult ByCategory(string category)
        {
            // ruleid: csharp.dotnet.sql-injection
            var items = _db.Products.FromSqlRaw($"SELECT * FROM Products WHERE Category = '{category}'").ToList();

            // ok: csharp.dotnet.sql-injection
            var safe = _db.Products.FromSqlRaw("SELECT * FROM Products WHERE Category = {0}", category).ToList();

            // ok: csharp.dotnet.sql-injection
            var safe2 = _db.Products.FromSqlInterpolated($"SELECT * FROM Products WHERE Category = {category}").ToList();

            // ok: csharp.dotnet.sql-injection
            var legacy = _db.Products.FromSql($"SELECT * FROM Products WHERE Category = {category}").ToList();
            return View(items);
        }

        [HttpPost]
        public IActionResult Delete()
        {
            var id = Request.Form["id"];
            // ruleid: csharp.dotnet.sql-injection
            _db.Database.ExecuteSqlRaw("DELETE FROM Products WHERE Id = " + id);

            var numericId = int.Parse(Request.Form["id"]);
            // ok: csharp.dotnet.sql-injection
            _db.Database.ExecuteSqlRaw("DELETE FROM Products WHERE Id = " + numericId);
            return RedirectToAction("Index");
        }

        public IActionResult Report(string sort)
        {
            var cmd = _conn.CreateCommand();
            // ruleid: csharp.dotnet.sql-injection
            cmd.CommandText = "SELECT * FROM Orders ORDER BY " + sort;
            cmd.ExecuteReader();

            // ruleid: csharp.dotnet.sql-injection
            var rows = _conn.Query<Order>($"SELECT * FROM Orders WHERE Status = '{Request.Query["status"]}'");

            // ok: csharp.dotnet.sql-injection
            var rows2 = _conn.Query<Order>("SELECT * FROM Orders WHERE Status = @status", new { status = sort });
            return View(rows);
        }
    }

    public class ReportService
    {
        public List<Order> Load(SqlConnection conn, string table)
        {
            // ok: csharp.dotnet.sql-injection
            return conn.Query<Order>("SELECT * FROM " + table).ToList();
        }
    }
}

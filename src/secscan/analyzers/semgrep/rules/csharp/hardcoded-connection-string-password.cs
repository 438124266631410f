using System;
using System.Data.SqlClient;
using Microsoft.Extensions.Configuration;

namespace Data
{
    public class Db
    {
        // ruleid: csharp.dotnet.hardcoded-connection-string-password
        private const string ConnectionString = "Server=db.internal;Database=Shop;User Id=shop;Password=S3cr3t!2024;";

        public SqlConnection Open()
        {
            // ruleid: csharp.dotnet.hardcoded-connection-string-password
            return new SqlConnection(@"Data Source=.\SQLEXPRESS;Initial Catalog=Crm;User ID=sa;Pwd=hunter2");
        }

        public SqlConnection OpenFromConfig(IConfiguration config)
        {
            // ok: csharp.dotnet.hardcoded-connection-string-password
            return new SqlConnection(config.GetConnectionString("Default"));
        }

        public SqlConnection OpenIntegrated()
        {
            // ok: csharp.dotnet.hardcoded-connection-string-password
            return new SqlConnection("Server=db.internal;Database=Shop;Integrated Security=true;");
        }

        public string Template(string password)
        {
            // ok: csharp.dotnet.hardcoded-connection-string-password
            var tpl = "Server=db.internal;Database=Shop;User Id=shop;Password={0};";
            // ok: csharp.dotnet.hardcoded-connection-string-password
            var empty = "Host=localhost;Username=postgres;Password=;";
            return string.Format(tpl, password);
        }
    }
}

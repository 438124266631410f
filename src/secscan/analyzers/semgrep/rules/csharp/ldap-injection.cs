using System.DirectoryServices;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Security.Application;

namespace Intranet.Controllers
{
    public class DirectoryController : Controller
    {
        public IActionResult Lookup(string user)
        {
            var root = new DirectoryEntry("LDAP://dc=corp,dc=example,dc=com");
            // ruleid: csharp.dotnet.ldap-injection
            var searcher = new DirectorySearcher(root, "(&(objectClass=user)(sAMAccountName=" + user + "))");
            var result = searcher.FindOne();

            var searcher2 = new DirectorySearcher(root);
            // ruleid: csharp.dotnet.ldap-injection
            searcher2.Filter = $"(mail={Request.Query["mail"]})";
            searcher2.FindAll();
            return View(result);
        }

        public IActionResult SafeLookup(string user)
        {
            var root = new DirectoryEntry("LDAP://dc=corp,dc=example,dc=com");
            var searcher = new DirectorySearcher(root);
            // ok: csharp.dotnet.ldap-injection
            searcher.Filter = "(&(objectClass=user)(sAMAccountName=" + Encoder.LdapFilterEncode(user) + "))";
            // ok: csharp.dotnet.ldap-injection
            var all = new DirectorySearcher(root, "(objectClass=group)");
            return View(searcher.FindOne());
        }
    }
}

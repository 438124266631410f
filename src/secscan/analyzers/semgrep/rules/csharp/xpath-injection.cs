using System.Xml;
using System.Xml.Linq;
using System.Xml.XPath;
using Microsoft.AspNetCore.Mvc;

namespace Catalog.Controllers
{
    public class AuthController : Controller
    {
        private readonly XmlDocument _users;

        public IActionResult Login(string user, string password)
        {
            // ruleid: csharp.dotnet.xpath-injection
            var node = _users.SelectSingleNode("//user[name='" + user + "' and password='" + password + "']");
            return node == null ? Unauthorized() : Ok();
        }

        public IActionResult Books()
        {
            var author = Request.Query["author"];
            // ruleid: csharp.dotnet.xpath-injection
            var nodes = _users.SelectNodes($"//book[author='{author}']");
            XPathNavigator nav = _users.CreateNavigator();
            // ruleid: csharp.dotnet.xpath-injection
            var count = nav.Evaluate("count(//book[@genre='" + author + "'])");
            return Ok(nodes.Count);
        }

        public IActionResult Page(string title, int index)
        {
            // ok: csharp.dotnet.xpath-injection
            var all = _users.SelectNodes("//book");
            // ok: csharp.dotnet.xpath-injection
            var nth = _users.SelectSingleNode("//book[" + index + "]");
            // ok: csharp.dotnet.xpath-injection
            var byId = _users.SelectSingleNode("//book[@id=" + int.Parse(title) + "]");
            return Ok();
        }
    }
}

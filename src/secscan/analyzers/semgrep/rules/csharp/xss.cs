using System.Net;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;

namespace Blog.Controllers
{
    public class SearchController : Controller
    {
        public IActionResult Index(string q)
        {
            // ruleid: csharp.aspnet.xss
            ViewBag.Banner = new HtmlString("<h2>Results for " + q + "</h2>");
            // ok: csharp.aspnet.xss
            ViewBag.Title = "Results for " + q;
            return View();
        }

        public IActionResult Legacy()
        {
            var name = Request.Query["name"];
            // ruleid: csharp.aspnet.xss
            return Content("<p>Hello " + name + "</p>", "text/html");
        }

        public IActionResult Plain()
        {
            var name = Request.Query["name"];
            // ok: csharp.aspnet.xss
            return Content("Hello " + name);
        }

        public async Task Echo()
        {
            string msg = Request.Form["message"];
            // ruleid: csharp.aspnet.xss
            await Response.WriteAsync("<div>" + msg + "</div>");

            // ok: csharp.aspnet.xss
            await Response.WriteAsync("<div>" + HtmlEncoder.Default.Encode(msg) + "</div>");

            // ok: csharp.aspnet.xss
            await Response.WriteAsync("<div>" + WebUtility.HtmlEncode(msg) + "</div>");
        }

        public IActionResult Profile(string bio)
        {
            // ruleid: csharp.aspnet.xss
            var html = Html.Raw(bio);
            // ok: csharp.aspnet.xss
            var header = Html.Raw("<hr/>");
            return View(html);
        }
    }
}

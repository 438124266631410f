using System.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.CookiePolicy;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Web.Controllers
{
    public class SessionController : Controller
    {
        public IActionResult Start(string user)
        {
            // ruleid: csharp.aspnet.cookie-without-httponly-flag
            Response.Cookies.Append("sid", user, new CookieOptions { Secure = true, HttpOnly = false });

            // ok: csharp.aspnet.cookie-without-httponly-flag
            Response.Cookies.Append("sid2", user, new CookieOptions { Secure = true, HttpOnly = true });
            return Ok();
        }
    }

    public class LegacyAuth
    {
        public HttpCookie Issue(string ticket)
        {
            var cookie = new HttpCookie(".AUTH", ticket);
            // ruleid: csharp.aspnet.cookie-without-httponly-flag
            cookie.HttpOnly = false;
            // ok: csharp.aspnet.cookie-without-httponly-flag
            cookie.Secure = true;
            return cookie;
        }

        public void Policy(CookiePolicyOptions options)
        {
            // ruleid: csharp.aspnet.cookie-without-httponly-flag
            options.HttpOnly = HttpOnlyPolicy.None;
            // ok: csharp.aspnet.cookie-without-httponly-flag
            options.HttpOnly = HttpOnlyPolicy.Always;
        }
    }
}

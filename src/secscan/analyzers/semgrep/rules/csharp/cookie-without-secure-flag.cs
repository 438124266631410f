using System;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace Web.Controllers
{
    public class PreferencesController : Controller
    {
        public IActionResult Save(string theme)
        {
            // ruleid: csharp.aspnet.cookie-without-secure-flag
            Response.Cookies.Append("session_hint", theme, new CookieOptions { HttpOnly = true, Secure = false });

            var options = new CookieOptions();
            // ruleid: csharp.aspnet.cookie-without-secure-flag
            options.Secure = false;
            Response.Cookies.Append("theme", theme, options);

            // ok: csharp.aspnet.cookie-without-secure-flag
            Response.Cookies.Append("auth", theme, new CookieOptions { HttpOnly = true, Secure = true, SameSite = SameSiteMode.Strict });
            return Ok();
        }
    }

    public static class CookieSetup
    {
        public static void Configure(IServiceCollection services)
        {
            services.ConfigureApplicationCookie(o =>
            {
                // ruleid: csharp.aspnet.cookie-without-secure-flag
                o.Cookie.SecurePolicy = CookieSecurePolicy.None;
            });
            services.AddAntiforgery(o =>
            {
                // ok: csharp.aspnet.cookie-without-secure-flag
                o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            });
            var smtp = new SmtpSettings();
            // ok: csharp.aspnet.cookie-without-secure-flag
            smtp.Secure = false;
        }
    }
}

using Microsoft.AspNetCore.Mvc;

namespace Identity.Controllers
{
    public class AccountController : Controller
    {
        [HttpPost]
        public IActionResult Login(LoginModel model, string returnUrl)
        {
            if (!ModelState.IsValid)
            {
                return View(model);
            }
            // ruleid: csharp.aspnet.open-redirect
            return Redirect(returnUrl);
        }

        public IActionResult Logout()
        {
            string next = Request.Query["next"];
            // ruleid: csharp.aspnet.open-redirect
            return new RedirectResult(next);
        }

        public IActionResult Continue(string target)
        {
            // ruleid: csharp.aspnet.open-redirect
            return RedirectPermanent("https://" + target);
        }

        public IActionResult SafeLogin(string returnUrl)
        {
            if (Url.IsLocalUrl(returnUrl))
            {
                // ok: csharp.aspnet.open-redirect
                return Redirect(returnUrl);
            }
            // ok: csharp.aspnet.open-redirect
            return LocalRedirect(returnUrl);
        }

        public IActionResult SafeNext(string id)
        {
            // ok: csharp.aspnet.open-redirect
            return Redirect("/orders/" + id);
        }

        public IActionResult Home()
        {
            // ok: csharp.aspnet.open-redirect
            return Redirect("/");
        }
    }
}

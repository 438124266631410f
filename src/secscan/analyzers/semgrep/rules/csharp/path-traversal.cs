using System.IO;
using Microsoft.AspNetCore.Mvc;

namespace Docs.Controllers
{
    public class DownloadsController : Controller
    {
        private const string BaseDir = "/var/app/files";

        public IActionResult Get(string name)
        {
            var path = Path.Combine(BaseDir, name);
            // ruleid: csharp.dotnet.path-traversal
            var bytes = System.IO.File.ReadAllBytes(path);
            return File(bytes, "application/octet-stream");
        }

        public IActionResult Preview()
        {
            string file = Request.Query["file"];
            // ruleid: csharp.dotnet.path-traversal
            var text = System.IO.File.ReadAllText("/var/app/previews/" + file);
            // ruleid: csharp.dotnet.path-traversal
            using (var stream = new FileStream(Path.Combine(BaseDir, file), FileMode.Open))
            {
            }
            return Content(text);
        }

        [HttpPost]
        public IActionResult Remove(string name)
        {
            // ruleid: csharp.dotnet.path-traversal
            System.IO.File.Delete(Path.Combine(BaseDir, name));
            return Ok();
        }

        public IActionResult Safe(string name)
        {
            var fileName = Path.GetFileName(name);
            // ok: csharp.dotnet.path-traversal
            var bytes = System.IO.File.ReadAllBytes(Path.Combine(BaseDir, fileName));

            var full = Path.GetFullPath(Path.Combine(BaseDir, name));
            if (!full.StartsWith(BaseDir + Path.DirectorySeparatorChar))
            {
                return BadRequest();
            }
            // ok: csharp.dotnet.path-traversal
            var text = System.IO.File.ReadAllText(full);

            // ok: csharp.dotnet.path-traversal
            var log = System.IO.File.ReadAllText(Path.Combine(BaseDir, "audit.log"));
            return Content(text);
        }
    }
}

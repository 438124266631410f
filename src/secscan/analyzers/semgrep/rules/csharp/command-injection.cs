using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Ops.Controllers
{
    [ApiController]
    [Route("api/[controller]")]
    public class DiagnosticsController : ControllerBase
    {
        [HttpGet("ping")]
        public IActionResult Ping([FromQuery] string host)
        {
            // ruleid: csharp.dotnet.command-injection
            var p = Process.Start("ping", "-c 1 " + host);
            p.WaitForExit();

            var psi = new ProcessStartInfo("/usr/bin/nslookup");
            // ruleid: csharp.dotnet.command-injection
            psi.Arguments = $"{host} 8.8.8.8";
            Process.Start(psi);
            return Ok();
        }

        [HttpPost("convert")]
        public IActionResult Convert(string format)
        {
            var info = new ProcessStartInfo
            {
                FileName = "convert",
                // ruleid: csharp.dotnet.command-injection
                Arguments = "input.png output." + format,
                UseShellExecute = false,
            };
            Process.Start(info);

            // ruleid: csharp.dotnet.command-injection
            Process.Start(Request.Query["tool"]);
            return Ok();
        }

        [HttpGet("trace")]
        public IActionResult Trace(string host, int hops)
        {
            var psi = new ProcessStartInfo("traceroute") { UseShellExecute = false };
            // ok: csharp.dotnet.command-injection
            psi.ArgumentList.Add(host);
            // ok: csharp.dotnet.command-injection
            psi.Arguments = "-m " + hops;
            Process.Start(psi);

            // ok: csharp.dotnet.command-injection
            Process.Start("uptime");

            // ok: csharp.dotnet.command-injection
            var p2 = Process.Start("ping", "-c " + int.Parse(Request.Query["count"]) + " localhost");
            return Ok();
        }
    }
}

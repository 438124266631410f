using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Mvc;

namespace Preview.Controllers
{
    [ApiController]
    public class LinkPreviewController : ControllerBase
    {
        private readonly HttpClient _http;
        private readonly IHttpClientFactory _factory;
        private readonly IOrderRepository _orders;

        [HttpGet("preview")]
        public async Task<IActionResult> Preview(string url)
        {
            // ruleid: csharp.dotnet.ssrf
            var html = await _http.GetStringAsync(url);
            return Ok(html);
        }

        [HttpPost("webhook/test")]
        public async Task<IActionResult> TestWebhook([FromBody] WebhookModel model)
        {
            var client = _factory.CreateClient();
            // ruleid: csharp.dotnet.ssrf
            var resp = await client.PostAsync(model.CallbackUrl, new StringContent("{}"));
            // ruleid: csharp.dotnet.ssrf
            var req = WebRequest.Create(Request.Query["feed"]);
            return Ok(resp.StatusCode);
        }

        [HttpGet("weather")]
        public async Task<IActionResult> Weather(string city)
        {
            // ok: csharp.dotnet.ssrf
            var data = await _http.GetStringAsync("https://api.weather.example.com/v1?q=" + Uri.EscapeDataString(city));
            // ok: csharp.dotnet.ssrf
            var other = await _http.GetStringAsync("https://api.weather.example.com/v1/cities/" + city);
            // ok: csharp.dotnet.ssrf
            var order = await _orders.GetAsync(city);
            // ok: csharp.dotnet.ssrf
            var status = await _http.GetAsync("https://status.example.com/health");
            return Ok(data);
        }
    }
}

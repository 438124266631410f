using System.Net;
using System.Net.Http;
using System.Net.Security;

namespace Integrations
{
    public class PartnerClient
    {
        public void Init()
        {
            // ruleid: csharp.dotnet.certificate-validation-disabled
            ServicePointManager.ServerCertificateValidationCallback = (sender, cert, chain, errors) => true;

            // ruleid: csharp.dotnet.certificate-validation-disabled
            ServicePointManager.ServerCertificateValidationCallback += delegate { return true; };
        }

        public HttpClient Create()
        {
            var handler = new HttpClientHandler
            {
                // ruleid: csharp.dotnet.certificate-validation-disabled
                ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
            };
            var handler2 = new HttpClientHandler();
            // ruleid: csharp.dotnet.certificate-validation-disabled
            handler2.ServerCertificateCustomValidationCallback = (msg, cert, chain, errors) => { return true; };
            return new HttpClient(handler);
        }

        public HttpClient CreatePinned(string thumbprint)
        {
            var handler = new HttpClientHandler();
            // ok: csharp.dotnet.certificate-validation-disabled
            handler.ServerCertificateCustomValidationCallback = (msg, cert, chain, errors) =>
                errors == SslPolicyErrors.None || cert.GetCertHashString() == thumbprint;
            // ok: csharp.dotnet.certificate-validation-disabled
            return new HttpClient(new HttpClientHandler());
        }
    }
}

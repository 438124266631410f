using System.Security.Cryptography;
using System.Text;

namespace Accounts.Services
{
    public class PasswordService
    {
        public string LegacyHash(string password)
        {
            // ruleid: csharp.dotnet.weak-hash
            using (var md5 = MD5.Create())
            {
                return Convert.ToBase64String(md5.ComputeHash(Encoding.UTF8.GetBytes(password)));
            }
        }

        public byte[] Fingerprint(byte[] data)
        {
            // ruleid: csharp.dotnet.weak-hash
            var sha1 = new SHA1CryptoServiceProvider();
            return sha1.ComputeHash(data);
        }

        public byte[] Quick(byte[] data)
        {
            // ruleid: csharp.dotnet.weak-hash
            var alg = HashAlgorithm.Create("MD5");
            // ruleid: csharp.dotnet.weak-hash
            return SHA1.HashData(data);
        }

        public byte[] Checksum(byte[] data)
        {
            // ok: csharp.dotnet.weak-hash
            using (var sha = SHA256.Create())
            {
                return sha.ComputeHash(data);
            }
        }

        public byte[] Derive(string password, byte[] salt)
        {
            // ok: csharp.dotnet.weak-hash
            return Rfc2898DeriveBytes.Pbkdf2(password, salt, 600000, HashAlgorithmName.SHA256, 32);
        }
    }
}

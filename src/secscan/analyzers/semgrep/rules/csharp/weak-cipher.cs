using System.Security.Cryptography;

namespace Legacy.Crypto
{
    public class TokenProtector
    {
        public ICryptoTransform Encryptor(byte[] key, byte[] iv)
        {
            // ruleid: csharp.dotnet.weak-cipher
            var des = DES.Create();
            return des.CreateEncryptor(key, iv);
        }

        public ICryptoTransform LegacyEncryptor(byte[] key, byte[] iv)
        {
            // ruleid: csharp.dotnet.weak-cipher
            using (var tdes = new TripleDESCryptoServiceProvider())
            {
                return tdes.CreateEncryptor(key, iv);
            }
        }

        public SymmetricAlgorithm Old()
        {
            // ruleid: csharp.dotnet.weak-cipher
            return new RC2CryptoServiceProvider();
        }

        public ICryptoTransform ModernEncryptor(byte[] key, byte[] iv)
        {
            // ok: csharp.dotnet.weak-cipher
            var aes = Aes.Create();
            return aes.CreateEncryptor(key, iv);
        }

        public AesGcm Gcm(byte[] key)
        {
            // ok: csharp.dotnet.weak-cipher
            return new AesGcm(key, 16);
        }
    }
}

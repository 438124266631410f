using System.Security.Cryptography;

namespace Legacy.Crypto
{
    public class CardVault
    {
        public byte[] Encrypt(byte[] key, byte[] data)
        {
            using (var aes = Aes.Create())
            {
                aes.Key = key;
                // ruleid: csharp.dotnet.ecb-mode
                aes.Mode = CipherMode.ECB;
                return aes.CreateEncryptor().TransformFinalBlock(data, 0, data.Length);
            }
        }

        public byte[] EncryptNet6(Aes aes, byte[] data)
        {
            // ruleid: csharp.dotnet.ecb-mode
            return aes.EncryptEcb(data, PaddingMode.PKCS7);
        }

        public byte[] EncryptCbc(byte[] key, byte[] iv, byte[] data)
        {
            using (var aes = Aes.Create())
            {
                aes.Key = key;
                // ok: csharp.dotnet.ecb-mode
                aes.Mode = CipherMode.CBC;
                // ok: csharp.dotnet.ecb-mode
                return aes.EncryptCbc(data, iv);
            }
        }
    }
}

namespace Legacy.Audit
{
    public class CipherAudit
    {
        public bool IsWeak(System.Security.Cryptography.SymmetricAlgorithm alg)
        {
            // ok: csharp.dotnet.ecb-mode
            return alg.Mode == System.Security.Cryptography.CipherMode.ECB;
        }

        public System.Security.Cryptography.Aes Make()
        {
            // ruleid: csharp.dotnet.ecb-mode
            return new System.Security.Cryptography.AesManaged { Mode = System.Security.Cryptography.CipherMode.ECB };
        }
    }
}

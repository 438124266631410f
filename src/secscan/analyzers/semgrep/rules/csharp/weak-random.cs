using System;
using System.Linq;
using System.Security.Cryptography;

namespace Accounts.Services
{
    public class TokenService
    {
        private static readonly Random Rng = new Random();
        private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

        public string CreateResetToken()
        {
            var buffer = new byte[32];
            // ruleid: csharp.dotnet.weak-random
            new Random().NextBytes(buffer);
            return Convert.ToBase64String(buffer);
        }

        public void IssueOtp(User user)
        {
            var rnd = new Random();
            // ruleid: csharp.dotnet.weak-random
            user.OtpCode = rnd.Next(100000, 999999).ToString();
            // ruleid: csharp.dotnet.weak-random
            var sessionId = Random.Shared.NextInt64().ToString("x");
        }

        public string ShuffleQuestions(string[] questions)
        {
            var rnd = new Random();
            // ok: csharp.dotnet.weak-random
            var index = rnd.Next(questions.Length);
            return questions[index];
        }

        public string CreateApiKey()
        {
            // ok: csharp.dotnet.weak-random
            return Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        }

        public TimeSpan Jitter()
        {
            // ok: csharp.dotnet.weak-random
            return TimeSpan.FromMilliseconds(Random.Shared.Next(0, 250));
        }
    }
}

using System.IO;
using System.Runtime.Serialization;
using System.Runtime.Serialization.Formatters.Binary;
using System.Text.Json;
using Newtonsoft.Json;

namespace Cache.Services
{
    public class SessionStore
    {
        public object Restore(byte[] blob)
        {
            var formatter = new BinaryFormatter();
            using (var ms = new MemoryStream(blob))
            {
                // ruleid: csharp.dotnet.insecure-deserialization
                return formatter.Deserialize(ms);
            }
        }

        public object RestoreNdc(Stream stream)
        {
            var serializer = new NetDataContractSerializer();
            // ruleid: csharp.dotnet.insecure-deserialization
            return serializer.ReadObject(stream);
        }

        public Cart ParseCart(string json)
        {
            var settings = new JsonSerializerSettings
            {
                // ruleid: csharp.dotnet.insecure-deserialization
                TypeNameHandling = TypeNameHandling.Auto,
            };
            return JsonConvert.DeserializeObject<Cart>(json, settings);
        }

        public Cart ParseCartSafe(string json)
        {
            var settings = new JsonSerializerSettings
            {
                // ok: csharp.dotnet.insecure-deserialization
                TypeNameHandling = TypeNameHandling.None,
            };
            // ok: csharp.dotnet.insecure-deserialization
            var cart = JsonConvert.DeserializeObject<Cart>(json, settings);
            // ok: csharp.dotnet.insecure-deserialization
            return System.Text.Json.JsonSerializer.Deserialize<Cart>(json);
        }

        public object ReadContract(Stream stream)
        {
            var serializer = new DataContractSerializer(typeof(Cart));
            // ok: csharp.dotnet.insecure-deserialization
            return serializer.ReadObject(stream);
        }
    }
}
